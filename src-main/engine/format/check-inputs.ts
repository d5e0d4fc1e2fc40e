import { Decimal } from '../decimal';
import type { EngineIssue } from '../position';
import { assetInfoFromStrategy, MAX_PEG_DEPTH } from '../prices';
import type { Strategy } from './schema';

/**
 * Semantic checks of the strategy's own numbers that no step can repair: lending parameters a
 * protocol would never accept and prices that cannot be. Aave v3's `validateReserveParams`
 * (PoolConfigurator) requires ltv ≤ liquidationThreshold, and liquidationThreshold ×
 * liquidationBonus ≤ 100% (bonus written there as 1 + bonus), so seizing collateral at the bonus
 * never takes more than the collateral backing the debt. Each problem has its own code and names
 * the market and asset (or the priced asset) and the field.
 */
export function inputIssues(
  strategy: Pick<Strategy, 'markets' | 'prices'> & Partial<Pick<Strategy, 'assets'>>,
): EngineIssue[] {
  const issues: EngineIssue[] = [...assetIssues(strategy.assets ?? {})];
  for (const [symbol, text] of Object.entries(strategy.prices)) {
    const price = new Decimal(text);
    const field = `prices.${symbol}`;
    // Zero first: decimal.js calls -0 negative, and "-0" is a price of 0, not a negative one.
    if (price.isZero()) {
      issues.push({ code: 'PRICE_ZERO', message: `the price of ${symbol} is 0`, field });
    } else if (price.isNegative()) {
      issues.push({
        code: 'PRICE_NEGATIVE',
        message: `the price of ${symbol} is negative (${text})`,
        field,
      });
    }
  }
  strategy.markets.forEach((market, index) => {
    if (market.kind !== 'lending') return;
    for (const [asset, params] of Object.entries(market.assets)) {
      const where = `markets.${index}.assets.${asset}`;
      issues.push(...parameterIssues(params, `${market.id} ${asset}`, where));
    }
    if (market.eMode) {
      const label = `${market.id} e-mode "${market.eMode.label}"`;
      issues.push(...parameterIssues(market.eMode, label, `markets.${index}.eMode`));
    }
  });
  return issues;
}

/**
 * The strategy's own token definitions: an exchange-rate peg needs a positive rate (otherwise the
 * token has no price and every step using it fails far from the cause), and a peg chain must end
 * at a root (a token pegged, directly or through others, to itself has no price either). Only the
 * strategy's definitions are checked: the built-in catalog leaves rates to the strategy.
 */
function assetIssues(assets: NonNullable<Strategy['assets']>): EngineIssue[] {
  const issues: EngineIssue[] = [];
  const book = assetInfoFromStrategy({ assets });
  for (const [symbol, info] of Object.entries(assets)) {
    const peg = info.peg;
    if (!peg) continue;
    const field = `assets.${symbol}.peg`;
    if (peg.kind === 'exchange-rate') {
      if (peg.exchangeRate === undefined) {
        issues.push({
          code: 'PEG_RATE_MISSING',
          message: `${symbol} is priced through an exchange rate to ${peg.asset}: give the rate (${peg.asset} per ${symbol})`,
          field: `${field}.exchangeRate`,
        });
      } else if (!new Decimal(peg.exchangeRate).greaterThan(0)) {
        issues.push({
          code: 'PEG_RATE_NOT_POSITIVE',
          message: `the exchange rate of ${symbol} to ${peg.asset} is ${peg.exchangeRate}: it must be above 0`,
          field: `${field}.exchangeRate`,
        });
      }
    }
    // Followed through the catalog too: STETH → WSTETH here would close the catalog's WSTETH → STETH.
    // The book is finite, so the walk ends: at a root, back at `symbol`, or on a loop further on.
    const path: string[] = [];
    let next: string | undefined = peg.asset;
    while (next !== undefined && next !== symbol && !path.includes(next)) {
      path.push(next);
      next = book.get(next)?.peg?.asset;
    }
    if (next === symbol) {
      issues.push({
        code: 'PEG_CYCLE',
        message: `${symbol} is pegged back to itself${path.length > 0 ? ` (through ${path.join(' → ')})` : ''}: a peg chain must end at a token with its own price`,
        field: `${field}.asset`,
      });
    } else if (next === undefined && path.length > MAX_PEG_DEPTH) {
      // path.length is the chain's links; a loop further on is that token's own PEG_CYCLE
      issues.push({
        code: 'PEG_CHAIN_TOO_LONG',
        message: `${symbol}'s peg chain has ${path.length} links (${symbol} → ${path.join(' → ')}): at most ${MAX_PEG_DEPTH} are followed`,
        field: `${field}.asset`,
      });
    }
  }
  return issues;
}

function parameterIssues(
  params: { ltv: string; liquidationThreshold: string; liquidationBonus: string },
  label: string,
  where: string,
): EngineIssue[] {
  const ltv = new Decimal(params.ltv);
  const lt = new Decimal(params.liquidationThreshold);
  const bonus = new Decimal(params.liquidationBonus);
  const out: EngineIssue[] = [];
  const negative = (value: Decimal, name: string) => {
    if (!value.isNegative()) return false;
    out.push({
      code: 'MARKET_PARAMETER_NEGATIVE',
      message: `${label}: ${name} cannot be negative`,
      field: `${where}.${name}`,
    });
    return true;
  };
  const bad = [
    negative(ltv, 'ltv'),
    negative(lt, 'liquidationThreshold'),
    negative(bonus, 'liquidationBonus'),
  ];
  if (bad.some(Boolean)) return out;
  if (lt.greaterThan(1)) {
    out.push({
      code: 'LIQUIDATION_THRESHOLD_ABOVE_ONE',
      message: `${label}: liquidation threshold ${lt.toFixed()} is above 1 (debt could exceed the collateral before liquidation)`,
      field: `${where}.liquidationThreshold`,
    });
  }
  if (ltv.greaterThan(lt)) {
    out.push({
      code: 'LTV_ABOVE_LIQUIDATION_THRESHOLD',
      message: `${label}: LTV ${ltv.toFixed()} is above the liquidation threshold ${lt.toFixed()} (a maximum borrow would be liquidatable at once)`,
      field: `${where}.ltv`,
    });
  }
  const seized = lt.times(bonus.plus(1));
  if (lt.lessThanOrEqualTo(1) && seized.greaterThan(1)) {
    out.push({
      code: 'LIQUIDATION_BONUS_TOO_HIGH',
      message: `${label}: liquidation threshold × (1 + bonus) = ${seized.toFixed()} is above 1 (a liquidation would seize more collateral than there is)`,
      field: `${where}.liquidationBonus`,
    });
  }
  return out;
}
