"""The ``tauri://localhost`` URL scheme that serves each app's frontend folder and the JS API.

A custom scheme (rather than ``file://``) gives pages a real origin, so ES modules, ``fetch``
and ``crypto.randomUUID`` work; ``tauri://localhost`` is the origin Tauri itself uses on Linux
and macOS. Served HTML gets an import map so ``import ... from '@tauri-apps/api/event'`` works
without a bundler.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from ..paths import API_DIR
from .csp import csp_meta_tag, policy_for

SCHEME = "tauri"
HOST = "localhost"
ORIGIN = f"{SCHEME}://{HOST}"
API_PATH = "/__qtauri__/api/"

_API_MODULES = {
    "@tauri-apps/api": "index.js",
    "@tauri-apps/api/event": "event.js",
    "@tauri-apps/api/window": "window.js",
    "@tauri-apps/api/tauri": "tauri.js",
}
IMPORT_MAP = json.dumps({"imports": {name: API_PATH + file for name, file in _API_MODULES.items()}})
_IMPORT_MAP_TAG = f'<script type="importmap">{IMPORT_MAP}</script>'.encode()
_HEAD_TAG = re.compile(rb"<head(\s[^>]*)?>", re.IGNORECASE)
# Module scripts are refused without a JavaScript type; mimetypes' answer varies by system.
_TYPES = {
    ".js": "text/javascript",
    ".mjs": "text/javascript",
    ".css": "text/css",
    ".html": "text/html",
    ".htm": "text/html",
    ".json": "application/json",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
}
_TEXT_TYPES = ("text/", "application/json", "image/svg+xml")


def register_scheme() -> None:
    """Register the scheme with QtWebEngine; a no-op once done.

    It must run before the first QtWebEngine profile, page or view exists, so the package does
    it when imported.
    """
    if QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name():
        return
    scheme = QWebEngineUrlScheme(SCHEME.encode())
    scheme.setSyntax(QWebEngineUrlScheme.Syntax.Host)
    flags = QWebEngineUrlScheme.Flag
    scheme.setFlags(
        flags.SecureScheme | flags.LocalAccessAllowed | flags.CorsEnabled | flags.FetchApiAllowed
    )
    QWebEngineUrlScheme.registerScheme(scheme)


def scheme_is_registered() -> bool:
    return bool(QWebEngineUrlScheme.schemeByName(SCHEME.encode()).name())


def page_url(path: str, base: str | None = None) -> QUrl:
    """The URL of a file of the frontend folder (``path`` relative to it), or ``path`` itself
    when it is already an absolute URL. With ``base`` (dev mode's ``devUrl``), relative paths
    are resolved against it instead."""
    url = QUrl(path)
    if url.scheme():
        return url
    if base is not None:
        return QUrl(base).resolved(QUrl(path.lstrip("/")))
    return QUrl(f"{ORIGIN}/{path.lstrip('/')}")


class FrontendSchemeHandler(QWebEngineUrlSchemeHandler):
    """Serves ``tauri://localhost/<path>`` from one app's frontend folder."""

    def __init__(
        self, frontend_dist: Path, csp: str | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._roots = {"/": frontend_dist.resolve(), API_PATH: API_DIR}
        self._csp = csp

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt's name)
        url = job.requestUrl()
        file = self.resolve(url.path(QUrl.ComponentFormattingOption.FullyDecoded))
        if url.host() != HOST or file is None:
            job.fail(QWebEngineUrlRequestJob.Error.UrlNotFound)
            return
        content_type = _content_type(file)
        data = file.read_bytes()
        if content_type.startswith("text/html"):
            data = insert_head(data, _IMPORT_MAP_TAG)
            if self._csp is not None:
                # A <meta> rather than a header: QtWebEngine lowercases extra header values,
                # which would break the hashes.
                data = insert_head(data, csp_meta_tag(policy_for(data, self._csp)))
        # The job owns the buffer so that it lives until QtWebEngine has read it.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(content_type.encode(), buffer)

    def resolve(self, path: str) -> Path | None:
        """The file a URL path names, or ``None`` if it is missing or outside the served roots."""
        prefix = API_PATH if path.startswith(API_PATH) else "/"
        root = self._roots[prefix]
        candidate = (root / path[len(prefix) :].lstrip("/")).resolve()
        if candidate.is_dir():
            candidate = candidate / "index.html"
        if not candidate.is_relative_to(root) or not candidate.is_file():
            return None
        return candidate


def insert_head(html: bytes, tag: bytes) -> bytes:
    """Put ``tag`` first in ``<head>``: the import map must precede every module script, and
    the policy every script it governs."""
    match = _HEAD_TAG.search(html)
    at = match.end() if match else 0
    return html[:at] + tag + html[at:]


def _content_type(file: Path) -> str:
    kind = _TYPES.get(file.suffix.lower())
    if kind is None:
        import mimetypes  # rarely needed: the common types are above

        kind = mimetypes.guess_type(file.name)[0]
    if kind is None:
        return "application/octet-stream"
    return f"{kind};charset=utf-8" if kind.startswith(_TEXT_TYPES) else kind
