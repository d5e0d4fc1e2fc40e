import { Decimal, ONE } from '../engine/decimal';
import type { Strategy } from '../engine/format/schema';
import type { BuiltPosition, HarvestPlan, LpPosition } from '../engine/position';
import { lpAmounts } from '../engine/amm/lp-value';
import { effectiveCollateralParams } from '../engine/lending/effective-params';
import { USD, pegsFromStrategy, priceRoot } from '../engine/prices';
import { pegPath } from '../backtest/pricing';
import type { BacktestOptions } from '../backtest/types';
import {
  CURVE_FIELDS,
  LP_CONCENTRATED,
  LP_CONSTANT_PRODUCT,
  LP_TABLE,
  PRICE_CONSTANT,
  PRICE_FACTOR,
  PRICE_LP,
  PRICE_PEGGED,
  STABLESWAP_HALF_POINTS,
  STABLESWAP_SPAN,
  TARGET_LP,
  TARGET_NONE,
  TARGET_STAKE,
  TARGET_SUPPLY,
  lpPositionValue,
  type CompiledPosition,
} from './compiled';
import { DAYS_PER_YEAR } from './estimate';

/** Automation rules exactly as the backtest takes them (`BacktestOptions.automation`). */
export type Automation = NonNullable<BacktestOptions['automation']>;

