/**
 * `@tauri-apps/api/tauri`: call backend commands, as in Tauri v1.
 *
 * @module
 */

/** Named command arguments; camelCase keys reach snake_case Python parameters. */
export type InvokeArgs = Record<string, unknown>;

/**
 * Calls a Python command registered with `invoke_handler` and resolves to its JSON result.
 * A Python exception rejects with an `Error` whose `name` is the exception's class and whose
 * `message` is its text; an unknown command rejects with "unknown command <name>; registered: ...".
 *
 * @param cmd The command's name.
 * @param args Named arguments, JSON values.
 * @example
 * ```ts
 * import { invoke } from '@tauri-apps/api/tauri'
 * const greeting = await invoke<string>('greet', { name: 'Ada' })
 * ```
 */
export declare function invoke<T>(cmd: string, args?: InvokeArgs): Promise<T>;
