"""A window's own user agent (Tauri's window option ``userAgent``).

Qt's user agent belongs to the profile, and every window shares the app's persistent profile,
so it cannot be set there per window. Instead, each window that has one gets it twice:

- in the ``User-Agent`` header of every request of its page (its document, subframes,
  scripts, fetches; to the app's scheme and to the web), through the page's request
  interceptor (``interceptor.py``);
- in ``navigator.userAgent`` (and ``navigator.appVersion``), through a script that runs at
  document creation in every frame, before the page's own scripts
  (``frontend/api/page/user-agent.js``).

What is left with the profile's agent (docs/windows.md): web workers' ``navigator`` and
requests, and the client hints (``navigator.userAgentData``, ``Sec-CH-UA`` headers).
"""

from __future__ import annotations

import json
from functools import cache

from PySide6.QtWebEngineCore import QWebEnginePage, QWebEngineScript, QWebEngineUrlRequestInfo

from ..paths import API_DIR
from .interceptor import page_interceptor

SCRIPT_NAME = "qtauri-user-agent"


@cache
def _script_source() -> str:
    return (API_DIR / "page" / "user-agent.js").read_text(encoding="utf-8")


def set_user_agent(page: QWebEnginePage, agent: str) -> None:
    """Give ``page`` (before it loads) the user agent ``agent``, header and ``navigator``."""
    header = agent.encode("utf-8")

    def hook(info: QWebEngineUrlRequestInfo) -> None:
        info.setHttpHeader(b"User-Agent", header)

    page_interceptor(page).add(hook)
    script = QWebEngineScript()
    script.setName(SCRIPT_NAME)
    script.setInjectionPoint(QWebEngineScript.InjectionPoint.DocumentCreation)
    script.setWorldId(QWebEngineScript.ScriptWorldId.MainWorld)
    script.setRunsOnSubFrames(True)
    script.setSourceCode(f"({_script_source()})({json.dumps(agent)});")
    page.scripts().insert(script)
