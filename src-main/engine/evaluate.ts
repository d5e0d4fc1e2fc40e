import { Decimal, ONE, ZERO } from './decimal';
import { impermanentLoss, impermanentLossCurve } from './amm/impermanent-loss';
import { lpOutlook } from './amm/lp-outlook';
import { lpValueUsd } from './amm/lp-value';
import { buildPosition } from './build-position';
import { accountOraclePrices } from './chain/context';
import type {
  Evaluation,
  BreakdownEntry,
  BreakdownKey,
  ImpermanentLossOutput,
  LiquidationOutput,
  PerpOutput,
  PriceInputOutput,
  WhatIfOutput,
} from './evaluation';
import { inputIssues } from './format/check-inputs';
import { parseStrategyLenient, type LenientParseResult } from './format/parse-lenient';
import type { Strategy } from './format/schema';
import { aaveLiquidationRules } from './lending/aave-rules';
import { accountHealth } from './lending/account-health';
import { designOf } from './lending/design';
import { effectiveCollateralParams } from './lending/effective-params';
import type { BuiltPosition, EngineIssue, LendingAccount, PriceMap } from './position';
import { assetInfoFromStrategy, pegsFromStrategy, priceRoot, USD, type PegMap } from './prices';
import { projectEquity } from './returns/projection';
import { lpIsEarning, yieldModel } from './returns/yield-components';
import {
  lendingLiquidationPoints,
  perpLiquidationPoint,
  type LiquidationPoint,
} from './risk/liquidation-price';
import { loopScope, loopScopeTotals } from './steps/loop';
import { deltaByRoot, exposureBySource } from './exposure';
import { holdings, perpPnlUsd, positionTotals, type Holdings } from './valuation';
import { pricesAt, type AtPrices } from './what-if';

export type { Evaluation } from './evaluation';
export type { AtPrices } from './what-if';

export interface EvaluateOptions {
  /**
   * What-if prices (USD per asset; assets pegged to one move with it): the position is built at
   * the strategy's own prices, then every figure is revalued at these without re-entering it.
   */
  at?: AtPrices;
}

/** Health factors under this get a HEALTH_FACTOR_LOW warning. */
const LOW_HEALTH_FACTOR = new Decimal('1.2');
/** Liquidation within this price move gets a LIQUIDATION_NEAR warning. */
const NEAR_LIQUIDATION_DROP = new Decimal('0.1');

/**
 * Evaluates a strategy document (any JSON value): parse and migrate, execute the chain at the
 * strategy's prices, and report the position, its risks and its returns. Never throws.
 *
 * Steps that fail the schema (a half-typed amount) are left out rather than blanking every
 * figure: their issues become errors, a STEPS_SKIPPED warning lists them and `ok` is false.
 * Schema issues outside `steps` still return errors only.
 */
export function evaluate(input: unknown, options: EvaluateOptions = {}): Evaluation {
  let parsed: LenientParseResult;
  try {
    parsed = parseStrategyLenient(input);
  } catch (error) {
    return emptyEvaluation(null, [internal(error)], []);
  }
  return evaluateParsed(parsed, options);
}

/** `evaluate` of a document already through `parseStrategyLenient` (whose result a caller reuses). */
export function evaluateParsed(
  parsed: LenientParseResult,
  options: EvaluateOptions = {},
): Evaluation {
  if (!parsed.ok) return emptyEvaluation(null, parsed.errors, []);
  const evaluation = evaluateStrategy(parsed.strategy, options);
  if (parsed.skippedSteps.length === 0) return evaluation;
  const skipped: EngineIssue = {
    code: 'STEPS_SKIPPED',
    message: `figures exclude ${parsed.skippedSteps.length === 1 ? 'a step' : 'steps'} with format errors: ${parsed.skippedSteps.join(', ')}`,
    field: 'steps',
  };
  return {
    ...evaluation,
    ok: false,
    stepsNotApplied: [...parsed.skippedSteps, ...evaluation.stepsNotApplied],
    warnings: [skipped, ...evaluation.warnings],
    errors: [...parsed.stepErrors, ...evaluation.errors],
  };
}

