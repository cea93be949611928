"""The live preview: a local web page that shows the sheet and follows every save.

The sheet is rebuilt as ``watch`` rebuilds it (:func:`briefing.commands.watch.follow`), in
memory, and served by the standard library's HTTP server, a thread per request, on four
endpoints: ``/`` (the page), ``/page.png`` and ``/page.pdf`` (the last good build) and
``/events`` (server-sent events: ``build`` for each success, ``problems`` for each failure).
Anything else is 404, and a request whose ``Host`` does not name the server (DNS rebinding) is
400.
"""

from __future__ import annotations

import html
import ipaddress
import json
import re
import socket
import socketserver
import sys
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib.resources import files
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import quote, urlsplit

from ..errors import Problem, UsageError
from ..output import write_atomic
from ..pdf.png import png
from ..pipeline import Result, make
from .watch import follow

KEEPALIVE_SECONDS = 15.0  # a comment on a quiet event stream, so a dead client is noticed
IDLE_SECONDS = 30.0  # a connection that sends or takes nothing for this long is closed
_SECURITY = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; img-src 'self' blob:; connect-src 'self'; "
    "script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'; frame-ancestors 'none'",
}


class Preview(NamedTuple):
    """A good build as the preview shows it."""

    result: Result
    pdf: bytes
    png: bytes


class Board:
    """What every request sees: the last good page and the latest event, told to waiters."""

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._count = 0  # events so far
        self._event: tuple[str, str] | None = None  # the latest: its name and JSON data
        self._built: tuple[str, str] | None = None  # the latest good build's
        self._closed = False
        self.page: Preview | None = None

    def show(self, page: Preview | None, problems: list[Problem]) -> None:
        """Publish an outcome: a new good page with its warnings, or the problems of a failure."""
        with self._changed:
            self._count += 1
            if page is None:
                self._event = ("problems", _json({"problems": [_problem(p) for p in problems]}))
            else:
                self.page = page
                result = page.result
                build = {"page": self._count, "fit": result.fit, "paper": result.paper}
                warnings = [_problem(p) for p in result.warnings]
                self._event = self._built = ("build", _json({**build, "warnings": warnings}))
            self._changed.notify_all()

    def first(self) -> tuple[int, list[tuple[str, str]]]:
        """What a new client is told, and the number of the latest event: the last good build,
        then the failure after it, if any (a tab opened while a save is broken shows the page
        dimmed, not nothing)."""
        with self._changed:
            told = [event for event in (self._built, self._event) if event is not None]
            return self._count, list(dict.fromkeys(told))

    def next(self, seen: int, timeout: float) -> tuple[int, tuple[str, str] | None]:
        """Wait for an event after the ``seen``-th; return its number and itself (None if the
        wait timed out or the board closed)."""
        with self._changed:
            self._changed.wait_for(lambda: self._count > seen or self._closed, timeout)
            if self._closed or self._count <= seen:
                return seen, None
            return self._count, self._event

    @property
    def closed(self) -> bool:
        """Whether the preview is stopping."""
        return self._closed

    def close(self) -> None:
        """Wake every waiter to end."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def everywhere(host: str) -> bool:
    """Whether ``--host`` serves the page on every address of this machine (to the network)."""
    return host in ("", "0.0.0.0", "::")  # noqa: S104 - what is checked for


class Server(ThreadingHTTPServer):
    """The preview's HTTP server, bound to ``host`` and ``port`` (0: any free port)."""

    daemon_threads = True

    def __init__(self, host: str, port: int, board: Board, content: Path) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        self.board, self.host = board, host.lower()
        self.pdf_name = content.with_suffix(".pdf").name
        names = {"name": html.escape(content.name), "pdf": html.escape(self.pdf_name)}
        page = files("briefing.commands").joinpath("live.html").read_text(encoding="utf-8")
        self.page_html = re.sub(r"\{(name|pdf)\}", lambda m: names[m[1]], page).encode()
        try:
            super().__init__((host, port), Handler)
        except (OSError, OverflowError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            raise UsageError(
                f"cannot serve at {host}:{port}: {reason}; expected a free port "
                "(--port N, or 0 for any) and an address of this machine (--host)"
            ) from None

    def server_bind(self) -> None:
        """Bind, without the name lookup of the address that HTTPServer makes."""
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = self.host, self.server_address[1]

    @property
    def url(self) -> str:
        """The address of the page: on this machine, when it is served on every address."""
        host = "127.0.0.1" if everywhere(self.host) else self.host
        host = f"[{host}]" if ":" in host else host
        return f"http://{host}:{self.server_port}/"

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing of a browser that hung up (a tab reloaded or closed mid-answer)."""
        if not isinstance(sys.exc_info()[1], OSError):
            super().handle_error(request, client_address)

    def allows(self, host: str | None) -> bool:
        """Whether a request's ``Host`` names this server: by an IP address, as localhost or
        as its ``--host``, with its port. A web page that had its own name made to point here
        (DNS rebinding) names itself."""
        if not host:
            return False
        try:
            parts = urlsplit(f"//{host}")
            name, port = parts.hostname, parts.port or 80
        except ValueError:
            return False
        if port != self.server_port or not name:
            return False
        if name in {"localhost", self.host}:
            return True
        try:
            ipaddress.ip_address(name)
        except ValueError:
            return False
        return True


class Handler(BaseHTTPRequestHandler):
    """Answers the four endpoints, and nothing else; any other method with 404."""

    server: Server
    timeout = IDLE_SECONDS  # a connection that sends nothing is closed, and its thread ends

    def __getattr__(self, name: str) -> Any:
        if name.startswith("do_"):  # POST, PUT, BREW …: what BaseHTTPRequestHandler looks up
            return self._not_found
        raise AttributeError(name)

    def _not_found(self) -> None:
        self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n", True)

    def do_GET(self) -> None:
        """Answer a GET."""
        self._answer(body=True)

    def do_HEAD(self) -> None:
        """Answer a HEAD: a GET's headers."""
        self._answer(body=False)

    def log_message(self, format: str, *args: object) -> None:
        """Say nothing: the terminal tells builds, not requests."""

    def _answer(self, body: bool) -> None:
        if not self.server.allows(self.headers.get("Host")):
            self._send(HTTPStatus.BAD_REQUEST, "text/plain", b"unknown Host\n", body)
            return
        path = urlsplit(self.path).path
        page = self.server.board.page
        if path == "/":
            self._send(HTTPStatus.OK, "text/html; charset=utf-8", self.server.page_html, body)
        elif path == "/events":
            self._send(HTTPStatus.OK, "text/event-stream", None, body)
            if body:
                self._stream()
        elif path in ("/page.png", "/page.pdf") and page is None:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"no good build yet\n", body)
        elif path == "/page.png" and page is not None:
            self._send(HTTPStatus.OK, "image/png", page.png, body)
        elif path == "/page.pdf" and page is not None:
            disposition = f"inline; filename*=UTF-8''{quote(self.server.pdf_name)}"
            self._send(HTTPStatus.OK, "application/pdf", page.pdf, body, disposition)
        else:
            self._send(HTTPStatus.NOT_FOUND, "text/plain", b"not found\n", body)

    def _send(
        self,
        status: HTTPStatus,
        kind: str,
        data: bytes | None,
        body: bool,
        disposition: str | None = None,
    ) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        for name, value in _SECURITY.items():
            self.send_header(name, value)
        if disposition:
            self.send_header("Content-Disposition", disposition)
        if data is not None:
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if body and data is not None:
            self.wfile.write(data)

    def _stream(self) -> None:
        """Send the latest event, then each new one, until the client or the server goes."""
        board = self.server.board
        seen, told = board.first()
        try:
            while True:
                for name, data in told:
                    self.wfile.write(f"event: {name}\ndata: {data}\n\n".encode())
                if not told:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
                seen, event = board.next(seen, KEEPALIVE_SECONDS)
                if board.closed:
                    return
                told = [event] if event is not None else []
        except OSError:  # the tab was closed
            return


