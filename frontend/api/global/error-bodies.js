// Error answers of the app's own scheme get a body that ends.
//
// QtWebEngine (6.11) gives a scheme handler's failures (404, 400, 403, 503) their status but
// a body stream that never closes: `fetch('missing.js').then((r) => r.text())` would wait
// forever. The scheme handler cannot set a status on a real reply, so the fix is here: an
// error response from tauri://localhost is handed to the page as an equal response whose
// body is its status line. Other responses, and other origins, are returned untouched.
(() => {
  'use strict';

  const native = window.fetch;
  if (typeof native !== 'function' || Object.hasOwn(window, '__QTAURI_FETCH__')) return;
  const APP_ORIGIN = 'tauri://localhost/';

  async function fetch(...args) {
    const response = await native.apply(this, args);
    if (response.status < 400 || !response.url.startsWith(APP_ORIGIN)) return response;
    response.body?.cancel().catch(() => {}); // the stream that would never end
    const ended = new Response(`${response.status} ${response.statusText}`.trim(), {
      status: response.status,
      statusText: response.statusText,
      headers: { 'content-type': 'text/plain;charset=utf-8' },
    });
    Object.defineProperty(ended, 'url', { value: response.url });
    return ended;
  }

  Object.defineProperty(window, '__QTAURI_FETCH__', { value: native });
  window.fetch = fetch;
})();
