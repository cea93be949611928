"""Photos and logos with embedded ICC profiles: their colours reach the page (sRGB, its output
intent) through the profile, as their printer or camera meant them, and the PDF stays PDF/A."""

from __future__ import annotations

import io
import struct
from collections.abc import Callable
from pathlib import Path

import page
import pikepdf
import pytest
from pikepdf import PdfImage
from PIL import Image, ImageCms

from ..conftest import MINIMAL, run

Colour = tuple[int, int, int]


def swapped(c: int, m: int, y: int, k: int) -> Colour:
    """A printer that prints cyan ink yellow and yellow cyan: far from a plain conversion."""
    return (
        round(255 * (1 - y) * (1 - k)),
        round(255 * (1 - m) * (1 - k)),
        round(255 * (1 - c) * (1 - k)),
    )


def _fixed(value: float) -> bytes:
    return struct.pack(">i", round(value * 65536))


def _lab(colour: Colour) -> bytes:
    """An sRGB colour in CIELAB, 8 bits a channel as an ICC lut8 holds it."""
    pixel = Image.new("RGB", (1, 1), colour)
    lab = ImageCms.profileToProfile(
        pixel, ImageCms.createProfile("sRGB"), ImageCms.createProfile("LAB"), outputMode="LAB"
    )
    return bytes(lab.getpixel((0, 0)))


def _icc(kind: bytes, tags: list[tuple[bytes, bytes]]) -> bytes:
    """An ICC 2.1 profile of ``kind`` (its class, colour space and connection space) holding
    ``tags`` and a description, a white point and a copyright."""
    text = b"A profile for a test\0"
    d50 = _fixed(0.9642) + _fixed(1.0) + _fixed(0.8249)
    tags = [
        (b"desc", b"desc" + bytes(4) + struct.pack(">I", len(text)) + text + bytes(79)),
        (b"wtpt", b"XYZ " + bytes(4) + d50),
        (b"cprt", b"text" + bytes(4) + b"none\0"),
        *tags,
    ]
    offset = 128 + 4 + 12 * len(tags)
    table, data = struct.pack(">I", len(tags)), b""
    for signature, body in tags:
        body += bytes(-len(body) % 4)
        table += signature + struct.pack(">II", offset + len(data), len(body))
        data += body
    size = struct.pack(">I", offset + len(data))
    header = size + bytes(4) + bytes([2, 0x10, 0, 0]) + kind + bytes(12) + b"acsp" + bytes(28)
    return header + d50 + bytes(48) + table + data


def cmyk_profile(colour: Callable[[int, int, int, int], Colour]) -> bytes:
    """A CMYK printer profile (one lut8 A2B0 table) that prints each corner of CMYK (each ink
    0 or 1) as ``colour`` of it, and what is between them in between."""
    ink = range(2)
    clut = b"".join(_lab(colour(c, m, y, k)) for c in ink for m in ink for y in ink for k in ink)
    ramp = bytes(range(256))
    identity = b"".join(_fixed(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1))
    lut = b"mft1" + bytes(4) + bytes([4, 3, 2, 0]) + identity + ramp * 4 + clut + ramp * 3
    return _icc(b"prtrCMYKLab ", [(b"A2B0", lut)])


def linear_rgb_profile() -> bytes:
    """An RGB profile with sRGB's primaries and no gamma (a linear space): its 120 is sRGB's
    about 188."""
    primaries = {b"rXYZ": (0.4361, 0.2225, 0.0139), b"gXYZ": (0.3851, 0.7169, 0.0971)}
    primaries[b"bXYZ"] = (0.1431, 0.0606, 0.7141)
    tags = [
        (name, b"XYZ " + bytes(4) + b"".join(map(_fixed, xyz))) for name, xyz in primaries.items()
    ]
    linear = b"curv" + bytes(4) + struct.pack(">I", 0)  # no points: the identity
    tags += [(name, linear) for name in (b"rTRC", b"gTRC", b"bTRC")]
    return _icc(b"mntrRGB XYZ ", tags)


