import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { evaluate, type Evaluation } from '../../src-main/engine/evaluate';
import { parseStrategy } from '../../src-main/engine/format/parse';
import { parseStrategyLenient } from '../../src-main/engine/format/parse-lenient';
import { D, expectClose, strategy, supplyAll } from './helpers';

/**
 * Live evaluation while typing: steps that fail the schema are skipped (errors + STEPS_SKIPPED),
 * the rest of the chain is still evaluated; any other schema issue still blanks the figures.
 */

const EXAMPLE = fileURLToPath(
  new URL('../../resources/examples/eth-leveraged-long.json', import.meta.url),
);
type Doc = {
  prices: Record<string, unknown>;
  capital: Array<Record<string, unknown>>;
  steps: Array<Record<string, unknown> & { body?: Array<Record<string, unknown>> }>;
};
/** A fresh copy of the example: supply-eth, then loop lever-up [borrow-usdc, buy-eth, resupply-eth]. */
const ethLong = (): Doc => JSON.parse(readFileSync(EXAMPLE, 'utf8')) as Doc;

const issues = (r: Evaluation, key: 'errors' | 'warnings') =>
  r[key].map(({ code, stepId, field }) => ({ code, stepId, field }));
const skippedWarning = (r: Evaluation) => r.warnings.find((w) => w.code === 'STEPS_SKIPPED');

describe('lenient evaluation: schema errors confined to steps', () => {
  it('eth-leveraged-long with resupply-eth amount "lots": that step is skipped, the loop borrows against 10 WETH only', () => {
    const doc = ethLong();
    const resupply = doc.steps[1]?.body?.[2] as Record<string, unknown>;
    expect(resupply.id).toBe('resupply-eth');
    resupply.amount = 'lots';

    const r = evaluate(doc);
    expect(r.ok).toBe(false);
    expect(issues(r, 'errors')).toEqual([
      { code: 'NOT_A_NUMBER', stepId: 'resupply-eth', field: 'amount' },
    ]);
    expect(skippedWarning(r)?.message).toContain('resupply-eth');
    expect(r.balances.map((b) => b.stepId)).toEqual(['supply-eth', 'lever-up']);

    // Hand computation. Collateral stays 10 WETH · 3000 = 30000 USD (bought WETH stays in the
    // wallet), so borrow power is 30000 · 0.805 = 24150 USD. Each iteration borrows 0.8 of what is
    // left: after n iterations the debt is 24150 · (1 − 0.2ⁿ). Leverage never reaches 2.5 (its
    // limit is (30000 + 24150·q) / (30000 − 24150·(1 − q)) ≈ 1.81), so all 20 iterations run.
    const debt = D(24150).times(D(1).minus(D('0.2').pow(20)));
    // The USDC is swapped to WETH at q = (1 − 0.0005 fee)(1 − 0.0005 impact) per dollar.
    const q = D('0.9995').pow(2);
    const equity = D(30000).minus(debt.times(D(1).minus(q)));
    expectClose(r.debtUsd, debt, '1e-20');
    expectClose(r.equityUsd, equity, '1e-20'); // 29975.8560375…
    expectClose(r.collateralUsd, 30000);
    // HF = 30000 · 0.83 (liquidation threshold) / debt = 24900 / 24149.99… ≈ 1.0311
    expectClose(r.healthFactor.overall, D(24900).div(debt), '1e-20');
    expectClose(r.leverage, D(30000).plus(debt.times(q)).div(equity), '1e-20');
    expect(issues(r, 'warnings')).toContainEqual({
      code: 'LOOP_TARGET_NOT_REACHED',
      stepId: 'lever-up',
      field: 'repeat.maxIterations',
    });
  });

  it('a broken loop leaves only the first supply: equity = 10 · 3000, no debt', () => {
    const doc = ethLong();
    (doc.steps[1]?.repeat as Record<string, unknown>).targetLeverage = 'lots';

    const r = evaluate(doc);
    expect(r.ok).toBe(false);
    expect(issues(r, 'errors')).toEqual([
      { code: 'NOT_A_NUMBER', stepId: 'lever-up', field: 'repeat.targetLeverage' },
    ]);
    expect(skippedWarning(r)?.message).toContain('lever-up');
    expect(r.equityUsd).toBe('30000'); // 10 WETH supplied at 3000, nothing borrowed
    expect(r.collateralUsd).toBe('30000');
    expect(r.debtUsd).toBe('0');
    expect(r.leverage).toBe('1');
    expect(r.healthFactor).toMatchObject({ overall: null, noDebt: true });
    expect(r.maxBorrowUsd).toBe('24150'); // 30000 · LTV 0.805
  });

  it('a broken swap inside a loop body: only that body step is skipped, the loop still borrows', () => {
    // WETH 2000, LTV 0.8 / LT 0.825 (helpers). Loop ×3 of [borrow 1000 USDC, broken swap].
    const input = strategy({ steps: [] }) as unknown as Doc;
    input.steps = [
      supplyAll('supply'),
      {
        id: 'loop',
        type: 'loop',
        repeat: { mode: 'times', times: 3 },
        body: [
          {
            id: 'borrow',
            type: 'borrow',
            market: 'lend',
            asset: 'USDC',
            amount: { mode: 'amount', value: '1000' },
          },
          { id: 'swap', type: 'swap', from: 'USDC', to: 'WETH', amount: 'all', feeRate: '5 bp' },
        ],
      },
    ];
    const r = evaluate(input);
    expect(r.ok).toBe(false);
    expect(issues(r, 'errors')).toEqual([
      { code: 'NOT_A_NUMBER', stepId: 'swap', field: 'feeRate' },
    ]);
    expect(skippedWarning(r)?.message).toContain('swap');
    // 3 × 1000 USDC borrowed and kept in the wallet: equity = 10 · 2000 + 3000 − 3000.
    expect(r.debtUsd).toBe('3000');
    expect(r.equityUsd).toBe('20000');
    expect(r.balances.at(-1)?.wallet).toEqual({ USDC: '3000' });
    // HF = 20000 · 0.825 / 3000 = 5.5
    expect(r.healthFactor.overall).toBe('5.5');
  });

  it('steps without a valid id are named by index; a loop whose whole body is broken is skipped', () => {
    const input = strategy({ steps: [] }) as unknown as Doc;
    input.steps = [
      supplyAll('supply'),
      { id: 'bad id!', type: 'borrow', market: 'lend', asset: 'USDC', amount: 'x' },
      {
        id: 'loop',
        type: 'loop',
        repeat: { mode: 'times', times: 2 },
        body: [{ type: 'borrow', market: 'lend', asset: 'USDC', amount: { mode: 'amount' } }],
      },
      { id: 'typo', type: 'suply' },
    ];
    const r = evaluate(input);
    expect(issues(r, 'errors')).toEqual([
      { code: 'FIELD_INVALID', stepId: undefined, field: 'steps.1.id' },
      { code: 'FIELD_INVALID', stepId: undefined, field: 'steps.1.amount' },
      { code: 'FIELD_MISSING', stepId: undefined, field: 'steps.2.body.0.id' },
      { code: 'FIELD_MISSING', stepId: undefined, field: 'steps.2.body.0.amount.value' },
      { code: 'FIELD_INVALID', stepId: 'typo', field: 'type' },
    ]);
    expect(skippedWarning(r)?.message).toBe(
      'figures exclude steps with format errors: steps.1, steps.2.body.0, loop, typo',
    );
    expect(r.balances.map((b) => b.stepId)).toEqual(['supply']);
    expect(r.equityUsd).toBe('20000'); // only the supply of 10 WETH at 2000 ran
  });

  it('a later step that depended on a skipped one reports its own semantic error', () => {
    const input = strategy({ steps: [] }) as unknown as Doc;
    input.steps = [
      { ...supplyAll('supply'), amount: 'lots' },
      { id: 'withdraw', type: 'withdraw', market: 'lend', asset: 'WETH', amount: '1' },
    ];
    const r = evaluate(input);
    expect(issues(r, 'errors')[0]).toEqual({
      code: 'NOT_A_NUMBER',
      stepId: 'supply',
      field: 'amount',
    });
    expect(r.errors.slice(1).every((e) => e.stepId === 'withdraw')).toBe(true);
    expect(r.errors.length).toBeGreaterThan(1);
    expect(r.equityUsd).toBe('20000'); // the 10 WETH stay in the wallet
  });

  it('an unknown key in a step names the key', () => {
    const input = strategy({ steps: [] }) as unknown as Doc;
    input.steps = [{ ...supplyAll('supply'), amout: '1' }];
    expect(issues(evaluate(input), 'errors')).toEqual([
      { code: 'FIELD_UNKNOWN', stepId: 'supply', field: 'amout' },
    ]);
  });
});

