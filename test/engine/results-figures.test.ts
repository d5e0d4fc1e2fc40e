import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import { D, expectClose, strategy } from './helpers';

/**
 * The figures the results pane shows beyond the position itself: impermanent loss at price moves
 * and fees against it, perp leverage / margin ratio / liquidation, and exposure by source with the
 * delta-neutral flag. Each against a closed form worked out in the comments.
 */

const cpFarm = (feeApr: string, horizonDays = 365) =>
  strategy({
    horizonDays,
    capital: [
      { asset: 'WETH', amount: '5' },
      { asset: 'USDC', amount: '10000' },
    ],
    steps: [
      {
        id: 'pool',
        type: 'lp',
        market: 'dex',
        pool: { type: 'constant-product', assets: ['WETH', 'USDC'] },
        amounts: ['all', 'all'],
        feeApr,
      },
    ],
  });

describe('impermanent loss at price moves, and fees against it', () => {
  it('constant product: IL(r) = 2√r/(1+r) − 1, in USD −V/2·(√r − 1)², break-even at (1 ± √(2F/V))²', () => {
    // 5 WETH at 2,000 + 10,000 USDC: V = 20,000. Fees 20 % × V × 365/365 = F = 4,000.
    const r = evaluate(cpFarm('0.2'));
    const lp = r.impermanentLoss[0];
    if (!lp) throw new Error('no LP output');
    expect(lp.range).toBeNull();
    expect(lp.price).toBe('2000');
    expectClose(lp.fees.feesUsd, 4000);
    expect(lp.moves.map((m) => Number(m.move))).toEqual([-0.5, -0.25, -0.1, 0.1, 0.25, 0.5]);
    for (const m of lp.moves) {
      const ratio = D(1).plus(m.move);
      expectClose(m.impermanentLoss, ratio.sqrt().times(2).div(ratio.plus(1)).minus(1));
      expectClose(m.impermanentLossUsd, ratio.sqrt().minus(1).pow(2).times(-10000));
      expectClose(m.netOfFeesUsd, D(4000).plus(m.impermanentLossUsd));
      expect(m.inRange).toBe(true);
    }
    // √(2F/V) = √0.4: down r = (1 − √0.4)², up r = (1 + √0.4)²; the move is r − 1.
    const k = Math.sqrt(0.4);
    expect(Number(lp.fees.breakEvenDown)).toBeCloseTo((1 - k) ** 2 - 1, 9);
    expect(Number(lp.fees.breakEvenUp)).toBeCloseTo((1 + k) ** 2 - 1, 9);
  });

  it('fees scale with the horizon (simple, 90 of 365 days) and so does the break-even', () => {
    const r = evaluate(cpFarm('0.2', 90));
    const lp = r.impermanentLoss[0];
    expectClose(lp?.fees.feesUsd, D(4000).times(90).div(365));
    const k = Math.sqrt((2 * ((4000 * 90) / 365)) / 20000);
    expect(Number(lp?.fees.breakEvenUp)).toBeCloseTo((1 + k) ** 2 - 1, 9);
  });

  it('concentrated: above the range the position is all USDC, worth L·(√Pb − √Pa) whatever the price', () => {
    // resources/examples/eth-usdc-concentrated.json: 5 WETH + 15,000 USDC at 3,000 in [2,500, 3,600].
    const example = JSON.parse(
      readFileSync(path.resolve('resources/examples/eth-usdc-concentrated.json'), 'utf8'),
    ) as unknown;
    const lp = evaluate(example).impermanentLoss[0];
    if (!lp) throw new Error('no LP output');
    expect(lp.range).toEqual({ lower: '2500', upper: '3600' });
    // Uniswap v3 §6.2: y = L(√P − √Pa) with y = 15,000 at P = 3,000 gives L; above Pb, y = L(√Pb − √Pa).
    const L = D(15000).div(D(3000).sqrt().minus(50));
    const valueAbove = L.times(60 - 50);
    for (const m of lp.moves.filter((x) => Number(x.price) >= 3600)) {
      const hold = D(5).times(m.price).plus(15000);
      expectClose(hold.plus(m.impermanentLossUsd), valueAbove, '1e-25');
      expect(m.inRange).toBe(false);
    }
    const inside = lp.moves.filter((x) => x.inRange).map((x) => Number(x.move));
    expect(inside).toEqual([-0.1, 0.1]);
  });
});

