import type { Envelope } from '../contract/errors';
import type { YieldplanBridge } from '../contract/bridge';
import {
  EVENT_NAMES,
  OPS_ARG_PREFIX,
  eventChannel,
  opChannel,
  type EventName,
} from '../contract/events';

/**
 * Builds the object the preload exposes (pure: Electron's ipcRenderer is passed in), so the exact
 * shape is unit-tested under Node. Imports only zod-free modules: the sandboxed preload bundles it.
 */
export interface IpcLike {
  invoke(channel: string, input: unknown): Promise<unknown>;
  on(channel: string, listener: (payload: unknown) => void): () => void;
}

const OP_NAME = /^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/;

/** Main passes the contract's op names as one argv switch (webPreferences.additionalArguments). */
export function opNamesFromArgv(argv: readonly string[]): string[] {
  const arg = argv.find((a) => a.startsWith(OPS_ARG_PREFIX));
  if (!arg) return [];
  return arg
    .slice(OPS_ARG_PREFIX.length)
    .split(',')
    .filter((name) => OP_NAME.test(name));
}

export function buildBridge(opNames: readonly string[], ipc: IpcLike): YieldplanBridge {
  const ops: Record<string, (input: unknown) => Promise<Envelope<unknown>>> = {};
  for (const op of opNames) {
    ops[op] = async (input) => {
      try {
        return (await ipc.invoke(opChannel(op), input)) as Envelope<unknown>;
      } catch {
        // Only reachable if main has no handler (e.g. during shutdown); keep the one error shape.
        return {
          ok: false,
          error: { code: 'INTERNAL', message: `${op}: main process unavailable` },
        };
      }
    };
  }
  return {
    ops: Object.freeze(ops) as YieldplanBridge['ops'],
    on: (event, listener) => {
      if (!(EVENT_NAMES as readonly string[]).includes(event)) return () => {};
      return ipc.on(eventChannel(event as EventName), (payload) =>
        listener(payload as Parameters<typeof listener>[0]),
      );
    },
  };
}
