// Pure parts of the Electron shell, tested under Node (Electron itself cannot run here).
import { describe, expect, it, vi } from 'vitest';
import { OPS_ARG_PREFIX, opChannel } from '../../src-main/contract/events';
import { OP_NAMES } from '../../src-main/contract/index';
import { APP_ENTRY_URL, appUrlToRelativePath, isAppUrl } from '../../src-main/electron/app-url';
import { fitBoundsToDisplays, MIN_WINDOW } from '../../src-main/electron/bounds';
import { buildBridge, opNamesFromArgv } from '../../src-main/electron/bridge';

describe('preload bridge', () => {
  const argv = ['/opt/electron', '--type=renderer', OPS_ARG_PREFIX + OP_NAMES.join(',')];

  it('exposes exactly the contract operations, each on its own channel', async () => {
    const invoke = vi.fn(async (_channel: string, input: unknown) => ({ ok: true, data: input }));
    const bridge = buildBridge(opNamesFromArgv(argv), { invoke, on: () => () => {} });
    expect(Object.keys(bridge.ops).sort()).toEqual([...OP_NAMES].sort());
    expect(Object.isFrozen(bridge.ops)).toBe(true);
    await bridge.ops['drafts.open']({ id: 'x' });
    expect(invoke).toHaveBeenCalledWith(opChannel('drafts.open'), { id: 'x' });
  });

  it('ignores malformed op names in argv', () => {
    expect(opNamesFromArgv([OPS_ARG_PREFIX + 'drafts.list,__proto__,a.b;rm,x'])).toEqual([
      'drafts.list',
    ]);
    expect(opNamesFromArgv(['--other'])).toEqual([]);
  });

  it('turns a rejected invoke into the one error shape', async () => {
    const bridge = buildBridge(['drafts.list'], {
      invoke: () => Promise.reject(new Error('No handler registered')),
      on: () => () => {},
    });
    expect(await bridge.ops['drafts.list']({})).toMatchObject({
      ok: false,
      error: { code: 'INTERNAL' },
    });
  });

  it('subscribes only to known events and hands back an unsubscribe', () => {
    const off = vi.fn();
    const on = vi.fn(() => off);
    const bridge = buildBridge([], { invoke: vi.fn(), on });
    bridge.on('menu.command', () => {})();
    expect(on).toHaveBeenCalledWith('yp:event:menu.command', expect.any(Function));
    expect(off).toHaveBeenCalledOnce();
    bridge.on('not.an.event' as 'menu.command', () => {});
    expect(on).toHaveBeenCalledTimes(1);
  });
});

describe('app URLs', () => {
  it('trusts the app scheme and the local dev server only', () => {
    expect(isAppUrl(APP_ENTRY_URL, undefined)).toBe(true);
    expect(isAppUrl('app://renderer/assets/x.js', undefined)).toBe(true);
    expect(isAppUrl('app://other/index.html', undefined)).toBe(false);
    expect(isAppUrl('https://example.com/', undefined)).toBe(false);
    expect(isAppUrl('file:///etc/passwd', undefined)).toBe(false);
    expect(isAppUrl('http://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('ws://localhost:5173/', 'http://localhost:5173')).toBe(true);
    expect(isAppUrl('ws://localhost:9999/', 'http://localhost:5173')).toBe(false);
    expect(isAppUrl('http://localhost:5173/', undefined)).toBe(false);
    expect(isAppUrl('not a url', undefined)).toBe(false);
  });

  it('maps app:// paths into the renderer folder and refuses escapes', () => {
    expect(appUrlToRelativePath('app://renderer/')).toBe('index.html');
    expect(appUrlToRelativePath('app://renderer/assets/a.js')).toBe('assets/a.js');
    // The URL parser already resolves dot segments, so this stays inside the folder.
    expect(appUrlToRelativePath('app://renderer/%2e%2e/%2e%2e/etc/passwd')).toBe('etc/passwd');
    expect(appUrlToRelativePath('app://renderer/a%5C..%5Cb')).toBeNull();
  });
});

describe('fitBoundsToDisplays', () => {
  const primary = { x: 0, y: 0, width: 1920, height: 1040 };

  it('centres the default size on first run', () => {
    // (1920 - 1280) / 2 = 320, (1040 - 820) / 2 = 110
    expect(fitBoundsToDisplays(null, [primary], primary)).toEqual({
      x: 320,
      y: 110,
      width: 1280,
      height: 820,
    });
  });

  it('keeps remembered bounds that are visible on a display (here the second one)', () => {
    const second = { x: 1920, y: 0, width: 2560, height: 1400 };
    const saved = { x: 2100, y: 100, width: 1400, height: 900 };
    expect(fitBoundsToDisplays(saved, [primary, second], primary)).toEqual(saved);
  });

  it('recentres a window whose display is gone, shrunk to fit', () => {
    const saved = { x: 3000, y: 200, width: 2400, height: 1300 };
    expect(fitBoundsToDisplays(saved, [primary], primary)).toEqual({ ...primary });
  });

  it('never restores below the minimum size', () => {
    const saved = { x: 10, y: 10, width: 300, height: 200 };
    const fitted = fitBoundsToDisplays(saved, [primary], primary);
    expect(fitted.width).toBe(MIN_WINDOW.width);
    expect(fitted.height).toBe(MIN_WINDOW.height);
  });
});
