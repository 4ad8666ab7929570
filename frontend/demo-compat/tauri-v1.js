// A demo page written for Tauri 1 with the official @tauri-apps/api 1.6.0, unchanged: `make
// run` bundles it with esbuild into frontend/demo/compat/ (docs/tauri-compat.md).
import { emit, listen } from '@tauri-apps/api/event';
import { invoke } from '@tauri-apps/api/tauri';
import { appWindow, WebviewWindow } from '@tauri-apps/api/window';

import { addLine, byId } from './page.js';

const self = appWindow.label;
let sent = 0;

async function main() {
  byId('missing').hidden = true;
  byId('self-label').textContent = self;
  await listen('demo-global', ({ event, windowLabel, payload }) =>
    addLine(`listen heard ${event} from ${windowLabel ?? 'the backend'}`, payload));
  await appWindow.listen('demo-window', ({ event, windowLabel, payload }) =>
    addLine(`appWindow.listen heard ${event} from ${windowLabel ?? 'the backend'}`, payload));
  byId('emit-global').addEventListener('click', () =>
    emit('demo-global', { from: self, api: 'tauri v1', n: (sent += 1) }));
  byId('emit-main').addEventListener('click', () => {
    const target = WebviewWindow.getByLabel('main');
    if (target === null) addLine('no window "main" is open');
    else target.emit('demo-window', { from: self, api: 'tauri v1', n: (sent += 1) });
  });
  byId('greet').addEventListener('click', () =>
    invoke('greet', { name: `${self} (tauri v1)` }).then(
      (answer) => addLine('invoke greet answered', answer),
      (error) => addLine('invoke greet failed', error),
    ));
  window.__demoReady = true;
}

main().catch((error) => addLine('setting up failed', String(error)));