/** Evaluates an already parsed strategy (the UI and services hold parsed documents). */
export function evaluateStrategy(strategy: Strategy, options: EvaluateOptions = {}): Evaluation {
  const refused = inputIssues(strategy);
  if (refused.length > 0) return emptyEvaluation(strategy.name, refused, []);
  let built: BuiltPosition | null = null;
  try {
    built = buildPosition({ strategy });
    const at = options.at && Object.keys(options.at).length > 0 ? options.at : null;
    if (!at) return report(built, built.prices, null);
    const shocked = pricesAt({ prices: built.prices, pegs: pegsFromStrategy(strategy), at });
    if (!shocked.ok) {
      return emptyEvaluation(strategy.name, [...built.errors, ...shocked.errors], built.warnings);
    }
    return report(built, shocked.prices, at);
  } catch (error) {
    return emptyEvaluation(
      strategy.name,
      [...(built?.errors ?? []), internal(error)],
      built?.warnings ?? [],
    );
  }
}

function internal(error: unknown): EngineIssue {
  return {
    code: 'INTERNAL_ERROR',
    message: `engine error: ${error instanceof Error ? error.message : String(error)}`,
  };
}

function emptyEvaluation(
  name: string | null,
  errors: EngineIssue[],
  warnings: EngineIssue[],
): Evaluation {
  return {
    ok: false,
    name,
    equityUsd: null,
    collateralUsd: null,
    debtUsd: null,
    leverage: null,
    loops: [],
    ltv: null,
    healthFactor: { overall: null, noDebt: true, byMarket: {} },
    maxBorrowUsd: null,
    liquidationPrice: {},
    liquidationDrop: {},
    liquidations: [],
    netExposure: {},
    netExposureByRoot: {},
    exposure: [],
    delta: [],
    deltaNeutral: null,
    netApr: null,
    netApy: null,
    breakdown: null,
    compounding: null,
    lendingRates: {},
    projection: [],
    impermanentLoss: [],
    perps: [],
    priceInputs: [],
    whatIf: null,
    balances: [],
    stepsNotApplied: [],
    entryCostsUsd: null,
    warnings,
    errors,
  };
}

const s = (value: Decimal): string => value.toFixed();

/**
 * The figures of a built position valued at `prices`: the entry prices, or what-if prices (then
 * `at` names them). Balances stay as built; only valuations move.
 */
