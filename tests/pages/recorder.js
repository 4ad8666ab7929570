// A test page: the API imported verbatim, and a log of every event its listeners receive.
import { emit, listen, once } from '@tauri-apps/api/event';
import { appWindow, WebviewWindow, getAll, getCurrent } from '@tauri-apps/api/window';
import { invoke } from '@tauri-apps/api/tauri';
import * as index from '@tauri-apps/api';

const log = [];
const seenObjects = new WeakSet();

/** A handler that logs what it receives under `tag`, noting whether the object is fresh. */
function record(tag) {
  return (event) => {
    log.push({ tag, ...event, keys: Object.keys(event).sort(), fresh: !seenObjects.has(event) });
    seenObjects.add(event);
  };
}

/** Entries of the log with this tag. */
function tagged(tag) {
  return log.filter((entry) => entry.tag === tag);
}

window.api = { emit, listen, once, appWindow, WebviewWindow, getAll, getCurrent, invoke, index };
window.log = log;
window.record = record;
window.tagged = tagged;

// Registered at page start, before the page is ready: events the backend emitted in `setup`
// must still reach these (spec §7).
await Promise.all([listen('setup-event', record('start')), listen('ping', record('ping'))]);
window.recorderReady = true;
