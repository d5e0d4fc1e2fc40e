import { Decimal, ZERO } from '../decimal';
import type { Evaluation } from '../evaluation';
import type { Strategy } from '../format/schema';
import { effectiveCollateralParams } from '../lending/effective-params';
import {
  collateralToReachHealth,
  moveOutToReachShare,
  repayToReachHealth,
  repayToReachLeverage,
  repayToReachLtv,
  roundUp,
} from './fixes';
import {
  borrowBlocks,
  chainSteps,
  collateralAsset,
  debtAsset,
  lendingMarket,
  marketById,
  priceOf,
  stepMarket,
} from './strategy-facts';
import type { EffectiveLimit, EffectiveLimits, LimitBreach, LimitFix } from './types';

/**
 * The limits an evaluation breaks: each lending market's health factor and LTV, the portfolio's
 * leverage, and the share of equity placed in each protocol. A figure exactly at its limit is
 * within it. `strategy` (the parsed document) names the responsible steps and sizes the fixes.
 */
export function evaluationBreaches(
  evaluation: Evaluation,
  strategy: Strategy,
  limits: EffectiveLimits,
): LimitBreach[] {
  return [
    ...healthBreaches(evaluation, strategy, limits.minHealthFactor),
    ...ltvBreaches(evaluation, strategy, limits.maxLtv),
    ...leverageBreaches(evaluation, strategy, limits.maxLeverage),
    ...protocolShareBreaches(evaluation, strategy, limits.maxProtocolShare),
  ];
}

const show = (d: Decimal, digits = 4) => d.toSignificantDigits(digits).toFixed();
const pct = (d: Decimal) => `${show(d.times(100))} %`;

function healthBreaches(
  e: Evaluation,
  strategy: Strategy,
  limit: EffectiveLimit | undefined,
): LimitBreach[] {
  if (!limit) return [];
  const min = new Decimal(limit.value);
  const out: LimitBreach[] = [];
  for (const [marketId, m] of Object.entries(e.healthFactor.byMarket)) {
    if (m.noDebt || m.healthFactor === null) continue;
    const hf = new Decimal(m.healthFactor);
    if (!hf.lessThan(min)) continue;
    const debtUsd = new Decimal(m.debtUsd);
    const fixes: LimitFix[] = [];
    const market = lendingMarket(strategy, marketId);
    const collateral = collateralAsset(strategy, marketId);
    if (market && collateral) {
      const lt = effectiveCollateralParams({ market, asset: collateral }).liquidationThreshold;
      const usd = collateralToReachHealth({
        healthFactor: hf,
        debtUsd,
        min,
        liquidationThreshold: lt,
      });
      const fix = usd && unitsFix('add-collateral', marketId, collateral, usd, e, strategy);
      if (fix) fixes.push(fix);
    }
    const debt = debtAsset(strategy, marketId);
    if (debt) {
      const usd = repayToReachHealth({ healthFactor: hf, debtUsd, min });
      const fix = usd && unitsFix('repay-debt', marketId, debt, usd, e, strategy);
      if (fix) fixes.push(fix);
    }
    out.push({
      limit: 'minHealthFactor',
      analysis: 'evaluation',
      figure: m.healthFactor,
      threshold: limit.value,
      source: limit.source,
      marketId,
      protocol: market?.protocol ?? null,
      stepIds: healthCulprit(e, strategy, marketId, min),
      where: null,
      message: `health factor ${show(hf)} on ${marketId} is below the minimum ${limit.value}`,
      fixes,
    });
  }
  return out;
}

/**
 * The block after which the market's health factor fell below `min` and stayed there; the market's
 * borrowing blocks when no step reports it.
 */
function healthCulprit(
  e: Evaluation,
  strategy: Strategy,
  marketId: string,
  min: Decimal,
): string[] {
  let culprit: string | null = null;
  for (const b of e.balances) {
    if (b.lendingMarketId !== marketId || b.healthFactor === undefined) continue;
    const below = b.healthFactor !== null && new Decimal(b.healthFactor).lessThan(min);
    if (!below) culprit = null;
    else culprit ??= b.stepId;
  }
  return culprit ? [culprit] : borrowBlocks(strategy, marketId);
}

