import { describe, expect, it } from 'vitest';
import { buildPosition } from '../../src-main/engine/build-position';
import { evaluateStrategy } from '../../src-main/engine/evaluate';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type { Market, Strategy } from '../../src-main/engine/format/schema';
import { protocolRisk, riskParams, whatIfFails } from '../../src-main/risk/protocol-risk';
import { fixture } from './helpers';

function strategyOf(name: string): Strategy {
  const parsed = parseStrategy(fixture(name));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.strategy;
}

describe('protocol risk of supply → borrow → LP → stake', () => {
  const strategy = strategyOf('lp-farm-chain.json');
  const netApy = Number(evaluateStrategy(strategy).netApy);
  const report = protocolRisk({ built: buildPosition({ strategy }), netApy });

  // Hand computation. 5 ETH supplied ($15,000) against 9,000 USDC; the LP holds 5 ETH + 15,000 USDC
  // ($30,000) and is staked in the farm; 14,000 USDC stay in the wallet. Equity $50,000.
  //   lend fails (p 2 %, LGD 50 %): min(0.5·15,000, 15,000 − 9,000) = 6,000 (the 9,000 borrowed are kept)
  //   dex fails  (p 1 %, LGD 60 %): 0.6·30,000 = 18,000
  //   farm fails (p 5 %, LGD 80 %): 0.8·30,000 = 24,000
  //   expected yearly loss = 0.02·6,000 + 0.01·18,000 + 0.05·24,000 = 120 + 180 + 1,200 = 1,500
  it('loss if each protocol fails', () => {
    expect(report.equityUsd).toBeCloseTo(50_000, 6);
    expect(whatIfFails(report, 'lend')!.lossUsd).toBeCloseTo(6000, 6);
    expect(whatIfFails(report, 'dex')!.lossUsd).toBeCloseTo(18_000, 6);
    expect(whatIfFails(report, 'farm')!.lossUsd).toBeCloseTo(24_000, 6);
    expect(whatIfFails(report, 'farm')!.positions.map((p) => p.id)).toEqual(['stake:stake']);
    expect(whatIfFails(report, 'lend')!.positions.map((p) => p.id)).toEqual(['lending:lend']);
    expect(whatIfFails(report, 'nowhere')).toBeNull();
  });

  it('expected yearly loss and risk-adjusted APY', () => {
    expect(report.expectedYearlyLossUsd).toBeCloseTo(1500, 6);
    expect(report.expectedLossRate).toBeCloseTo(0.03, 12);
    expect(report.riskAdjustedApy).toBeCloseTo(netApy - 0.03, 12);
  });

  it('the staked LP token depends on the DEX and the farm; the chain graph follows the funds', () => {
    const stake = report.positions.find((p) => p.id === 'stake:stake')!;
    expect(stake.dependsOn.sort()).toEqual(['dex', 'farm']);
    const byStep = Object.fromEntries(report.steps.map((s) => [s.stepId, s]));
    expect(byStep.borrow!.dependsOnSteps).toEqual(['supply']);
    expect(byStep.lp!.dependsOnSteps).toEqual(['borrow']); // its USDC came from the borrow (ETH from capital)
    expect(byStep.stake!.dependsOnSteps).toEqual(['lp']);
    expect(byStep.stake!.markets.sort()).toEqual(['dex', 'farm']);
  });
});

describe('risk parameters', () => {
  const market = (over: Partial<Market>): Market =>
    ({ id: 'm', kind: 'farm', protocol: 'unknown-farm', chain: 'ethereum', ...over }) as Market;

  it('user override, then the market’s own risk, then the protocol default, then the kind default', () => {
    const own = { annualFailureProbability: '0.2', lossGivenFailure: '0.9' };
    expect(
      riskParams(market({ risk: own }), {
        m: { annualFailureProbability: '0.1', lossGivenFailure: '0.1' },
      }),
    ).toEqual({
      p: 0.1,
      lgd: 0.1,
      source: 'user',
    });
    expect(riskParams(market({ risk: own }))).toEqual({ p: 0.2, lgd: 0.9, source: 'market' });
    // resources/protocol-risk-defaults.json
    expect(riskParams(market({ kind: 'lending', protocol: 'aave-v3' } as Partial<Market>))).toEqual(
      {
        p: 0.005,
        lgd: 0.3,
        source: 'protocol-default',
      },
    );
    expect(riskParams(market({}))).toEqual({ p: 0.03, lgd: 0.7, source: 'kind-default' });
  });
});