describe('lenient evaluation: issues outside steps still blank the figures', () => {
  const blank = (r: Evaluation) => {
    expect(r.ok).toBe(false);
    expect(r.equityUsd).toBeNull();
    expect(r.healthFactor.overall).toBeNull();
    expect(r.balances).toEqual([]);
    expect(skippedWarning(r)).toBeUndefined();
  };

  it('a schema error in prices returns errors only', () => {
    const doc = ethLong();
    doc.prices.WETH = 'three thousand';
    const r = evaluate(doc);
    blank(r);
    expect(issues(r, 'errors')).toEqual([
      { code: 'NOT_A_NUMBER', stepId: undefined, field: 'prices.WETH' },
    ]);
  });

  it('a step error together with a capital error returns both, without figures', () => {
    const doc = ethLong();
    (doc.steps[0] as Record<string, unknown>).amount = 'lots';
    (doc.capital[0] as Record<string, unknown>).amount = 'ten';
    const r = evaluate(doc);
    blank(r);
    expect(issues(r, 'errors')).toEqual([
      { code: 'NOT_A_NUMBER', stepId: undefined, field: 'capital.0.amount' },
      { code: 'NOT_A_NUMBER', stepId: 'supply-eth', field: 'amount' },
    ]);
  });

  it('`steps` that is not an array, or too long, is not a per-step problem', () => {
    const notArray = { ...ethLong(), steps: { 0: ethLong().steps[0] } };
    blank(evaluate(notArray));
    const tooMany = ethLong();
    tooMany.steps = Array.from({ length: 101 }, (_, i) => ({ ...supplyAll(`s${i}`), amount: 'x' }));
    blank(evaluate(tooMany));
  });

  it('parseStrategy stays strict; the lenient parser drops exactly the broken step', () => {
    const doc = ethLong();
    (doc.steps[1]?.body?.[2] as Record<string, unknown>).amount = 'lots';
    expect(parseStrategy(doc)).toMatchObject({
      ok: false,
      errors: [{ code: 'NOT_A_NUMBER', stepId: 'lever-up', field: 'body.2.amount' }],
    });
    const lenient = parseStrategyLenient(doc);
    if (!lenient.ok) throw new Error('expected the lenient parse to succeed');
    expect(lenient.skippedSteps).toEqual(['resupply-eth']);
    const loop = lenient.strategy.steps[1];
    expect(loop?.type === 'loop' && loop.body.map((s) => s.id)).toEqual(['borrow-usdc', 'buy-eth']);
  });
});
