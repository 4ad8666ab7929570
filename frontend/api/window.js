/**
 * `@tauri-apps/api/window`: window handles, as in Tauri v1.
 *
 * A facade over `window.__TAURI__.window`, which the app injects into every page before any
 * page script runs. Every lookup here is synchronous: the list of open windows is kept in
 * the page by the backend.
 *
 * @module @tauri-apps/api/window
 */

const api = window.__TAURI__?.window;
if (!api) {
  throw new Error('@tauri-apps/api/window: window.__TAURI__ is missing; open this page in the app');
}

/**
 * A handle to a window, by label. `emit` and `listen` on it use that window's own channel:
 * `emit` reaches the window's listeners (its page's `listen` and `appWindow.listen`, and the
 * backend's), and `listen` hears only what is emitted to that window.
 *
 * `new WebviewWindow(label, options)` also creates the window, then fires the local event
 * `tauri://created`, or `tauri://error` with the error message, on that object only.
 * Pass `{ skip: true }` to get a handle without creating anything.
 *
 * @example
 * import { WebviewWindow } from '@tauri-apps/api/window'
 * const settings = new WebviewWindow('settings', { url: 'settings.html', width: 400, height: 300 })
 * settings.once('tauri://created', () => settings.emit('init', { theme: 'dark' }))
 * settings.once('tauri://error', (e) => console.error('could not open settings:', e.payload))
 * @example
 * // A handle to a window that is already open (null when there is none):
 * WebviewWindow.getByLabel('main')?.emit('refresh')
 */
export const WebviewWindow = api.WebviewWindow;

/**
 * The window this page runs in.
 *
 * @type {InstanceType<typeof WebviewWindow>}
 * @example
 * import { appWindow } from '@tauri-apps/api/window'
 * document.title = `Window ${appWindow.label}`
 * await appWindow.listen('refresh', () => location.reload())
 */
export const appWindow = api.appWindow;

/**
 * Returns a handle to the window this page runs in (the same window as `appWindow`).
 *
 * @returns {InstanceType<typeof WebviewWindow>}
 * @example
 * import { getCurrent } from '@tauri-apps/api/window'
 * await getCurrent().emit('ready')
 */
export const getCurrent = api.getCurrent;

/**
 * Returns handles to every open window, in creation order.
 *
 * @returns {InstanceType<typeof WebviewWindow>[]}
 * @example
 * import { getAll } from '@tauri-apps/api/window'
 * const labels = getAll().map((w) => w.label) // e.g. ['main', 'second']
 */
export const getAll = api.getAll;

/**
 * A size in logical pixels (CSS pixels). Window setters take it, or a PhysicalSize.
 *
 * @example
 * await appWindow.setSize(new LogicalSize(800, 600))
 */
export const LogicalSize = api.LogicalSize;

/**
 * A size in physical pixels (logical times the scale factor); `innerSize()` returns one.
 *
 * @example
 * const { width, height } = await appWindow.innerSize()
 */
export const PhysicalSize = api.PhysicalSize;

/**
 * A position in logical pixels.
 *
 * @example
 * await appWindow.setPosition(new LogicalPosition(100, 100))
 */
export const LogicalPosition = api.LogicalPosition;

/**
 * A position in physical pixels; `outerPosition()` returns one.
 *
 * @example
 * const { x, y } = await appWindow.outerPosition()
 */
export const PhysicalPosition = api.PhysicalPosition;

/**
 * What `onCloseRequested` handlers receive; `preventDefault()` keeps the window open.
 *
 * @example
 * await appWindow.onCloseRequested((event) => {
 *   if (!confirm('Close?')) event.preventDefault()
 * })
 */
export const CloseRequestedEvent = api.CloseRequestedEvent;

/**
 * The monitor this page's window is on (name, scaleFactor, position, size, workArea; physical
 * pixels), or `null`.
 *
 * @example
 * import { currentMonitor } from '@tauri-apps/api/window'
 * const { size } = await currentMonitor()
 */
export const currentMonitor = api.currentMonitor;

/**
 * The primary monitor, or `null`.
 *
 * @example
 * import { primaryMonitor } from '@tauri-apps/api/window'
 * const name = (await primaryMonitor())?.name
 */
export const primaryMonitor = api.primaryMonitor;

/**
 * Every monitor, the primary first.
 *
 * @example
 * import { availableMonitors } from '@tauri-apps/api/window'
 * const names = (await availableMonitors()).map((m) => m.name)
 */
export const availableMonitors = api.availableMonitors;

/**
 * The monitor holding a desktop point given in physical pixels, or `null`.
 *
 * @example
 * import { monitorFromPoint } from '@tauri-apps/api/window'
 * const monitor = await monitorFromPoint(100, 200)
 */
export const monitorFromPoint = api.monitorFromPoint;

/**
 * The mouse cursor on the desktop, a PhysicalPosition.
 *
 * @example
 * import { cursorPosition } from '@tauri-apps/api/window'
 * const { x, y } = await cursorPosition()
 */
export const cursorPosition = api.cursorPosition;
