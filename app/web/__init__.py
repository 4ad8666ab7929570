"""What a user sees: ``Window`` (one ``QWebEngineView`` with its page, channel and bridge
object) and its view, the ``tauri://`` scheme that serves the frontend with its CSP, the
navigation policy, and the bootstrap scripts injected into every page. It may import
``app.bridge`` and everything below it; it knows the app only through the narrow services a
window is given (a hub-facing interface and a close callback)."""
