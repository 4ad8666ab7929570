// The demo page: the app opens it in two windows, `main` and `second`, and it shows live
// every kind of event the bridge carries (global, window-specific, from the backend, from the
// other window, the built-in window events), which listener heard it, and command round trips.
import { emit, listen } from '@tauri-apps/api/event';
import { appWindow, WebviewWindow, getAll } from '@tauri-apps/api/window';
import { invoke } from '@tauri-apps/api/tauri';

const MAX_LOG_LINES = 200;
const PAYLOAD_MAX_CHARS = 300;
const TICK_INTERVAL_MS = 1000;
const NEW_WINDOW_OPTIONS = { url: 'index.html', width: 620, height: 520 };

// `listen` hears the global channel plus this window's own; `appWindow.listen` only the latter.
const GLOBAL_LISTENS = [
  'demo-global', 'demo-window', 'backend-tick', 'backend-hello', 'tauri://menu', 'tauri://tray-icon',
];
const WINDOW_LISTENS = ['demo-window', 'backend-tick'];

// One button per backend command; `args` is a function so `greet` always sends this label.
const COMMAND_BUTTONS = [
  { id: 'cmd-greet', command: 'greet', args: () => ({ name: self }) },
  { id: 'cmd-slow', command: 'slow_square', args: () => ({ value: 12 }) },
  { id: 'cmd-async', command: 'countdown', args: () => ({ seconds: 2 }) },
  { id: 'cmd-fail', command: 'fail', args: () => ({ reason: 'on purpose' }) },
];

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
  // appWindow.listen and WebviewWindow.getByLabel(…).listen: one window's channel only.
  return via.endsWith('.listen') ? 'via-window' : 'via-action';
}

function cell(text, className) {
  const span = document.createElement('span');
  span.className = className;
  span.textContent = text;
  span.title = text;
  return span;
}

/** Resize and move come in bursts while the user drags: one line counts them instead. */
function bumpLine(line, text) {
  const count = Number(line.dataset.count) + 1;
  line.dataset.count = String(count);
  line.querySelector('.time').textContent = clock();
  line.querySelector('.payload').textContent = text;
  line.querySelector('.count').textContent = `×${count}`;
}

/**
 * Adds one line at the top. `source` null means the backend; `text` replaces the JSON of
 * `payload`; `kind` is '', 'call', 'result' or 'error'; `coalesce` folds repeats into one line.
 */
function addLine({ event, via, source, payload, text, kind = '', coalesce = false }) {
  const shown = text ?? compactJson(payload);
  const key = `${event}\n${via}\n${source}`;
  const top = log.firstElementChild;
  if (coalesce && top?.dataset.key === key) {
    bumpLine(top, shown);
    return;
  }
  const line = document.createElement('li');
  if (kind) line.classList.add(kind);
  line.dataset.key = key;
  line.dataset.count = '1';
  const name = cell(event, 'event');
  name.append(cell('', 'count'));
  line.append(
    cell(clock(), 'time'),
    name,
    cell(via, `via ${viaClass(via)}`),
    cell(source ?? 'backend', `chip ${sourceClass(source)}`),
    cell(shown, 'payload'),
  );
  log.prepend(line);
  while (log.childElementCount > MAX_LOG_LINES) log.lastElementChild.remove();
  byId('log-empty').hidden = true;
}

function logFailure(event, via, error) {
  addLine({ event, via, source: self, text: `${error.name}: ${error.message}`, kind: 'error' });
}

// ---------------------------------------------------------------------------------------
// The ticker. No command reports whether this window's ticker runs (the backend starts one
// for `main` itself, and a reload keeps it), so the state is learnt from ticks and clicks.

const ticker = { state: 'unknown', lastCount: null };

function renderTicker() {
  const { state, lastCount } = ticker;
  const last = lastCount === null ? '' : ` · #${lastCount}`;
  const texts = {
    unknown: ['no ticks yet', 'Not known yet: no tick has arrived and no button was used'],
    running: [`running${last}`, `A tick to this window every ${TICK_INTERVAL_MS / 1000} s`],
    stopped: [`stopped${last}`, 'No more ticks to this window'],
  };
  const element = byId('ticker-state');
  [element.textContent, element.title] = texts[state];
  element.className = `state state-${state}`;
}

