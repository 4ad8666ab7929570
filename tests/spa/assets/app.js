// A single-page app's entry (tests/test_spa.py): its routes are paths with no file behind
// them, which the app's scheme answers with index.html, so this script runs on any of them.
import { emit } from '@tauri-apps/api/event';

const render = () => {
  document.getElementById('view').textContent = `route ${location.pathname}`;
};
window.navigateTo = (path) => {
  history.pushState({}, '', path);
  render();
};
render();
window.startedAt = location.pathname;
await emit('spa-started', location.pathname);
window.spaReady = true;
