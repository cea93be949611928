"""briefing preview: the endpoints over plain HTTP, the command, and the page in a real browser."""

from __future__ import annotations

import http.client
import io
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image
from selenium import webdriver

from briefing.commands import live
from briefing.pipeline import make

from .. import browser as browser_tests
from ..browser import chromium, serving
from ..conftest import FIT_MESSAGES, MINIMAL, ROOT, run
from .test_commands import wait_for

BROKEN = MINIMAL.replace("title: Testland", "titel: Testland") + "    colour: red\n"  # 2 errors
WARNED = MINIMAL + "  - heading: Empty\n"  # a section with no text: a writer's warning


class Answer:
    """One HTTP answer: its status, headers and body."""

    def __init__(self, response: http.client.HTTPResponse) -> None:
        self.status, self.headers, self.body = response.status, response.headers, response.read()


def request(url: str, path: str, host: str | None = None, method: str = "GET") -> Answer:
    """Send ``path`` exactly as given (no tidying of ``..``), with ``host`` as the Host header
    (default: the server's address; empty: none)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=30)
    try:
        connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
        if host != "":
            connection.putheader("Host", host or parts.netloc)
        connection.endheaders()
        return Answer(connection.getresponse())
    finally:
        connection.close()


class Events:
    """The ``/events`` stream, read one event at a time."""

    def __init__(self, url: str) -> None:
        parts = urlsplit(url)
        self.connection = http.client.HTTPConnection(str(parts.hostname), parts.port, timeout=30)
        self.connection.request("GET", "/events")
        self.response = self.connection.getresponse()
        assert self.response.status == 200
        assert self.response.headers["Content-Type"] == "text/event-stream"

    def next(self) -> tuple[str, dict[str, Any]]:
        """The next event's name and data, keep-alive comments skipped."""
        name, data = "", ""
        while True:
            line = self.response.readline().decode()
            assert line, "the stream ended"
            if line.startswith("event: "):
                name = line[7:].strip()
            elif line.startswith("data: "):
                data = line[6:].strip()
            elif line == "\n" and name:
                return name, json.loads(data)

    def close(self) -> None:
        """Hang up."""
        self.connection.close()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A small content file alone in its folder."""
    path = tmp_path / "content.yaml"
    path.write_text(MINIMAL, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One preview of a small content file, for the tests that only send it requests (a preview
    takes half a second to stop)."""
    content = tmp_path_factory.mktemp("served") / "content.yaml"
    content.write_text(MINIMAL, encoding="utf-8")
    with serving(content) as url:
        yield url


@pytest.fixture
def events(content: Path) -> Iterator[tuple[str, Events]]:
    """A preview of ``content`` and its event stream."""
    with serving(content) as url:
        stream = Events(url)
        try:
            yield url, stream
        finally:
            stream.close()


def test_the_endpoints_serve_the_page_and_the_last_good_build(content: Path) -> None:
    with serving(content) as url:
        wait_for(lambda: request(url, "/page.pdf").status == 200)
        page = request(url, "/")
        assert page.status == 200 and page.headers["Content-Type"] == "text/html; charset=utf-8"
        assert b"<title>content.yaml" in page.body and b'new EventSource("/events")' in page.body
        assert page.headers["Cache-Control"] == "no-store"
        assert "default-src 'none'" in page.headers["Content-Security-Policy"]
        pdf = request(url, "/page.pdf")
        assert pdf.headers["Content-Type"] == "application/pdf"
        assert pdf.body == make(content).pdf  # the real PDF, byte for byte
        assert "filename*=UTF-8''content.pdf" in pdf.headers["Content-Disposition"]
        image = request(url, "/page.png?build=7")
        assert image.headers["Content-Type"] == "image/png"
        assert Image.open(io.BytesIO(image.body)).size == (1224, 1584)  # Letter at 144 dpi
        head = request(url, "/page.pdf", method="HEAD")
        assert head.status == 200 and head.body == b""
        assert head.headers["Content-Length"] == str(len(pdf.body))
    assert os.listdir(content.parent) == ["content.yaml"]  # nothing written beside it


