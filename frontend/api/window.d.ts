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
  /** Whether the window has a title bar and borders. */
  decorations?: boolean;
  /** Whether the window opens maximized. */
  maximized?: boolean;
  /** Whether the window opens full screen. */
  fullscreen?: boolean;
  /** Smallest and largest size the user may resize the window to, in logical pixels. */
  minWidth?: number;
  minHeight?: number;
  maxWidth?: number;
  maxHeight?: number;
  /** Make a handle only: create no window (and fire no `tauri://created`). */
  skip?: boolean;
}

/** What `onFileDropEvent` handlers get as payload. */
export type FileDropEvent =
  | { type: 'hover'; paths: string[] }
  | { type: 'drop'; paths: string[] }
  | { type: 'cancel' };

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

  /** Sets the title bar's text. */
  setTitle(title: string): Promise<void>;
  /** Shows the window. */
  show(): Promise<void>;
  /** Hides the window. */
  hide(): Promise<void>;
  /** Closes the window now; no `tauri://close-requested` is sent. */
  close(): Promise<void>;
  /** Brings the window to the front and focuses it. */
  setFocus(): Promise<void>;
  minimize(): Promise<void>;
  maximize(): Promise<void>;
  unmaximize(): Promise<void>;
  /** Moves the window to the middle of its screen. */
  center(): Promise<void>;
  /** Resizes the page area. */
  setSize(size: LogicalSize | PhysicalSize): Promise<void>;
  /** Moves the window's top-left corner. */
  setPosition(position: LogicalPosition | PhysicalPosition): Promise<void>;
  /** The page area's size, in physical pixels. */
  innerSize(): Promise<PhysicalSize>;
  /** The window's top-left corner, in physical pixels. */
  outerPosition(): Promise<PhysicalPosition>;
  /** Physical pixels per logical pixel. */
  scaleFactor(): Promise<number>;
  isVisible(): Promise<boolean>;
  isMaximized(): Promise<boolean>;
  title(): Promise<string>;
  unminimize(): Promise<void>;
  isMinimized(): Promise<boolean>;
  isFocused(): Promise<boolean>;
  setFullscreen(fullscreen: boolean): Promise<void>;
  isFullscreen(): Promise<boolean>;
  /** The window's size with its frame, in physical pixels. */
  outerSize(): Promise<PhysicalSize>;
  /** The page area's top-left corner, in physical pixels. */
  innerPosition(): Promise<PhysicalPosition>;
  setDecorations(decorations: boolean): Promise<void>;
  isDecorated(): Promise<boolean>;
  setAlwaysOnTop(alwaysOnTop: boolean): Promise<void>;
  /** Lets the user resize the window, or holds it at its size. */
  setResizable(resizable: boolean): Promise<void>;
  isResizable(): Promise<boolean>;
  /** Shows or takes away the title bar's maximize button. */
  setMaximizable(maximizable: boolean): Promise<void>;
  isMaximizable(): Promise<boolean>;
  /** Shows or takes away the title bar's minimize button. */
  setMinimizable(minimizable: boolean): Promise<void>;
  isMinimizable(): Promise<boolean>;
  /** Shows or takes away the title bar's close button. */
  setClosable(closable: boolean): Promise<void>;
  isClosable(): Promise<boolean>;
  /** The smallest page area the user may resize to; `null`: no limit. */
  setMinSize(size: LogicalSize | PhysicalSize | null | undefined): Promise<void>;
  /** The largest page area the user may resize to; `null`: no limit. */
  setMaxSize(size: LogicalSize | PhysicalSize | null | undefined): Promise<void>;
  /** Flashes the taskbar entry (or marks the window urgent) until the window is activated. */
  requestUserAttention(requestType: UserAttentionType | null): Promise<void>;
  /** Keeps the window off the taskbar (a Qt `Tool` window). */
  setSkipTaskbar(skip: boolean): Promise<void>;
  /** Accepted, no effect: Qt cannot keep a window out of screenshots (docs/windows.md). */
  setContentProtected(protected_: boolean): Promise<void>;
  /** Lets mouse events go through the window to what is below it. */
  setIgnoreCursorEvents(ignore: boolean): Promise<void>;
  /** Hides the cursor over the window, or shows it again. */
  setCursorVisible(visible: boolean): Promise<void>;
  /** The cursor over the window, by Tauri's `CursorIcon` name (`'hand'`, `'text'`, ...). */
  setCursorIcon(icon: string): Promise<void>;
  /** Moves the cursor to a point of the page area. */
  setCursorPosition(position: LogicalPosition | PhysicalPosition): Promise<void>;
  /** Lets the window system move the window with the mouse (a button must be held). */
  startDragging(): Promise<void>;
  /** The monitor the window is on (as the module's `currentMonitor`, raw sizes). */
  currentMonitor(): Promise<RawMonitor | null>;
  primaryMonitor(): Promise<RawMonitor | null>;
  availableMonitors(): Promise<RawMonitor[]>;
  /** `'light'` or `'dark'`: Qt's color scheme, the app's. */
  theme(): Promise<'light' | 'dark'>;
  /** Asks for `'light'` or `'dark'` (`null`: the system's), for the whole app. */
  setTheme(theme: 'light' | 'dark' | null): Promise<void>;
  /** Calls `handler` when the color scheme changes (`tauri://theme-changed`). */
  onThemeChanged(handler: EventCallback<'light' | 'dark'>): Promise<UnlistenFn>;
  /** Calls `handler` when the window's scale factor changes (`tauri://scale-change`). */
  onScaleChanged(
    handler: EventCallback<{ scaleFactor: number; size: PhysicalSize }>,
  ): Promise<UnlistenFn>;
  /**
   * Sets the window's icon: a path to an image file (relative: to the app's frontend folder)
   * or the bytes of one.
   */
  setIcon(icon: string | Uint8Array | ArrayBuffer | number[]): Promise<void>;

  /**
   * Calls `handler` whenever the window is resized (`tauri://resize`).
   *
   * @example
   * ```ts
   * const unlisten = await appWindow.onResized(({ payload }) => console.log(payload.width))
   * ```
   */
  onResized(handler: EventCallback<PhysicalSize>): Promise<UnlistenFn>;
  /** Calls `handler` whenever the window moves (`tauri://move`). */
  onMoved(handler: EventCallback<PhysicalPosition>): Promise<UnlistenFn>;
  /** Calls `handler` with `true` on focus and `false` on blur. */
  onFocusChanged(handler: EventCallback<boolean>): Promise<UnlistenFn>;
  /**
   * Calls `handler` when files are dragged onto the window (Tauri v1's shape): `hover` with
   * the paths as they enter, `drop` with the paths, `cancel` when the drag leaves.
   */
  onFileDropEvent(handler: EventCallback<FileDropEvent>): Promise<UnlistenFn>;
  /** Calls `handler` with the id of the window menu's item clicked (`tauri://menu`). */
  onMenuClicked(handler: EventCallback<string>): Promise<UnlistenFn>;
  /**
   * Calls `handler` when the user asks to close the window; the window closes when the
   * handler is done unless it called `event.preventDefault()`.
   *
   * @example
   * ```ts
   * await appWindow.onCloseRequested(async (event) => {
   *   if (await unsavedChanges()) event.preventDefault()
   * })
   * ```
   */
  onCloseRequested(
    handler: (event: CloseRequestedEvent) => void | Promise<void>,
  ): Promise<UnlistenFn>;
}