function report(built: BuiltPosition, prices: PriceMap, at: AtPrices | null): Evaluation {
  const { strategy, position } = built;
  const warnings = [...built.warnings];
  const pegs = pegsFromStrategy(strategy);
  const held = holdings({ position, prices });
  const totals = positionTotals({ position, prices, precomputed: held });
  const equity = totals.equityUsd;
  const perEquity = (usd: Decimal): string | null =>
    equity.greaterThan(0) ? s(usd.div(equity)) : null;
  if (!equity.greaterThan(0)) {
    warnings.push({ code: 'EQUITY_NOT_POSITIVE', message: 'the position has no positive equity' });
  }

  // ------------------------------------------------------------ lending health
  let collateralUsd = ZERO;
  let lendingDebtUsd = ZERO;
  let maxBorrowUsd = ZERO;
  let overall: Decimal | null = null;
  const byMarket: Evaluation['healthFactor']['byMarket'] = {};
  for (const account of position.lending.values()) {
    const health = accountHealth({
      account,
      prices: accountOraclePrices({ prices, position, pegs }, account),
    });
    collateralUsd = collateralUsd.plus(health.collateralUsd);
    lendingDebtUsd = lendingDebtUsd.plus(health.debtUsd);
    maxBorrowUsd = maxBorrowUsd.plus(health.availableBorrowUsd);
    const noDebt = health.debtUsd.isZero();
    byMarket[account.marketId] = {
      healthFactor: noDebt ? null : s(health.healthFactor),
      noDebt,
      ltv: s(health.ltv),
      collateralUsd: s(health.collateralUsd),
      debtUsd: s(health.debtUsd),
      borrowPowerUsd: s(health.borrowPowerUsd),
      maxBorrowUsd: s(health.availableBorrowUsd),
    };
    if (noDebt) continue;
    if (!overall || health.healthFactor.lessThan(overall)) overall = health.healthFactor;
    const field = `healthFactor.byMarket.${account.marketId}`;
    const small = smallAaveReserves(
      account,
      accountOraclePrices({ prices, position, pegs }, account),
    );
    if (small) {
      warnings.push({
        code: 'LIQUIDATION_WOULD_BE_FULL',
        message: `${account.marketId}: ${small.join(', ')} ${small.length === 1 ? 'is' : 'are'} worth under ${small.threshold} USD, so a liquidation may repay that whole reserve at once rather than half (Aave v3.3 MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD)`,
        field,
        params: {
          marketId: account.marketId,
          reserves: small.join(', '),
          thresholdUsd: small.threshold,
        },
      });
    }
    if (health.healthFactor.lessThan(1)) {
      warnings.push({
        code: 'HEALTH_FACTOR_BELOW_ONE',
        message: `${account.marketId} can be liquidated now`,
        field,
        params: {
          marketId: account.marketId,
          healthFactor: health.healthFactor.toDecimalPlaces(3).toFixed(),
        },
      });
    } else if (health.healthFactor.lessThan(LOW_HEALTH_FACTOR)) {
      warnings.push({
        code: 'HEALTH_FACTOR_LOW',
        message: `health factor ${health.healthFactor.toDecimalPlaces(3).toFixed()} in ${account.marketId} is under ${LOW_HEALTH_FACTOR.toFixed()}`,
        field,
        params: {
          marketId: account.marketId,
          healthFactor: health.healthFactor.toDecimalPlaces(3).toFixed(),
          limit: LOW_HEALTH_FACTOR.toFixed(),
        },
      });
    }
  }

  // ------------------------------------------------------------ liquidation prices
  const points = liquidationPoints(built, prices, pegs);
  const liquidations: LiquidationOutput[] = points.map((p) => {
    const key = p.source === 'perp' ? `perp:${p.stepId ?? ''}` : p.asset;
    return {
      key,
      asset: p.asset,
      source: p.source,
      marketId: p.marketId,
      stepId: p.stepId,
      currentPriceUsd: s(p.currentPriceUsd),
      priceUsd: s(p.priceUsd),
      direction: p.direction,
      drop: s(ONE.minus(p.priceUsd.div(p.currentPriceUsd))),
      method: p.method,
    };
  });
  const liquidationPrice: Record<string, string | null> = {};
  const liquidationDrop: Record<string, string | null> = {};
  for (const variable of liquidationVariables(built, pegs)) {
    liquidationPrice[variable] = null;
    liquidationDrop[variable] = null;
  }
  // Several markets per variable: the one reached first (smallest move) is the liquidation price.
  const nearest = new Map<string, LiquidationOutput>();
  for (const l of liquidations) {
    const best = nearest.get(l.key);
    if (!best || new Decimal(l.drop).abs().lessThan(new Decimal(best.drop).abs()))
      nearest.set(l.key, l);
  }
  for (const [key, l] of nearest) {
    liquidationPrice[key] = l.priceUsd;
    liquidationDrop[key] = l.drop;
    const drop = new Decimal(l.drop);
    if (
      drop.abs().lessThan(NEAR_LIQUIDATION_DROP) &&
      drop.times(l.direction === 'down' ? 1 : -1).greaterThanOrEqualTo(0)
    ) {
      warnings.push({
        code: 'LIQUIDATION_NEAR',
        message: `${key} is liquidated after a ${drop.abs().times(100).toDecimalPlaces(2).toFixed()}% price move`,
        ...(l.stepId ? { stepId: l.stepId } : { field: `liquidationPrice.${key}` }),
        params: {
          asset: l.asset,
          source: l.source,
          ...(l.marketId ? { marketId: l.marketId } : {}),
          direction: l.direction,
          move: drop.abs().toFixed(),
          priceUsd: l.priceUsd,
          limit: NEAR_LIQUIDATION_DROP.toFixed(),
        },
      });
    }
  }

  // ------------------------------------------------------------ exposure
  const netExposure: Evaluation['netExposure'] = {};
  const byRoot = new Map<string, { units: Decimal; usd: Decimal }>();
  const assets = new Set([...held.long.keys(), ...held.debt.keys(), ...held.perp.keys()]);
  for (const asset of assets) {
    const units = (held.long.get(asset) ?? ZERO)
      .minus(held.debt.get(asset) ?? ZERO)
      .plus(held.perp.get(asset) ?? ZERO);
    const usd = units.times(prices.get(asset) ?? ZERO);
    netExposure[asset] = { units: s(units), usd: s(usd) };
    const root = priceRoot({ asset, pegs });
    const rootKey = root?.root ?? asset;
    const entry = byRoot.get(rootKey) ?? { units: ZERO, usd: ZERO };
    byRoot.set(rootKey, {
      units: entry.units.plus(units.times(root?.ratio ?? ONE)),
      usd: entry.usd.plus(usd),
    });
  }
  const netExposureByRoot: Evaluation['netExposureByRoot'] = {};
  for (const [root, e] of byRoot) netExposureByRoot[root] = { units: s(e.units), usd: s(e.usd) };
  const bySource = exposureBySource({ position, prices, pegs });
  const exposure: Evaluation['exposure'] = bySource.map((e) => ({
    asset: e.asset,
    root: e.root,
    priceUsd: s(e.priceUsd),
    held: s(e.held),
    supplied: s(e.supplied),
    lp: s(e.lp),
    debt: s(e.debt),
    perp: s(e.perp),
    net: s(e.net),
    netUsd: s(e.netUsd),
  }));
  const delta: Evaluation['delta'] = deltaByRoot({
    exposure: bySource,
    equityUsd: equity,
    info: assetInfoFromStrategy(strategy),
  }).map((d) => ({
    root: d.root,
    netUnits: s(d.netUnits),
    netUsd: s(d.netUsd),
    longUsd: s(d.longUsd),
    shortUsd: s(d.shortUsd),
    shareOfEquity: d.shareOfEquity ? s(d.shareOfEquity) : null,
    neutral: d.neutral,
  }));

  // ------------------------------------------------------------ returns
  const model = yieldModel({ position, prices, pegs, holdings: held, steps: strategy.steps });
  const c = model.components;
  const yearly = Object.values(c).reduce((acc: Decimal, v: Decimal) => acc.plus(v), ZERO);
  const breakdown = {} as Record<BreakdownKey, BreakdownEntry>;
  for (const [key, usd] of Object.entries(c) as Array<[BreakdownKey, Decimal]>) {
    breakdown[key] = { usdPerYear: s(usd), apr: perEquity(usd) };
  }
  const horizon = strategy.horizonDays;
  const series = projectEquity({
    equityUsd: equity,
    buckets: model.buckets,
    harvest: model.harvest,
    days: Math.max(horizon, 365),
  });
  const netApy = equity.greaterThan(0) ? s(series.yearEndEquityUsd.div(equity).minus(ONE)) : null;
  const projection = series.daily
    .slice(0, horizon + 1)
    .map((equityUsd, day) => ({ day, equityUsd }));
  if (equity.greaterThan(0) && yearly.isNegative()) {
    warnings.push({ code: 'NEGATIVE_CARRY', message: 'the position loses money at current rates' });
  }
  const lendingRatesOut: Evaluation['lendingRates'] = {};
  for (const [marketId, byAsset] of model.rates) {
    lendingRatesOut[marketId] = {};
    for (const [asset, r] of byAsset) {
      lendingRatesOut[marketId][asset] = {
        supplyApr: s(r.supplyApr),
        borrowApr: s(r.borrowApr),
        utilization: r.utilization ? s(r.utilization) : null,
      };
    }
  }
  const plan = model.harvest?.plan ?? null;

  // ------------------------------------------------------------ LPs
  const impermanent: ImpermanentLossOutput[] = [];
  for (const lp of position.lps.values()) {
    const p0 = prices.get(lp.pool.assets[0]) ?? ZERO;
    const p1 = prices.get(lp.pool.assets[1]) ?? ZERO;
    if (p1.isZero()) continue;
    const multiple = p0.div(p1).div(lp.entryPrice);
    const valueUsd = lpValueUsd({ lp, prices });
    const holdValueUsd = lp.entryAmounts[0].times(p0).plus(lp.entryAmounts[1].times(p1));
    const earning = lpIsEarning(lp, prices);
    const outlook = lpOutlook({ lp, prices, horizonDays: horizon });
    const breakEven = (move: number | null | undefined) =>
      move === null || move === undefined ? null : floatString(move);
    impermanent.push({
      stepId: lp.stepId,
      poolType: lp.pool.type,
      assets: [lp.pool.assets[0], lp.pool.assets[1]],
      entryPrice: s(lp.entryPrice),
      current: {
        priceMultiple: s(multiple),
        impermanentLoss: s(impermanentLoss({ lp, priceMultiple: multiple })),
        valueUsd: s(valueUsd),
        holdValueUsd: s(holdValueUsd),
        inRange: earning,
      },
      curve: impermanentLossCurve({ lp }).map((point) => ({
        priceMultiple: floatString(point.priceMultiple),
        impermanentLoss: floatString(point.impermanentLoss),
      })),
      price: s(p0.div(p1)),
      range:
        lp.pool.type === 'concentrated'
          ? { lower: s(new Decimal(lp.pool.lower)), upper: s(new Decimal(lp.pool.upper)) }
          : null,
      moves: (outlook?.moves ?? []).map((m) => ({
        move: s(m.move),
        priceMultiple: s(m.priceMultiple),
        price: s(m.price),
        impermanentLoss: s(m.impermanentLoss),
        impermanentLossUsd: s(m.impermanentLossUsd),
        netOfFeesUsd: s(m.netOfFeesUsd),
        inRange: m.inRange,
      })),
      fees: {
        horizonDays: horizon,
        feeApr: s(lp.feeApr),
        feesUsd: s(outlook?.feesUsd ?? ZERO),
        breakEvenDown: breakEven(outlook?.breakEven.down),
        breakEvenUp: breakEven(outlook?.breakEven.up),
      },
    });
  }

  // Entry costs were paid at entry: both sides at the entry prices, whatever `prices` are.
  const entryEquity = at ? positionTotals({ position, prices: built.prices }).equityUsd : equity;
  const capitalUsd = strategy.capital.reduce(
    (acc, entry) =>
      acc.plus(new Decimal(entry.amount).times(built.prices.get(entry.asset) ?? ZERO)),
    ZERO,
  );
  const whatIf: WhatIfOutput | null = at
    ? {
        at: Object.fromEntries(Object.entries(at).map(([k, v]) => [k, s(new Decimal(v))])),
        prices: Object.fromEntries(
          [...prices].filter(([k]) => k !== USD).map(([k, v]) => [k, s(v)]),
        ),
        entryEquityUsd: s(entryEquity),
        equityChangeUsd: s(equity.minus(entryEquity)),
      }
    : null;
  return {
    ok: built.errors.length === 0,
    name: strategy.name,
    equityUsd: s(equity),
    collateralUsd: s(collateralUsd),
    debtUsd: s(totals.debtUsd),
    leverage: totals.leverage ? s(totals.leverage) : null,
    loops: strategy.steps.flatMap((step) => {
      if (step.type !== 'loop' || step.disabled) return [];
      const scope = loopScope(step.body);
      const account = loopScopeTotals(position, prices, scope).leverage;
      return [
        {
          stepId: step.id,
          marketIds: [...scope.markets],
          targetLeverage: step.repeat.mode === 'untilLeverage' ? step.repeat.targetLeverage : null,
          accountLeverage: account ? s(account) : null,
          portfolioLeverage: totals.leverage ? s(totals.leverage) : null,
        },
      ];
    }),
    ltv: collateralUsd.isZero() ? null : s(lendingDebtUsd.div(collateralUsd)),
    healthFactor: { overall: overall ? s(overall) : null, noDebt: overall === null, byMarket },
    maxBorrowUsd: s(maxBorrowUsd),
    liquidationPrice,
    liquidationDrop,
    liquidations,
    netExposure,
    netExposureByRoot,
    exposure,
    delta,
    deltaNeutral: delta.length === 0 ? null : delta.every((d) => d.neutral),
    netApr: perEquity(yearly),
    netApy,
    breakdown,
    compounding: {
      harvestFrequencyDays: plan ? s(plan.frequencyDays) : null,
      harvestsPerYear: plan && model.harvest ? String(model.harvest.harvestsPerYear ?? 0) : null,
      reinvestInto: plan?.reinvestInto ?? null,
      reinvestApr: model.harvest ? s(model.harvest.reinvestApr) : null,
    },
    lendingRates: lendingRatesOut,
    projection,
    impermanentLoss: impermanent,
    perps: position.perps.map((perp) => perpOutput(perp, prices, pegs)),
    priceInputs: priceInputs(built, held, prices, pegs),
    whatIf,
    balances: built.steps,
    stepsNotApplied: built.steps.filter((step) => !step.ok).map((step) => step.stepId),
    entryCostsUsd: s(capitalUsd.minus(entryEquity)),
    warnings,
    errors: built.errors,
  };
}