def preview(
    content: Path,
    output: Path | None = None,
    paper: str | None = None,
    host: str = "127.0.0.1",
    port: int = 0,
    ready: Callable[[str], None] = lambda url: None,
    report: Callable[[Result | None, list[Problem], float], None] = lambda *_: None,
    stop: Callable[[], bool] = lambda: False,
) -> None:
    """Serve the live preview of ``content`` until Ctrl-C or ``stop()``.

    Writes nothing but the PDF to ``output``, if given. ``ready`` is told the page's address
    once the server listens; ``report`` each outcome, as
    :func:`briefing.commands.watch.watch` tells it.
    Raises :class:`UsageError` if the address cannot be served.
    """
    board = Board()
    server = Server(host, port, board, content)
    thread = threading.Thread(target=server.serve_forever, name="preview", daemon=True)
    thread.start()

    def build() -> Preview:
        made = make(content, output, paper)
        if output is not None:
            write_atomic(output, made.pdf)
        return Preview(made.result, made.pdf, png(made.pdf, quick=True))

    def shown(page: Preview | None, problems: list[Problem], seconds: float) -> None:
        board.show(page, problems)
        report(page.result if page else None, page.result.warnings if page else problems, seconds)

    try:
        ready(server.url)
        follow(content, build, shown, stop)
    finally:
        board.close()
        server.shutdown()
        server.server_close()
        thread.join()


def _problem(problem: Problem) -> dict[str, object]:
    where = problem.location
    return {
        "file": where.path,
        "line": where.line,
        "column": where.column,
        "severity": problem.severity,
        "message": problem.message,
        "expected": problem.expected,
        "field": problem.field,
        "text": str(problem),
    }


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
