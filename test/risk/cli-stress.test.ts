import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import type { StressGrid } from '../../src-main/risk/stress';
import { tempDir } from '../db/temp-db';
import { lendingMarket, strategy } from '../engine/helpers';

const tmp = tempDir();
afterAll(() => tmp.cleanup());

async function run(args: string[]) {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}

/**
 * 1 BTC ($60,000, LT 0.75) and 10 WETH ($2,000, LT 0.825) against 40,000 USDC:
 * HF = (60,000·0.75 + 20,000·0.825) / 40,000 = 61,500 / 40,000 = 1.5375.
 */
const twoCollaterals = strategy({
  capital: [
    { asset: 'WETH', amount: '10' },
    { asset: 'BTC', amount: '1' },
  ],
  prices: { WETH: '2000', BTC: '60000', USDC: '1' },
  markets: [
    lendingMarket({
      WETH: { ltv: '0.8', lt: '0.825' },
      BTC: { ltv: '0.7', lt: '0.75' },
      USDC: { ltv: '0.75', lt: '0.78' },
    }),
  ],
  steps: [
    { id: 's1', type: 'supply', market: 'lend', asset: 'WETH', amount: 'all' },
    { id: 's2', type: 'supply', market: 'lend', asset: 'BTC', amount: 'all' },
    {
      id: 'b',
      type: 'borrow',
      market: 'lend',
      asset: 'USDC',
      amount: { mode: 'amount', value: '40000' },
    },
    { id: 'sw', type: 'swap', from: 'USDC', to: 'WETH', amount: 'all' },
  ],
});

describe('yieldplan stress', () => {
  const file = path.join(tmp.dir, 'two.json');
  writeFileSync(file, JSON.stringify(twoCollaterals));

  it('by default: a grid per volatile asset, both at once, and the USDC depeg grid', async () => {
    const r = await run(['stress', file, '--shocks=-0.3,0', '--ratios', '1,0.9', '--json']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const grids = JSON.parse(r.out) as StressGrid[];
    expect(grids.map((g) => g.axes[0]!.asset)).toEqual(['ETH', 'BTC', 'ETH+BTC', 'USDC']);
    const joint = grids[2]!;
    expect(joint.axes[0]).toMatchObject({ kind: 'prices', assets: ['ETH', 'BTC'] });
    // both −30 %: HF = 0.7 · 61,500 / 40,000; equity falls by 30 % of the 60,000 + 20,000 + 40,000 held in crypto
    expect(joint.points[0]!.healthFactor).toBeCloseTo((0.7 * 61_500) / 40_000, 12);
    expect(joint.points[1]!.healthFactor).toBeCloseTo(1.5375, 12);
    expect(joint.points[0]!.equityChangeUsd).toBeCloseTo(-0.3 * 120_000, 6);
    // BTC alone −30 %: (42,000 · 0.75 + 20,000 · 0.825) / 40,000
    expect(grids[1]!.points[0]!.healthFactor).toBeCloseTo((42_000 * 0.75 + 16_500) / 40_000, 12);
    // USDC debt at 0.90 of its peg: the oracle prices it at 0.9, HF = 61,500 / 36,000
    expect(grids[3]!.points[1]!.healthFactor).toBeCloseTo(61_500 / 36_000, 12);
  });

  it('a two-axis grid, joint axes named with +, printed as a table', async () => {
    const r = await run([
      'stress',
      file,
      '--grid',
      'ETH+BTC/peg:USDC',
      '--shocks=-0.5,0',
      '--ratios',
      '1',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('rows ETH + BTC price move, columns USDC peg ratio');
    // −50 % on both: HF = 0.5 · 1.5375 = 0.769, liquidatable
    expect(r.out).toMatch(/-50%\s+0\.769\*/);
  });

  it('a liquidated perp (no lending health factor) reads "liquidated" and what it lost', async () => {
    // btc-perp-hedge: the short is liquidated past +18.7 %; at +18.71 % the 1,240 left in it goes
    // to the liquidation, at +25 % nothing is left (the price move took the margin)
    const perp = new URL('../../resources/examples/btc-perp-hedge.json', import.meta.url);
    const r = await run(['stress', perp.pathname, '--price', 'BTC', '--shocks=0.1,0.1871,0.25']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/\+10%\s+no debt\s.*\sno$/m);
    expect(r.out).toMatch(/\+19%\s+liquidated\s.*\syes, \$1,240 lost$/m);
    expect(r.out).toMatch(/\+25%\s+liquidated\s.*\syes, margin gone$/m);
  });

  it('refuses an asset the strategy does not price', async () => {
    const r = await run(['stress', file, '--price', 'SOL']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('ASSET_NOT_PRICED');
  });
});
