import type {
  ContractEvents,
  Envelope,
  EventName,
  YieldplanBridge,
} from '../../../src-main/contract/index';

/** How the client reaches main. The app never sees which one it has. */
export interface Transport {
  readonly kind: 'ipc' | 'loopback';
  call(op: string, input: unknown): Promise<Envelope<unknown>>;
  on<E extends EventName>(event: E, listener: (payload: ContractEvents[E]) => void): () => void;
}

/** Electron: the preload's `window.yieldplan`. */
export function ipcTransport(bridge: YieldplanBridge): Transport {
  const ops = bridge.ops as unknown as Record<
    string,
    (input: unknown) => Promise<Envelope<unknown>>
  >;
  return {
    kind: 'ipc',
    call: (op, input) => {
      const fn = ops[op];
      if (!fn) {
        return Promise.resolve({
          ok: false,
          error: { code: 'UNKNOWN_OP', message: `unknown operation: ${op}` },
        });
      }
      // Svelte $state proxies cannot cross contextBridge (structured clone); the contract is
      // JSON anyway, so send a plain JSON copy.
      return fn(JSON.parse(JSON.stringify(input ?? {})) as unknown);
    },
    on: (event, listener) => bridge.on(event, listener),
  };
}

export const TOKEN_HEADER = 'x-yieldplan-token';
const TOKEN_KEY = 'yieldplan.loopbackToken';

/**
 * The loopback server hands the token over in the URL fragment (#token=...), which browsers never
 * send to a server. Kept in sessionStorage so a reload works, and removed from the address bar.
 */
export function takeLoopbackToken(location: Location, history: History, storage: Storage): string {
  const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
  if (fromHash) {
    storage.setItem(TOKEN_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(TOKEN_KEY) ?? '';
}

/** Browser (tests, development): POST /api/<op> on the page's own origin. */
export function loopbackTransport(token: string, fetchFn: typeof fetch = fetch): Transport {
  return {
    kind: 'loopback',
    call: async (op, input) => {
      try {
        const response = await fetchFn(`/api/${encodeURIComponent(op)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
          body: JSON.stringify(input ?? {}),
        });
        return (await response.json()) as Envelope<unknown>;
      } catch {
        return {
          ok: false,
          error: { code: 'INTERNAL', message: 'the loopback server is not reachable' },
        };
      }
    },
    // Menu events exist only in the desktop shell.
    on: () => () => {},
  };
}
