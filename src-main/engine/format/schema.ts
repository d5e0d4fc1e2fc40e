import { z } from 'zod';

/**
 * Strategy file format, version 2 (version 1 had no `limits`; format/migrate.ts). The single source of truth for the document shape:
 * TypeScript types are inferred from it and `resources/schemas/strategy.schema.json` is generated
 * from it (see docs/strategy-format.md). Amounts, prices and rates are decimal strings so that
 * nothing is lost to binary floating point between the UI, the file and the engine.
 *
 * The schema checks *shape* only (types, decimal syntax, enums). Semantic checks — unknown market,
 * spending more than held, leverage beyond the maximum — are the engine's job and come back as
 * per-step errors naming the step id and field, so a half-typed draft still evaluates.
 */

export const FORMAT_ID = 'yieldplan.strategy';
export const CURRENT_VERSION = 2;

/**
 * Input bounds (docs/security.md): what the engine's 40-digit decimal configuration can hold exactly,
 * and what keeps one evaluation within a fraction of a second. Each refusal has its own code.
 */
export const INPUT_LIMITS = {
  /** Characters of a decimal string (40 digits, sign, point, exponent, leading zeros). */
  decimalChars: 100,
  /** Significant digits of a decimal (leading and trailing zeros do not count): decimal.js precision. */
  significantDigits: 40,
  /** |exponent| in scientific notation: 1e-30 .. 9.99e30 (decimal.js toExpNeg is -30). */
  maxExponent: 30,
  /**
   * Steps one evaluation executes: each step counts 1, a loop counts its repetitions × its body
   * (times, or maxIterations for untilLeverage; 1 pass with a flash loan). A borrow-swap-supply
   * body costs ~0.2 ms per executed step, so 2,000 keep the worst evaluation under half a second
   * (99 loops of 100 × 20 = 198,000 froze the app). Real chains execute tens to a few hundred.
   */
  executedSteps: 2_000,
} as const;

const DECIMAL_SYNTAX = /^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Why a decimal string is refused, or null: significant digits and exponent within INPUT_LIMITS. */
export function decimalProblem(text: string): { code: string; message: string } | null {
  const match = DECIMAL_SYNTAX.exec(text);
  if (!match)
    return { code: 'NOT_A_NUMBER', message: 'must be a decimal number written as a string' };
  const mantissa = match[1] as string;
  const point = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const lead = digits.length - digits.replace(/^0+/, '').length;
  const significant = digits.slice(lead).replace(/0+$/, '');
  if (significant.length === 0) return null; // zero, however written
  if (significant.length > INPUT_LIMITS.significantDigits) {
    return {
      code: 'DECIMAL_TOO_PRECISE',
      message: `must have at most ${INPUT_LIMITS.significantDigits} significant digits`,
    };
  }
  const exponent =
    (point === -1 ? mantissa.length : point) - lead - 1 + Number(match[2]?.slice(1) ?? 0);
  if (Math.abs(exponent) > INPUT_LIMITS.maxExponent) {
    return {
      code: 'DECIMAL_OUT_OF_RANGE',
      message: `must lie between 1e-${INPUT_LIMITS.maxExponent} and 1e${INPUT_LIMITS.maxExponent} in size (or be 0)`,
    };
  }
  return null;
}

/** A finite decimal number written as a string: "10", "-0.5", "1e-6", within INPUT_LIMITS. */
export const DecimalString = z
  .string()
  // Length first, aborting: the syntax check must never see a megabyte of digits.
  .max(INPUT_LIMITS.decimalChars, {
    message: `must be at most ${INPUT_LIMITS.decimalChars} characters`,
    abort: true,
  })
  .regex(DECIMAL_SYNTAX, 'must be a decimal number written as a string')
  .superRefine((text, ctx) => {
    const problem = DECIMAL_SYNTAX.test(text) ? decimalProblem(text) : null;
    if (problem)
      ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
  });

/**
 * A price in USD. Its sign is checked after parsing (format/check-inputs.ts: PRICE_NEGATIVE and
 * PRICE_ZERO, naming the asset), so one check, with one code, serves every parser.
 */
