import defaults from '../../resources/protocol-risk-defaults.json';
import { ZERO, type Decimal } from '../engine/decimal';
import type { Market, ProtocolRisk, Step, Strategy } from '../engine/format/schema';
import { lpTokenValueUsd } from '../engine/amm/lp-value';
import type { BuiltPosition, PriceMap } from '../engine/position';
import { perpPnlUsd, positionTotals } from '../engine/valuation';

/**
 * Protocol and contagion risk. Every market a chain touches can fail (exploit, insolvency, a broken
 * oracle) with a yearly probability p and lose a share LGD of the value it holds. Positions depend
 * on every protocol their value passes through: a staked LP token on the DEX and the farm, LP
 * tokens supplied as collateral on the DEX and the lending market.
 *
 * Loss if protocol X fails (USD):
 *   - a lending account: max(0, min(LGD·S_X, S − D)), S = supplied value, D = debt, S_X = the part
 *     of the supplies that depends on X (all of them when X is the lending market itself; only the
 *     LP tokens of X when X is a DEX whose LP token is supplied). Lending is non-recourse: after a
 *     failure the borrowed funds stay with the user and an account worth less than its debt is
 *     worth 0, so the account loses at most its equity S − D (the rest is the market's bad debt);
 *   - any other position depending on X: LGD·value (a debt elsewhere is still owed).
 * Expected yearly loss = Σ_X p_X · loss_X (failures independent, first order: the chance of two
 * failures in a year, Σ p_i p_j, is neglected — under 1 % of the figure for p of a few percent).
 * Risk-adjusted APY = netApy − expected yearly loss / equity.
 */

export interface ProtocolRiskInput {
  built: BuiltPosition;
  /** The strategy's net APY (engine `evaluate`) as a fraction; null when not defined. */
  netApy: number | null;
  /** Per-market overrides, by market id (the user's settings). */
  overrides?: Record<string, ProtocolRisk>;
}

export type RiskSource = 'user' | 'market' | 'protocol-default' | 'kind-default';

export interface ExposedPosition {
  /** 'lending:<market>', 'stake:<step>', 'wallet:<LP token>', 'perp:<step>'. */
  id: string;
  label: string;
  valueUsd: number;
  /** Debt owed in the same account (lending), USD. */
  debtUsd: number;
  /**
   * The part of `valueUsd` that each market in `dependsOn` can lose (a lending account: all of it
   * for its own market, the LP tokens of a DEX for that DEX); other positions: all of it for each.
   */
  valueAtRiskByMarket: Record<string, number>;
  /** Market ids this position's value depends on. */
  dependsOn: string[];
}

export interface ProtocolExposure {
  marketId: string;
  protocol: string;
  kind: Market['kind'];
  annualFailureProbability: number;
  lossGivenFailure: number;
  source: RiskSource;
  /** What is lost if this protocol fails. */
  positions: {
    id: string;
    label: string;
    /** What the position holds there (USD): supplied, held, staked or margin. */
    valueUsd: number;
    /** Owed in that market (USD); the loss of a lending position is capped at value − debt. */
    debtUsd: number;
    lossUsd: number;
  }[];
  lossUsd: number;
  lossShareOfEquity: number | null;
  /** p · lossUsd. */
  expectedLossUsd: number;
}

export interface StepDependency {
  stepId: string;
  type: Step['type'];
  /** Steps whose output this step used (its inputs' origins). */
  dependsOnSteps: string[];
  /** Markets the step's result depends on: its own, and those of the positions it holds. */
  markets: string[];
}

export interface ProtocolRiskReport {
  equityUsd: number;
  positions: ExposedPosition[];
  protocols: ProtocolExposure[];
  expectedYearlyLossUsd: number;
  /** expectedYearlyLossUsd / equity; null when equity ≤ 0. */
  expectedLossRate: number | null;
  netApy: number | null;
  riskAdjustedApy: number | null;
  steps: StepDependency[];
}

interface RiskParams {
  p: number;
  lgd: number;
  source: RiskSource;
}

const DEFAULTS = defaults as {
  byProtocol: Record<string, ProtocolRisk>;
  byKind: Record<Market['kind'], ProtocolRisk>;
};

/** Risk parameters of a market: user override, the market's own `risk`, then the documented defaults. */
export function riskParams(
  market: Market,
  overrides: Record<string, ProtocolRisk> = {},
): RiskParams {
  const pick = (r: ProtocolRisk, source: RiskSource): RiskParams => ({
    p: Number(r.annualFailureProbability),
    lgd: Number(r.lossGivenFailure),
    source,
  });
  const user = overrides[market.id];
  if (user) return pick(user, 'user');
  if (market.risk) return pick(market.risk, 'market');
  const byProtocol = DEFAULTS.byProtocol[market.protocol];
  if (byProtocol) return pick(byProtocol, 'protocol-default');
  return pick(DEFAULTS.byKind[market.kind], 'kind-default');
}

