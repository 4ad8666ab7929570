"""The one request interceptor a page may have (Qt keeps one per page): every part that needs
to see or change a page's requests (a window's ``userAgent``, dev mode's record of the files
a page uses) adds a hook to it instead of installing its own, which would replace the other's.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable

from PySide6.QtWebEngineCore import (
    QWebEnginePage,
    QWebEngineUrlRequestInfo,
    QWebEngineUrlRequestInterceptor,
)

RequestHook = Callable[[QWebEngineUrlRequestInfo], None]


class PageInterceptor(QWebEngineUrlRequestInterceptor):
    """Runs its hooks, in the order they were added, on each request of its page (the page's
    document, subframes, scripts, fetches; not its workers': Qt gives those to the profile)."""

    def __init__(self, page: QWebEnginePage) -> None:
        super().__init__(page)
        self._hooks: list[RequestHook] = []
        page.setUrlRequestInterceptor(self)

    def add(self, hook: RequestHook) -> None:
        self._hooks.append(hook)

    def interceptRequest(self, info: QWebEngineUrlRequestInfo) -> None:  # noqa: N802 (Qt's name)
        for hook in self._hooks:
            hook(info)


# Held here for as long as the page's wrapper lives: a Qt parent alone does not keep the
# Python object (and with it the C++ one) alive.
_INTERCEPTORS: weakref.WeakKeyDictionary[QWebEnginePage, PageInterceptor] = (
    weakref.WeakKeyDictionary()
)


def page_interceptor(page: QWebEnginePage) -> PageInterceptor:
    """The page's interceptor, installed on first use."""
    found = _INTERCEPTORS.get(page)
    if found is None:
        found = _INTERCEPTORS[page] = PageInterceptor(page)
    return found
