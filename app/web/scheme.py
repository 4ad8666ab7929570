"""The ``tauri://localhost`` URL scheme that serves each app's frontend folder and the JS API.

A custom scheme (rather than ``file://``) gives pages a real origin, so ES modules, ``fetch``
and ``crypto.randomUUID`` work; ``tauri://localhost`` is the origin Tauri itself uses on Linux
and macOS. Served HTML gets an import map so ``import ... from '@tauri-apps/api/event'`` works
without a bundler.
"""

from __future__ import annotations

import errno
import json
import logging
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote_to_bytes

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QUrl
from PySide6.QtWebEngineCore import (
    QWebEngineUrlRequestJob,
    QWebEngineUrlScheme,
    QWebEngineUrlSchemeHandler,
)

from ..paths import API_DIR

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
    ".xhtml": "application/xhtml+xml",
    ".wasm": "application/wasm",
}
_TEXT_TYPES = ("text/", "application/json", "image/svg+xml")
# Longest file name Linux and macOS allow: a longer segment names no file, and would make the
# file system raise instead of answering "not found".
MAX_SEGMENT_BYTES = 255
_Error = QWebEngineUrlRequestJob.Error

log = logging.getLogger(__name__)


class BadPath(ValueError):
    """A URL path that cannot name a file: a NUL byte, or an escape that is not UTF-8."""


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
        # The side path's loopback socket (spec §6.8) is a connection the page must be allowed.
        self._csp: str | None = None
        if csp is not None:
            from .csp import with_side_path

            self._csp = with_side_path(csp)

    def requestStarted(self, job: QWebEngineUrlRequestJob) -> None:  # noqa: N802 (Qt's name)
        # Every request settles: an exception escaping into Qt would leave it pending for good.
        url = job.requestUrl()
        try:
            self._serve(job, url)
        except BadPath as error:
            log.debug("refused %s: %s", url.toDisplayString(), error)
            job.fail(_Error.UrlInvalid)  # Qt answers 400
        except Exception as error:
            log.warning(
                "could not serve %s: %s: %s", url.toDisplayString(), type(error).__name__, error
            )
            denied = isinstance(error, PermissionError)
            job.fail(_Error.RequestDenied if denied else _Error.RequestAborted)  # 403, 503

    def _serve(self, job: QWebEngineUrlRequestJob, url: QUrl) -> None:
        file = self.resolve(url_path(url)) if url.host() == HOST else None
        if file is None:
            job.fail(_Error.UrlNotFound)
            return
        content_type = _content_type(file)
        data = self._read(file)
        if content_type.startswith("text/html"):
            data = insert_head(data, _IMPORT_MAP_TAG)
            if self._csp is not None:
                # A <meta> rather than a header: QtWebEngine lowercases extra header values,
                # which would break the hashes.
                # Imported here: its HTML parser costs every start 10-15 ms, and only apps
                # with a CSP use it.
                from .csp import csp_meta_tag, policy_for

                data = insert_head(data, csp_meta_tag(policy_for(data, self._csp)))
        elif self._csp is not None and runs_scripts(content_type):
            # XHTML, SVG and other XML documents run scripts too. A <meta> cannot go into
            # every one of them, so they get the policy as a header, without hashes: their
            # inline scripts are refused (lowercased values can only match less).
            # PySide6 reads a QMultiMap value as the list of its values (its stubs disagree).
            policy = {QByteArray(b"Content-Security-Policy"): [QByteArray(self._csp.encode())]}
            job.setAdditionalResponseHeaders(policy)  # type: ignore[arg-type]
        # The job owns the buffer so that it lives until QtWebEngine has read it.
        buffer = QBuffer(job)
        buffer.setData(QByteArray(data))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        job.reply(content_type.encode(), buffer)

    def _read(self, file: Path) -> bytes:
        return file.read_bytes()

    def resolve(self, path: str) -> Path | None:
        """The file a URL path names, or ``None`` if it is missing or outside the served roots.

        In the frontend folder, as Tauri serves it: a folder means its ``index.html``, a
        missing ``name`` may be ``name.html``, and a missing path without a file extension
        (a client-side route of a single-page app, ``/settings/profile``) gets the folder's
        ``index.html``. A missing path with an extension (``/app.js``) is missing: an asset
        answered with HTML would fail in confusing ways."""
        if "\0" in path:
            raise BadPath("a NUL byte in the path")
        if any(len(segment.encode()) > MAX_SEGMENT_BYTES for segment in path.split("/")):
            return None
        prefix = API_PATH if path.startswith(API_PATH) else "/"
        root = self._roots[prefix]
        try:
            candidate = (root / path[len(prefix) :].lstrip("/")).resolve()
            if not candidate.is_relative_to(root):
                return None
            found = _file_at(candidate, root)
            if found is not None or prefix == API_PATH:
                return found
            if candidate != root:
                found = _file_at(candidate.with_name(candidate.name + ".html"), root)
            if found is None and not PurePosixPath(path).suffix:
                found = _file_at(root / "index.html", root)
            return found
        except OSError as error:  # a name the file system refuses (too long, a loop, ...)
            if error.errno in (errno.EACCES, errno.EPERM):
                raise
            return None


def _file_at(candidate: Path, root: Path) -> Path | None:
    """The file at ``candidate`` (a folder: its ``index.html``), if it is one under ``root``."""
    candidate = candidate.resolve()
    if candidate.is_dir():
        candidate = (candidate / "index.html").resolve()
    if not candidate.is_relative_to(root) or not candidate.is_file():
        return None
    return candidate


def url_path(url: QUrl) -> str:
    """The decoded path of ``url``; ``BadPath`` when an escape is not UTF-8 (Qt would put
    U+FFFD in its place, a name that may well exist) or it holds a NUL byte."""
    raw = url.path(QUrl.ComponentFormattingOption.FullyEncoded)
    try:
        path = unquote_to_bytes(raw).decode("utf-8")
    except UnicodeDecodeError:
        raise BadPath("an escape in the path is not UTF-8") from None
    if "\0" in path:
        raise BadPath("a NUL byte in the path")
    return path


def runs_scripts(content_type: str) -> bool:
    """Whether a document of this type (other than HTML) can run scripts: XHTML, SVG and any
    XML, where elements in the XHTML namespace are HTML elements."""
    kind = content_type.split(";", 1)[0].strip().lower()
    return kind.endswith(("/xml", "+xml"))


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