def test_events_tell_each_build_and_each_problem(content: Path, events: tuple[str, Events]) -> None:
    url, stream = events
    name, build = stream.next()
    assert name == "build" and build["paper"] == "letter"
    assert all(str(w["message"]).startswith(FIT_MESSAGES) for w in build["warnings"])
    assert str(build["fit"]).startswith("type at ")
    good = request(url, "/page.pdf").body

    content.write_text(BROKEN, encoding="utf-8")
    name, data = stream.next()
    assert name == "problems"
    problems = data["problems"]
    assert isinstance(problems, list)
    assert [(p["line"], p["column"], p["field"]) for p in problems] == [
        (2, 1, "titel"),
        (6, 5, "sections[0].colour"),
    ]
    typo = problems[0]
    assert {key: typo[key] for key in ("file", "line", "column", "severity", "field")} == {
        "file": str(content),
        "line": 2,
        "column": 1,
        "severity": "error",
        "field": "titel",
    }
    assert str(typo["message"]).startswith("unknown key 'titel'")
    assert typo["expected"] == "'title', the key nearest to it"
    assert typo["text"] == f"{content}:2:1: error: {typo['message']}; expected {typo['expected']}"
    assert request(url, "/page.pdf").body == good  # the last good build, still

    content.write_text(WARNED, encoding="utf-8")
    name, build = stream.next()
    assert name == "build" and build["page"] == 3
    assert [
        (w["severity"], w["message"], w["line"])
        for w in build["warnings"]
        if not str(w["message"]).startswith(FIT_MESSAGES)
    ] == [("warning", "the section 'Empty' has no text", 6)]
    assert request(url, "/page.pdf").body == make(content).pdf != good


def test_a_save_of_a_file_the_content_names_rebuilds_too(tmp_path: Path) -> None:
    """The content file names a house style; saving the style shows a new page."""
    style = tmp_path / "house.yaml"
    style.write_text("organization: House Office\n", encoding="utf-8")
    content = tmp_path / "sheet.yaml"
    content.write_text("style: house.yaml\n" + MINIMAL.split("\n", 1)[1], encoding="utf-8")
    with serving(content) as url:
        stream = Events(url)
        try:
            assert stream.next()[0] == "build"
            first = request(url, "/page.pdf").body
            style.write_text("organization: Renamed Office\n", encoding="utf-8")
            assert stream.next()[0] == "build"
        finally:
            stream.close()
        assert request(url, "/page.pdf").body == make(content).pdf != first
    assert sorted(os.listdir(tmp_path)) == ["house.yaml", "sheet.yaml"]