function ltvBreaches(
  e: Evaluation,
  strategy: Strategy,
  limit: EffectiveLimit | undefined,
): LimitBreach[] {
  if (!limit) return [];
  const max = new Decimal(limit.value);
  const out: LimitBreach[] = [];
  for (const [marketId, m] of Object.entries(e.healthFactor.byMarket)) {
    if (m.noDebt) continue;
    const ltv = new Decimal(m.ltv);
    if (!ltv.greaterThan(max)) continue;
    const debt = debtAsset(strategy, marketId);
    const sized = repayToReachLtv({
      collateralUsd: new Decimal(m.collateralUsd),
      debtUsd: new Decimal(m.debtUsd),
      max,
    });
    out.push({
      limit: 'maxLtv',
      analysis: 'evaluation',
      figure: m.ltv,
      threshold: limit.value,
      source: limit.source,
      marketId,
      protocol: lendingMarket(strategy, marketId)?.protocol ?? null,
      stepIds: borrowBlocks(strategy, marketId),
      where: null,
      message: `LTV ${pct(ltv)} on ${marketId} is above the maximum ${pct(max)}`,
      fixes: debtFixes(sized, marketId, debt, e, strategy),
    });
  }
  return out;
}

function leverageBreaches(
  e: Evaluation,
  strategy: Strategy,
  limit: EffectiveLimit | undefined,
): LimitBreach[] {
  if (!limit || e.leverage === null || e.equityUsd === null) return [];
  const max = new Decimal(limit.value);
  const leverage = new Decimal(e.leverage);
  if (!leverage.greaterThan(max)) return [];
  const equityUsd = new Decimal(e.equityUsd);
  // The fix repays the market that owes the most.
  const [marketId] = Object.entries(e.healthFactor.byMarket)
    .filter(([, m]) => !m.noDebt)
    .sort(([, a], [, b]) => Number(b.debtUsd) - Number(a.debtUsd))
    .map(([id]) => id);
  const sized = repayToReachLeverage({
    grossLongUsd: leverage.times(equityUsd),
    equityUsd,
    debtUsd: new Decimal(e.debtUsd ?? '0'),
    max,
  });
  const loops = e.loops.map((l) => l.stepId);
  return [
    {
      limit: 'maxLeverage',
      analysis: 'evaluation',
      figure: e.leverage,
      threshold: limit.value,
      source: limit.source,
      marketId: marketId ?? null,
      protocol: null,
      stepIds: loops.length > 0 ? loops : borrowBlocks(strategy, null),
      where: null,
      message: `leverage ${show(leverage)}× is above the maximum ${limit.value}×`,
      fixes: marketId ? debtFixes(sized, marketId, debtAsset(strategy, marketId), e, strategy) : [],
    },
  ];
}

/**
 * Value placed in each protocol (USD): lending accounts at collateral − debt (at least 0), perps at
 * their equity, LP positions at their value on the DEX and, when staked, on the farm too.
 */
export function protocolValues(
  e: Evaluation,
  strategy: Strategy,
): Map<string, Map<string, Decimal>> {
  const byProtocol = new Map<string, Map<string, Decimal>>();
  const add = (marketId: string, usd: Decimal) => {
    const market = marketById(strategy, marketId);
    if (!market || usd.lessThanOrEqualTo(0)) return;
    const markets = byProtocol.get(market.protocol) ?? new Map<string, Decimal>();
    markets.set(marketId, (markets.get(marketId) ?? ZERO).plus(usd));
    byProtocol.set(market.protocol, markets);
  };
  for (const [marketId, m] of Object.entries(e.healthFactor.byMarket)) {
    add(marketId, new Decimal(m.collateralUsd).minus(m.debtUsd));
  }
  for (const p of e.perps) add(p.marketId, new Decimal(p.equityUsd));
  const steps = chainSteps(strategy);
  for (const lp of e.impermanentLoss) {
    const value = new Decimal(lp.current.valueUsd);
    const lpStep = steps.find((c) => c.step.id === lp.stepId)?.step;
    const dex = lpStep && stepMarket(lpStep);
    if (dex) add(dex, value);
    for (const { step } of steps) {
      if (step.type === 'stake' && step.asset === `LP:${lp.stepId}`) add(step.market, value);
    }
  }
  return byProtocol;
}

