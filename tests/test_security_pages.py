"""Security with real pages: the Content-Security-Policy, capabilities, remote origins,
navigation and new windows, frames."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtWebEngineCore import QWebEngineSettings

from app import App, Event, Window
from tests.conftest import page_config
from tests.direct import bridge_of
from tests.js import JsError, eval_js, wait_js, wait_loaded
from tests.sites import foreign_site

pytestmark = pytest.mark.webengine


def secured(*windows: str | dict[str, Any], **security: Any) -> dict[str, Any]:
    config = page_config(*windows)
    config["app"]["security"] = security
    return config


SecureApp = tuple[App, Window, list[str]]


@pytest.fixture
def secure_app(make_app: Callable[..., App], qtbot: Any) -> SecureApp:
    """An app showing secure.html under the default policy, and the URLs sent to the browser."""
    app = make_app(page_config({"label": "main", "url": "secure.html"}))
    wait_loaded(qtbot, app)
    return app, app.window("main"), opened_urls(app)


def run_each_until_opened(
    qtbot: Any, window: Window, opened: list[str], steps: dict[str, str]
) -> None:
    """Run each script in the page; wait until the URL given with it went to the browser."""
    for script, url in steps.items():
        eval_js(qtbot, window, f"void ({script})", connected=False)
        qtbot.waitUntil(lambda url=url: url in opened)


def opened_urls(app: App) -> list[str]:
    """Record what would open in the system browser instead of starting one."""
    opened: list[str] = []
    app.navigation.opener = lambda url: opened.append(url.toString())
    return opened


# -- Content-Security-Policy ------------------------------------------------------------------


def test_the_default_csp_runs_the_pages_scripts_and_refuses_injected_ones(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config({"label": "main", "url": "secure.html"}))
    wait_loaded(qtbot, app)
    main = app.window("main")
    assert eval_js(qtbot, main, "window.inlineRan", connected=False) is True
    injected = """
        const script = document.createElement('script');
        script.textContent = 'window.injected = true';
        document.body.append(script);
        await new Promise((resolve) => setTimeout(resolve, 50));
        return [window.injected ?? false, window.violations.includes('script-src-elem')];
    """
    assert eval_js(qtbot, main, f"(async () => {{ {injected} }})()", connected=False) == [
        False,
        True,
    ]
    with pytest.raises(JsError) as evaluated:
        eval_js(qtbot, main, "eval('1 + 1')", connected=False)
    assert evaluated.value.name == "EvalError"
    with pytest.raises(JsError, match="Failed to fetch"):
        eval_js(qtbot, main, "fetch('https://example.org/')", connected=False)
    # The app's own resources and the API modules still load (the whole suite relies on it).
    assert eval_js(
        qtbot, main, "fetch('sub/data.json').then((r) => r.json())", connected=False
    ) == {"hello": "json"}


def test_a_configured_csp_replaces_the_default_and_null_sends_none(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    page = {"label": "main", "url": "secure.html"}
    lax = secured(page, csp="default-src 'self'; script-src 'self' 'unsafe-inline'")
    apps = []
    for config in (lax, secured(page, csp=None)):
        app = make_app(config)
        wait_loaded(qtbot, app)
        apps.append(app)
        window = app.window("main")
        ran = eval_js(
            qtbot,
            window,
            "(() => { const s = document.createElement('script');"
            " s.textContent = 'window.injected = true'; document.body.append(s);"
            " return window.injected ?? false; })()",
            connected=False,
        )
        assert ran is True
    assert eval_js(qtbot, apps[1].window("main"), "eval('1 + 1')", connected=False) == 2


# -- capabilities -----------------------------------------------------------------------------


def test_a_capability_narrows_what_a_page_may_do(make_app: Callable[..., App], qtbot: Any) -> None:
    def allowed() -> str:
        return "yes"

    def secret() -> str:
        return "no"

    narrow = {
        "identifier": "narrow",
        "windows": ["main"],
        "commands": ["allowed"],
        "emit": ["ok-*"],
        "listen": ["*"],
    }
    app = make_app(secured("main", capabilities=[narrow]), commands=(allowed, secret))
    wait_loaded(qtbot, app)
    main = app.window("main")
    other = app.create_window("other", url="recorder.html")  # its page's listens are refused
    heard: list[Event] = []
    app.listen_global("ok-1", heard.append)
    assert eval_js(qtbot, main, "window.api.invoke('allowed')") == "yes"
    eval_js(qtbot, main, "window.api.emit('ok-1', 5)")
    assert [event.payload for event in heard] == [5]
    refusals = {
        "window.api.invoke('secret')": (
            "window 'main': invoke of command 'secret' is not allowed; add it to "
            "app.security.capabilities[0].commands (capability 'narrow')"
        ),
        "window.api.emit('bad', 1)": "emit of event 'bad' is not allowed",
        "window.api.appWindow.setTitle('x')": "invoke of command 'window:setTitle'",
    }
    for call, message in refusals.items():
        with pytest.raises(JsError) as refused:
            eval_js(qtbot, main, call)
        assert refused.value.name == "NotAllowed"
        assert message in refused.value.message
    # The window no capability names gets nothing (Tauri v2's deny-by-default).
    with pytest.raises(JsError, match="no capability names this window"):
        eval_js(qtbot, other, "window.api.invoke('secret')")


REMOTE_PAGE = b"""<!doctype html><script>
  window.news = [];
  window.__TAURI__.event.listen('news-flash', (e) => window.news.push(e.payload))
    .then(() => { window.listening = true; }, (e) => { window.listening = e.name; });
