"""The Content-Security-Policy of a served HTML page: the configured policy, plus the hashes of
the page's own inline scripts, as Tauri does, so a strict ``script-src`` still runs them (and
the import map the scheme inserts) while injected or remote scripts are refused."""

from __future__ import annotations

import base64
import hashlib
import html as html_text
import re

# An inline script: a <script> element without a src attribute, and its text.
_INLINE_SCRIPT = re.compile(
    rb"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL
)
_HTML_COMMENT = re.compile(rb"<!--.*?-->", re.DOTALL)


def inline_script_hashes(html: bytes) -> list[str]:
    """``'sha256-...'`` sources for each inline script of ``html``, in order, without repeats.

    Browsers hash the script's text after the parser turned CR LF and CR into LF.
    """
    hashes: list[str] = []
    for match in _INLINE_SCRIPT.finditer(_HTML_COMMENT.sub(b"", html)):
        text = match.group(1).replace(b"\r\n", b"\n").replace(b"\r", b"\n")
        digest = base64.b64encode(hashlib.sha256(text).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html: bytes, csp: str) -> str:
    """``csp`` with ``script-src`` allowing the inline scripts of ``html``.

    A policy whose scripts allow ``'unsafe-inline'`` is left alone: a hash would switch
    ``'unsafe-inline'`` off. Without ``script-src``, the hashes join a copy of ``default-src``.
    """
    hashes = inline_script_hashes(html)
    if not hashes:
        return csp
    directives = [part.strip() for part in csp.split(";") if part.strip()]
    names = [directive.split(None, 1)[0].lower() for directive in directives]
    if "script-src" in names:
        at = names.index("script-src")
    elif "default-src" in names:
        directives.append("script-src" + directives[names.index("default-src")][11:])
        at = len(directives) - 1
    else:
        return csp  # no restriction on scripts to widen
    sources = directives[at].split()[1:]
    if "'unsafe-inline'" in sources or sources == ["'none'"]:
        return csp
    directives[at] = " ".join(["script-src", *sources, *hashes])
    return "; ".join(directives)


def csp_meta_tag(policy: str) -> bytes:
    content = html_text.escape(policy)
    return f'<meta http-equiv="Content-Security-Policy" content="{content}">'.encode()
