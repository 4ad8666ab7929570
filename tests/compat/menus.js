// A frontend using Tauri v2's menu and tray modules from the official @tauri-apps/api 2.x
// package, bundled as a user's bundler would, for tests/test_menus_js.py.
import * as core from '@tauri-apps/api/core';
import * as event from '@tauri-apps/api/event';
import * as menu from '@tauri-apps/api/menu';
import * as tray from '@tauri-apps/api/tray';
import * as dpi from '@tauri-apps/api/dpi';
import * as image from '@tauri-apps/api/image';
import * as webviewWindow from '@tauri-apps/api/webviewWindow';

window.heard = [];
window.record = (tag) => (payload) => window.heard.push({ tag, payload });
window.v2 = { core, event, menu, tray, dpi, image, webviewWindow };
event.listen('compat-start', window.record('start')).then(() => {
  window.compatReady = true;
});