function showTick(payload) {
  const tick = byId('tick');
  tick.textContent = `tick #${payload?.count ?? '?'}`;
  tick.classList.remove('muted');
  // Restart the pulse animation on every tick.
  tick.classList.remove('pulse');
  void tick.offsetWidth;
  tick.classList.add('pulse');

  ticker.lastCount = payload?.count ?? null;
  // A tick queued before a stop can still land after it: only the unknown state learns here.
  if (ticker.state === 'unknown') ticker.state = 'running';
  renderTicker();
}

// ---------------------------------------------------------------------------------------
// Windows: the list is getAll(), re-read whenever an event says it changed. Tauri v1 sends
// tauri://window-created to every page, but tauri://destroyed only on the closing window's
// own channel, so this page listens on each other window's channel as it appears.

/** label -> promise of the function that removes our tauri://destroyed listener there. */
const destroyWatchers = new Map();
let shownWindows = null;

function openLabels() {
  return getAll().map((w) => w.label);
}

function otherLabel(labels = openLabels()) {
  return labels.find((label) => label !== self) ?? null;
}

function suggestLabel(labels) {
  let n = labels.length + 1;
  while (labels.includes(`window-${n}`)) n += 1;
  return `window-${n}`;
}

function windowChip(label) {
  const item = document.createElement('li');
  item.className = `chip ${sourceClass(label)}`;
  item.textContent = label;
  return item;
}

function windowRow(label) {
  const row = document.createElement('li');
  const name = cell(label, `chip ${sourceClass(label)}`);
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'quiet small';
  close.id = `close-window-${label}`;
  close.dataset.label = label;
  close.textContent = 'Close';
  close.title = `WebviewWindow.getByLabel('${label}').close()`;
  row.append(name);
  if (label === self) row.append(cell('(this)', 'muted note'));
  row.append(close);
  return row;
}

function renderEmitOther(labels) {
  const other = otherLabel(labels);
  const button = byId('emit-other');
  button.disabled = other === null;
  button.textContent = other === null ? 'Emit to other window' : `Emit to “${other}”`;
  button.title = other === null
    ? 'No other window is open'
    : `WebviewWindow.getByLabel('${other}').emit('demo-window', …)`;
}

function renderWindows(labels = openLabels()) {
  if (labels.join('\n') === shownWindows) return;
  shownWindows = labels.join('\n');
  byId('window-list').replaceChildren(...labels.map(windowChip));
  byId('open-windows').replaceChildren(...labels.map(windowRow));
  byId('window-label').placeholder = suggestLabel(labels);
  renderEmitOther(labels);
}

/** Stops hearing a window that closed; a later window with its label gets a new listener. */
function forgetWindow(label) {
  const watcher = destroyWatchers.get(label);
  destroyWatchers.delete(label);
  // The backend keeps our listener on a closed window's channel, and a new window with the
  // same label would reuse that channel: without this it would be heard twice.
  watcher?.then((unlisten) => unlisten?.());
}

function onWindowDestroyed(label, { event, windowLabel, payload }) {
  addLine({ event, via: 'getByLabel.listen', source: windowLabel, payload });
  forgetWindow(label);
  syncWindows();
}

function watchWindow(label) {
  if (label === self || destroyWatchers.has(label)) return null;
  const target = WebviewWindow.getByLabel(label);
  if (target === null) return null;
  const watcher = target
    .listen('tauri://destroyed', (event) => onWindowDestroyed(label, event))
    .catch((error) => {
      logFailure('tauri://destroyed', 'getByLabel.listen', error);
      return null;
    });
  destroyWatchers.set(label, watcher);
  // If the window closed while the listener was being registered, nobody heard it go.
  watcher.then(() => {
    if (destroyWatchers.get(label) === watcher && WebviewWindow.getByLabel(label) === null) {
      forgetWindow(label);
      syncWindows();
    }
  });
  return watcher;
}