export const PriceString = DecimalString;

/**
 * Why a string is refused, or null: NUL (SQLite's text functions stop at it, so a name starting
 * with one broke every save) and lone UTF-16 surrogates (stored as U+FFFD, so not what was typed).
 */
export function textProblem(text: string): { code: string; message: string } | null {
  if (text.includes('\u0000'))
    return { code: 'TEXT_HAS_NUL', message: 'must not contain a NUL character' };
  if (/\p{Cs}/u.test(text)) {
    return {
      code: 'TEXT_NOT_UNICODE',
      message: 'must not contain a lone surrogate (broken Unicode)',
    };
  }
  return null;
}

/** A free-text field: at most `max` characters, no NUL, well-formed Unicode. */
export function safeText(max: number) {
  return z
    .string()
    .max(max)
    .superRefine((text, ctx) => {
      const problem = textProblem(text);
      if (problem)
        ctx.addIssue({ code: 'custom', message: problem.message, params: { code: problem.code } });
    });
}

/** Asset symbols are upper-case tickers; LP tokens minted by an `lp` step are `LP:<stepId>`. */
export const AssetSymbol = z
  .string()
  .regex(
    /^([A-Z0-9][A-Z0-9._-]{0,19}|LP:[A-Za-z0-9_-]{1,40})$/,
    'must be an asset symbol like ETH or LP:<stepId>',
  );

export const StepId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, _ or -');
export const MarketId = z
  .string()
  .regex(/^[A-Za-z0-9_.-]{1,60}$/, 'must be 1-60 letters, digits, _ . or -');

/** How much of a held balance a step uses. */
export const Amount = z.union([
  DecimalString, // an absolute amount in token units
  z.literal('all'), // everything held at that point of the chain
  z.object({ share: DecimalString }).strict(), // a fraction (0..1] of what is held
]);

// ---------------------------------------------------------------- assets

export const AssetKind = z.enum(['volatile', 'stable', 'liquid-staking']);

/**
 * A peg: the asset is designed to trade at `ratio` × the peg asset. For stETH → ETH the ratio is 1;
 * for wstETH → stETH it is the protocol exchange rate (stETH per wstETH), which grows over time.
 */
export const Peg = z
  .object({
    asset: AssetSymbol, // 'USD' for dollar stablecoins
    kind: z.enum(['one-to-one', 'exchange-rate']),
    exchangeRate: DecimalString.optional(), // required for 'exchange-rate' at evaluation time
    exchangeRateAprGrowth: DecimalString.optional(), // yearly growth of the exchange rate (staking yield)
  })
  .strict();

export const AssetInfo = z
  .object({
    kind: AssetKind,
    name: safeText(80).optional(),
    peg: Peg.optional(),
  })
  .strict();

// ---------------------------------------------------------------- markets

/** Fixed rates, annual fractions (APR, simple annual rate that compounds per second on-chain). */
export const FixedRates = z
  .object({ type: z.literal('fixed'), supplyApr: DecimalString, borrowApr: DecimalString })
  .strict();

/**
 * Aave-style two-slope interest rate strategy. Utilization U = totalBorrow / totalSupply, where the
 * user's own supply and borrow are added to the market totals (their position moves the rate).
 * borrowApr = base + slope1·U/Uopt (U ≤ Uopt), base + slope1 + slope2·(U−Uopt)/(1−Uopt) otherwise;
 * supplyApr = borrowApr · U · (1 − reserveFactor).
 */
export const CurveRates = z
  .object({
    type: z.literal('curve'),
    baseRate: DecimalString,
    slope1: DecimalString,
    slope2: DecimalString,
    optimalUtilization: DecimalString,
    reserveFactor: DecimalString,
    totalSupply: DecimalString, // market-wide, token units, before the user's position
    totalBorrow: DecimalString,
  })
  .strict();

