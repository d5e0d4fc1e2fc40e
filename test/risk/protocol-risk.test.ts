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
