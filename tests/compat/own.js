// A page using qtauri's own API (window.__TAURI__), for the mixed app: no bundler needed.
window.heard = [];
window.record = (tag) => (e) => window.heard.push({ tag, ...e });
// Registered as the page starts: an event the backend emits in `setup` must reach it.
window.__TAURI__.event.listen('compat-start', window.record('start')).then(() => {
  window.compatReady = true;
});