/**
 * The prices a what-if can move, for the assets the strategy names or the position holds, owes or
 * trades: the peg root of each (ETH for WETH and wstETH: they move with it), and each pegged
 * stable or liquid-staking asset itself (its depeg). Roots first, then pegs, in first-seen order.
 */
function priceInputs(
  built: BuiltPosition,
  held: Holdings,
  prices: PriceMap,
  pegs: PegMap,
): PriceInputOutput[] {
  const info = assetInfoFromStrategy(built.strategy);
  const named = [
    ...Object.keys(built.strategy.prices),
    ...built.strategy.capital.map((c) => c.asset),
    ...held.long.keys(),
    ...held.debt.keys(),
    ...held.perp.keys(),
  ];
  const roots = new Map<string, PriceInputOutput>();
  const pegged = new Map<string, PriceInputOutput>();
  const item = (asset: string, control: 'price' | 'peg'): PriceInputOutput | null => {
    const entry = built.prices.get(asset);
    if (!entry) return null;
    return {
      asset,
      control,
      assetKind: info.get(asset)?.kind ?? null,
      pegAsset: control === 'peg' ? (pegs.get(asset)?.asset ?? null) : null,
      entryPriceUsd: s(entry),
      priceUsd: s(prices.get(asset) ?? entry),
    };
  };
  for (const asset of named) {
    if (asset === USD || asset.startsWith('LP:')) continue;
    const root = priceRoot({ asset, pegs })?.root;
    if (root && root !== USD && !roots.has(root)) {
      const r = item(root, 'price');
      if (r) roots.set(root, r);
    }
    const kind = info.get(asset)?.kind;
    if (pegs.has(asset) && (kind === 'stable' || kind === 'liquid-staking') && !pegged.has(asset)) {
      const p = item(asset, 'peg');
      if (p) pegged.set(asset, p);
    }
  }
  return [...roots.values(), ...pegged.values()];
}

