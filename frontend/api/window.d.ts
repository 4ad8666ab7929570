/**
 * `@tauri-apps/api/window`: window handles, as in Tauri v1. Every lookup here is synchronous.
 *
 * @module
 */

import type { EventCallback, EventName, UnlistenFn } from './event.js';

/** A window's unique label: letters, digits, `-`, `/`, `:` and `_`. */
export type WindowLabel = string;

/** How to create a window (Tauri v1's `WindowOptions`, the subset this app supports). */
export interface WindowOptions {
  /** The page to load, relative to the app's frontend folder; defaults to the first window's. */
  url?: string;
  /** The window title. */
  title?: string;
  /** Initial width, in logical pixels. */
  width?: number;
  /** Initial height, in logical pixels. */
  height?: number;
  /** Initial horizontal position, in logical pixels. */
  x?: number;
  /** Initial vertical position, in logical pixels. */
  y?: number;
  /** Whether to center the window on its screen. */
  center?: boolean;
  /** Whether the user can resize the window. */
  resizable?: boolean;
  /** Whether the window is shown once created. */
  visible?: boolean;
  /** Whether the window takes the focus once created. */
  focus?: boolean;
  /** Whether the window stays above other windows. */
  alwaysOnTop?: boolean;
  /** Make a handle only: create no window (and fire no `tauri://created`). */
  skip?: boolean;
}

/**
 * A handle to a window, by label. `emit` and `listen` on it use that window's own channel:
 * `emit` reaches that window's listeners (its page's `listen` and `appWindow.listen`, and the
 * backend's), and `listen` hears only what is emitted to that window.
 *
 * The local events `tauri://created` and `tauri://error` are special: they report the
 * outcome of `new WebviewWindow(...)` to that object alone and never reach the backend.
 */
export declare class WebviewWindow {
  /** The window's label. */
  label: WindowLabel;

  /**
   * Creates the window `label` (unless `options.skip`), then fires `tauri://created`, or
   * `tauri://error` with the error message as payload, on this object.
   *
   * @example
   * ```ts
   * import { WebviewWindow } from '@tauri-apps/api/window'
   * const settings = new WebviewWindow('settings', { url: 'settings.html', width: 400 })
   * settings.once('tauri://created', () => settings.emit('init', { theme: 'dark' }))
   * settings.once<string>('tauri://error', (e) => console.error(e.payload))
   * ```
   */
  constructor(label: WindowLabel, options?: WindowOptions);

  /**
   * A handle to an open window, or `null` when no window has that label.
   *
   * @example
   * ```ts
   * WebviewWindow.getByLabel('main')?.emit('refresh')
   * ```
   */
  static getByLabel(label: string): WebviewWindow | null;

  /**
   * Emits an event on this window's channel. Resolves once the backend has routed it;
   * rejects on an invalid name, a closed window or a payload that is not JSON.
   *
   * @example
   * ```ts
   * await WebviewWindow.getByLabel('second')?.emit('greeting', { text: 'hi' })
   * ```
   */
  emit(event: string, payload?: unknown): Promise<void>;

  /**
   * Listens to an event on this window's channel only. Resolves, after the backend has
   * registered the listener, to a function that removes it.
   *
   * @example
   * ```ts
   * const unlisten = await appWindow.listen<{ width: number; height: number }>(
   *   'tauri://resize', (e) => console.log(e.payload.width, e.payload.height))
   * ```
   */
  listen<T>(event: EventName, handler: EventCallback<T>): Promise<UnlistenFn>;

  /**
   * Like {@link WebviewWindow.listen}, for one delivery only.
   *
   * @example
   * ```ts
   * await appWindow.once('tauri://focus', () => console.log('focused for the first time'))
   * ```
   */
  once<T>(event: EventName, handler: EventCallback<T>): Promise<UnlistenFn>;
}

/**
 * The window this page runs in.
 *
 * @example
 * ```ts
 * import { appWindow } from '@tauri-apps/api/window'
 * document.title = `Window ${appWindow.label}`
 * ```
 */
export declare const appWindow: WebviewWindow;

/**
 * Returns a handle to the window this page runs in.
 *
 * @example
 * ```ts
 * import { getCurrent } from '@tauri-apps/api/window'
 * await getCurrent().emit('ready')
 * ```
 */
export declare function getCurrent(): WebviewWindow;

/**
 * Returns handles to every open window, in creation order.
 *
 * @example
 * ```ts
 * import { getAll } from '@tauri-apps/api/window'
 * const labels = getAll().map((w) => w.label)
 * ```
 */
export declare function getAll(): WebviewWindow[];
