/**
 * `@tauri-apps/api`: the Tauri v1 API subset this app provides, by namespace.
 *
 * @example
 * ```ts
 * import { event, window as tauriWindow, invoke } from '@tauri-apps/api'
 * await event.emit('hello', { from: tauriWindow.appWindow.label })
 * ```
 *
 * @module
 */

export * as event from './event.js';
export * as window from './window.js';
export * as tauri from './tauri.js';
export { invoke } from './tauri.js';
export type { Event, EventCallback, EventName, UnlistenFn } from './event.js';
export type { WindowLabel, WindowOptions } from './window.js';
export type { InvokeArgs } from './tauri.js';
