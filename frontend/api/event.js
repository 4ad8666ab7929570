/**
 * `@tauri-apps/api/event`: emit and listen to events, as in Tauri v1.
 *
 * A facade over `window.__TAURI__.event`, which the app injects into every page before any
 * page script runs; there is one implementation, shared by module and classic-script users.
 *
 * Routing: `emit` goes to the global channel; `listen` hears the global channel and this
 * window's own channel. Listeners of one event run in registration order; a listener that
 * throws is reported with `console.error` and the others still run.
 *
 * @module @tauri-apps/api/event
 */

/**
 * @template T
 * @typedef {{event: string, windowLabel: string | null, id: number, payload: T}} Event
 */

const api = window.__TAURI__?.event;
if (!api) {
  throw new Error('@tauri-apps/api/event: window.__TAURI__ is missing; open this page in the app');
}

/**
 * Emits an event on the global channel: every backend global listener and every page's
 * `listen` hear it, this page included. Resolves once the backend has routed the event;
 * rejects on an invalid name or a payload that is not JSON.
 *
 * @param {string} event Event name: letters, digits, `-`, `/`, `:` and `_`.
 * @param {unknown} [payload] Any JSON value; omitted means `null`.
 * @returns {Promise<void>}
 * @example
 * import { emit } from '@tauri-apps/api/event'
 * await emit('file-saved', { path: '/tmp/notes.txt' })
 */
export const emit = api.emit;

/**
 * Listens to an event on the global channel and on this window's own channel. Resolves,
 * after the backend has registered the listener, to a function that removes it; the removal
 * takes effect in the page at once, so no call follows it.
 *
 * @template T
 * @param {string} event Event name.
 * @param {(event: Event<T>) => void} handler Called with a fresh event object;
 *   `windowLabel` is the emitting window, `null` for the backend.
 * @returns {Promise<() => void>} The unlisten function.
 * @example
 * import { listen } from '@tauri-apps/api/event'
 * const unlisten = await listen('file-saved', (e) => console.log(e.payload.path, e.windowLabel))
 * // later, e.g. when the component unmounts:
 * unlisten()
 */
export const listen = api.listen;

/**
 * Like `listen`, for one delivery only: the listener is removed before its handler runs.
 *
 * @template T
 * @param {string} event Event name.
 * @param {(event: Event<T>) => void} handler
 * @returns {Promise<() => void>} Removes the listener if it has not fired yet.
 * @example
 * import { once } from '@tauri-apps/api/event'
 * await once('loaded', (e) => console.log('loaded by', e.windowLabel ?? 'the backend'))
 */
export const once = api.once;

/**
 * The names of Tauri's built-in events (a frozen object, v1 names).
 *
 * @example
 * import { TauriEvent } from '@tauri-apps/api/event'
 * import { appWindow } from '@tauri-apps/api/window'
 * await appWindow.listen(TauriEvent.WINDOW_RESIZED, (e) => console.log(e.payload.width))
 */
export const TauriEvent = api.TauriEvent;
