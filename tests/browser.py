"""A live preview served in this process, and a headless Chromium to look at it.

The browser is Debian's ``chromium`` with its ``chromedriver`` (``.ci/run`` installs both),
driven by Selenium; nothing is downloaded. Without them the browser tests are skipped, with the
reason, unless ``BRIEFING_BROWSER_TESTS=required`` (as CI sets it) makes that a failure.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from briefing.commands.live import preview

WINDOW = (1400, 1000)  # CSS pixels: the sheet and the panel beside it


@contextlib.contextmanager
def serving(content: Path, output: Path | None = None) -> Iterator[str]:
    """Serve the preview of ``content`` at a free port of 127.0.0.1; yield its address and
    stop it on the way out, whatever happened."""
    addresses: queue.Queue[str | BaseException] = queue.Queue()
    done = threading.Event()

    def serve() -> None:
        try:
            preview(content, output, port=0, ready=addresses.put, stop=done.is_set)
        except BaseException as error:  # noqa: BLE001 - raised in the test, not lost here
            addresses.put(error)

    thread = threading.Thread(target=serve, name="test preview", daemon=True)
    thread.start()
    try:
        address = addresses.get(timeout=60)
        if isinstance(address, BaseException):
            raise address
        yield address
    finally:
        done.set()
        thread.join(timeout=60)
        assert not thread.is_alive(), "the preview did not stop"
    if not addresses.empty():  # the preview failed while the test ran
        failure = addresses.get()
        assert isinstance(failure, BaseException)
        raise failure


@contextlib.contextmanager
def chromium() -> Iterator[webdriver.Chrome]:
    """A headless Chromium, quit on the way out."""
    browser, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (browser and driver):
        reason = "the browser tests need Chromium and its chromedriver (Debian's chromium and "
        reason += "chromium-driver), and this machine has not both"
        if os.environ.get("BRIEFING_BROWSER_TESTS") == "required":  # CI: a skip is a failure
            pytest.fail(f"{reason}; BRIEFING_BROWSER_TESTS=required")
        pytest.skip(reason)
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for argument in (
        "--headless=new",
        "--no-sandbox",  # run as root, as CI does
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-proxy-server",
        "--no-first-run",
        "--disable-extensions",
        "--force-device-scale-factor=1",
        f"--window-size={WINDOW[0]},{WINDOW[1]}",
    ):
        options.add_argument(argument)
    session = webdriver.Chrome(service=Service(driver), options=options)
    try:
        session.set_page_load_timeout(60)
        yield session
    finally:
        session.quit()