export function protocolRisk({
  built,
  netApy,
  overrides = {},
}: ProtocolRiskInput): ProtocolRiskReport {
  const { strategy, position, prices } = built;
  const markets = new Map(strategy.markets.map((m) => [m.id, m]));
  const equityUsd = positionTotals({ position, prices }).equityUsd.toNumber();
  const positions = exposedPositions(built);

  const protocols: ProtocolExposure[] = [];
  for (const market of strategy.markets) {
    const params = riskParams(market, overrides);
    const hit: ProtocolExposure['positions'] = [];
    for (const pos of positions) {
      if (!pos.dependsOn.includes(market.id)) continue;
      const exposedUsd = params.lgd * (pos.valueAtRiskByMarket[market.id] ?? 0);
      const lossUsd = pos.id.startsWith('lending:')
        ? Math.max(0, Math.min(exposedUsd, pos.valueUsd - pos.debtUsd))
        : exposedUsd;
      hit.push({
        id: pos.id,
        label: pos.label,
        valueUsd: pos.valueAtRiskByMarket[market.id] ?? 0,
        debtUsd: pos.debtUsd,
        lossUsd,
      });
    }
    const lossUsd = hit.reduce((s, h) => s + h.lossUsd, 0);
    protocols.push({
      marketId: market.id,
      protocol: market.protocol,
      kind: market.kind,
      annualFailureProbability: params.p,
      lossGivenFailure: params.lgd,
      source: params.source,
      positions: hit,
      lossUsd,
      lossShareOfEquity: equityUsd > 0 ? lossUsd / equityUsd : null,
      expectedLossUsd: params.p * lossUsd,
    });
  }
  const expectedYearlyLossUsd = protocols.reduce((s, p) => s + p.expectedLossUsd, 0);
  const expectedLossRate = equityUsd > 0 ? expectedYearlyLossUsd / equityUsd : null;
  return {
    equityUsd,
    positions,
    protocols,
    expectedYearlyLossUsd,
    expectedLossRate,
    netApy,
    riskAdjustedApy:
      netApy !== null && expectedLossRate !== null ? netApy - expectedLossRate : null,
    steps: stepDependencies(strategy, markets),
  };
}

/** Where the position's value sits and which markets each piece depends on (market prices). */
export function exposedPositions(built: BuiltPosition): ExposedPosition[] {
  const { position, prices } = built;
  const out: ExposedPosition[] = [];
  const lpMarket = (asset: string): string[] => {
    const lp = position.lps.get(asset);
    return lp ? [lp.marketId] : [];
  };
  const valueOf = (asset: string, units: Decimal): number => unitValue(built, prices, asset, units);

  for (const [asset, units] of position.wallet) {
    if (!asset.startsWith('LP:') || units.isZero()) continue;
    out.push(whole(`wallet:${asset}`, `${asset} held`, valueOf(asset, units), lpMarket(asset)));
  }
  for (const account of position.lending.values()) {
    let supplied = 0;
    let debt = 0;
    const atRisk: Record<string, number> = { [account.marketId]: 0 }; // own market first
    for (const supply of account.supplies.values()) {
      const usd = valueOf(supply.asset, supply.amount);
      supplied += usd;
      // an LP token supplied here is lost with its DEX too; the other supplies are not
      for (const m of lpMarket(supply.asset)) atRisk[m] = (atRisk[m] ?? 0) + usd;
    }
    atRisk[account.marketId] = supplied;
    for (const [asset, units] of account.debts) debt += valueOf(asset, units);
    if (supplied === 0 && debt === 0) continue;
    out.push({
      id: `lending:${account.marketId}`,
      label: `supplied in ${account.marketId}`,
      valueUsd: supplied,
      debtUsd: debt,
      dependsOn: Object.keys(atRisk),
      valueAtRiskByMarket: atRisk,
    });
  }
  for (const stake of position.stakes) {
    out.push(
      whole(
        `stake:${stake.stepId}`,
        `${stake.asset} staked in ${stake.marketId}`,
        valueOf(stake.asset, stake.amount),
        [stake.marketId, ...lpMarket(stake.asset)],
      ),
    );
  }
  for (const perp of position.perps) {
    const price = prices.get(perp.asset) ?? perp.entryPrice;
    const value = perp.margin
      .times(prices.get(perp.marginAsset) ?? ZERO)
      .plus(perpPnlUsd(perp, price));
    out.push(
      whole(
        `perp:${perp.stepId}`,
        `${perp.side} ${perp.asset} perp margin in ${perp.marketId}`,
        Math.max(0, value.toNumber()),
        [perp.marketId],
      ),
    );
  }
  return out;
}