/** One perp marked at `prices`: margin, PnL, its own leverage and margin ratio, where it is liquidated. */
function perpOutput(
  perp: BuiltPosition['position']['perps'][number],
  prices: PriceMap,
  pegs: PegMap,
): PerpOutput {
  const mark = prices.get(perp.asset) ?? perp.entryPrice;
  const marginUsd = perp.margin.times(prices.get(perp.marginAsset) ?? ZERO);
  const pnlUsd = perpPnlUsd(perp, mark);
  const equityUsd = marginUsd.plus(pnlUsd);
  const notionalUsd = perp.size.times(mark);
  const liquidation = perpLiquidationPoint({ perp, prices, pegs });
  return {
    stepId: perp.stepId,
    marketId: perp.marketId,
    asset: perp.asset,
    side: perp.side,
    sizeUnits: s(perp.size),
    entryPriceUsd: s(perp.entryPrice),
    markPriceUsd: s(mark),
    notionalUsd: s(notionalUsd),
    marginAsset: perp.marginAsset,
    marginUnits: s(perp.margin),
    marginUsd: s(marginUsd),
    pnlUsd: s(pnlUsd),
    equityUsd: s(equityUsd),
    leverage: equityUsd.greaterThan(0) ? s(notionalUsd.div(equityUsd)) : null,
    marginRatio: notionalUsd.isZero() ? null : s(equityUsd.div(notionalUsd)),
    maintenanceUsd: s(perp.maintenanceMarginRate.plus(perp.closeFeeRate).times(notionalUsd)),
    liquidationPriceUsd: liquidation ? s(liquidation.priceUsd) : null,
  };
}