describe('an LP token supplied as collateral: a DEX failure takes the LP part, capped by the account’s equity', () => {
  // ETH $2,000. The LP pools 2.5 ETH + 5,000 USDC ($10,000); 5 ETH ($10,000) and the LP token
  // ($10,000) are supplied to `lend`, which lends 12,000 USDC (held in the wallet).
  // Account: supplies S = 20,000, debt D = 12,000, equity S − D = 8,000; total equity 20,000.
  const doc = (dexLgd: string) => ({
    format: 'yieldplan.strategy',
    version: 1,
    name: 'ETH + LP collateral',
    horizonDays: 365,
    capital: [
      { asset: 'ETH', amount: '7.5' },
      { asset: 'USDC', amount: '5000' },
    ],
    prices: { ETH: '2000', USDC: '1' },
    markets: [
      {
        id: 'lend',
        kind: 'lending',
        protocol: 'aave-v3',
        chain: 'ethereum',
        risk: { annualFailureProbability: '0.02', lossGivenFailure: '0.5' },
        assets: {
          ETH: {
            ltv: '0.8',
            liquidationThreshold: '0.83',
            liquidationBonus: '0.05',
            rates: { type: 'fixed', supplyApr: '0', borrowApr: '0' },
          },
          USDC: {
            ltv: '0.75',
            liquidationThreshold: '0.78',
            liquidationBonus: '0.045',
            rates: { type: 'fixed', supplyApr: '0', borrowApr: '0' },
          },
          'LP:lp': {
            ltv: '0.6',
            liquidationThreshold: '0.7',
            liquidationBonus: '0.1',
            rates: { type: 'fixed', supplyApr: '0', borrowApr: '0' },
          },
        },
      },
      {
        id: 'dex',
        kind: 'dex',
        protocol: 'uniswap-v2',
        chain: 'ethereum',
        risk: { annualFailureProbability: '0.01', lossGivenFailure: dexLgd },
      },
    ],
    steps: [
      {
        id: 'lp',
        type: 'lp',
        market: 'dex',
        pool: { type: 'constant-product', assets: ['ETH', 'USDC'] },
        amounts: ['2.5', '5000'],
        feeApr: '0',
      },
      { id: 'supply-eth', type: 'supply', market: 'lend', asset: 'ETH', amount: 'all' },
      { id: 'supply-lp', type: 'supply', market: 'lend', asset: 'LP:lp', amount: 'all' },
      {
        id: 'borrow',
        type: 'borrow',
        market: 'lend',
        asset: 'USDC',
        amount: { mode: 'amount', value: '12000' },
      },
    ],
  });
  const reportFor = (dexLgd: string) => {
    const parsed = parseStrategy(doc(dexLgd));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return protocolRisk({ built: buildPosition({ strategy: parsed.strategy }), netApy: 0 });
  };

  it('DEX LGD 1: the $10,000 LP part is lost, but the account can lose at most its $8,000 equity', () => {
    // after the failure the account holds 10,000 of ETH against 12,000 of debt: worth max(0, −2,000)
    // = 0 to its owner (non-recourse, the borrowed 12,000 stay in the wallet) → loss 8,000 − 0 = 8,000
    // = min(1·10,000, 20,000 − 12,000). The ETH part is not the DEX's to lose.
    const report = reportFor('1');
    expect(report.equityUsd).toBeCloseTo(20_000, 6);
    const dex = whatIfFails(report, 'dex')!;
    expect(dex.positions.map((p) => p.id)).toEqual(['lending:lend']);
    // what the DEX holds of the account (its LP tokens) and what it owes, beside what it loses
    expect(dex.positions[0]?.valueUsd).toBeCloseTo(10_000, 6);
    expect(dex.positions[0]?.debtUsd).toBeCloseTo(12_000, 6);
    expect(dex.lossUsd).toBeCloseTo(8000, 6);
    expect(dex.expectedLossUsd).toBeCloseTo(80, 8);
  });

  it('DEX LGD 0.5: half the LP part, $5,000, is under the cap and lost in full', () => {
    // min(0.5·10,000, 8,000) = 5,000 (the account keeps 15,000 against 12,000 of debt)
    expect(whatIfFails(reportFor('0.5'), 'dex')!.lossUsd).toBeCloseTo(5000, 6);
  });

  it('the lending market itself failing: min(LGD·S, S − D) = min(0.5·20,000, 8,000) = 8,000', () => {
    expect(whatIfFails(reportFor('1'), 'lend')!.lossUsd).toBeCloseTo(8000, 6);
  });
});