/** A position without debt whose whole value is at risk in each market it depends on. */
function whole(id: string, label: string, valueUsd: number, dependsOn: string[]): ExposedPosition {
  const valueAtRiskByMarket = Object.fromEntries(dependsOn.map((m) => [m, valueUsd]));
  return { id, label, valueUsd, debtUsd: 0, dependsOn, valueAtRiskByMarket };
}

function unitValue(built: BuiltPosition, prices: PriceMap, asset: string, units: Decimal): number {
  const lp = built.position.lps.get(asset);
  if (lp) return lpTokenValueUsd({ lp, units, prices }).toNumber();
  return units.times(prices.get(asset) ?? ZERO).toNumber();
}

/**
 * The chain as a graph: a step depends on the steps that produced what it spends (a swap on the
 * borrow that produced its input, a stake on the lp step that minted its token), and a borrow on
 * the supplies that back it in its market. Its markets are its own plus, for a stake or supply of
 * an LP token, the DEX of that LP.
 */
export function stepDependencies(
  strategy: Strategy,
  markets: Map<string, Market>,
): StepDependency[] {
  const producers = new Map<string, Set<string>>(); // asset → step ids that put it in the wallet
  const suppliersByMarket = new Map<string, Set<string>>();
  const lpDex = new Map<string, string>(); // LP token → DEX market id
  const produced = (asset: string, stepId: string) => {
    const set = producers.get(asset) ?? new Set<string>();
    set.add(stepId);
    producers.set(asset, set);
  };
  const originsOf = (asset: string) => [...(producers.get(asset) ?? [])];
  const out: StepDependency[] = [];
  const push = (step: Step, inputs: string[], stepMarkets: (string | undefined)[]) => {
    const own = new Set(stepMarkets.filter((m): m is string => Boolean(m && markets.has(m))));
    out.push({
      stepId: step.id,
      type: step.type,
      dependsOnSteps: [...new Set(inputs)].filter((id) => id !== step.id),
      markets: [...own],
    });
  };

  const visit = (step: Step): { inputs: string[]; markets: (string | undefined)[] } => {
    switch (step.type) {
      case 'supply': {
        const set = suppliersByMarket.get(step.market) ?? new Set<string>();
        set.add(step.id);
        suppliersByMarket.set(step.market, set);
        return { inputs: originsOf(step.asset), markets: [step.market, lpDex.get(step.asset)] };
      }
      case 'withdraw':
        produced(step.asset, step.id);
        return { inputs: [...(suppliersByMarket.get(step.market) ?? [])], markets: [step.market] };
      case 'borrow':
        produced(step.asset, step.id);
        return { inputs: [...(suppliersByMarket.get(step.market) ?? [])], markets: [step.market] };
      case 'repay':
        return { inputs: originsOf(step.asset), markets: [step.market] };
      case 'swap': {
        const inputs = originsOf(step.from);
        produced(step.to, step.id);
        return { inputs, markets: [step.market] };
      }
      case 'lp': {
        const inputs = [...originsOf(step.pool.assets[0]), ...originsOf(step.pool.assets[1])];
        const token = `LP:${step.id}`;
        lpDex.set(token, step.market);
        produced(token, step.id);
        return { inputs, markets: [step.market] };
      }
      case 'stake':
        return { inputs: originsOf(step.asset), markets: [step.market, lpDex.get(step.asset)] };
      case 'perp':
        return { inputs: originsOf(step.marginAsset), markets: [step.market] };
      case 'harvest': {
        const stakes = out.filter((d) => d.type === 'stake').map((d) => d.stepId);
        produced(step.sellInto, step.id);
        return { inputs: stakes, markets: [] };
      }
      case 'loop': {
        const inputs: string[] = [];
        const loopMarkets: (string | undefined)[] = [];
        for (const inner of step.body) {
          const r = visit(inner);
          inputs.push(...r.inputs);
          loopMarkets.push(...r.markets);
          // what the body produces is attributed to the loop as a whole
          for (const set of producers.values()) if (set.delete(inner.id)) set.add(step.id);
          for (const set of suppliersByMarket.values()) if (set.delete(inner.id)) set.add(step.id);
        }
        return { inputs, markets: loopMarkets };
      }
    }
  };

  for (const step of strategy.steps) {
    if (step.disabled) continue;
    const r = visit(step);
    push(step, r.inputs, r.markets);
  }
  return out;
}

/** "What if X fails": the positions lost and the USD lost, for one market. */
export function whatIfFails(report: ProtocolRiskReport, marketId: string): ProtocolExposure | null {
  return report.protocols.find((p) => p.marketId === marketId) ?? null;
}