/** Watches every open window, forgets closed ones, redraws; resolves once all are watched. */
function syncWindows() {
  const labels = openLabels();
  for (const label of destroyWatchers.keys()) {
    if (!labels.includes(label)) forgetWindow(label);
  }
  const watchers = labels.map(watchWindow);
  renderWindows(labels);
  return Promise.all(watchers);
}

function onWindowCreated({ event, windowLabel, payload }) {
  addLine({ event, via: 'listen', source: windowLabel, payload });
  syncWindows();
}

function openWindow(submit) {
  submit.preventDefault(); // a form, so Enter in the input opens too
  const input = byId('window-label');
  const label = input.value.trim() || input.placeholder;
  const created = new WebviewWindow(label, NEW_WINDOW_OPTIONS);
  // Local events of this object only: the outcome of the constructor's request.
  created.once('tauri://created', ({ event, windowLabel, payload }) => {
    addLine({ event, via: 'new WebviewWindow', source: windowLabel, payload });
    if (input.value.trim() === label) input.value = '';
  });
  created.once('tauri://error', ({ event, windowLabel, payload }) => {
    addLine({ event, via: 'new WebviewWindow', source: windowLabel, text: String(payload), kind: 'error' });
  });
}

/** Opens (or focuses) the demo page built with the official Tauri package `version`. */
function openPackagePage(version) {
  const label = `tauri-${version}`;
  const open = WebviewWindow.getByLabel(label);
  if (open !== null) {
    open.setFocus().catch((error) => logFailure('focus', `focus ${label}`, error));
    return;
  }
  const created = new WebviewWindow(label, {
    url: `tauri-${version}.html`,
    title: `Built with @tauri-apps/api ${version}`,
    width: 560,
    height: 460,
  });
  created.once('tauri://error', ({ event, windowLabel, payload }) => {
    addLine({ event, via: 'new WebviewWindow', source: windowLabel, text: String(payload), kind: 'error' });
  });
}

async function closeWindow(label) {
  const target = WebviewWindow.getByLabel(label);
  if (target === null) {
    syncWindows(); // already gone
    return;
  }
  await target.close().catch((error) => logFailure('close', `close ${label}`, error));
}

// ---------------------------------------------------------------------------------------
// Commands: each call logs its arguments, then its result or error, so ticks that arrive
// while a slow one runs show up in between.

const pendingCalls = new Map(); // button -> calls in flight

function setBusy(button, delta) {
  const count = (pendingCalls.get(button) ?? 0) + delta;
  if (count > 0) pendingCalls.set(button, count);
  else pendingCalls.delete(button);
  button.classList.toggle('busy', count > 0);
  button.setAttribute('aria-busy', String(count > 0));

  const total = [...pendingCalls.values()].reduce((sum, n) => sum + n, 0);
  const indicator = byId('cmd-running');
  indicator.hidden = total === 0;
  indicator.textContent = `${total} running…`;
}

/** Invokes `command`; resolves to {ok, result} or {ok: false, error}, never rejects. */
async function runCommand(command, args, button) {
  const started = performance.now();
  setBusy(button, +1);
  addLine({ event: command, via: 'invoke', source: self, payload: args, kind: 'call' });
  try {
    const result = await invoke(command, args);
    const via = `invoke ${Math.round(performance.now() - started)} ms`;
    addLine({ event: command, via, source: null, payload: result, kind: 'result' });
    return { ok: true, result };
  } catch (error) {
    const via = `invoke ${Math.round(performance.now() - started)} ms`;
    addLine({ event: command, via, source: null, text: `${error.name}: ${error.message}`, kind: 'error' });
    return { ok: false, error };
  } finally {
    setBusy(button, -1);
  }
}

async function startTicker(click) {
  const { ok } = await runCommand('start_ticker', { intervalMs: TICK_INTERVAL_MS }, click.currentTarget);
  // `false` means one was already running: running either way.
  if (ok) ticker.state = 'running';
  renderTicker();
}

