// A frontend written for Tauri 2, bundled with the official @tauri-apps/api 2.x as a user's
// bundler would. It exposes the package's modules, and a log of what its listeners heard, to
// the tests, which drive it with eval_js.
import * as app from '@tauri-apps/api/app';
import * as core from '@tauri-apps/api/core';
import * as event from '@tauri-apps/api/event';
import * as path from '@tauri-apps/api/path';
import * as webview from '@tauri-apps/api/webview';
import * as webviewWindow from '@tauri-apps/api/webviewWindow';
import * as windowModule from '@tauri-apps/api/window';

window.heard = [];
window.record = (tag) => (e) => window.heard.push({ tag, ...e });
window.v2 = { app, core, event, path, webview, webviewWindow, window: windowModule };
// Registered as the page starts: an event the backend emits in `setup` must reach it.
event.listen('compat-start', window.record('start')).then(() => {
  window.compatReady = true;
});
