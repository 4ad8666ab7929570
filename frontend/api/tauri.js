/**
 * `@tauri-apps/api/tauri`: call backend commands, as in Tauri v1.
 *
 * A facade over `window.__TAURI__.tauri`, which the app injects into every page before any
 * page script runs.
 *
 * @module @tauri-apps/api/tauri
 */

const api = window.__TAURI__?.tauri;
if (!api) {
  throw new Error('@tauri-apps/api/tauri: window.__TAURI__ is missing; open this page in the app');
}

/**
 * Calls a Python command registered with `invoke_handler` and resolves to its JSON result.
 * Arguments are matched by name (camelCase keys reach snake_case parameters). A Python
 * exception rejects with an `Error` whose `name` is the exception's class and whose
 * `message` is its text.
 *
 * @template T
 * @param {string} cmd The command's name.
 * @param {Record<string, unknown>} [args] Named arguments, JSON values.
 * @returns {Promise<T>}
 * @example
 * import { invoke } from '@tauri-apps/api/tauri'
 * const greeting = await invoke('greet', { name: 'Ada' })
 */
export const invoke = api.invoke;
