// A frontend using the official Tauri plugins' guest packages (@tauri-apps/plugin-* 2.x),
// bundled as a user's bundler would, for tests/test_plugin_*.py.
import * as core from '@tauri-apps/api/core';
import * as event from '@tauri-apps/api/event';
import * as image from '@tauri-apps/api/image';
import * as windowModule from '@tauri-apps/api/window';
import * as clipboard from '@tauri-apps/plugin-clipboard-manager';
import * as dialog from '@tauri-apps/plugin-dialog';
import * as notification from '@tauri-apps/plugin-notification';
import * as fs from '@tauri-apps/plugin-fs';
import * as opener from '@tauri-apps/plugin-opener';
import * as os from '@tauri-apps/plugin-os';
import * as process from '@tauri-apps/plugin-process';
import * as store from '@tauri-apps/plugin-store';
import * as windowState from '@tauri-apps/plugin-window-state';

window.heard = [];
window.record = (tag) => (e) => window.heard.push({ tag, ...e });
window.v2 = { core, event, image, window: windowModule };
window.plugins = { clipboard, dialog, fs, notification, opener, os, process, store, windowState };
// A first call, as the other test pages make: the page is connected once it is answered.
event.listen('compat-start', window.record('start')).then(() => {
  window.compatReady = true;
});
