"""Web servers on this machine's loopback: other origins than the app's, for tests."""

from __future__ import annotations

import contextlib
import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from pathlib import Path


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:
        pass


@contextlib.contextmanager
def _serving(handler: Callable[..., http.server.BaseHTTPRequestHandler]) -> Iterator[str]:
    """Run an HTTP server on a free loopback port; yields its origin."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextlib.contextmanager
def foreign_site(body: bytes = b"<!doctype html><p>not the app</p>") -> Iterator[str]:
    """Serve ``body`` as HTML at every path; yields the URL of ``/page.html``."""

    class Page(_Quiet):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    with _serving(Page) as origin:
        yield f"{origin}/page.html"


@contextlib.contextmanager
def folder_site(folder: Path) -> Iterator[str]:
    """Serve the files of ``folder`` (a dev server's stand-in); yields the origin."""
    with _serving(functools.partial(_Quiet, directory=str(folder))) as origin:
        yield origin
