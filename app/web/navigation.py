"""Where a window's page may go: its navigations and its requests for new windows.

Windows show the app, not the web: a link or script that leaves for another origin does not
take the window (and its bridge object) with it. It opens in the system browser, or nowhere,
as ``app.security.openExternal`` says (docs/security.md).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEnginePage

from ..security import SecurityPolicy, origin_of

if TYPE_CHECKING:  # an annotation only: PySide builds each Qt type on first import
    from PySide6.QtWebEngineCore import QWebEngineNewWindowRequest

log = logging.getLogger(__name__)

# What the system browser may be handed: web pages, not file:, custom schemes, ... (links of
# schemes QtWebEngine does not know, mailto: among them, are refused by the profile's setting).
EXTERNAL_SCHEMES = frozenset({"http", "https"})
_NavigationType = QWebEnginePage.NavigationType
# Loads the app's own code asked for (Window URLs, reloads) and history: never refused.
_BY_THE_APP = frozenset({_NavigationType.NavigationTypeTyped, _NavigationType.NavigationTypeReload})
_HISTORY = _NavigationType.NavigationTypeBackForward
# Server redirects, but also location.replace(), <meta http-equiv=refresh> and navigations a
# page starts while it loads: checked like links, unless the app itself pointed the window at
# a remote site (whose own redirects are then that site's business).
_REDIRECT = _NavigationType.NavigationTypeRedirect


class Outcome(Enum):
    ALLOW = "allow"
    EXTERNAL = "external"  # opened in the system browser instead
    BLOCK = "block"


class NavigationPolicy:
    """Decides navigations and new-window requests for every window of one app."""

    def __init__(
        self,
        security: SecurityPolicy,
        open_external: str,
        opener: Callable[[QUrl], object],
    ) -> None:
        self._security = security
        self._external_allowed = open_external == "browser"
        self.opener = opener  # replaceable: tests record instead of starting a browser
        self._app_opened_remote: dict[str, bool] = {}  # label -> its last load by the app

    def navigation(
        self, label: str, current: QUrl, url: QUrl, kind: QWebEnginePage.NavigationType
    ) -> bool:
        """Whether the main frame of window ``label``, now at ``current``, may go to ``url``."""
        origin = origin_of(url)
        if kind in _BY_THE_APP:
            self._app_opened_remote[label] = not self._security.is_local(origin)
            return True
        if kind == _HISTORY or (kind == _REDIRECT and self._app_opened_remote.get(label)):
            return True
        if origin == origin_of(current) or self._security.may_load(label, url.toString(), origin):
            return True
        self._leave(label, url, "a navigation")
        return False

    def enters_app(self, current: QUrl, url: QUrl, kind: QWebEnginePage.NavigationType) -> bool:
        """Whether a link or script of a page of another origin leads to the app's own pages.
        QtWebEngine (6.11) starts the document such a navigation makes without the
        document-creation scripts, so without ``window.__TAURI__``; the window is to load the
        URL itself instead, as the app's own load (the page's rights are then its URL's)."""
        if kind in _BY_THE_APP or kind == _HISTORY:
            return False
        return self._security.is_local(origin_of(url)) and not self._security.is_local(
            origin_of(current)
        )

    def new_window(self, label: str, request: QWebEngineNewWindowRequest) -> None:
        """``window.open`` or a link to a new window: app pages belong in app windows, made
        with ``WebviewWindow``; other sites go to the browser (per config)."""
        url = request.requestedUrl()
        if self._security.is_local(origin_of(url)):
            log.warning(
                "window %r: window.open(%s) refused: open app pages in a new window with "
                "new WebviewWindow(label, {url}) or app.create_window()",
                label,
                url.toDisplayString(),
            )
            return
        self._leave(label, url, "a new window")

    def decide(self, url: QUrl) -> Outcome:
        if self._external_allowed and url.scheme() in EXTERNAL_SCHEMES:
            return Outcome.EXTERNAL
        return Outcome.BLOCK

    def _leave(self, label: str, url: QUrl, what: str) -> None:
        shown = url.toDisplayString()
        if self.decide(url) is Outcome.EXTERNAL:
            log.info("window %r: %s to %s opens in the system browser", label, what, shown)
            self.opener(url)
        else:
            log.warning(
                "window %r: %s to %s was blocked (app.security.openExternal is %s)",
                label,
                what,
                shown,
                "'block'" if not self._external_allowed else "'browser', but not for this scheme",
            )
