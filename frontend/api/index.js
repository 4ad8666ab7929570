/**
 * `@tauri-apps/api`: the Tauri v1 API subset this app provides, by namespace.
 *
 * Each namespace is also importable on its own (`@tauri-apps/api/event`,
 * `@tauri-apps/api/window`, `@tauri-apps/api/tauri`), which is what most code does.
 *
 * @module @tauri-apps/api
 */

/**
 * Events: `emit`, `listen`, `once`, `TauriEvent`.
 *
 * @example
 * import { event } from '@tauri-apps/api'
 * await event.emit('hello', { from: 'index' })
 */
export * as event from './event.js';

/**
 * Windows: `WebviewWindow`, `appWindow`, `getCurrent`, `getAll`.
 *
 * @example
 * import { window as tauriWindow } from '@tauri-apps/api'
 * console.log(tauriWindow.appWindow.label)
 */
export * as window from './window.js';

/**
 * Commands: `invoke`.
 *
 * @example
 * import { tauri } from '@tauri-apps/api'
 * const greeting = await tauri.invoke('greet', { name: 'Ada' })
 */
export * as tauri from './tauri.js';

/**
 * Calls a backend command; the same function as `tauri.invoke`.
 *
 * @example
 * import { invoke } from '@tauri-apps/api'
 * const greeting = await invoke('greet', { name: 'Ada' })
 */
export { invoke } from './tauri.js';
