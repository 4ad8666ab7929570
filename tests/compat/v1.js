// A frontend written for Tauri 1, bundled with the official @tauri-apps/api 1.6.0 as a user's
// bundler would. It exposes the package's modules, and a log of what its listeners heard, to
// the tests, which drive it with eval_js.
import * as app from '@tauri-apps/api/app';
import * as clipboard from '@tauri-apps/api/clipboard';
import * as dialog from '@tauri-apps/api/dialog';
import * as event from '@tauri-apps/api/event';
import * as notification from '@tauri-apps/api/notification';
import * as path from '@tauri-apps/api/path';
import * as process from '@tauri-apps/api/process';
import * as shell from '@tauri-apps/api/shell';
import * as tauri from '@tauri-apps/api/tauri';
import * as windowModule from '@tauri-apps/api/window';
// v1 apps' store guest (npm's tauri-plugin-store-api 0.0.0: the GitHub v1 branch's build).
import { Store } from 'tauri-plugin-store-api';

window.heard = [];
window.record = (tag) => (e) => window.heard.push({ tag, ...e });
window.v1 = { app, clipboard, dialog, event, notification, path, process, shell, tauri, window: windowModule };
window.v1Store = { Store };
// Registered as the page starts: an event the backend emits in `setup` must reach it.
event.listen('compat-start', window.record('start')).then(() => {
  window.compatReady = true;
});