export class CompileError extends Error {
  constructor(
    readonly code: 'PRICE_MISSING' | 'STRATEGY_HAS_ERRORS',
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

const num = (d: Decimal): number => d.toNumber();

/**
 * Compiles a built position into the kernel's Float64 layout (see compiled.ts). `factorAssets` are
 * the assets the price model moves; any other asset pegged (directly or through a chain) to one of
 * them follows it with its peg ratio held, and the rest stay at their start price.
 */
export function compilePosition({
  built,
  factorAssets,
  automation,
}: {
  built: BuiltPosition;
  factorAssets: readonly string[];
  automation?: Automation;
}): CompiledPosition {
  const { strategy, position, prices } = built;
  if (built.errors.length > 0) {
    throw new CompileError('STRATEGY_HAS_ERRORS', built.errors.map((e) => e.code).join(', '));
  }
  const pegs = pegsFromStrategy(strategy);
  const notes: string[] = [];

  const assets = riskAssets({ built, factorAssets });
  const indexOf = new Map(assets.map((a, i) => [a, i]));

  const n = assets.length;
  const startPrices = new Float64Array(n);
  const priceKind = new Uint8Array(n);
  const factorIndex = new Int32Array(n).fill(-1);
  const pegRoot = new Int32Array(n).fill(-1);
  const pegRatio = new Float64Array(n);
  const pegGrowth = new Float64Array(n).fill(1);
  const lpList = [...position.lps.values()];
  const lpTokens = new Set(lpList.map((lp) => lp.token));

  const factorSet = new Set(factorAssets);
  for (let i = 0; i < n; i++) {
    const asset = assets[i]!;
    if (lpTokens.has(asset)) {
      priceKind[i] = PRICE_LP;
      continue; // start price filled in once LPs are compiled
    }
    const price = asset === USD ? ONE : prices.get(asset);
    if (!price) throw new CompileError('PRICE_MISSING', asset);
    startPrices[i] = num(price);
    if (factorSet.has(asset)) {
      priceKind[i] = PRICE_FACTOR;
      factorIndex[i] = factorAssets.indexOf(asset);
      continue;
    }
    // like the backtest's price book: follow the peg chain to the first asset with a price process
    const path = pegPath(asset, pegs, (s) => factorSet.has(s) || s === USD);
    const anchorPrice = path ? (path.anchor === USD ? ONE : prices.get(path.anchor)) : undefined;
    if (path && anchorPrice && !anchorPrice.isZero()) {
      priceKind[i] = PRICE_PEGGED;
      pegRoot[i] = indexOf.get(path.anchor)!;
      pegRatio[i] = num(price.div(anchorPrice)); // the start price's own discount is kept
      pegGrowth[i] = dailyGrowth(path.links);
    } else {
      priceKind[i] = PRICE_CONSTANT;
    }
  }

  // ---- lending
  const accounts = [...position.lending.values()];
  const accountStart = new Int32Array(accounts.length + 1);
  const slotAssets: number[] = [];
  const slotOracleRootL: number[] = [];
  const slotOracleRatioL: number[] = [];
  const slotOracleGrowthL: number[] = [];
  const slotSupplyL: number[] = [];
  const slotLtL: number[] = [];
  const slotLtvL: number[] = [];
  const slotBorrowableL: number[] = [];
  const slotBonusL: number[] = [];
  const slotSupplyGrowthL: number[] = [];
  const slotDebtL: number[] = [];
  const slotDebtGrowthL: number[] = [];
  const slotCurveL: number[] = [];
  const slotCurveParamsL: number[] = [];
  const closeFactor = new Float64Array(accounts.length);
  const fullLiquidationHf = new Float64Array(accounts.length);
  const slotKey = new Map<string, number>(); // `${marketId}|${asset}` → slot
  accounts.forEach((acc, a) => {
    accountStart[a] = slotAssets.length;
    closeFactor[a] = Number(acc.market.closeFactor ?? '0.5');
    fullLiquidationHf[a] = Number(acc.market.fullLiquidationHealthFactor ?? '0.95');
    const slotAssetNames = new Set([...acc.supplies.keys(), ...acc.debts.keys()]);
    for (const asset of slotAssetNames) {
      const supply = acc.supplies.get(asset);
      const debt = acc.debts.get(asset);
      const params = acc.market.assets[asset];
      const collateral = effectiveCollateralParams({ market: acc.market, asset });
      slotKey.set(`${acc.marketId}|${asset}`, slotAssets.length);
      slotAssets.push(indexOf.get(asset)!);
      // oracle
      let oracleRoot = -1;
      let oracleRatio = 1;
      let oracleGrowth = 1;
      if (params?.oracle === 'exchange-rate') {
        // the engine's oraclePrice: the peg root's market price × the chain's declared ratios
        const path = pegPath(asset, pegs, (s) => !pegs.has(s));
        if (path) {
          oracleRoot = indexOf.get(path.anchor)!;
          oracleRatio = path.links.reduce((r, link) => r * link.ratio, 1);
          oracleGrowth = dailyGrowth(path.links);
        }
      }
      slotOracleRootL.push(oracleRoot);
      slotOracleRatioL.push(oracleRatio);
      slotOracleGrowthL.push(oracleGrowth);
      slotSupplyL.push(supply ? num(supply.amount) : 0);
      slotLtL.push(supply?.collateral ? num(collateral.liquidationThreshold) : 0);
      slotLtvL.push(supply?.collateral ? num(collateral.ltv) : 0);
      slotBorrowableL.push(params && params.borrowEnabled !== false ? 1 : 0);
      slotBonusL.push(num(collateral.liquidationBonus));
      let supplyApr = 0;
      let borrowApr = 0;
      if (params?.rates.type === 'fixed') {
        supplyApr = Number(params.rates.supplyApr);
        borrowApr = Number(params.rates.borrowApr);
      }
      slotSupplyGrowthL.push(1 + supplyApr / DAYS_PER_YEAR);
      slotDebtL.push(debt ? num(debt) : 0);
      slotDebtGrowthL.push(1 + borrowApr / DAYS_PER_YEAR);
      const rates = params?.rates;
      slotCurveL.push(rates?.type === 'curve' ? 1 : 0);
      slotCurveParamsL.push(
        ...(rates?.type === 'curve'
          ? [
              rates.baseRate,
              rates.slope1,
              rates.slope2,
              rates.optimalUtilization,
              rates.reserveFactor,
              rates.totalSupply,
              rates.totalBorrow,
            ].map(Number)
          : new Array<number>(CURVE_FIELDS).fill(0)),
      );
    }
  });
  accountStart[accounts.length] = slotAssets.length;
  // ---- LPs
  const lpCount = lpList.length;
  const lpToken = new Int32Array(lpCount);
  const lpKind = new Uint8Array(lpCount);
  const lpAsset0 = new Int32Array(lpCount);
  const lpAsset1 = new Int32Array(lpCount);
  const lpLiquidity = new Float64Array(lpCount);
  const lpSqrtLower = new Float64Array(lpCount);
  const lpSqrtUpper = new Float64Array(lpCount);
  const lpTokenSupply = new Float64Array(lpCount);
  const lpFeeGrowth = new Float64Array(lpCount);
  const lpTableStart = new Int32Array(lpCount).fill(-1);
  const tableLogPrice: number[] = [];
  const tableValue: number[] = [];
  const tableSlope: number[] = [];
  lpList.forEach((lp, i) => {
    const i0 = indexOf.get(lp.pool.assets[0])!;
    const i1 = indexOf.get(lp.pool.assets[1])!;
    lpToken[i] = indexOf.get(lp.token)!;
    lpAsset0[i] = i0;
    lpAsset1[i] = i1;
    lpTokenSupply[i] = num(lp.supply);
    lpFeeGrowth[i] = 1 + num(lp.feeApr) / DAYS_PER_YEAR;
    const price = startPrices[i0]! / startPrices[i1]!;
    const compiled = compileLp({ lp, price });
    lpKind[i] = compiled.kind;
    lpLiquidity[i] = compiled.liquidity;
    lpSqrtLower[i] = compiled.sqrtLower;
    lpSqrtUpper[i] = compiled.sqrtUpper;
    if (compiled.table) {
      lpTableStart[i] = tableLogPrice.length;
      tableLogPrice.push(...compiled.table.logPrice);
      tableValue.push(...compiled.table.value);
      tableSlope.push(...compiled.table.slope);
      notes.push(
        `Stableswap LP ${lp.token}: value interpolated (cubic Hermite) from the exact invariant at ${2 * STABLESWAP_HALF_POINTS + 1} prices within ×/÷${STABLESWAP_SPAN} of the entry price; amounts held beyond.`,
      );
    }
  });

  // ---- stakes
  const stakeAsset = Int32Array.from(position.stakes, (s) => indexOf.get(s.asset)!);
  const stakeUnits = Float64Array.from(position.stakes, (s) => num(s.amount));
  const stakeRewardAsset = Int32Array.from(position.stakes, (s) => indexOf.get(s.rewardAsset)!);
  const stakeRewardPerDay = Float64Array.from(
    position.stakes,
    (s) => num(s.rewardApr) / DAYS_PER_YEAR,
  );

  // ---- perps
  const perps = position.perps;
  const perpAsset = Int32Array.from(perps, (p) => indexOf.get(p.asset)!);
  const perpMarginAsset = Int32Array.from(perps, (p) => indexOf.get(p.marginAsset)!);
  const perpSide = Float64Array.from(perps, (p) => (p.side === 'long' ? 1 : -1));
  const perpSize = Float64Array.from(perps, (p) => num(p.size));
  const perpEntry = Float64Array.from(perps, (p) => num(p.entryPrice));
  const perpMargin = Float64Array.from(perps, (p) => num(p.margin));
  const perpFundingPerDay = Float64Array.from(perps, (p) => num(p.fundingApr) / DAYS_PER_YEAR);
  // the engine's rule (perpLiquidationPoint): liquidated under (maintenance + close fee)·size·P
  const perpMaintenance = Float64Array.from(perps, (p) =>
    num(p.maintenanceMarginRate.plus(p.closeFeeRate)),
  );

  // ---- harvests
  const harvests = position.harvests;
  const targets = harvests.map((plan) => harvestTarget({ plan, strategy, slotKey, built }));
  const harvestFrequencyDays = Float64Array.from(harvests, (h) => num(h.frequencyDays));
  const harvestGasUsd = Float64Array.from(harvests, (h) => num(h.gasUsd));
  const harvestSellInto = Int32Array.from(harvests, (h) => indexOf.get(h.sellInto)!);
  const harvestSwapFee = Float64Array.from(harvests, (h) => num(h.swapFeeRate));
  const harvestTargetKind = Uint8Array.from(targets, (t) => t.kind);
  const harvestTargetIndex = Int32Array.from(targets, (t) => t.index);

  const compiled: CompiledPosition = {
    assets,
    startPrices,
    priceKind,
    factorIndex,
    pegRoot,
    pegRatio,
    pegGrowth,
    factorAssets: [...factorAssets],
    wallet: Float64Array.from(assets, (a) => {
      const units = position.wallet.get(a);
      return units ? num(units) : 0;
    }),
    accountIds: accounts.map((acc) => acc.marketId),
    accountStart,
    closeFactor,
    fullLiquidationHf,
    slotAsset: Int32Array.from(slotAssets),
    slotOracleRoot: Int32Array.from(slotOracleRootL),
    slotOracleRatio: Float64Array.from(slotOracleRatioL),
    slotOracleGrowth: Float64Array.from(slotOracleGrowthL),
    slotSupply: Float64Array.from(slotSupplyL),
    slotLt: Float64Array.from(slotLtL),
    slotLtv: Float64Array.from(slotLtvL),
    slotBorrowable: Uint8Array.from(slotBorrowableL),
    slotBonus: Float64Array.from(slotBonusL),
    slotSupplyGrowth: Float64Array.from(slotSupplyGrowthL),
    slotDebt: Float64Array.from(slotDebtL),
    slotDebtGrowth: Float64Array.from(slotDebtGrowthL),
    slotCurve: Uint8Array.from(slotCurveL),
    slotCurveParams: Float64Array.from(slotCurveParamsL),
    lpToken,
    lpKind,
    lpAsset0,
    lpAsset1,
    lpLiquidity,
    lpSqrtLower,
    lpSqrtUpper,
    lpTokenSupply,
    lpFeeGrowth,
    lpTableStart,
    lpTableLogPrice: Float64Array.from(tableLogPrice),
    lpTableValue: Float64Array.from(tableValue),
    lpTableSlope: Float64Array.from(tableSlope),
    stakeAsset,
    stakeUnits,
    stakeRewardAsset,
    stakeRewardPerDay,
    perpAsset,
    perpMarginAsset,
    perpSide,
    perpSize,
    perpEntry,
    perpMargin,
    perpFundingPerDay,
    perpMaintenance,
    harvestFrequencyDays,
    harvestGasUsd,
    harvestSellInto,
    harvestSwapFee,
    harvestTargetKind,
    harvestTargetIndex,
    deleverageTrigger: automation?.deleverage?.triggerHealthFactor ?? NaN,
    deleverageTarget: automation?.deleverage?.targetHealthFactor ?? NaN,
    releverageTrigger: automation?.releverage?.triggerHealthFactor ?? NaN,
    releverageTarget: automation?.releverage?.targetHealthFactor ?? NaN,
    autoSwapFee: automation?.swapFeeRate ?? 0,
    autoGasUsd: automation?.gasUsd ?? 0,
    notes,
  };
  // LP token start prices (value of the position / token supply at the start prices)
  for (let i = 0; i < lpCount; i++) {
    const value = lpPositionValue(
      compiled,
      i,
      startPrices[lpAsset0[i]!]!,
      startPrices[lpAsset1[i]!]!,
    );
    startPrices[lpToken[i]!] = value / lpTokenSupply[i]!;
  }
  return compiled;
}

interface CompiledLp {
  kind: number;
  liquidity: number;
  sqrtLower: number;
  sqrtUpper: number;
  table: { logPrice: number[]; value: number[]; slope: number[] } | null;
}

/**
 * Constant product and concentrated ranges have closed forms in √P; the liquidity L is recovered
 * from the engine's own amounts at the start price, so the Float64 value agrees with the engine's
 * at every price. A stableswap has no closed form for its balances, so the engine's exact math is
 * sampled on a log-spaced price grid and interpolated (cubic Hermite on exact slopes, see compiled.ts).
 */
function compileLp({ lp, price }: { lp: LpPosition; price: number }): CompiledLp {
  const pool = lp.pool;
  const amountsAt = (p: number): [number, number] => {
    const [a0, a1] = lpAmounts({ lp, priceOfAsset0InAsset1: new Decimal(p) });
    return [num(a0), num(a1)];
  };
  if (pool.type === 'constant-product') {
    const [a0, a1] = amountsAt(price);
    return {
      kind: LP_CONSTANT_PRODUCT,
      liquidity: Math.sqrt(a0 * a1),
      sqrtLower: 0,
      sqrtUpper: 0,
      table: null,
    };
  }
  if (pool.type === 'concentrated') {
    const sa = Math.sqrt(Number(pool.lower));
    const sb = Math.sqrt(Number(pool.upper));
    const sp = Math.sqrt(price);
    const [a0, a1] = amountsAt(price);
    let liquidity: number;
    if (sp <= sa) liquidity = a0 / (1 / sa - 1 / sb);
    else if (sp >= sb) liquidity = a1 / (sb - sa);
    else liquidity = a0 > 0 ? a0 / (1 / sp - 1 / sb) : a1 / (sp - sa);
    return { kind: LP_CONCENTRATED, liquidity, sqrtLower: sa, sqrtUpper: sb, table: null };
  }
  const logPrice: number[] = [];
  const value: number[] = [];
  const slope: number[] = [];
  const step = Math.log(STABLESWAP_SPAN) / STABLESWAP_HALF_POINTS;
  for (let k = -STABLESWAP_HALF_POINTS; k <= STABLESWAP_HALF_POINTS; k++) {
    const lnP = Math.log(price) + k * step;
    const p = Math.exp(lnP);
    const [a0, a1] = amountsAt(p);
    logPrice.push(lnP);
    value.push(a0 * p + a1);
    slope.push(a0 * p);
  }
  return {
    kind: LP_TABLE,
    liquidity: 1,
    sqrtLower: 0,
    sqrtUpper: 0,
    table: { logPrice, value, slope },
  };
}

/**
 * Where a harvest's proceeds go, with the backtest's rules (backtest/yield-day.ts `reinvest`): a
 * supply step holding `sellInto`, a stake step staking `sellInto`, an lp step (the position grows by
 * proceeds / value); anything else keeps the proceeds in the wallet.
 */
function harvestTarget({
  plan,
  strategy,
  slotKey,
  built,
}: {
  plan: HarvestPlan;
  strategy: Strategy;
  slotKey: Map<string, number>;
  built: BuiltPosition;
}): { kind: number; index: number } {
  const step = plan.reinvestInto
    ? strategy.steps.find((s) => s.id === plan.reinvestInto)
    : undefined;
  if (step?.type === 'supply' && step.asset === plan.sellInto) {
    const slot = slotKey.get(`${step.market}|${step.asset}`);
    if (slot !== undefined) return { kind: TARGET_SUPPLY, index: slot };
  }
  if (step?.type === 'stake') {
    const index = built.position.stakes.findIndex((s) => s.stepId === step.id);
    if (index >= 0 && built.position.stakes[index]!.asset === plan.sellInto) {
      return { kind: TARGET_STAKE, index };
    }
  }
  if (step?.type === 'lp') {
    const index = [...built.position.lps.values()].findIndex((lp) => lp.stepId === step.id);
    if (index >= 0) return { kind: TARGET_LP, index };
  }
  return { kind: TARGET_NONE, index: -1 };
}

/** Daily multiple of a peg chain's ratio: Π (1 + growthApr/365) over its exchange-rate links. */
function dailyGrowth(links: readonly { growthApr: number }[]): number {
  return links.reduce((g, link) => g * (1 + link.growthApr / DAYS_PER_YEAR), 1);
}

/**
 * Every asset the position's value depends on, factors first: held, supplied, borrowed, pooled,
 * staked, earned, margined, and the roots of pegged ones (USD included, priced 1). The Monte Carlo
 * picks its factors from this list (those with price history).
 */
export function riskAssets({
  built,
  factorAssets = [],
}: {
  built: BuiltPosition;
  factorAssets?: readonly string[];
}): string[] {
  const { position } = built;
  const pegs = pegsFromStrategy(built.strategy);
  const set = new Set<string>(factorAssets);
  for (const a of position.wallet.keys()) set.add(a);
  for (const acc of position.lending.values()) {
    for (const a of acc.supplies.keys()) set.add(a);
    for (const a of acc.debts.keys()) set.add(a);
  }
  for (const lp of position.lps.values()) {
    set.add(lp.pool.assets[0]);
    set.add(lp.pool.assets[1]);
    set.add(lp.token);
  }
  for (const s of position.stakes) {
    set.add(s.asset);
    set.add(s.rewardAsset);
  }
  for (const p of position.perps) {
    set.add(p.asset);
    set.add(p.marginAsset);
  }
  for (const h of position.harvests) set.add(h.sellInto);
  for (const a of [...set]) {
    const root = priceRoot({ asset: a, pegs });
    if (root && root.root !== a) set.add(root.root);
  }
  return [...set];
}