/**
 * Compound v3 (Comet) interest rates for the base asset: separate supply and borrow curves, each
 * with its own kink (Comet `getSupplyRate` / `getBorrowRate`). With U = totalBorrow / totalSupply
 * (the user's own base supply and borrow added):
 *   rate = base + slopeLow·U                                  (U ≤ kink)
 *        = base + slopeLow·kink + slopeHigh·(U − kink)         (U > kink)
 * Comet stores per-second rates; here they are annual (per-second × 31,536,000), as its UI shows them.
 * There is no reserve factor: the reserve is the gap between the two curves.
 */
export const CometRates = z
  .object({
    type: z.literal('comet'),
    supplyKink: DecimalString,
    supplyBase: DecimalString,
    supplySlopeLow: DecimalString,
    supplySlopeHigh: DecimalString,
    borrowKink: DecimalString,
    borrowBase: DecimalString,
    borrowSlopeLow: DecimalString,
    borrowSlopeHigh: DecimalString,
    totalSupply: DecimalString, // market-wide base units, before the user's position
    totalBorrow: DecimalString,
  })
  .strict();

export const RateModel = z.discriminatedUnion('type', [FixedRates, CurveRates, CometRates]);

/** How the lending protocol's oracle prices a collateral asset (issue: pegs and oracle prices). */
export const OracleMode = z.enum(['market', 'exchange-rate']);

export const LendingAssetParams = z
  .object({
    ltv: DecimalString, // max borrow power as a fraction of collateral value
    liquidationThreshold: DecimalString,
    liquidationBonus: DecimalString, // extra fraction paid to liquidators, e.g. "0.05" for 5% (Aave shows 10500)
    collateralEnabled: z.boolean().default(true),
    borrowEnabled: z.boolean().default(true),
    rates: RateModel,
    oracle: OracleMode.default('market'),
    /**
     * Aave v3 isolation mode: a non-zero debt ceiling makes the asset isolated collateral. An account
     * whose collateral is an isolated asset may borrow only `borrowableInIsolation` assets, and the
     * market-wide debt against it (`isolationModeTotalDebt` + the user's borrows, counted in borrowed
     * units as dollars, DEBT_CEILING_DECIMALS = 2) may not exceed the ceiling (ValidationLogic.validateBorrow).
     */
    debtCeiling: DecimalString.optional(),
    isolationModeTotalDebt: DecimalString.optional(),
    borrowableInIsolation: z.boolean().optional(),
  })
  .strict();

export const EModeCategory = z
  .object({
    label: safeText(60),
    assets: z.array(AssetSymbol).min(1),
    ltv: DecimalString,
    liquidationThreshold: DecimalString,
    liquidationBonus: DecimalString,
  })
  .strict();

export const ProtocolRisk = z
  .object({
    annualFailureProbability: DecimalString, // 0..1
    lossGivenFailure: DecimalString, // 0..1 of the value held in the protocol
  })
  .strict();

/**
 * How a lending market liquidates (docs/lending-designs.md). Absent: Aave v3, as every version-1 file
 * before this field. Each design reads the market's `assets` table for balances, oracles and rates.
 */
export const AaveV3Liquidation = z.object({ design: z.literal('aave-v3') }).strict();

/**
 * Compound v3 (Comet): only `baseAsset` can be borrowed; an asset's `ltv` is its
 * borrowCollateralFactor and its `liquidationThreshold` its liquidateCollateralFactor. When the
 * account is liquidatable the protocol absorbs it whole: all collateral taken, the debt cleared, and
 * Σ collateral value × liquidationFactor − debt credited back as base supply (0 if negative).
 */
export const CompoundV3Liquidation = z
  .object({
    design: z.literal('compound-v3'),
    baseAsset: AssetSymbol,
    liquidationFactors: z.record(AssetSymbol, DecimalString), // per collateral asset, e.g. "0.95"
  })
  .strict();

/**
 * Maker / Sky vault (CDP): mints `debtAsset` (DAI or USDS) against one `collateral`. Unsafe when
 * collateral × price < debt × liquidationRatio (the ilk's `mat`); the Dog then auctions the whole
 * vault for debt × (1 + liquidationPenalty) (`chop`) and returns the collateral left over. The
 * stability fee is the debt asset's borrow rate (per-second accrual: borrowApr = ln(1 + fee)).
 */
