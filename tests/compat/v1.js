// A frontend written for Tauri 1, bundled with the official @tauri-apps/api 1.6.0 as a user's
// bundler would. It exposes the package's modules, and a log of what its listeners heard, to
// the tests, which drive it with eval_js.
import * as event from '@tauri-apps/api/event';
import * as tauri from '@tauri-apps/api/tauri';
import * as windowModule from '@tauri-apps/api/window';

window.heard = [];
window.record = (tag) => (e) => window.heard.push({ tag, ...e });
window.v1 = { event, tauri, window: windowModule };
// Registered as the page starts: an event the backend emits in `setup` must reach it.
event.listen('compat-start', window.record('start')).then(() => {
  window.compatReady = true;
});
