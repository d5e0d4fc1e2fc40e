import { describe, expect, it } from 'vitest';
import { simulate, type SimulateInput } from '../../src-main/risk/monte-carlo';
import { bundledHistory, fixture } from './helpers';

/**
 * The Monte Carlo runs each market's liquidation design (the shared kernel, dynamics/lending/settle.ts).
 * Four markets with the same liquidation threshold (0.8) and the same paths (same seed): every path
 * crosses HF 1 on the same day whatever the design, so the share of paths liquidated is identical;
 * what a liquidation takes differs. 10 ETH at 3,000 against 19,200 USDC, zero rates.
 * Per liquidated path at price P ≈ 2,400 (HF 1), what is lost against the collateral:
 * - Aave v3: one half-close, bonus 5 % of 9,600 = 480 (the account stays open);
 * - Comet (liquidationFactor 0.95): the whole account, 5 % of ≈24,000 = 1,200;
 * - Maker (penalty 13 %): 13 % of 19,200 = 2,496;
 * - Morpho (LLTV 0.8: LIF = 1/(0.24 + 0.7) = 1.0638): 6.38 % of 19,200 ≈ 1,226.
 * The whole-account designs also close the position, giving up any rebound the Aave account (half
 * its debt repaid, still long) keeps: mean terminal equity orders Maker < Comet, Morpho < Aave.
 */
const strategy = fixture('eth-collateral-constant-debt.json') as {
  markets: Array<Record<string, unknown>>;
};
const lend = strategy.markets[0] as { assets: Record<string, Record<string, unknown>> };

function withDesign(
  liquidation: Record<string, unknown> | null,
  eth: Record<string, unknown> = {},
) {
  return {
    ...strategy,
    markets: [
      {
        ...lend,
        assets: {
          ETH: { ...lend.assets['ETH'], ...eth },
          USDC: {
            ...lend.assets['USDC'],
            ...(liquidation ? { ltv: '0', liquidationThreshold: '0' } : {}),
          },
        },
        ...(liquidation ? { liquidation } : {}),
      },
    ],
  };
}

const history = bundledHistory(['ETH', 'USDC']);
async function run(strategyDoc: unknown) {
  const input: SimulateInput = {
    strategy: strategyDoc,
    history,
    options: {
      model: 'gbm',
      paths: 2000,
      days: 60,
      seed: 7,
      window: { from: '2021-01-01', to: '2024-12-31' },
    },
    threads: 1,
  };
  const r = await simulate(input);
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r;
}

describe('Monte Carlo: the liquidation design of each market', () => {
  it('same liquidation probability for the same threshold, different losses by design', async () => {
    const aave = await run(withDesign(null));
    const comet = await run(
      withDesign(
        { design: 'compound-v3', baseAsset: 'USDC', liquidationFactors: { ETH: '0.95' } },
        { liquidationBonus: '0' },
      ),
    );
    const maker = await run(
      withDesign({
        design: 'maker-vault',
        collateral: 'ETH',
        debtAsset: 'USDC',
        liquidationRatio: '1.25',
        liquidationPenalty: '0.13',
        dust: '0',
      }),
    );
    const morpho = await run(
      withDesign({ design: 'morpho-blue', collateral: 'ETH', loanAsset: 'USDC', lltv: '0.8' }),
    );
    const p = aave.liquidation.probability;
    expect(p).toBeGreaterThan(0.02);
    for (const r of [comet, maker, morpho]) expect(r.liquidation.probability).toBe(p);
    // mean terminal equity: a whole-account liquidation also gives up the rebound the Aave account
    // keeps (half its debt repaid, still long), and Maker's 13 % penalty costs the most
    const mean = (r: typeof aave) => r.terminalEquityUsd.mean;
    expect(mean(maker)).toBeLessThan(mean(comet));
    expect(mean(maker)).toBeLessThan(mean(morpho));
    expect(mean(comet)).toBeLessThan(mean(aave));
    expect(mean(morpho)).toBeLessThan(mean(aave));
  });
});
