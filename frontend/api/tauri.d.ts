/**
 * `@tauri-apps/api/tauri`: call backend commands, as in Tauri v1.
 *
 * @module
 */

/**
 * Named command arguments; camelCase keys reach snake_case Python parameters. Bytes instead
 * make a raw call (Tauri v2's): the command gets them as its `RawBody`.
 */
export type InvokeArgs = Record<string, unknown> | ArrayBuffer | ArrayBufferView;

/** A raw call's headers (the command's `RawBody.headers`). */
export interface InvokeOptions {
  headers?: Record<string, string>;
}

/**
 * Calls a Python command registered with `invoke_handler` and resolves to its JSON result (an
 * `ArrayBuffer` for a command that returns a `Response`).
 * A Python exception rejects with an `Error` whose `name` is the exception's class and whose
 * `message` is its text; an unknown command rejects with "unknown command <name>; registered: ...".
 *
 * @param cmd The command's name.
 * @param args Named arguments, JSON values; or bytes, for a raw call.
 * @param options The headers of a raw call.
 * @example
 * ```ts
 * import { invoke } from '@tauri-apps/api/tauri'
 * const greeting = await invoke<string>('greet', { name: 'Ada' })
 * ```
 */
export declare function invoke<T>(cmd: string, args?: InvokeArgs, options?: InvokeOptions): Promise<T>;