export const MakerVaultLiquidation = z
  .object({
    design: z.literal('maker-vault'),
    collateral: AssetSymbol,
    debtAsset: AssetSymbol,
    liquidationRatio: DecimalString, // e.g. "1.45" for ETH-A
    liquidationPenalty: DecimalString, // e.g. "0.13" (chop 1.13)
    dust: DecimalString, // the least debt a vault may hold, in debt-asset units (0 or at least this)
    /** Share below the oracle price at which the auction sells the collateral (0: at the oracle). */
    auctionDiscount: DecimalString.default('0'),
  })
  .strict();

/**
 * Morpho Blue: one isolated market, one `collateral` and one `loanAsset`; liquidatable when
 * debt > collateral × price × lltv; a liquidator may repay any share of the debt and seizes
 * repaid × LIF, LIF = min(1.15, 1 / (0.3·lltv + 0.7)).
 */
export const MorphoBlueLiquidation = z
  .object({
    design: z.literal('morpho-blue'),
    collateral: AssetSymbol,
    loanAsset: AssetSymbol,
    lltv: DecimalString,
  })
  .strict();

export const LiquidationDesign = z.discriminatedUnion('design', [
  AaveV3Liquidation,
  CompoundV3Liquidation,
  MakerVaultLiquidation,
  MorphoBlueLiquidation,
]);

const MarketBase = {
  id: MarketId,
  name: safeText(80).optional(),
  protocol: safeText(40).min(1), // e.g. 'aave-v3', 'uniswap-v3', 'curve', 'convex', 'gmx-v2'
  chain: safeText(40).min(1), // e.g. 'ethereum', 'arbitrum'
  risk: ProtocolRisk.optional(), // defaults per protocol kind, see docs/risk.md
  /** Where the parameters come from (copied from a preset): the day they were read and notes by group. */
  source: z
    .object({
      retrieved: z.string().max(40).optional(),
      notes: z.record(z.string().max(40), z.string().max(2000)).optional(),
    })
    .strict()
    .optional(),
};

export const LendingMarket = z
  .object({
    ...MarketBase,
    kind: z.literal('lending'),
    assets: z.record(AssetSymbol, LendingAssetParams),
    closeFactor: DecimalString.default('0.5'), // share of debt a liquidator may repay in one call
    /** Aave v3: below this health factor the close factor becomes 100%. */
    fullLiquidationHealthFactor: DecimalString.default('0.95'),
    /**
     * Aave v3.3 (LiquidationLogic MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD, 2000e8): when the collateral
     * or the debt reserve of a liquidation is worth less than this (USD), the whole reserve debt may
     * be repaid. Absent: 2000; "0": the v3.0–v3.2 rule (close factor only).
     */
    fullLiquidationBelowUsd: DecimalString.optional(),
    /**
     * Aave v3.3 (MIN_LEFTOVER_BASE = MIN_BASE_MAX_CLOSE_FACTOR_THRESHOLD / 2): a liquidation that
     * clears neither the reserve debt nor the collateral must leave at least this much (USD) of
     * both, else it reverts (MUST_NOT_LEAVE_DUST). Absent: half of fullLiquidationBelowUsd.
     */
    minLeftoverUsd: DecimalString.optional(),
    eMode: EModeCategory.optional(), // the category the user's position has entered, if any
    liquidation: LiquidationDesign.optional(), // absent: aave-v3
    /**
     * How interest accrues, in the evaluation's projection and in the daily kernel of the backtest and
     * the Monte Carlo: per second, as Aave v3, Compound v3 and Maker do on-chain (absent: per second),
     * or once a day (1 + apr/365); docs/formulas.md gives the size of the gap.
     */
    compounding: z.enum(['per-second', 'daily']).optional(),
  })
  .strict();

export const DexMarket = z.object({ ...MarketBase, kind: z.literal('dex') }).strict();

export const FarmMarket = z.object({ ...MarketBase, kind: z.literal('farm') }).strict();

