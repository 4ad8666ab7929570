// One wrong use, without @ts-expect-error: tsc must reject this file.
import { invoke as untypedInvoke } from '@tauri-apps/api/tauri';
import type { Invoke } from './ipc';

const invoke = untypedInvoke as Invoke;

export const sum: Promise<number> = invoke('add', { left: 'one', right: 2 });