/** 12 significant digits, plain decimal notation (chart data computed in float64). */
function floatString(value: number): string {
  return Number.isFinite(value) ? new Decimal(value.toPrecision(12)).toFixed() : '0';
}

/**
 * The price variables reported: each volatile peg root with lending exposure (ETH for WETH and
 * wstETH, and for an LP token supplied as collateral, the roots of its pool's assets), each pegged
 * collateral or debt asset priced at market (a depeg: USDC, USDT, stETH), and each perp.
 */
function liquidationVariables(built: BuiltPosition, pegs: PegMap): Set<string> {
  const info = assetInfoFromStrategy(built.strategy);
  const out = new Set<string>();
  for (const account of built.position.lending.values()) {
    const debt = [...account.debts.values()].some((units) => units.greaterThan(0));
    if (!debt) continue;
    // LP-token collateral stands for its pool's two assets: their prices move the LP's value
    const assets = [...account.supplies.values()]
      .filter((x) => x.collateral && x.amount.greaterThan(0))
      .flatMap((x) => {
        if (!x.asset.startsWith('LP:')) return [x.asset];
        const lp = built.position.lps.get(x.asset);
        return lp ? [lp.pool.assets[0], lp.pool.assets[1]] : [];
      });
    for (const asset of [...assets, ...account.debts.keys()]) {
      const root = priceRoot({ asset, pegs })?.root ?? asset;
      if (root !== USD && info.get(root)?.kind !== 'stable') out.add(root);
    }
    // Depeg variables: pegged collateral (a fall) and pegged debt (a rise) priced at market.
    for (const asset of [...assets, ...account.debts.keys()]) {
      const kind = info.get(asset)?.kind;
      const pegged = pegs.has(asset) && (kind === 'stable' || kind === 'liquid-staking');
      if (pegged && account.market.assets[asset]?.oracle !== 'exchange-rate') out.add(asset);
    }
  }
  for (const perp of built.position.perps) out.add(`perp:${perp.stepId}`);
  return out;
}

