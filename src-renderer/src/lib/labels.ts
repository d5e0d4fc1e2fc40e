/**
 * The one dictionary of display labels: engine keys and codes never reach the screen as they are
 * (codes may still be shown in a details line, beside the label). Unknown keys fall back to
 * `humanize` so a new engine key reads as words rather than as a raw identifier.
 */
import { humanize } from './format';

const BREAKDOWN: Record<string, string> = {
  supplyInterest: 'Supply interest',
  borrowInterest: 'Borrow interest',
  lpFees: 'LP fees',
  rewards: 'Rewards',
  funding: 'Perp funding',
  stakingYield: 'Staking yield',
  gas: 'Gas',
  harvestSwapFees: 'Harvest swap fees',
};

/** A yield component of `evaluation.breakdown`. */
export const breakdownLabel = (key: string): string => BREAKDOWN[key] ?? humanize(key);

const ISSUES: Record<string, string> = {
  ASSET_NOT_IN_MARKET: 'Asset not listed in this market',
  ASSET_NOT_PEGGED: 'Asset has no peg',
  ASSET_NOT_PRICED: 'Asset has no price',
  BORROW_BEYOND_LTV: 'Borrow beyond the LTV limit',
  BORROW_DISABLED: 'Borrowing disabled for this asset',
  BORROW_EXCEEDS_CAPACITY: 'Borrow exceeds borrow power',
  BORROW_EXCEEDS_LIQUIDITY: 'Borrow exceeds market liquidity',
  BORROW_NOT_IN_EMODE: 'Asset not borrowable in this e-mode',
  BORROW_NO_COLLATERAL: 'Borrow without collateral',
  BORROW_TARGET_REACHED: 'Borrow target reached',
  BORROW_UNHEALTHY: 'Borrow would make the account unhealthy',
  COLLATERAL_DISABLED: 'Asset cannot be collateral',
  COLLATERAL_NOT_ENABLED: 'Collateral not enabled',
  DUPLICATE_STEP_ID: 'Two steps share an id',
  EQUITY_NOT_POSITIVE: 'No positive equity',
  FIELD_INVALID: 'Invalid field',
  FIELD_MISSING: 'Missing field',
  FIELD_UNKNOWN: 'Unknown field',
  FLASH_LOAN_IGNORED: 'Flash loan ignored',
  FORMAT_UNKNOWN: 'Not a strategy document',
  HARVEST_DUPLICATE: 'Harvest set twice',
  HARVEST_NOTHING: 'Nothing to harvest',
  HEALTH_FACTOR_BELOW_ONE: 'Liquidatable now',
  HEALTH_FACTOR_LOW: 'Health factor low',
  INSUFFICIENT_BALANCE: 'Not enough balance',
  INTERNAL_ERROR: 'Engine error',
  LEVERAGE_BEYOND_MAX: 'Leverage beyond the maximum',
  LEVERAGE_UNREACHABLE: 'Leverage target unreachable',
  LIQUIDATION_NEAR: 'Liquidation near',
  LOOP_NO_PROGRESS: 'Loop makes no progress',
  LOOP_TARGET_NOT_REACHED: 'Loop target not reached',
  LOOP_TARGET_REACHED: 'Loop target reached',
  LOOP_WITHOUT_BORROW: 'Loop without a borrow',
  LP_NOTHING_DEPOSITED: 'Nothing deposited in the pool',
  LP_OF_LP: 'Pool of LP tokens',
  LP_OUT_OF_RANGE: 'Price outside the LP range',
  LP_SAME_ASSET: 'Pool of one asset',
  NEGATIVE_AMOUNT: 'Negative amount',
  NEGATIVE_CARRY: 'Negative carry',
  NON_POSITIVE_PRICE: 'Price not positive',
  NOTHING_SUPPLIED: 'Nothing supplied',
  NOT_A_NUMBER: 'Not a number',
  NOT_A_STRATEGY: 'Not a strategy document',
  NO_COLLATERAL_IN_ASSET: 'No collateral in this asset',
  NO_DEBT_IN_ASSET: 'No debt in this asset',
  ORACLE_PRICE_MISSING: 'Oracle price missing',
  OUT_OF_RANGE: 'Value out of range',
  PERP_LP_TOKEN: 'Perp on an LP token',
  PERP_UNDER_MAINTENANCE: 'Perp margin under maintenance',
  PRICE_HISTORY_STALE: 'Price history stale',
  PRICE_HISTORY_STARTS_LATER: 'Price history starts later',
  PRICE_MISSING: 'Price missing',
  RANGE_INVALID: 'Invalid range',
  REPAY_CAPPED: 'Repay capped at the debt',
  REPAY_NO_DEBT: 'Nothing to repay',
  STEPS_SKIPPED: 'Steps not applied',
  STRATEGY_HAS_ERRORS: 'Strategy has errors',
  SWAP_LP_TOKEN: 'Swap of an LP token',
  SWAP_SAME_ASSET: 'Swap to the same asset',
  TARGET_HF_TOO_LOW: 'Target health factor too low',
  UNKNOWN_ASSET: 'Unknown asset',
  UNKNOWN_MARKET: 'Unknown market',
  UNKNOWN_STEP: 'Unknown step type',
  VERSION_INVALID: 'Invalid version',
  VERSION_UNSUPPORTED: 'Unsupported version',
  WITHDRAW_BREAKS_HEALTH: 'Withdrawal breaks health',
  WRONG_MARKET_KIND: 'Wrong kind of market',
  ZERO_AMOUNT: 'Zero amount',
};

