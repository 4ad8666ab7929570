// What both Tauri-package demo pages share: a log of what happened.
export function byId(id) {
  return document.getElementById(id);
}

export function addLine(text, payload) {
  const line = document.createElement('li');
  const time = new Date().toLocaleTimeString();
  const shown = payload === undefined ? '' : ` ${JSON.stringify(payload)}`;
  line.textContent = `${time}  ${text}${shown}`;
  byId('log').prepend(line);
}
