/**
 * `@tauri-apps/api/event`: emit and listen to events, as in Tauri v1.
 *
 * `emit` goes to the global channel; `listen` hears the global channel and this window's own
 * channel (use `appWindow.listen` from `@tauri-apps/api/window` for the window channel alone).
 * Listeners of one event run in registration order; a listener that throws is reported with
 * `console.error` and the others still run.
 *
 * @module
 */

/** The names of Tauri's built-in events (v1). */
export declare enum TauriEvent {
  WINDOW_RESIZED = 'tauri://resize',
  WINDOW_MOVED = 'tauri://move',
  WINDOW_CLOSE_REQUESTED = 'tauri://close-requested',
  WINDOW_CREATED = 'tauri://window-created',
  WINDOW_DESTROYED = 'tauri://destroyed',
  WINDOW_FOCUS = 'tauri://focus',
  WINDOW_BLUR = 'tauri://blur',
  WINDOW_SCALE_FACTOR_CHANGED = 'tauri://scale-change',
  WINDOW_THEME_CHANGED = 'tauri://theme-changed',
  WINDOW_FILE_DROP = 'tauri://file-drop',
  WINDOW_FILE_DROP_HOVER = 'tauri://file-drop-hover',
  WINDOW_FILE_DROP_CANCELLED = 'tauri://file-drop-cancelled',
  MENU = 'tauri://menu',
  CHECK_UPDATE = 'tauri://update',
  UPDATE_AVAILABLE = 'tauri://update-available',
  INSTALL_UPDATE = 'tauri://update-install',
  STATUS_UPDATE = 'tauri://update-status',
  DOWNLOAD_PROGRESS = 'tauri://update-download-progress',
}

/**
 * An event name: one of {@link TauriEvent} or any string of letters, digits, `-`, `/`, `:`
 * and `_` (the backend checks it and rejects anything else).
 */
export type EventName = `${TauriEvent}` | (string & Record<never, never>);

/** What a listener is called with; each listener gets its own object. */
export interface Event<T> {
  /** The event name. */
  event: EventName;
  /** The label of the window that emitted the event, or `null` when the backend did. */
  windowLabel: string | null;
  /** The id of the listener being called (what `unlisten` removes). */
  id: number;
  /** The payload, parsed from JSON (`null` when none was given); treat it as read-only. */
  payload: T;
}

/** A listener: called with each event it hears. */
export type EventCallback<T> = (event: Event<T>) => void;

/**
 * Removes a listener. It takes effect in the page at once (no call follows it), then tells
 * the backend; calling it again does nothing.
 */
export type UnlistenFn = () => void;

/**
 * Emits an event on the global channel: every backend global listener and every page's
 * `listen` hear it, this page included. Resolves once the backend has routed the event;
 * rejects on an invalid name or a payload that is not JSON.
 *
 * @param event Event name.
 * @param payload Any JSON value; omitted means `null`.
 * @example
 * ```ts
 * import { emit } from '@tauri-apps/api/event'
 * await emit('file-saved', { path: '/tmp/notes.txt' })
 * ```
 */
export declare function emit(event: string, payload?: unknown): Promise<void>;

/**
 * Listens to an event on the global channel and on this window's own channel. Resolves,
 * after the backend has registered the listener, to a function that removes it.
 *
 * @param event Event name.
 * @param handler Called with a fresh {@link Event} for each delivery.
 * @example
 * ```ts
 * import { listen } from '@tauri-apps/api/event'
 * const unlisten = await listen<{ path: string }>('file-saved', (e) => {
 *   console.log(e.payload.path, 'saved by', e.windowLabel ?? 'the backend')
 * })
 * unlisten() // e.g. when the component unmounts
 * ```
 */
export declare function listen<T>(event: EventName, handler: EventCallback<T>): Promise<UnlistenFn>;

/**
 * Like {@link listen}, for one delivery only: the listener is removed before its handler runs.
 *
 * @example
 * ```ts
 * import { once } from '@tauri-apps/api/event'
 * await once('loaded', (e) => console.log('loaded by', e.windowLabel ?? 'the backend'))
 * ```
 */
export declare function once<T>(event: EventName, handler: EventCallback<T>): Promise<UnlistenFn>;