</script>"""


def test_a_remote_capability_lets_its_site_in_with_only_its_grants(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    def secret() -> str:
        return "no"

    remote = {
        "identifier": "news-site",
        "windows": ["main"],
        "remote": {"urls": ["http://127.0.0.1:*/*"]},
        "listen": ["news-*"],
    }
    app = make_app(secured("main", capabilities=[remote]), commands=(secret,))
    wait_loaded(qtbot, app)
    main = app.window("main")
    with foreign_site(REMOTE_PAGE) as url, qtbot.waitSignal(main.page.loadFinished):
        main.page.load(QUrl(url))
    wait_js(qtbot, main, "window.listening")
    assert eval_js(qtbot, main, "window.listening") is True
    app.emit_all("news-flash", "hello")
    assert wait_js(qtbot, main, "window.news.length && window.news") == ["hello"]
    for call in ("window.__TAURI__.invoke('secret')", "window.__TAURI__.event.emit('news-x')"):
        with pytest.raises(JsError) as refused:
            eval_js(qtbot, main, call)
        assert refused.value.name == "NotAllowed"
        assert "capability 'news-site'" in refused.value.message


def test_a_pages_rights_follow_its_url_within_one_document(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    # The backend reuses a page's grant while its URL stays the same: a URL the page changes
    # itself (history.pushState, same origin) must still change its rights.
    def secret() -> str:
        return "no"

    remote = {
        "identifier": "news-site",
        "windows": ["main"],
        "remote": {"urls": ["http://127.0.0.1:*/page.html"]},
        "listen": ["news-*"],
    }
    app = make_app(secured("main", capabilities=[remote]), commands=(secret,))
    wait_loaded(qtbot, app)
    main = app.window("main")
    with foreign_site(REMOTE_PAGE) as url, qtbot.waitSignal(main.page.loadFinished):
        main.page.load(QUrl(url))
    assert wait_js(qtbot, main, "window.listening") is True
    listen = "window.__TAURI__.event.listen('news-more', () => {}).then(() => 'ok')"
    assert eval_js(qtbot, main, listen) == "ok"
    # The backend learns a page's URL from the browser, as the page changes it.
    eval_js(qtbot, main, "history.pushState(null, '', '/elsewhere.html')")
    qtbot.waitUntil(lambda: main.page.url().path() == "/elsewhere.html")
    with pytest.raises(JsError) as refused:
        eval_js(qtbot, main, listen)
    assert refused.value.name == "UntrustedPage"
    assert "/elsewhere.html" in refused.value.message
    eval_js(qtbot, main, "history.pushState(null, '', '/page.html')")
    qtbot.waitUntil(lambda: main.page.url().path() == "/page.html")
    assert eval_js(qtbot, main, listen) == "ok"


def test_a_page_that_navigated_away_loses_its_listeners_and_gets_no_events(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main", "other"))
    wait_loaded(qtbot, app)
    main, other = app.window("main"), app.window("other")
    for window in (main, other):
        eval_js(qtbot, window, "window.api.listen('secret-news', window.record('news'))")
    assert app.listener_count("secret-news") == 2
    with foreign_site() as url, qtbot.waitSignal(main.page.loadFinished):
        main.page.load(QUrl(url))
    assert app.listener_count("secret-news") == 1
    sent_to_main: list[str] = []
    bridge_of(main).deliver.connect(sent_to_main.append)
    app.emit_all("secret-news", "for app pages only")
    wait_js(qtbot, other, "window.tagged('news').length === 1")
    assert sent_to_main == []  # the same flush served both windows


def test_pages_open_windows_on_other_sites_only_where_a_capability_allows(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    help_site = {
        "identifier": "help-site",
        "windows": ["help"],
        "remote": {"urls": ["http://127.0.0.1:*/*"]},
    }
    app = make_app(secured("main", capabilities=[help_site], openExternal="block"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    with foreign_site() as url:
        create = (
            "window.__QTAURI__.call({{kind: 'create_window', label: {}, options: {{url: {}}}}})"
        )
        with pytest.raises(JsError) as refused:
            eval_js(qtbot, main, create.format("'evil'", json.dumps(url)))
        assert refused.value.name == "NotAllowed"
        assert "a page may open windows on the app's own pages only" in refused.value.message
        assert app.get_window("evil") is None
        eval_js(qtbot, main, create.format("'help'", json.dumps(url)))
        assert app.window("help").config.url == url
    eval_js(qtbot, main, create.format("'local'", "'classic.html'"))  # app pages: always


# -- navigation and new windows --------------------------------------------------------------


def test_links_and_scripts_leaving_the_app_open_in_the_browser_not_the_window(
    secure_app: SecureApp, qtbot: Any
) -> None:
    _app, main, opened = secure_app
    steps = {
        "document.getElementById('external').click()": "https://example.org/docs",
        "document.getElementById('external-blank').click()": "https://example.org/blank",
        "window.open('https://example.org/popup')": "https://example.org/popup",
        "location.href = 'https://example.org/script'": "https://example.org/script",
    }
    run_each_until_opened(qtbot, main, opened, steps)
    assert main.page.url().toString() == "tauri://localhost/secure.html"
    assert eval_js(qtbot, main, "window.inlineRan", connected=False) is True  # same document


def test_replace_meta_refresh_and_leaving_while_loading_are_checked_too(
    secure_app: SecureApp, qtbot: Any
) -> None:
    # QtWebEngine reports these as redirects, not as links.
    app, main, opened = secure_app
    steps = {
        "location.replace('https://example.org/replace')": "https://example.org/replace",
        "document.head.insertAdjacentHTML('beforeend',"
        ' \'<meta http-equiv="refresh" content="0;url=https://example.org/meta">\')': (
            "https://example.org/meta"
        ),
    }
    run_each_until_opened(qtbot, main, opened, steps)
    assert main.page.url().toString() == "tauri://localhost/secure.html"
    early = app.create_window("early", url="leave-early.html")
    qtbot.waitUntil(lambda: "https://example.org/early" in opened)
    assert early.page.url().toString() == "tauri://localhost/leave-early.html"


def test_a_window_the_app_points_at_a_site_follows_that_sites_redirects(
    make_app: Callable[..., App], qtbot: Any
) -> None:
    app = make_app(page_config("main"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    opened = opened_urls(app)
    hop = b"<script>if (location.pathname === '/page.html') location.replace('/next.html')</script>"
    with foreign_site(hop) as url, foreign_site(b"<p>the other site</p>") as other_site:
        with qtbot.waitSignal(main.page.loadFinished):
            main.page.load(QUrl(url))
        qtbot.waitUntil(lambda: main.page.url().path() == "/next.html")
        # Another site: the app pointed the window at a remote site, so its redirects are
        # that site's business (as a server's 30x would be).
        eval_js(qtbot, main, f"void location.replace({json.dumps(other_site)})", connected=False)
        qtbot.waitUntil(lambda: main.page.url().toString() == other_site)
    assert opened == []


def test_unknown_schemes_are_refused_and_app_pages_stay_in_app_windows(
    secure_app: SecureApp, qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    _app, main, opened = secure_app
    # Qt would hand links of schemes it does not know (mailto:, ssh:) to the desktop itself.
    settings = main.page.settings()
    assert settings.unknownUrlSchemePolicy() == (
        QWebEngineSettings.UnknownUrlSchemePolicy.DisallowUnknownUrlSchemes
    )
    with caplog.at_level(logging.WARNING, logger="app.web.navigation"):
        eval_js(qtbot, main, "void window.open('classic.html')", connected=False)
        refusal = "window.open(tauri://localhost/classic.html) refused"
        qtbot.waitUntil(lambda: refusal in caplog.text)
    assert "new WebviewWindow(label, {url})" in caplog.text
    with qtbot.waitSignal(main.page.loadFinished):
        eval_js(qtbot, main, "document.getElementById('internal').click()", connected=False)
    assert main.page.url().toString() == "tauri://localhost/classic.html"
    assert opened == []


def test_open_external_block_keeps_everything_in_the_app(
    make_app: Callable[..., App], qtbot: Any, caplog: pytest.LogCaptureFixture
) -> None:
    app = make_app(secured({"label": "main", "url": "secure.html"}, openExternal="block"))
    wait_loaded(qtbot, app)
    main = app.window("main")
    opened = opened_urls(app)
    with caplog.at_level(logging.WARNING, logger="app.web.navigation"):
        eval_js(qtbot, main, "document.getElementById('external').click()", connected=False)
        eval_js(qtbot, main, "void window.open('https://example.org/popup')", connected=False)
        qtbot.waitUntil(lambda: caplog.text.count("was blocked") == 2)
    assert "a navigation to https://example.org/docs was blocked" in caplog.text
    assert "a new window to https://example.org/popup was blocked" in caplog.text
    assert opened == []
    assert main.page.url().toString() == "tauri://localhost/secure.html"


def test_frames_get_no_bridge(make_app: Callable[..., App], qtbot: Any) -> None:
    # data: frames are refused by the default policy; without one, a foreign frame loads.
    app = make_app(secured({"label": "main", "url": "frames.html"}, csp=None))
    wait_loaded(qtbot, app)
    reports = wait_js(qtbot, app.window("main"), "window.reports.length && window.reports")
    assert reports == [{"qt": "undefined", "parentApi": "SecurityError"}]