export const PerpMarket = z.object({ ...MarketBase, kind: z.literal('perp') }).strict();

export const Market = z.discriminatedUnion('kind', [
  LendingMarket,
  DexMarket,
  FarmMarket,
  PerpMarket,
]);

// ---------------------------------------------------------------- steps

const StepBase = {
  id: StepId,
  label: safeText(120).optional(),
  /** A disabled step is kept in the chain but skipped (the UI's "mute"). */
  disabled: z.boolean().optional(),
};

export const SupplyStep = z
  .object({
    ...StepBase,
    type: z.literal('supply'),
    market: MarketId,
    asset: AssetSymbol,
    amount: Amount,
    collateral: z.boolean().default(true),
  })
  .strict();

export const WithdrawStep = z
  .object({
    ...StepBase,
    type: z.literal('withdraw'),
    market: MarketId,
    asset: AssetSymbol,
    amount: Amount,
  })
  .strict();

export const BorrowAmount = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('amount'), value: DecimalString }).strict(), // token units
  z.object({ mode: z.literal('capacityShare'), value: DecimalString }).strict(), // 0..1 of remaining borrow power
  z.object({ mode: z.literal('targetLtv'), value: DecimalString }).strict(), // debt/collateral after the borrow
  z.object({ mode: z.literal('targetHealthFactor'), value: DecimalString }).strict(), // HF after the borrow (> 1)
]);

export const BorrowStep = z
  .object({
    ...StepBase,
    type: z.literal('borrow'),
    market: MarketId,
    asset: AssetSymbol,
    amount: BorrowAmount,
  })
  .strict();

export const RepayStep = z
  .object({
    ...StepBase,
    type: z.literal('repay'),
    market: MarketId,
    asset: AssetSymbol,
    amount: Amount,
  })
  .strict();

export const SwapStep = z
  .object({
    ...StepBase,
    type: z.literal('swap'),
    market: MarketId.optional(), // the DEX, for protocol risk and gas; optional
    from: AssetSymbol,
    to: AssetSymbol,
    amount: Amount,
    feeRate: DecimalString.default('0'), // e.g. "0.0005" for a 5 bp pool
    priceImpact: DecimalString.default('0'), // fraction of output lost to impact and slippage
  })
  .strict();

export const ConstantProductPool = z
  .object({ type: z.literal('constant-product'), assets: z.tuple([AssetSymbol, AssetSymbol]) })
  .strict();

/** Uniswap v3 style range; prices are of assets[0] in units of assets[1] (e.g. ETH in USDC). */
export const ConcentratedPool = z
  .object({
    type: z.literal('concentrated'),
    assets: z.tuple([AssetSymbol, AssetSymbol]),
    lower: DecimalString,
    upper: DecimalString,
  })
  .strict();

/** Curve stableswap, two coins, amplification A (the pool's A, not A·n^(n-1)). */
export const StableswapPool = z
  .object({
    type: z.literal('stableswap'),
    assets: z.tuple([AssetSymbol, AssetSymbol]),
    amplification: DecimalString,
  })
  .strict();

export const Pool = z.discriminatedUnion('type', [
  ConstantProductPool,
  ConcentratedPool,
  StableswapPool,
]);

export const LpStep = z
  .object({
    ...StepBase,
    type: z.literal('lp'),
    market: MarketId,
    pool: Pool,
    /** How much of each asset to offer; the pool takes the ratio it needs and the rest stays held. */
    amounts: z.tuple([Amount, Amount]),
    feeTier: DecimalString.default('0.003'),
    feeApr: DecimalString, // LP fee income per year as a fraction of position value (while in range)
  })
  .strict();

export const StakeStep = z
  .object({
    ...StepBase,
    type: z.literal('stake'),
    market: MarketId, // a farm
    asset: AssetSymbol, // a token or an LP token 'LP:<stepId>'
    amount: Amount,
    rewardAsset: AssetSymbol,
    rewardApr: DecimalString, // rewards per year as a fraction of staked value
  })
  .strict();

