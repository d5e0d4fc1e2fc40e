import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import { strategy, supplyAll } from './helpers';

const starving = (r: ReturnType<typeof evaluate>) =>
  r.warnings.filter((w) => w.code === 'ALL_STARVES_LATER_STEP');

describe('a step that takes `all` of an asset and starves a later step', () => {
  it('warns on the earlier step, naming both, when the later one needs an amount', () => {
    const r = evaluate(
      strategy({
        steps: [
          supplyAll('supply'),
          { id: 'sell', type: 'swap', from: 'WETH', to: 'USDC', amount: '1' },
        ],
      }),
    );
    expect(r.errors.map((e) => e.code)).toEqual(['INSUFFICIENT_BALANCE']);
    const [w] = starving(r);
    expect(w).toMatchObject({ stepId: 'supply', field: 'amount' });
    expect(w!.message).toContain('"supply"');
    expect(w!.message).toContain('"sell"');
    expect(w!.message).toContain('WETH');
  });

  it('warns when the later step takes all (or a share) and finds nothing left', () => {
    const r = evaluate(
      strategy({
        steps: [
          { id: 'sell', type: 'swap', from: 'WETH', to: 'USDC', amount: 'all' },
          { id: 'supply', type: 'supply', market: 'lend', asset: 'WETH', amount: { share: '0.5' } },
        ],
      }),
    );
    expect(starving(r)).toEqual([expect.objectContaining({ stepId: 'sell', field: 'amount' })]);
    expect(starving(r)[0]!.message).toMatch(
      /"sell" takes all of WETH, leaving step "supply" with no WETH/,
    );
  });

  it('stays quiet when nothing later wants the asset, or it was refilled', () => {
    const quiet = evaluate(strategy({ steps: [supplyAll()] }));
    expect(starving(quiet)).toEqual([]);
    // all WETH sold, then bought back before it is supplied: nothing is starved
    const refilled = evaluate(
      strategy({
        steps: [
          { id: 'sell', type: 'swap', from: 'WETH', to: 'USDC', amount: 'all' },
          { id: 'buy', type: 'swap', from: 'USDC', to: 'WETH', amount: 'all' },
          supplyAll(),
        ],
      }),
    );
    expect(refilled.errors).toEqual([]);
    expect(starving(refilled)).toEqual([]);
  });
});