/** The title of an engine issue code ("NEGATIVE_CARRY" → "Negative carry"). */
export const issueLabel = (code: string): string => ISSUES[code] ?? humanize(code);

const EVENTS: Record<string, string> = {
  liquidation: 'Liquidation',
  deleverage: 'Deleverage',
  releverage: 'Re-leverage',
  harvest: 'Harvest',
  'perp-liquidation': 'Perp liquidation',
};

export const eventLabel = (type: string): string => EVENTS[type] ?? humanize(type);

const POOLS: Record<string, string> = {
  'constant-product': 'Constant-product pool',
  concentrated: 'Concentrated range',
  stableswap: 'Stableswap pool',
};

export const poolTypeLabel = (type: string): string => POOLS[type] ?? humanize(type);

const SIDES: Record<string, string> = { long: 'Long', short: 'Short' };
export const sideLabel = (side: string): string => SIDES[side] ?? humanize(side);

const PROTOCOL_SOURCES: Record<string, string> = {
  user: 'your setting',
  market: 'the strategy',
  'protocol-default': 'protocol default',
  'kind-default': 'default for its kind',
};

export const protocolSourceLabel = (source: string): string =>
  PROTOCOL_SOURCES[source] ?? humanize(source);

const MARKET_KINDS: Record<string, string> = {
  lending: 'lending',
  dex: 'exchange',
  perp: 'perps',
  staking: 'staking',
};

export const marketKindLabel = (kind: string): string => MARKET_KINDS[kind] ?? humanize(kind);

const RATE_MODES: Record<string, string> = { history: 'stored history', model: 'rate model' };
export const rateModeLabel = (mode: string): string => RATE_MODES[mode] ?? humanize(mode);

const MODELS: Record<string, string> = { gbm: 'GBM', bootstrap: 'Bootstrap' };
export const simulationModelLabel = (model: string): string => MODELS[model] ?? humanize(model);

/** A market's display name from the document, else its id made readable. */
export function marketLabel(id: string, names: Record<string, string>): string {
  return names[id] ?? humanize(id);
}

export interface PerpRef {
  stepId: string;
  asset: string;
  side: string;
}

/**
 * A liquidation-price key of `evaluation.liquidationPrice`: an asset stays as its symbol, a perp
 * (`perp:<stepId>`) reads "Short BTC perp" when the perp is known, else "Perp (step hedge)".
 */
export function liquidationKeyLabel(key: string, perps: readonly PerpRef[] = []): string {
  if (!key.startsWith('perp:')) return key;
  const stepId = key.slice('perp:'.length);
  const perp = perps.find((p) => p.stepId === stepId);
  return perp ? `${sideLabel(perp.side)} ${perp.asset} perp` : `Perp (step ${stepId})`;
}

/**
 * A position of the protocol-risk report by its id (`lending:<market>`, `wallet:<asset>`,
 * `stake:<step>`, `perp:<step>`, `lp:<step>`), with market names and step labels from the
 * document.
 */
export function exposedPositionLabel(
  id: string,
  fallback: string,
  names: Record<string, string>,
  steps: Record<string, string> = {},
): string {
  const [kind, ref = ''] = splitOnce(id, ':');
  const step = steps[ref];
  switch (kind) {
    case 'lending':
      return `Supplied in ${marketLabel(ref, names)}`;
    case 'wallet':
      return `${ref} held`;
    case 'stake':
      return step ? `Staked by “${step}”` : `Staked (step ${ref})`;
    case 'perp':
      return step ? `Margin of “${step}”` : `Perp margin (step ${ref})`;
    default:
      return humanize(fallback);
  }
}

function splitOnce(text: string, separator: string): [string, string?] {
  const at = text.indexOf(separator);
  return at < 0 ? [text] : [text.slice(0, at), text.slice(at + separator.length)];
}