function liquidationPoints(
  built: BuiltPosition,
  prices: PriceMap,
  pegs: PegMap,
): LiquidationPoint[] {
  const { position } = built;
  const points: LiquidationPoint[] = [];
  for (const variable of liquidationVariables(built, pegs)) {
    if (variable.startsWith('perp:')) continue;
    const kind = pegs.has(variable) ? 'depeg' : 'root';
    points.push(...lendingLiquidationPoints({ position, prices, pegs, variable, kind }));
  }
  for (const perp of position.perps) {
    const point = perpLiquidationPoint({ perp, prices, pegs });
    if (point) points.push(point);
  }
  return points;
}

/**
 * Aave v3.3: the reserves of an account with debt (its debts and its collateral) worth less than
 * the full-liquidation threshold ($2,000) at today's oracle prices — a liquidation may take them
 * whole. Null when none, or when the market is not Aave v3 or the rule is off.
 */
function smallAaveReserves(
  account: LendingAccount,
  oracle: PriceMap,
): (string[] & { threshold: string }) | null {
  if (designOf(account.market).design !== 'aave-v3') return null;
  const threshold = aaveLiquidationRules(account.market).fullLiquidationBelowUsd;
  if (threshold.lessThanOrEqualTo(0)) return null;
  const under = (units: Decimal, asset: string) => {
    const usd = units.times(oracle.get(asset) ?? ZERO);
    return usd.greaterThan(0) && usd.lessThan(threshold);
  };
  const names: string[] = [];
  for (const [asset, units] of account.debts) if (under(units, asset)) names.push(`${asset} debt`);
  for (const supply of account.supplies.values()) {
    if (!supply.collateral) continue;
    if (
      effectiveCollateralParams({
        market: account.market,
        asset: supply.asset,
      }).liquidationThreshold.isZero()
    )
      continue;
    if (under(supply.amount, supply.asset)) names.push(`${supply.asset} collateral`);
  }
  return names.length === 0 ? null : Object.assign(names, { threshold: threshold.toFixed() });
}
