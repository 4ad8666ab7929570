// A frontend using the declarations of tests/typed_app.py as a user would: each right use
// must compile, and each line under @ts-expect-error must NOT (tsc fails on an unused one).
import { invoke as untypedInvoke } from '@tauri-apps/api/tauri';
import {
  emit as untypedEmit,
  listen as untypedListen,
  once as untypedOnce,
} from '@tauri-apps/api/event';
import type { Emit, Invoke, Listen, Note_Result, Once } from './ipc';

const invoke = untypedInvoke as Invoke;
const listen = untypedListen as Listen;
const once = untypedOnce as Once;
const emit = untypedEmit as Emit;

export async function rightUses(): Promise<void> {
  const saved: Note_Result = await invoke('save_note', { note: { title: 'Hi' } });
  const tags: string[] = saved.tags; // sent in full: no `undefined` to handle
  const user = await invoke('get-user', { userId: 1 });
  const name: string | undefined = user?.name;
  const age: number | null | undefined = user?.age;
  const sum: number = await invoke('add', { left: 1, right: 2 });
  const color: 'red' | 'green' = await invoke('shade');
  const nothing: null = await invoke('ping');
  const mode: string = await invoke('set-mode', { mode: 'a' });
  const unlisten = await listen('note-saved', (event) => {
    const title: string = event.payload.title;
    const from: string | null = event.windowLabel;
    console.log(title, from, event.id);
  });
  unlisten();
  await once('progress', (event) => console.log(event.payload.toFixed(2)));
  await emit('progress', 0.5);
  await emit('ping-event'); // a null payload may be left out
  console.log(tags, name, age, sum, color, nothing, mode);
}

export async function wrongUses(): Promise<void> {
  // @ts-expect-error: no such command
  await invoke('nope');
  // @ts-expect-error: an argument of the wrong type
  await invoke('add', { left: '1', right: 2 });
  // @ts-expect-error: a required argument left out
  await invoke('add', { left: 1 });
  // @ts-expect-error: arguments left out altogether
  await invoke('add');
  // @ts-expect-error: an argument the command does not take
  await invoke('ping', { extra: 1 });
  // @ts-expect-error: a field the dataclass requires, left out
  await invoke('save_note', { note: { tags: [] } });
  // @ts-expect-error: a value outside the Literal
  await invoke('set-mode', { mode: 'c' });
  // @ts-expect-error: the result is a number
  const text: string = await invoke('add', { left: 1, right: 2 });
  // @ts-expect-error: the result may be null
  const user: { name: string } = await invoke('get-user', { userId: 2 });
  // @ts-expect-error: a payload of the wrong type
  await emit('progress', 'half');
  // @ts-expect-error: a payload that is required, left out
  await emit('progress');
  // @ts-expect-error: an event nobody declared
  await listen('undeclared', () => {});
  await listen('note-saved', (event) => {
    // @ts-expect-error: the payload has no such field
    console.log(event.payload.body);
  });
  console.log(text, user);
}
