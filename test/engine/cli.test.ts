import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { borrowUsdc, D, expectClose, strategy } from './helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) },
    out,
    err,
  };
}

const example = fileURLToPath(
  new URL('../../resources/examples/eth-leveraged-long.json', import.meta.url),
);

describe('yieldplan evaluate', () => {
  it('prints a readable summary and exits 0', async () => {
    const c = capture();
    expect(await main(['evaluate', example], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toContain('ETH leveraged long');
    expect(text).toContain('leverage 2.5x');
    expect(text).toContain('health factor 1.3833');
    expect(c.err).toEqual([]);
  });

  it("prints what breaks the file's own limits, with the fixes", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yieldplan-'));
    const file = join(dir, 'limited.json');
    const shipped = JSON.parse(readFileSync(example, 'utf8')) as Record<string, unknown>;
    // HF 1.3833 against a minimum of 1.5; leverage 2.5 within a maximum of 3.
    writeFileSync(
      file,
      JSON.stringify({
        ...shipped,
        version: 2,
        limits: { minHealthFactor: '1.5', maxLeverage: '3' },
      }),
    );
    const c = capture();
    expect(await main(['evaluate', file], c.io)).toBe(0);
    const lines = c.out.join('\n').split('\n');
    const breaks = lines.filter((l) => l.includes('breaks limit:'));
    expect(breaks).toHaveLength(1);
    expect(breaks[0]).toMatch(/health factor/i);
    expect(lines.some((l) => l.trim().startsWith('fix:'))).toBe(true);
    const json = capture();
    expect(await main(['evaluate', file, '--json'], json.io)).toBe(0);
    const parsed = JSON.parse(json.out.join('')) as {
      limits: { breaches: { limit: string; source: string }[] };
    };
    expect(parsed.limits.breaches.map((b) => [b.limit, b.source])).toEqual([
      ['minHealthFactor', 'strategy'],
    ]);
  });

  it('--json prints the full evaluation', async () => {
    const c = capture();
    expect(await main(['evaluate', example, '--json'], c.io)).toBe(0);
    const parsed = JSON.parse(c.out.join('')) as { leverage: string; errors: unknown[] };
    expect(parsed.leverage).toBe('2.5');
    expect(parsed.errors).toEqual([]);
  });

  it('--at revalues the entered position: HF scales with the WETH price when debt is USDC', async () => {
    const run = async (...extra: string[]) => {
      const c = capture();
      expect(await main(['evaluate', example, '--json', ...extra], c.io)).toBe(0);
      return JSON.parse(c.out.join('')) as {
        healthFactor: { overall: string };
        balances: unknown;
        whatIf: { at: Record<string, string> } | null;
      };
    };
    const entry = await run();
    const shocked = await run('--at', 'ETH=2500');
    // collateral is WETH (follows ETH), debt USDC (unchanged): HF' = HF · 2,500 / 3,000
    expectClose(shocked.healthFactor.overall, D(entry.healthFactor.overall).times(2500).div(3000));
    expect(shocked.balances).toEqual(entry.balances);
    expect(shocked.whatIf?.at).toEqual({ ETH: '2500' });
    const text = capture();
    expect(
      await main(['evaluate', example, '--at', 'eth=2500', '--at', 'USDC=0.98'], text.io),
    ).toBe(0);
    expect(text.out.join('\n')).toContain('what-if at ETH $2,500.00, USDC $0.98');
  });

  it('--at refuses a malformed pair or a price the engine cannot use', async () => {
    const bad = capture();
    expect(await main(['evaluate', example, '--at', 'ETH'], bad.io)).toBe(1);
    expect(bad.err.join('\n')).toContain('--at expects ASSET=PRICE');
    const unknown = capture();
    expect(await main(['evaluate', example, '--at', 'DOGE=1'], unknown.io)).toBe(1);
    expect(unknown.err.join('\n')).toContain('AT_PRICE_UNKNOWN_ASSET');
  });

  it('exits 1 with the errors on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yieldplan-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify(
        strategy({
          steps: [borrowUsdc('1')],
        }),
      ),
    );
    const c = capture();
    expect(await main(['evaluate', file], c.io)).toBe(1);
    expect(c.err.join('\n')).toContain('BORROW_NO_COLLATERAL (step b amount)');
    const missing = capture();
    expect(await main(['evaluate', join(dir, 'none.json')], missing.io)).toBe(1);
    expect(await main(['nonsense'], capture().io)).toBe(1);
  });
});
