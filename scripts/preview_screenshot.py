"""Regenerate docs/preview-browser.png: ``briefing preview`` of the sample in headless Chromium,
just after a save that broke it (the browser tests' own tools; needs the test extra and
Debian's chromium and chromium-driver). Look at the picture before committing it.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from selenium.webdriver.support.wait import WebDriverWait

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser import chromium, serving  # noqa: E402

OUT = ROOT / "docs" / "preview-browser.png"
WIDTH = 1360  # CSS pixels
TYPO = ("title: Niger", "titel: Niger")  # a misspelt key: one located error


def main() -> None:
    """Serve a copy of the sample, open it, break it, and take the picture."""
    with tempfile.TemporaryDirectory() as folder, chromium() as browser:
        os.chdir(folder)  # so the problems name content.yaml, as a writer's terminal would
        content = Path("content.yaml")
        shutil.copy(ROOT / "content.yaml", content)
        text = content.read_text(encoding="utf-8")
        assert TYPO[0] in text, "the sample's title line changed: update TYPO"
        wait = WebDriverWait(browser, 60, poll_frequency=0.05)
        with serving(content) as url:
            browser.set_window_size(WIDTH, 1000)
            browser.get(url)
            wait.until(
                lambda b: b.execute_script('return document.getElementById("page").naturalWidth')
            )
            content.write_text(text.replace(*TYPO), encoding="utf-8")
            dimmed = 'return getComputedStyle(document.getElementById("page")).opacity < 0.4'
            wait.until(lambda b: b.execute_script(dimmed))
            height = browser.execute_script("return document.documentElement.scrollHeight")
            browser.execute_cdp_cmd(  # a window as tall as the page: all of it in the picture
                "Emulation.setDeviceMetricsOverride",
                {"width": WIDTH, "height": height, "deviceScaleFactor": 1, "mobile": False},
            )
            browser.save_screenshot(str(OUT))
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
