"""Write briefing/sRGB.icc, the output intent's colour profile of every PDF (PDF/A).

    python scripts/make_srgb_profile.py

The profile is LittleCMS's built-in sRGB, made through Pillow's ImageCms. It is shipped rather
than made at each build so that builds need no Pillow import and stay byte-identical (a made
profile carries the time it was made).
"""

from __future__ import annotations

from pathlib import Path

from PIL import ImageCms

OUT = Path(__file__).resolve().parent.parent / "briefing" / "sRGB.icc"


def main() -> None:
    """Make the profile and write it."""
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))
    OUT.write_bytes(profile.tobytes())
    print(f"wrote {OUT} ({ImageCms.getProfileDescription(profile).strip()})")


if __name__ == "__main__":
    main()