def _near(found: Colour, wanted: Colour, within: int = 24) -> bool:
    return all(abs(a - b) <= within for a, b in zip(found, wanted, strict=True))


def _images(pdf: Path) -> list[Image.Image]:
    """The page's images, decoded as RGB, largest first."""
    with pikepdf.open(pdf) as document:
        found = [
            PdfImage(image).as_pil_image().convert("RGB")
            for image in document.pages[0].Resources.XObject.values()
            if image.get("/Subtype") == "/Image"
        ]
    return sorted(found, key=lambda image: -image.width)


def test_a_cmyk_photo_and_logo_print_in_the_colours_of_their_profile(tmp_path: Path) -> None:
    profile = cmyk_profile(swapped)
    cyan = Image.new("CMYK", (1200, 800), (255, 0, 0, 0))
    cyan.save(tmp_path / "photo.jpg", quality=95, icc_profile=profile)
    cyan.resize((200, 100)).save(tmp_path / "logo.jpg", quality=95, icc_profile=profile)
    by_profile = ImageCms.profileToProfile(
        cyan.crop((0, 0, 1, 1)),
        ImageCms.ImageCmsProfile(io.BytesIO(profile)),
        ImageCms.createProfile("sRGB"),
        outputMode="RGB",
    ).getpixel((0, 0))
    assert _near(by_profile, (255, 255, 0), 8)  # the profile prints cyan ink as yellow
    assert cyan.convert("RGB").getpixel((0, 0)) == (0, 255, 255)  # as if it had none
    sheet = MINIMAL + (
        "    blocks:\n      - photo:\n          file: photo.jpg\n          alt: A field\n"
        "logo:\n  file: logo.jpg\n  alt: A seal\n"
    )
    (tmp_path / "content.yaml").write_text(sheet, encoding="utf-8")
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    photo, logo = _images(tmp_path / "content.pdf")
    for image in (photo, logo):
        assert _near(image.getpixel((image.width // 2, image.height // 2)), by_profile)
    for profile_name in ("2a", "ua1"):  # no DeviceCMYK on a page whose output intent is RGB
        assert page.validate_pdf(tmp_path / "content.pdf", profile=profile_name).failures == []


@pytest.mark.parametrize("profile", [b"not a profile", cmyk_profile(swapped)[:200]])
def test_a_photo_with_a_broken_profile_is_converted_plainly(tmp_path: Path, profile: bytes) -> None:
    Image.new("CMYK", (900, 600), (255, 0, 0, 0)).save(
        tmp_path / "photo.jpg", quality=95, icc_profile=profile
    )
    sheet = (
        MINIMAL + "    blocks:\n      - photo:\n          file: photo.jpg\n          alt: A field\n"
    )
    (tmp_path / "content.yaml").write_text(sheet, encoding="utf-8")
    built = run("build", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    (photo,) = _images(tmp_path / "content.pdf")
    assert _near(photo.getpixel((450, 300)), (0, 255, 255))


def test_an_rgb_photo_in_another_space_is_brought_to_srgb(tmp_path: Path) -> None:
    """An RGB photo tagged with a profile of its own space (here a linear one, as a stand-in for
    Adobe RGB or Display P3) is converted through it, not printed as if its numbers were
    sRGB's."""
    linear = linear_rgb_profile()
    grey = Image.new("RGB", (900, 600), (120, 120, 120))
    grey.save(tmp_path / "photo.png", icc_profile=linear)
    sheet = (
        MINIMAL + "    blocks:\n      - photo:\n          file: photo.png\n          alt: A field\n"
    )
    (tmp_path / "content.yaml").write_text(sheet, encoding="utf-8")
    assert run("build", cwd=tmp_path).returncode == 0
    (photo,) = _images(tmp_path / "content.pdf")
    assert _near(photo.getpixel((450, 300)), (188, 188, 188), 8)
