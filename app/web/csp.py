"""The Content-Security-Policy of a served HTML page: the configured policy, plus the hashes of
the page's own inline scripts, as Tauri does, so a strict ``script-src`` still runs them (and
the import map the scheme inserts) while injected or remote scripts are refused."""

from __future__ import annotations

import base64
import hashlib
import html as html_text
from html.parser import HTMLParser


class _InlineScripts(HTMLParser):
    """The text of each ``<script>`` without a ``src`` attribute, as the browser's parser
    sees it (comments, attributes with ``>`` in quotes, ``data-src`` are all its business)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)  # a script's text is raw: no references
        self.scripts: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and not any(name == "src" for name, _value in attrs):
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.scripts.append("".join(self._current))
            self._current = None


def inline_script_hashes(html: bytes) -> list[str]:
    """``'sha256-...'`` sources for each inline script of ``html``, in order, without repeats.

    Browsers hash the script's text after the parser turned CR LF and CR into LF.
    """
    parser = _InlineScripts()
    parser.feed(html.decode("utf-8", errors="replace"))
    parser.close()
    hashes: list[str] = []
    for script in parser.scripts:
        text = script.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")
        digest = base64.b64encode(hashlib.sha256(text).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


SIDE_PATH_SOURCE = "ws://127.0.0.1:*"


def with_side_path(csp: str) -> str:
    """``csp`` letting the page reach the side path for large bytes (spec §6.8), as Tauri adds
    its IPC origins to ``connect-src``. Any port: the server starts after pages are served,
    on a port the system picks; docs/security.md weighs this."""
    directives = [part.strip() for part in csp.split(";") if part.strip()]
    names = [directive.split(None, 1)[0].lower() for directive in directives]
    source = "connect-src" if "connect-src" in names else "default-src"
    if source not in names:
        return csp
    index = names.index(source)
    sources = directives[index].split()[1:]
    if sources == ["'none'"]:
        return csp  # a page that may connect nowhere gets its large bytes inline
    if source == "default-src":
        directives.append("connect-src " + " ".join([*sources, SIDE_PATH_SOURCE]))
    elif SIDE_PATH_SOURCE not in sources:
        directives[index] += " " + SIDE_PATH_SOURCE
    return "; ".join(directives)


def policy_for(html: bytes, csp: str) -> str:
    """``csp`` with ``script-src`` allowing the inline scripts of ``html``.

    A directive that allows ``'unsafe-inline'`` is left alone: a hash would switch
    ``'unsafe-inline'`` off. Without ``script-src``, the hashes join a copy of ``default-src``;
    ``script-src-elem`` gets them too.
    """
    hashes = inline_script_hashes(html)
    if not hashes:
        return csp
    directives = [part.strip() for part in csp.split(";") if part.strip()]
    names = [directive.split(None, 1)[0].lower() for directive in directives]
    if "script-src" not in names and "default-src" in names:
        directives.append("script-src" + directives[names.index("default-src")][11:])
        names.append("script-src")
    for index, name in enumerate(names):
        if name not in ("script-src", "script-src-elem"):
            continue
        directive, *sources = directives[index].split()
        if "'unsafe-inline'" not in sources and sources != ["'none'"]:
            directives[index] = " ".join([directive, *sources, *hashes])
    return "; ".join(directives)


def csp_meta_tag(policy: str) -> bytes:
    content = html_text.escape(policy)
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'.encode()