async function stopTicker(click) {
  const { ok } = await runCommand('stop_ticker', {}, click.currentTarget);
  // `false` means none was running: stopped either way.
  if (ok) ticker.state = 'stopped';
  renderTicker();
}

// ---------------------------------------------------------------------------------------
// Event buttons

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
    syncWindows(); // the other window closed since the last redraw
    return;
  }
  await target
    .emit('demo-window', nextPayload({ to: other }))
    .catch((error) => logFailure('demo-window', 'emit to other', error));
}

function wireButtons() {
  byId('emit-global').addEventListener('click', emitGlobal);
  byId('emit-self').addEventListener('click', emitToSelf);
  byId('emit-other').addEventListener('click', emitToOther);
  byId('call-backend').addEventListener('click', (click) =>
    runCommand('greet', { name: self }, click.currentTarget));
  byId('clear-log').addEventListener('click', () => {
    log.replaceChildren();
    byId('log-empty').hidden = false;
  });

  byId('open-form').addEventListener('submit', openWindow);
  byId('open-v1').addEventListener('click', () => openPackagePage('v1'));
  byId('open-v2').addEventListener('click', () => openPackagePage('v2'));
  // One listener for the whole list, whose rows are redrawn.
  byId('open-windows').addEventListener('click', ({ target }) => {
    const label = target.closest('button[data-label]')?.dataset.label;
    if (label !== undefined) closeWindow(label);
  });

  for (const { id, command, args } of COMMAND_BUTTONS) {
    byId(id).addEventListener('click', (click) => runCommand(command, args(), click.currentTarget));
  }
  byId('ticker-start').addEventListener('click', startTicker);
  byId('ticker-stop').addEventListener('click', stopTicker);
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

/** tauri://resize, move, focus, blur and close-requested, through Tauri's helpers. */
function listenBuiltins() {
  const px = ({ width, height }) => `${width}×${height} physical px`;
  const at = ({ x, y }) => `at ${x}, ${y} physical px`;
  return Promise.all([
    appWindow.onResized(({ event, windowLabel, payload }) =>
      addLine({ event, via: 'onResized', source: windowLabel, text: px(payload), coalesce: true })),
    appWindow.onMoved(({ event, windowLabel, payload }) =>
      addLine({ event, via: 'onMoved', source: windowLabel, text: at(payload), coalesce: true })),
    appWindow.onFocusChanged(({ event, windowLabel, payload }) =>
      addLine({ event, via: 'onFocusChanged', source: windowLabel, payload })),
    appWindow.onFileDropEvent(({ event, windowLabel, payload }) => {
      addLine({ event, via: 'onFileDropEvent', source: windowLabel, payload });
      showDrop(payload);
    }),
    appWindow.onThemeChanged(({ event, windowLabel, payload }) =>
      addLine({ event, via: 'onThemeChanged', source: windowLabel, payload })),
    // Not prevented: the window closes once this returns.
    appWindow.onCloseRequested(({ event, windowLabel }) =>
      addLine({ event, via: 'onCloseRequested', source: windowLabel, text: 'closing (not prevented)' })),
  ]);
}

/** The drop card: what is over the window, what was dropped, or that the drag left. */
function showDrop({ type, paths = [] }) {
  const zone = byId('drop-zone');
  const names = paths.map((path) => path.split('/').pop()).join(', ');
  zone.textContent =
    type === 'drop' ? `Dropped: ${names}` : type === 'hover' ? `Over the window: ${names}` : 'Drag left';
  zone.classList.toggle('muted', type === 'cancel');
}

/** Hears new windows first, then reads the list, so none can open unnoticed in between. */
async function trackWindows() {
  await listen('tauri://window-created', onWindowCreated);
  await syncWindows();
}

// ---------------------------------------------------------------------------------------

document.title = `Event demo · ${self}`;
byId('self-label').textContent = self;
renderWindows();
renderTicker();
wireButtons();

try {
  await Promise.all([listenAll(), listenBuiltins(), trackWindows()]);
  window.__demoReady = true;
} catch (error) {
  logFailure('listen', 'listen', error);
}