def test_a_quiet_stream_says_it_is_still_there(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A comment line every so often: a client that has gone is noticed, its thread ends."""
    monkeypatch.setattr(live, "KEEPALIVE_SECONDS", 0.05)
    with serving(content) as url:
        stream = Events(url)
        try:
            assert stream.next()[0] == "build"
            assert stream.response.readline() == b": still here\n"
        finally:
            stream.close()


def test_a_first_build_that_fails_has_no_page_yet(content: Path) -> None:
    content.write_text(BROKEN, encoding="utf-8")
    with serving(content) as url:
        stream = Events(url)
        try:
            assert stream.next()[0] == "problems"
        finally:
            stream.close()
        for path in ("/page.png", "/page.pdf"):
            answer = request(url, path)
            assert (answer.status, answer.body) == (404, b"no good build yet\n")


@pytest.mark.parametrize(
    "path",
    [
        "/../content.yaml",
        "/content.yaml",
        "/%2e%2e/content.yaml",
        "/page.png/../../content.yaml",
        "//content.yaml",
        "/page.pdf/",
        "/index.html",
        "/events/x",
    ],
)
def test_nothing_but_the_endpoints(served: str, path: str) -> None:
    answer = request(served, path)
    assert (answer.status, answer.body) == (404, b"not found\n")


def test_a_request_must_name_the_server(served: str) -> None:
    """A Host of another name is what a page that rebound its name to 127.0.0.1 sends."""
    port = int(str(urlsplit(served).port))
    statuses = {
        host: request(served, "/", host).status
        for host in (
            f"127.0.0.1:{port}",
            f"localhost:{port}",
            f"[::1]:{port}",
            f"evil.example:{port}",
            f"127.0.0.1.evil.example:{port}",
            "127.0.0.1",
            f"127.0.0.1:{port + 1}",
            "",
        )
    }
    assert request(served, "/page.pdf", f"rebound.example:{port}").body == b"unknown Host\n"
    for method in ("POST", "PUT", "DELETE", "OPTIONS", "BREW"):  # as the README says
        assert request(served, "/", method=method).body == b"not found\n", method
    assert list(statuses.values()) == [200, 200, 200, 400, 400, 400, 400, 400]


def test_an_output_gets_each_good_pdf_and_nothing_else_is_written(
    content: Path, tmp_path: Path
) -> None:
    output = tmp_path / "out" / "sheet.pdf"
    with serving(content, output) as url:
        wait_for(lambda: request(url, "/page.pdf").status == 200)
        assert output.read_bytes() == request(url, "/page.pdf").body
        assert request(url, "/page.pdf").headers["Content-Disposition"].endswith("content.pdf")
    assert sorted(os.listdir(tmp_path)) == ["content.yaml", "out"]
    assert os.listdir(tmp_path / "out") == ["sheet.pdf"]


def test_the_command_serves_opens_and_stops_on_ctrl_c(content: Path, tmp_path: Path) -> None:
    opener = tmp_path.parent / f"{tmp_path.name}-browser"  # the 'browser' --open runs
    opened = opener.with_suffix(".txt")
    opener.write_text(
        f"#!{sys.executable}\nimport sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n"
    )
    opener.chmod(0o755)
    log = opener.with_suffix(".log")
    with log.open("w") as out:
        command = subprocess.Popen(
            [sys.executable, "-m", "briefing", "preview", "--port", "0", "--open"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={**os.environ, "BROWSER": str(opener)},
        )
    try:
        wait_for(lambda: "updated the page (Letter, type at " in log.read_text())
        first = log.read_text().splitlines()[0]
        assert first.startswith("previewing content.yaml at http://127.0.0.1:")
        url = first.split(" at ")[1].split(" ")[0]
        assert request(url, "/").status == 200
        wait_for(lambda: opened.exists() and opened.read_text() == url)
    finally:
        command.send_signal(signal.SIGINT)
        try:
            code = command.wait(timeout=30)
        finally:
            command.kill()  # if Ctrl-C did not stop it, this test fails without leaving it
    assert code == 0 and "Traceback" not in log.read_text()
    assert os.listdir(tmp_path) == ["content.yaml"]


def test_a_port_in_use_is_refused_with_a_message(content: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("preview", "--port", str(port), cwd=content.parent)
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith(f"briefing: cannot serve at 127.0.0.1:{port}: ")
    assert "expected a free port (--port N, or 0 for any)" in result.stderr


def test_a_new_tab_while_a_save_is_broken_gets_the_last_page_then_the_problems(
    content: Path,
) -> None:
    with serving(content) as url:
        first = Events(url)
        try:
            assert first.next()[0] == "build"
            content.write_text(BROKEN, encoding="utf-8")
            assert first.next()[0] == "problems"
        finally:
            first.close()
        later = Events(url)  # a tab opened (or reloaded) now
        try:
            (name, build), (then, data) = later.next(), later.next()
        finally:
            later.close()
        assert (name, then) == ("build", "problems")
        assert request(url, f"/page.png?build={build['page']}").status == 200
        assert [p["line"] for p in data["problems"]] == [2, 6]


# In a real browser -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("missing", "said"),
    [
        ({"chromium"}, "chromium not found"),
        ({"chromedriver"}, "chromedriver not found"),
        ({"chromium", "chromedriver"}, "chromium and chromedriver not found"),
    ],
)
def test_without_the_browser_its_tests_skip_or_fail_where_it_is_required(
    monkeypatch: pytest.MonkeyPatch, missing: set[str], said: str
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None if name in missing else f"/bin/{name}")
    for value in (None, "", "0", "1"):
        if value is None:
            monkeypatch.delenv(browser_tests.REQUIRED, raising=False)
        else:
            monkeypatch.setenv(browser_tests.REQUIRED, value)
        with pytest.raises(pytest.skip.Exception, match=f"^{said}: the browser tests need"):
            browser_tests.programs()
    monkeypatch.setenv(browser_tests.REQUIRED, "required")
    with pytest.raises(pytest.fail.Exception, match=f"^{said}: .*BRIEFING_BROWSER_TESTS=required"):
        browser_tests.programs()
    monkeypatch.setattr(shutil, "which", lambda name: f"/bin/{name}")
    assert browser_tests.programs() == ("/bin/chromium", "/bin/chromedriver")


def test_ci_requires_the_browser_tests() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert f"export {browser_tests.REQUIRED}=required " in ci


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    """One headless Chromium for the module's tests."""
    with chromium() as session:
        yield session


_PAGE, _PROBLEMS = 'document.getElementById("page")', 'document.getElementById("problems")'
_STATE = """
const image = document.getElementById("page");
return {
    build: image.dataset.build || null,
    shown: !image.hidden && image.complete && image.naturalWidth,
    opacity: Number(getComputedStyle(image).opacity),
    problems: document.getElementById("problems").hidden ? null
        : document.getElementById("problems").innerText,
    fit: document.getElementById("fit").innerText,
};
"""


def state(browser: webdriver.Chrome) -> dict[str, Any]:
    """What the page shows: the build of its image, the problem panel, the fit line."""
    return browser.execute_script(_STATE)


def saved(content: Path, text: str, browser: webdriver.Chrome, condition: str) -> float:
    """Save ``text`` and return the seconds until the page's ``condition`` (JavaScript) holds."""
    content.write_text(text, encoding="utf-8")
    start = time.monotonic()
    wait_for(lambda: browser.execute_script(f"return {condition}"))
    return time.monotonic() - start


def test_the_page_follows_every_save_and_every_mistake(
    content: Path, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    with serving(content) as url:
        browser.get(url)
        wait_for(lambda: state(browser)["shown"])
        first = state(browser)
        assert first["shown"] == 1224 and str(first["fit"]).startswith("type at ")
        assert first["problems"] is None and first["opacity"] == 1
        before = browser.find_element("id", "page").screenshot_as_png

        edited = MINIMAL.replace("Testland", "Editland")
        seconds = saved(content, edited, browser, f"{_PAGE}.dataset.build != {first['build']}")
        assert seconds < 2, f"the new page took {seconds:.2f} s"
        good = state(browser)
        assert browser.find_element("id", "page").screenshot_as_png != before

        saved(content, BROKEN, browser, f"!{_PROBLEMS}.hidden && document.body.className")
        broken = state(browser)
        assert f"{content}:2:1: error: unknown key 'titel'" in str(broken["problems"])
        assert broken["build"] == good["build"] and broken["shown"] == 1224  # the old page
        wait_for(lambda: float(state(browser)["opacity"]) < 0.5)  # dimmed, once faded
        browser.save_screenshot(str(tmp_path / "broken.png"))

        saved(content, edited.replace("Editland", "Fixland"), browser, f"{_PROBLEMS}.hidden")
        wait_for(lambda: state(browser)["build"] != good["build"] and state(browser)["shown"])
        wait_for(lambda: state(browser)["opacity"] == 1)


def test_a_tab_opened_on_a_broken_save_shows_the_last_page_dimmed_and_no_broken_image(
    content: Path, browser: webdriver.Chrome
) -> None:
    content.write_text(BROKEN, encoding="utf-8")
    with serving(content) as url:
        browser.get(url)
        wait_for(lambda: state(browser)["problems"])
        assert browser.execute_script(f"return getComputedStyle({_PAGE}).display") == "none"
        assert "2 problems to fix" in browser.find_element("id", "status").text
        content.write_text(MINIMAL, encoding="utf-8")
        wait_for(lambda: state(browser)["shown"])
        content.write_text(BROKEN, encoding="utf-8")
        wait_for(lambda: state(browser)["problems"])
        browser.get(url)  # reloaded while the last save is broken
        wait_for(lambda: state(browser)["shown"] and state(browser)["problems"])
        wait_for(lambda: float(state(browser)["opacity"]) < 0.5)


def test_the_browser_reaches_no_file_and_no_rebound_name(
    served: str, browser: webdriver.Chrome
) -> None:
    browser.get(served + "../content.yaml")
    assert browser.find_element("tag name", "body").text == "not found"
    browser.get(served.replace("127.0.0.1", "rebound.localhost"))  # Chromium resolves it here
    assert browser.find_element("tag name", "body").text == "unknown Host"


def test_an_idle_connection_is_closed_and_its_thread_ends(
    content: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live.Handler, "timeout", 0.5)
    with (
        serving(content) as url,
        socket.create_connection(
            (str(urlsplit(url).hostname), int(str(urlsplit(url).port))), timeout=10
        ) as idle,
    ):
        idle.sendall(b"GET / HT")  # and nothing more
        start = time.perf_counter()
        assert idle.recv(100) == b""  # closed by the server
        assert time.perf_counter() - start < 5


def test_hang_ups_are_quiet_and_every_address_is_warned_of(content: Path, tmp_path: Path) -> None:
    log = tmp_path.parent / f"{tmp_path.name}-preview.log"
    with log.open("w") as out:
        command = subprocess.Popen(
            [sys.executable, "-m", "briefing", "preview", "--port", "0", "--host", "0.0.0.0"],
            cwd=tmp_path,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(lambda: "updated the page" in log.read_text())
        first, warning = log.read_text().splitlines()[:2]
        assert first.startswith("previewing content.yaml at http://127.0.0.1:")
        assert warning.startswith("briefing: warning: --host 0.0.0.0 serves the page to every ")
        port = int(first.split(":")[-1].split("/")[0])
        for _ in range(20):  # a tab reloaded quickly: asked, then gone before the answer
            with socket.create_connection(("127.0.0.1", port)) as hasty:
                hasty.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                hasty.sendall(b"GET /page.png HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n\r\n" % port)
        assert request(first.split(" at ")[1].split(" ")[0], "/").status == 200
    finally:
        command.send_signal(signal.SIGINT)
        try:
            command.wait(timeout=30)
        finally:
            command.kill()
    assert "Traceback" not in log.read_text()
