// ---------------------------------------------------------------------------------------
// Typed functions, keyed by name. Cast the API's own functions to them once, e.g.
//   import { invoke as untypedInvoke } from '@tauri-apps/api/tauri';
//   export const invoke = untypedInvoke as Invoke;

/** A Tauri v2 `Channel` (from `@tauri-apps/api/core`) whose messages are `T`. */
export interface ChannelOf<T> {
  onmessage: (response: T) => void;
}

/** A command's arguments, which may be left out when the command needs none. */
export type InvokeArgsOf<K extends keyof Commands> = {} extends Commands[K]['args']
  ? [args?: Commands[K]['args']]
  : [args: Commands[K]['args']];

/** `invoke` for the commands above: checks the name and the arguments, types the result. */
export type Invoke = <K extends keyof Commands>(
  cmd: K,
  ...args: InvokeArgsOf<K>
) => Promise<Commands[K]['result']>;

/** What a listener of a declared event receives. */
export interface TypedEvent<K extends keyof Events> {
  /** The event name. */
  event: K;
  /** The label of the window that emitted the event, or `null` when the backend did. */
  windowLabel: string | null;
  /** The id of the listener being called. */
  id: number;
  /** The payload. */
  payload: Events[K];
}

/** Removes a listener. */
export type UnlistenFn = () => void;

/** `listen` (and `once`) for the events above. */
export type Listen = <K extends keyof Events>(
  event: K,
  handler: (event: TypedEvent<K>) => void,
) => Promise<UnlistenFn>;

/** `once` for the events above. */
export type Once = Listen;

/** An event's payload, which may be left out when `null` is one. */
export type EmitPayloadOf<K extends keyof Events> = null extends Events[K]
  ? [payload?: Events[K]]
  : [payload: Events[K]];

/** `emit` for the events above. */
export type Emit = <K extends keyof Events>(event: K, ...payload: EmitPayloadOf<K>) => Promise<void>;
