"""The YAML language server (npm's ``yaml-language-server``, the server behind VS Code's YAML
extension), driven over stdio as an editor drives it: open a file, read what it marks, ask what
it would complete.

It is found as ``yaml-language-server`` on the PATH (``.ci/run`` installs it with npm), or where
``BRIEFING_YAML_LANGUAGE_SERVER`` names it. Without it (or without Node) the tests that use it
are skipped, with the reason, unless ``BRIEFING_LANGUAGE_SERVER_TESTS=required`` (as CI sets
it) makes that a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import pytest


def command() -> list[str]:
    """The command that starts the server, or a skip (a failure where it is required)."""
    server = os.environ.get("BRIEFING_YAML_LANGUAGE_SERVER") or shutil.which("yaml-language-server")
    reason = ""
    if shutil.which("node") is None:
        reason = "Node.js is not installed"
    elif server is None:
        reason = "yaml-language-server is not installed (npm install -g yaml-language-server)"
    if reason:
        reason = f"the language server tests need the YAML language server: {reason}"
        if os.environ.get("BRIEFING_LANGUAGE_SERVER_TESTS") == "required":
            pytest.fail(f"{reason}; BRIEFING_LANGUAGE_SERVER_TESTS=required")
        pytest.skip(reason)
    return [str(server), "--stdio"]


class Server:
    """One running language server, with the schemas of ``settings`` (``yaml.schemas``)."""

    def __init__(self, root: Path, schemas: dict[str, list[str]]) -> None:
        self.process = subprocess.Popen(
            command(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.settings = {
            "yaml": {"validate": True, "completion": True, "hover": True, "schemas": schemas}
        }
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.published: dict[str, int] = {}  # how many times each document's marks came
        self.versions: dict[str, int] = {}  # each open document's version
        self.answers: dict[int, Any] = {}
        self.changed = threading.Condition()
        self.ids = 0
        threading.Thread(target=self._read, daemon=True).start()
        capabilities = {
            "textDocument": {
                "publishDiagnostics": {},
                "completion": {"completionItem": {"snippetSupport": True}},
            },
            "workspace": {"configuration": True},
        }
        self.ask(
            "initialize",
            {"processId": os.getpid(), "rootUri": root.as_uri(), "capabilities": capabilities},
        )
        self.tell("initialized", {})
        self.tell("workspace/didChangeConfiguration", {"settings": self.settings})

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps({"jsonrpc": "2.0", **message}).encode()
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self) -> None:
        stream = self.process.stdout
        assert stream is not None
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            if not line:
                return
            message = json.loads(stream.read(length))
            if "method" in message and "id" in message:  # the server asks
                self._answer(message)
            with self.changed:
                if message.get("method") == "textDocument/publishDiagnostics":
                    params = message["params"]
                    self.diagnostics[params["uri"]] = params["diagnostics"]
                    self.published[params["uri"]] = self.published.get(params["uri"], 0) + 1
                elif "id" in message and "method" not in message:
                    self.answers[message["id"]] = message.get("result")
                self.changed.notify_all()

    def _answer(self, request: dict[str, Any]) -> None:
        result: Any = None
        if request["method"] == "workspace/configuration":
            sections = [item.get("section") for item in request["params"]["items"]]
            result = [self.settings["yaml"] if name == "yaml" else {} for name in sections]
        self._send({"id": request["id"], "result": result})

    def tell(self, method: str, params: dict[str, Any]) -> None:
        """Send a notification."""
        self._send({"method": method, "params": params})

    def ask(self, method: str, params: dict[str, Any], timeout: float = 30) -> Any:
        """Send a request and wait for its answer."""
        self.ids += 1
        number = self.ids
        self._send({"id": number, "method": method, "params": params})
        with self.changed:
            assert self.changed.wait_for(lambda: number in self.answers, timeout), method
            return self.answers.pop(number)

    def _show(self, uri: str, text: str) -> int:
        """Open the document at ``uri`` with ``text``, or change it to that if open; return how
        many times its marks were published before."""
        with self.changed:
            before = self.published.get(uri, 0)
        version = self.versions.get(uri, 0) + 1
        self.versions[uri] = version
        if version == 1:
            document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
            self.tell("textDocument/didOpen", {"textDocument": document})
        else:
            self.tell(
                "textDocument/didChange",
                {
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"text": text}],
                },
            )
        return before

    def marks(self, path: Path, text: str | None = None, settle: float = 0.5) -> list[Any]:
        """Show ``path`` (with ``text``, or as it is) and return what the server marks in it:
        each as (line, column, message), 1-based, errors only, once nothing new came for
        ``settle`` seconds."""
        return self.marks_of({path: text}, settle)[path]

    def marks_of(self, shown: dict[Path, str | None], settle: float = 0.5) -> dict[Path, list[Any]]:
        """:meth:`marks` of several files at once (each with its text, or as it is): shown
        together, and waited for together, so the settling is paid once."""
        uris = {path: path.resolve().as_uri() for path in shown}
        before = {
            uris[path]: self._show(uris[path], path.read_text("utf-8") if text is None else text)
            for path, text in shown.items()
        }

        def published() -> bool:
            return all(self.published.get(uri, 0) > count for uri, count in before.items())

        with self.changed:
            assert self.changed.wait_for(published, 60), list(shown)
        seen = None
        while seen != (now := [self.diagnostics[uri] for uri in before]):
            seen = now
            time.sleep(settle)
        return {
            path: [
                (
                    d["range"]["start"]["line"] + 1,
                    d["range"]["start"]["character"] + 1,
                    d["message"],
                )
                for d in self.diagnostics[uri]
                if d.get("severity", 1) == 1
            ]
            for path, uri in uris.items()
        }

    def completions(self, path: Path, text: str, line: int, column: int) -> list[dict[str, Any]]:
        """What the server offers at ``line``, ``column`` (1-based) of ``text``."""
        uri = path.resolve().as_uri()
        self._show(uri, text)
        position = {"line": line - 1, "character": column - 1}
        found = self.ask(
            "textDocument/completion", {"textDocument": {"uri": uri}, "position": position}
        )
        items = found["items"] if isinstance(found, dict) else found
        return list(items or [])

    def close(self) -> None:
        """Shut the server down."""
        try:
            self.ask("shutdown", {}, timeout=10)
            self.tell("exit", {})
            self.process.wait(timeout=10)
        except (AssertionError, OSError, subprocess.TimeoutExpired):
            self.process.kill()


def _errors(diagnostics: list[Any]) -> list[tuple[int, int, str]]:
    """The errors among ``diagnostics``: (line, column, message), 1-based."""
    return [
        (d["range"]["start"]["line"] + 1, d["range"]["start"]["character"] + 1, d["message"])
        for d in diagnostics
        if d.get("severity", 1) == 1
    ]
