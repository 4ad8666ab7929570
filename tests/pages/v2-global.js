// A classic script using Tauri 2's global API (window.__TAURI__ with withGlobalTauri).
const { invoke } = window.__TAURI__.core;
const { WebviewWindow } = window.__TAURI__.webviewWindow;
const { listen, emitTo } = window.__TAURI__.event;
const { getCurrentWindow } = window.__TAURI__.window;

window.heard = [];

async function greet(input, output) {
  output.textContent = await invoke('greet', { name: input.value });
}

window.openViewer = (label) =>
  new Promise((resolve) => {
    const viewer = new WebviewWindow(label, { url: 'v2-global.html', title: label });
    viewer.once('tauri://created', () => resolve('created'));
    viewer.once('tauri://error', (e) => resolve(`error: ${e.payload}`));
  });

window.addEventListener('DOMContentLoaded', () => {
  const input = document.querySelector('#greet-input');
  const output = document.querySelector('#greet-msg');
  document.querySelector('#greet-form').addEventListener('submit', (event) => {
    event.preventDefault();
    greet(input, output);
  });
  // v2's targeted listen: what is emitted to this window (and global emits).
  listen('note', (e) => window.heard.push(e.payload), { target: getCurrentWindow().label })
    .then(() => {
      window.v2GlobalReady = true;
    });
});

window.sendNote = (label, text) => emitTo(label, 'note', text);