/** A size in logical pixels. */
export declare class LogicalSize {
  readonly type: 'Logical';
  width: number;
  height: number;
  constructor(width: number, height: number);
  toPhysical(scaleFactor: number): PhysicalSize;
}

/** A size in physical pixels. */
export declare class PhysicalSize {
  readonly type: 'Physical';
  width: number;
  height: number;
  constructor(width: number, height: number);
  toLogical(scaleFactor: number): LogicalSize;
}

/** A position in logical pixels. */
export declare class LogicalPosition {
  readonly type: 'Logical';
  x: number;
  y: number;
  constructor(x: number, y: number);
  toPhysical(scaleFactor: number): PhysicalPosition;
}

/** A position in physical pixels. */
export declare class PhysicalPosition {
  readonly type: 'Physical';
  x: number;
  y: number;
  constructor(x: number, y: number);
  toLogical(scaleFactor: number): LogicalPosition;
}

/** What `onCloseRequested` handlers receive. */
export declare class CloseRequestedEvent {
  event: EventName;
  windowLabel: string | null;
  id: number;
  /** Keeps the window open. */
  preventDefault(): void;
  isPreventDefault(): boolean;
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

/** Tauri's UserAttentionType: 1 critical, 2 informational. */
export type UserAttentionType = 1 | 2;

/** A monitor as the backend sends it: plain objects in physical pixels. */
export interface RawMonitor {
  name: string;
  scaleFactor: number;
  position: { x: number; y: number };
  size: { width: number; height: number };
  workArea: { position: { x: number; y: number }; size: { width: number; height: number } };
}

/** A screen: its name, scale factor, and place, size and work area in physical pixels. */
export interface Monitor {
  name: string;
  scaleFactor: number;
  position: PhysicalPosition;
  size: PhysicalSize;
  /** The part of the screen panels and docks leave to windows. */
  workArea: { position: PhysicalPosition; size: PhysicalSize };
}

/**
 * The monitor this page's window is on, or `null`.
 *
 * @example
 * ```ts
 * import { currentMonitor } from '@tauri-apps/api/window'
 * const { size } = (await currentMonitor())!
 * ```
 */
export declare function currentMonitor(): Promise<Monitor | null>;

/**
 * The primary monitor, or `null`.
 *
 * @example
 * ```ts
 * import { primaryMonitor } from '@tauri-apps/api/window'
 * const name = (await primaryMonitor())?.name
 * ```
 */
export declare function primaryMonitor(): Promise<Monitor | null>;

/**
 * Every monitor, the primary first.
 *
 * @example
 * ```ts
 * import { availableMonitors } from '@tauri-apps/api/window'
 * const names = (await availableMonitors()).map((m) => m.name)
 * ```
 */
export declare function availableMonitors(): Promise<Monitor[]>;

/**
 * The monitor holding a desktop point given in physical pixels, or `null`.
 *
 * @example
 * ```ts
 * import { monitorFromPoint } from '@tauri-apps/api/window'
 * const monitor = await monitorFromPoint(100, 200)
 * ```
 */
export declare function monitorFromPoint(x: number, y: number): Promise<Monitor | null>;

/**
 * The mouse cursor on the desktop, in physical pixels.
 *
 * @example
 * ```ts
 * import { cursorPosition } from '@tauri-apps/api/window'
 * const { x, y } = await cursorPosition()
 * ```
 */
export declare function cursorPosition(): Promise<PhysicalPosition>;
