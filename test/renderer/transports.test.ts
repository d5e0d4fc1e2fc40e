import { describe, expect, it, vi } from 'vitest';
import type { YieldplanBridge } from '../../src-main/contract/index';
import {
  ipcTransport,
  loopbackTransport,
  takeLoopbackToken,
  TOKEN_HEADER,
} from '../../src-renderer/src/lib/transports';
import { TOKEN_HEADER as SERVER_TOKEN_HEADER } from '../../src-main/loopback/server';

function memoryStorage(): Storage {
  const data = new Map<string, string>();
  return {
    get length() {
      return data.size;
    },
    clear: () => data.clear(),
    getItem: (k) => data.get(k) ?? null,
    key: (i) => [...data.keys()][i] ?? null,
    removeItem: (k) => void data.delete(k),
    setItem: (k, v) => void data.set(k, v),
  };
}

describe('loopback token hand-over', () => {
  it('takes the token from the fragment, stores it and strips it from the address bar', () => {
    const storage = memoryStorage();
    const history = { replaceState: vi.fn() } as unknown as History;
    const location = { hash: '#token=abc%2D1', pathname: '/', search: '' } as Location;
    expect(takeLoopbackToken(location, history, storage)).toBe('abc-1');
    expect(history.replaceState).toHaveBeenCalledWith(null, '', '/');
    // After a reload the fragment is gone; the stored token is used.
    const reloaded = { hash: '', pathname: '/', search: '' } as Location;
    expect(takeLoopbackToken(reloaded, history, storage)).toBe('abc-1');
  });

  it('sends the token in the header the server checks', async () => {
    expect(TOKEN_HEADER).toBe(SERVER_TOKEN_HEADER);
    const fetchFn = vi.fn(async () => new Response('{"ok":true,"data":[]}'));
    const envelope = await loopbackTransport('t0k', fetchFn).call('drafts.list', {});
    expect(envelope).toEqual({ ok: true, data: [] });
    expect(fetchFn).toHaveBeenCalledWith('/api/drafts.list', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: 't0k' },
      body: '{}',
    });
  });

  it('reports an unreachable server in the one error shape', async () => {
    const fetchFn = vi.fn(async () => Promise.reject(new TypeError('Failed to fetch')));
    expect(await loopbackTransport('t', fetchFn).call('drafts.list', {})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });
});

describe('ipc transport', () => {
  it('sends a plain JSON copy (Svelte state proxies cannot cross contextBridge)', async () => {
    const open = vi.fn(async (input: unknown) => ({ ok: true as const, data: input }));
    const bridge = { ops: { 'drafts.open': open }, on: vi.fn() } as unknown as YieldplanBridge;
    const proxied = new Proxy({ id: 'x' }, {});
    await ipcTransport(bridge).call('drafts.open', proxied);
    const sent = open.mock.calls[0]![0];
    expect(sent).toEqual({ id: 'x' });
    expect(sent).not.toBe(proxied);
  });

  it('answers an op the bridge lacks with UNKNOWN_OP', async () => {
    const bridge = { ops: {}, on: vi.fn() } as unknown as YieldplanBridge;
    expect(await ipcTransport(bridge).call('drafts.open', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_OP' },
    });
  });
});