function protocolShareBreaches(
  e: Evaluation,
  strategy: Strategy,
  limit: EffectiveLimit | undefined,
): LimitBreach[] {
  if (!limit || e.equityUsd === null) return [];
  const equityUsd = new Decimal(e.equityUsd);
  if (equityUsd.lessThanOrEqualTo(0)) return [];
  const max = new Decimal(limit.value);
  const out: LimitBreach[] = [];
  for (const [protocol, markets] of protocolValues(e, strategy)) {
    let valueUsd = ZERO;
    for (const v of markets.values()) valueUsd = valueUsd.plus(v);
    const share = valueUsd.div(equityUsd);
    if (!share.greaterThan(max)) continue;
    const largest = [...markets].sort(([, a], [, b]) => b.comparedTo(a))[0]?.[0] ?? null;
    const move = moveOutToReachShare({ valueUsd, equityUsd, max });
    const blocks = chainSteps(strategy)
      .filter((c) => {
        const id = stepMarket(c.step);
        return id !== null && markets.has(id);
      })
      .map((c) => c.blockId);
    out.push({
      limit: 'maxProtocolShare',
      analysis: 'evaluation',
      figure: share.toFixed(),
      threshold: limit.value,
      source: limit.source,
      marketId: largest,
      protocol,
      stepIds: [...new Set(blocks)],
      where: null,
      message: `${pct(share)} of equity is in ${protocol}, above the maximum ${pct(max)}`,
      fixes: move
        ? [
            {
              kind: 'move-out',
              marketId: largest,
              asset: null,
              units: null,
              usd: roundUp(move).toFixed(),
              message: `move $${show(roundUp(move), 6)} out of ${protocol}`,
            },
          ]
        : [],
    });
  }
  return out;
}

function debtFixes(
  sized: { repay: Decimal | null; deleverage: Decimal | null },
  marketId: string,
  asset: string | null,
  e: Evaluation,
  strategy: Strategy,
): LimitFix[] {
  if (!asset) return [];
  const fixes: LimitFix[] = [];
  if (sized.repay) {
    const f = unitsFix('repay-debt', marketId, asset, sized.repay, e, strategy);
    if (f) fixes.push(f);
  }
  if (sized.deleverage) {
    const f = unitsFix('deleverage', marketId, asset, sized.deleverage, e, strategy);
    if (f) fixes.push(f);
  }
  return fixes;
}

const VERB: Record<Exclude<LimitFix['kind'], 'move-out'>, string> = {
  'add-collateral': 'supply',
  'repay-debt': 'repay',
  deleverage: 'sell collateral to repay',
};

/** The fix in token units of `asset`, rounded up, and its USD at the evaluation's price. */
function unitsFix(
  kind: Exclude<LimitFix['kind'], 'move-out'>,
  marketId: string,
  asset: string,
  usd: Decimal,
  e: Evaluation,
  strategy: Strategy,
): LimitFix | null {
  const price = priceOf(e, strategy, asset);
  if (price === null) return null;
  const units = roundUp(usd.div(price));
  const fixUsd = units.times(price);
  const extra = kind === 'add-collateral' ? ' more collateral' : '';
  return {
    kind,
    marketId,
    asset,
    units: units.toFixed(),
    usd: fixUsd.toFixed(),
    message: `${VERB[kind]} ${units.toFixed()} ${asset}${extra} on ${marketId} (≈ $${show(fixUsd, 6)})`,
  };
}
