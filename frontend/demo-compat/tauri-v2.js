// A demo page written for Tauri 2 with the official @tauri-apps/api 2.x, unchanged: `make run`
// bundles it with esbuild into frontend/demo/compat/ (docs/tauri-compat.md).
import { Channel, invoke } from '@tauri-apps/api/core';
import { emit, emitTo, listen } from '@tauri-apps/api/event';
import { getCurrentWindow } from '@tauri-apps/api/window';

import { addLine, byId } from './page.js';

const self = getCurrentWindow().label;
let sent = 0;

function stream() {
  const progress = byId('progress');
  const numbers = new Channel();
  numbers.onmessage = (n) => {
    progress.value = n;
  };
  addLine('invoke stream_count with a Channel');
  invoke('stream_count', { to: 100, onNumber: numbers }).then(
    (answer) => addLine('stream_count answered', answer),
    (error) => addLine('stream_count failed', error),
  );
}

async function main() {
  byId('missing').hidden = true;
  byId('self-label').textContent = self;
  // No target: Tauri v2's `Any`, which hears every event of that name, for any window.
  await listen('demo-global', ({ event, payload }) => addLine(`listen heard ${event}`, payload));
  await listen('demo-window', ({ event, payload }) => addLine(`listen heard ${event}`, payload));
  byId('emit-global').addEventListener('click', () =>
    emit('demo-global', { from: self, api: 'tauri v2', n: (sent += 1) }));
  byId('emit-main').addEventListener('click', () =>
    emitTo('main', 'demo-window', { from: self, api: 'tauri v2', n: (sent += 1) }));
  byId('greet').addEventListener('click', () =>
    invoke('greet', { name: `${self} (tauri v2)` }).then(
      (answer) => addLine('invoke greet answered', answer),
      (error) => addLine('invoke greet failed', error),
    ));
  byId('stream').addEventListener('click', stream);
  window.__demoReady = true;
}

main().catch((error) => addLine('setting up failed', String(error)));