export const PerpStep = z
  .object({
    ...StepBase,
    type: z.literal('perp'),
    market: MarketId,
    asset: AssetSymbol, // the underlying, e.g. BTC
    side: z.enum(['long', 'short']),
    notionalUsd: DecimalString,
    marginAsset: AssetSymbol,
    marginAmount: Amount,
    fundingApr: DecimalString, // positive: longs pay shorts, per year as a fraction of notional
    maintenanceMarginRate: DecimalString,
    openFeeRate: DecimalString.default('0'),
    closeFeeRate: DecimalString.default('0'),
  })
  .strict();

export const HarvestStep = z
  .object({
    ...StepBase,
    type: z.literal('harvest'),
    frequencyDays: DecimalString, // e.g. "7" for weekly
    gasUsd: DecimalString, // per harvest
    sellInto: AssetSymbol, // rewards are sold into this asset
    swapFeeRate: DecimalString.default('0'),
    /** The step whose position receives the proceeds (a supply, lp or stake step); absent: kept in wallet. */
    reinvestInto: StepId.optional(),
  })
  .strict();

/** Steps allowed inside a loop body. */
export const LoopBodyStep = z.discriminatedUnion('type', [
  SupplyStep,
  WithdrawStep,
  BorrowStep,
  RepayStep,
  SwapStep,
]);

export const LoopStep = z
  .object({
    ...StepBase,
    type: z.literal('loop'),
    body: z.array(LoopBodyStep).min(1).max(20),
    repeat: z.discriminatedUnion('mode', [
      z.object({ mode: z.literal('times'), times: z.number().int().min(1).max(100) }).strict(),
      z
        .object({
          mode: z.literal('untilLeverage'),
          targetLeverage: DecimalString,
          maxIterations: z.number().int().min(1).max(200).default(100),
        })
        .strict(),
    ]),
    /** Flash-loan mode: reach the target leverage in one step, paying feeRate on the flash-loaned amount. */
    flashLoan: z.object({ feeRate: DecimalString }).strict().optional(),
  })
  .strict();

export const Step = z.discriminatedUnion('type', [
  SupplyStep,
  WithdrawStep,
  BorrowStep,
  RepayStep,
  SwapStep,
  LpStep,
  StakeStep,
  LoopStep,
  PerpStep,
  HarvestStep,
]);

// ---------------------------------------------------------------- document

/** Steps an evaluation executes (INPUT_LIMITS.executedSteps): loops count repetitions × body. */
export function executedSteps(steps: readonly z.output<typeof Step>[]): number {
  let total = 0;
  for (const step of steps) {
    if (step.type !== 'loop') total += 1;
    else {
      // A flash loan reaches the target in one pass (untilLeverage only; 'times' ignores it).
      const times =
        step.repeat.mode === 'times'
          ? step.repeat.times
          : step.flashLoan
            ? 1
            : step.repeat.maxIterations;
      total += times * step.body.length;
    }
  }
  return total;
}

/** A limit: a decimal string within [min, max], refused with OUT_OF_RANGE otherwise. */
function limitValue(min: number, max: number, what: string) {
  return DecimalString.superRefine((text, ctx) => {
    const n = Number(text);
    if (!(n >= min && n <= max)) {
      ctx.addIssue({
        code: 'custom',
        message: `${what} must lie between ${min} and ${max}`,
        params: { code: 'OUT_OF_RANGE' },
      });
    }
  });
}

/**
 * Risk limits the user holds this strategy to (docs/strategy-format.md "Limits"); each absent
 * field falls back to the app's global limit (settings), and absent there too, is not checked.
 * Fractions as everywhere: "0.7" = 70 %.
 */
export const StrategyLimits = z
  .object({
    /** Every lending market's health factor at least this. */
    minHealthFactor: limitValue(1, 100, 'minHealthFactor').optional(),
    /** Portfolio leverage (gross long / equity) at most this. */
    maxLeverage: limitValue(1, 100, 'maxLeverage').optional(),
    /** Every lending market's loan-to-value (debt / collateral) at most this. */
    maxLtv: limitValue(0, 1, 'maxLtv').optional(),
    /** Monte Carlo loss at the 99th percentile (VaR 99 %, share of start equity) at most this. */
    maxLossP99: limitValue(0, 1, 'maxLossP99').optional(),
    /** Monte Carlo share of paths liquidated within the horizon at most this. */
    maxLiquidationProbability: limitValue(0, 1, 'maxLiquidationProbability').optional(),
    /** Equity placed in any one protocol, as a share of total equity, at most this. */
    maxProtocolShare: limitValue(0, 100, 'maxProtocolShare').optional(),
  })
  .strict();

