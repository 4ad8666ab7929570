// The page's side: call a Python command with `invoke`, hear Python's events with `listen`.
import { invoke } from '@tauri-apps/api/tauri';
import { listen } from '@tauri-apps/api/event';

const form = document.querySelector('#greet-form');
const input = document.querySelector('#name');
const greeting = document.querySelector('#greeting');
const count = document.querySelector('#count');

// The backend emits `greeted` to every window after each greeting.
await listen('greeted', (event) => {
  const { name, count: total } = event.payload;
  count.textContent = `${total} greeting${total === 1 ? '' : 's'} so far (last: ${name}).`;
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  try {
    greeting.textContent = await invoke('greet', { name: input.value });
    greeting.classList.remove('error');
  } catch (error) {
    // A Python exception rejects the promise with its class name and message.
    greeting.textContent = `${error.name}: ${error.message}`;
    greeting.classList.add('error');
  }
});
