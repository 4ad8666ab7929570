// The demo page: the app opens it in two windows, `main` and `second`, and it shows live
// every kind of event the bridge carries (global, window-specific, from the backend, from the
// other window), which listener heard it, and a command round trip.
import { emit, listen } from '@tauri-apps/api/event';
import { appWindow, WebviewWindow, getAll } from '@tauri-apps/api/window';
import { invoke } from '@tauri-apps/api/tauri';

const MAX_LOG_LINES = 200;
const PAYLOAD_MAX_CHARS = 300;
// Tauri v1 has no event that tells every page the window list changed (tauri://destroyed
// goes to the closing window's own channel), so the header re-reads the synchronous list.
const WINDOW_LIST_REFRESH_MS = 1000;

// `listen` hears the global channel plus this window's own; `appWindow.listen` only the latter.
const GLOBAL_LISTENS = ['demo-global', 'demo-window', 'backend-tick', 'backend-hello'];
const WINDOW_LISTENS = ['demo-window', 'backend-tick'];

const self = appWindow.label;
const byId = (id) => document.getElementById(id);
const log = byId('log');
let emitCount = 0;

// ---------------------------------------------------------------------------------------
// The log

function clock() {
  const now = new Date();
  const ms = String(now.getMilliseconds()).padStart(3, '0');
  return `${now.toLocaleTimeString('en-GB', { hour12: false })}.${ms}`;
}

function compactJson(value) {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > PAYLOAD_MAX_CHARS ? `${text.slice(0, PAYLOAD_MAX_CHARS)}…` : text;
}

function sourceClass(label) {
  if (label === null) return 'src-backend';
  return label === self ? 'src-self' : 'src-other';
}

function viaClass(via) {
  if (via === 'listen') return 'via-global';
  return via === 'appWindow.listen' ? 'via-window' : 'via-action';
}

function cell(text, className) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  span.title = text;
  return span;
}

/** Adds one line at the top; `source` null means the backend. */
function addLine({ event, via, source, payload, isError = false }) {
  const line = document.createElement('li');
  if (isError) line.classList.add('error');
  line.append(
    cell(clock(), 'time'),
    cell(event, 'event'),
    cell(via, `via ${viaClass(via)}`),
    cell(source ?? 'backend', `chip ${sourceClass(source)}`),
    cell(isError ? payload : compactJson(payload), 'payload'),
  );
  log.prepend(line);
  while (log.childElementCount > MAX_LOG_LINES) log.lastElementChild.remove();
  byId('log-empty').hidden = true;
}

function logFailure(event, via, error) {
  addLine({ event, via, source: self, payload: `${error.name}: ${error.message}`, isError: true });
}

// ---------------------------------------------------------------------------------------
// The header

function showTick(payload) {
  const tick = byId('tick');
  tick.textContent = `tick #${payload?.count ?? '?'}`;
  tick.classList.remove('muted');
  // Restart the pulse animation on every tick.
  tick.classList.remove('pulse');
  void tick.offsetWidth;
  tick.classList.add('pulse');
}

function otherLabel() {
  return getAll().map((w) => w.label).find((label) => label !== self) ?? null;
}

let shownWindows = '';

function renderWindows() {
  const labels = getAll().map((w) => w.label);
  if (labels.join('\n') === shownWindows) return;
  shownWindows = labels.join('\n');

  const items = labels.map((label) => {
    const item = document.createElement('li');
    item.className = `chip ${sourceClass(label)}`;
    item.textContent = label;
    return item;
  });
  byId('window-list').replaceChildren(...items);

  const other = otherLabel();
  const button = byId('emit-other');
  button.disabled = other === null;
  button.textContent = other === null ? 'Emit to other window' : `Emit to “${other}”`;
  button.title = other === null
    ? 'No other window is open'
    : `WebviewWindow.getByLabel('${other}').emit('demo-window', …)`;
}

// ---------------------------------------------------------------------------------------
// Actions

function nextPayload(extra = {}) {
  emitCount += 1;
  return { from: self, n: emitCount, ...extra };
}

async function emitGlobal() {
  await emit('demo-global', nextPayload())
    .catch((error) => logFailure('demo-global', 'emit', error));
}

async function emitToSelf() {
  await appWindow
    .emit('demo-window', nextPayload({ to: self }))
    .catch((error) => logFailure('demo-window', 'appWindow.emit', error));
}

async function emitToOther() {
  const other = otherLabel();
  const target = other === null ? null : WebviewWindow.getByLabel(other);
  if (!target) {
    renderWindows(); // the other window closed since the last refresh
    return;
  }
  await target
    .emit('demo-window', nextPayload({ to: other }))
    .catch((error) => logFailure('demo-window', 'emit to other', error));
}

async function callBackend() {
  try {
    const result = await invoke('greet', { name: self });
    addLine({ event: 'greet', via: 'invoke', source: null, payload: result });
  } catch (error) {
    logFailure('greet', 'invoke', error);
  }
}

function wireButtons() {
  byId('emit-global').addEventListener('click', emitGlobal);
  byId('emit-self').addEventListener('click', emitToSelf);
  byId('emit-other').addEventListener('click', emitToOther);
  byId('call-backend').addEventListener('click', callBackend);
  byId('clear-log').addEventListener('click', () => {
    log.replaceChildren();
    byId('log-empty').hidden = false;
  });
}

// ---------------------------------------------------------------------------------------
// Listeners

function logEvent(via) {
  return ({ event, windowLabel, payload }) => {
    addLine({ event, via, source: windowLabel, payload });
    if (event === 'backend-tick') showTick(payload);
  };
}

function listenAll() {
  return Promise.all([
    ...GLOBAL_LISTENS.map((name) => listen(name, logEvent('listen'))),
    ...WINDOW_LISTENS.map((name) => appWindow.listen(name, logEvent('appWindow.listen'))),
  ]);
}

// ---------------------------------------------------------------------------------------

document.title = `Event demo · ${self}`;
byId('self-label').textContent = self;
renderWindows();
setInterval(renderWindows, WINDOW_LIST_REFRESH_MS);
wireButtons();

try {
  await listenAll();
  window.__demoReady = true;
} catch (error) {
  logFailure('listen', 'listen', error);
}