export const CapitalEntry = z.object({ asset: AssetSymbol, amount: DecimalString }).strict();

export const Strategy = z
  .object({
    format: z.literal(FORMAT_ID),
    version: z.literal(CURRENT_VERSION),
    name: safeText(120).min(1),
    description: safeText(2000).optional(),
    horizonDays: z.number().int().min(1).max(3650),
    capital: z.array(CapitalEntry).min(1).max(20),
    /** Spot prices in USD by asset symbol (the "current" prices the evaluation uses). */
    prices: z.record(AssetSymbol, PriceString),
    /** Asset facts (kind, peg); missing assets fall back to the built-in catalog. */
    assets: z.record(AssetSymbol, AssetInfo).optional(),
    markets: z.array(Market).max(50),
    /** Per-strategy risk limits (version 2); override the app's global limits field by field. */
    limits: StrategyLimits.optional(),
    steps: z
      .array(Step)
      .max(100)
      .superRefine((steps, ctx) => {
        const executed = executedSteps(steps);
        if (executed > INPUT_LIMITS.executedSteps) {
          ctx.addIssue({
            code: 'custom',
            message: `the chain would execute ${executed} steps (loop repetitions × body size); at most ${INPUT_LIMITS.executedSteps}`,
            params: { code: 'TOO_MANY_STEPS' },
          });
        }
      }),
  })
  .strict();

export type DecimalString = z.infer<typeof DecimalString>;
export type Amount = z.infer<typeof Amount>;
export type AssetInfo = z.infer<typeof AssetInfo>;
export type Peg = z.infer<typeof Peg>;
export type RateModel = z.infer<typeof RateModel>;
export type OracleMode = z.infer<typeof OracleMode>;
export type LendingAssetParams = z.infer<typeof LendingAssetParams>;
export type EModeCategory = z.infer<typeof EModeCategory>;
export type LiquidationDesign = z.infer<typeof LiquidationDesign>;
export type CometRates = z.infer<typeof CometRates>;
export type ProtocolRisk = z.infer<typeof ProtocolRisk>;
export type LendingMarket = z.infer<typeof LendingMarket>;
export type Market = z.infer<typeof Market>;
export type Pool = z.infer<typeof Pool>;
export type Step = z.infer<typeof Step>;
export type LoopBodyStep = z.infer<typeof LoopBodyStep>;
export type SupplyStep = z.infer<typeof SupplyStep>;
export type WithdrawStep = z.infer<typeof WithdrawStep>;
export type BorrowStep = z.infer<typeof BorrowStep>;
export type RepayStep = z.infer<typeof RepayStep>;
export type SwapStep = z.infer<typeof SwapStep>;
export type LpStep = z.infer<typeof LpStep>;
export type StakeStep = z.infer<typeof StakeStep>;
export type LoopStep = z.infer<typeof LoopStep>;
export type PerpStep = z.infer<typeof PerpStep>;
export type HarvestStep = z.infer<typeof HarvestStep>;
export type Strategy = z.infer<typeof Strategy>;
export type StrategyLimits = z.infer<typeof StrategyLimits>;
/** The document as written (defaults not yet applied). */
export type StrategyInput = z.input<typeof Strategy>;
/** One step as written (defaults not yet applied): what the builder edits. */
export type StepInput = z.input<typeof Step>;
export type LoopBodyStepInput = z.input<typeof LoopBodyStep>;
export type MarketInput = z.input<typeof Market>;
export type LendingAssetParamsInput = z.input<typeof LendingAssetParams>;
export type AmountInput = z.input<typeof Amount>;