describe('perp figures', () => {
  it('a short BTC perp with USDT margin: leverage, margin ratio and liquidation price', () => {
    // resources/examples/btc-perp-hedge.json: short 1 BTC (100,000 USD) with 20,000 USDT,
    // open fee 0.05 % = 50 from the margin: 19,950. Equity(P) = 19,950 − (P − 100,000) reaches
    // (mmr 1 % + close fee 0.05 %) × P at P = 119,950 / 1.0105.
    const example = JSON.parse(
      readFileSync(path.resolve('resources/examples/btc-perp-hedge.json'), 'utf8'),
    ) as unknown;
    const r = evaluate(example);
    const perp = r.perps[0];
    if (!perp) throw new Error('no perp output');
    expect(perp).toMatchObject({ stepId: 'short-btc', side: 'short', asset: 'BTC' });
    expectClose(perp.sizeUnits, 1);
    expectClose(perp.marginUsd, 19950);
    expectClose(perp.leverage, D(100000).div(19950));
    expectClose(perp.marginRatio, '0.1995');
    expectClose(perp.maintenanceUsd, D('0.0105').times(100000));
    expectClose(perp.liquidationPriceUsd, D(119950).div('1.0105'));
    expectClose(
      r.liquidationDrop['perp:short-btc'],
      D(1).minus(D(119950).div('1.0105').div(100000)),
    );
    expect(r.liquidationPrice['perp:short-btc']).toBe(perp.liquidationPriceUsd);
  });
});

describe('exposure by source and delta', () => {
  it('1 BTC held against a 1 BTC short is delta-neutral; the USDT margin is not price exposure', () => {
    const example = JSON.parse(
      readFileSync(path.resolve('resources/examples/btc-perp-hedge.json'), 'utf8'),
    ) as unknown;
    const r = evaluate(example);
    const btc = r.exposure.find((e) => e.asset === 'BTC');
    expect(btc).toMatchObject({ held: '1', perp: '-1', net: '0', netUsd: '0' });
    expect(r.delta).toEqual([
      expect.objectContaining({ root: 'BTC', netUsd: '0', longUsd: '100000', neutral: true }),
    ]);
    expect(r.deltaNeutral).toBe(true);
  });

  it('a leveraged ETH long is not neutral: 2.5× equity in ETH', () => {
    const example = JSON.parse(
      readFileSync(path.resolve('resources/examples/eth-leveraged-long.json'), 'utf8'),
    ) as unknown;
    const r = evaluate(example);
    const eth = r.delta.find((d) => d.root === 'ETH');
    expect(eth?.neutral).toBe(false);
    // all WETH is supplied, the USDC is owed: ETH exposure / equity = leverage (2.5)
    expectClose(eth?.shareOfEquity, r.leverage ?? '0', '1e-20');
    expect(r.deltaNeutral).toBe(false);
  });

  it('for every bundled example, the sources add up to netExposure per asset', () => {
    const dir = path.resolve('resources/examples');
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    fc.assert(
      fc.property(fc.constantFrom(...files), (file) => {
        const r = evaluate(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
        for (const e of r.exposure) {
          const sum = [e.held, e.supplied, e.lp, e.debt, e.perp].reduce(
            (acc, x) => acc.plus(x),
            D(0),
          );
          expectClose(sum, e.net);
          expectClose(e.net, r.netExposure[e.asset]?.units ?? 'NaN');
        }
      }),
      { numRuns: files.length * 2 },
    );
  });
});

describe('steps not applied', () => {
  it('lists a step skipped for a format error and a step that failed', () => {
    const doc = strategy({
      steps: [
        { id: 'supply', type: 'supply', market: 'lend', asset: 'WETH', amount: 'lots' as never },
        {
          id: 'b',
          type: 'borrow',
          market: 'lend',
          asset: 'USDC',
          amount: { mode: 'amount', value: '100' },
        },
      ],
    });
    const r = evaluate(doc);
    expect(r.ok).toBe(false);
    // the supply is skipped (not a number), so the borrow has no collateral and fails
    expect(r.stepsNotApplied).toEqual(['supply', 'b']);
    expect(evaluate(strategy({ steps: [] })).stepsNotApplied).toEqual([]);
  });
});
