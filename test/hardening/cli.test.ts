import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';

/** Issue 19, item 9: the CLI refused a strategy file that begins with a byte-order mark. */
describe('yieldplan evaluate', () => {
  it('reads a strategy file that begins with a UTF-8 BOM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'yieldplan-bom-'));
    try {
      const text = readFileSync(
        fileURLToPath(new URL('../../resources/examples/eth-leveraged-long.json', import.meta.url)),
        'utf8',
      );
      const file = join(dir, 'bom.json');
      writeFileSync(file, `\uFEFF${text}`, 'utf8');
      const out: string[] = [];
      const err: string[] = [];
      const io = { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t) };
      expect(await main(['evaluate', file], io)).toBe(0);
      expect(err).toEqual([]);
      expect(out.join('\n')).toContain('ETH leveraged long');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
