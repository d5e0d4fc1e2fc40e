import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import { borrowUsdc, strategy } from './helpers';

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

  it('--json prints the full evaluation', async () => {
    const c = capture();
    expect(await main(['evaluate', example, '--json'], c.io)).toBe(0);
    const parsed = JSON.parse(c.out.join('')) as { leverage: string; errors: unknown[] };
    expect(parsed.leverage).toBe('2.5');
    expect(parsed.errors).toEqual([]);
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
