import { Decimal } from '../../src-main/engine/decimal';
import { parseStrategy } from '../../src-main/engine/format/parse';
import type { Strategy, StrategyInput } from '../../src-main/engine/format/schema';

/** Small builders for test strategies (numbers are chosen so hand computation stays easy). */
export const D = (value: string | number): Decimal => new Decimal(value);

export function fixedRates(supplyApr = '0', borrowApr = '0') {
  return { type: 'fixed' as const, supplyApr, borrowApr };
}

export function lendingMarket(
  assets: Record<
    string,
    {
      ltv: string;
      lt: string;
      bonus?: string;
      oracle?: 'market' | 'exchange-rate';
      supplyApr?: string;
      borrowApr?: string;
      borrowEnabled?: boolean;
      collateralEnabled?: boolean;
    }
  >,
  extra: Record<string, unknown> = {},
) {
  return {
    id: 'lend',
    kind: 'lending' as const,
    protocol: 'aave-v3',
    chain: 'ethereum',
    assets: Object.fromEntries(
      Object.entries(assets).map(([asset, p]) => [
        asset,
        {
          ltv: p.ltv,
          liquidationThreshold: p.lt,
          liquidationBonus: p.bonus ?? '0.05',
          rates: fixedRates(p.supplyApr, p.borrowApr),
          ...(p.oracle ? { oracle: p.oracle } : {}),
          ...(p.borrowEnabled === false ? { borrowEnabled: false } : {}),
          ...(p.collateralEnabled === false ? { collateralEnabled: false } : {}),
        },
      ]),
    ),
    ...extra,
  };
}

export const dex = { id: 'dex', kind: 'dex' as const, protocol: 'uniswap-v3', chain: 'ethereum' };
export const farm = { id: 'farm', kind: 'farm' as const, protocol: 'convex', chain: 'ethereum' };
export const perpMarket = {
  id: 'perps',
  kind: 'perp' as const,
  protocol: 'gmx-v2',
  chain: 'arbitrum',
};

/** ETH at 2000, USDC at 1; WETH LTV 0.8 / LT 0.825; USDC LTV 0.75 / LT 0.78. */
export function strategy(
  overrides: Partial<StrategyInput> & { steps: StrategyInput['steps'] },
): StrategyInput {
  return {
    format: 'yieldplan.strategy',
    version: 2,
    name: 'test',
    horizonDays: 30,
    capital: [{ asset: 'WETH', amount: '10' }],
    prices: { WETH: '2000', USDC: '1' },
    markets: [
      lendingMarket({
        WETH: { ltv: '0.8', lt: '0.825', supplyApr: '0.02', borrowApr: '0.03' },
        USDC: { ltv: '0.75', lt: '0.78', supplyApr: '0.04', borrowApr: '0.05' },
      }),
      dex,
      farm,
      perpMarket,
    ],
    ...overrides,
  };
}

/** `input` parsed with defaults applied; throws with the issues when it does not parse. */
export function parsed(input: StrategyInput): Strategy {
  const result = parseStrategy(input);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.strategy;
}

export const supplyAll = (id = 'supply', asset = 'WETH') => ({
  id,
  type: 'supply' as const,
  market: 'lend',
  asset,
  amount: 'all' as const,
});

/** Borrow `value` USDC (token units) from the lending market as step `b`. */
export const borrowUsdc = (value: string) => ({
  id: 'b',
  type: 'borrow' as const,
  market: 'lend',
  asset: 'USDC',
  amount: { mode: 'amount' as const, value },
});

export function expectClose(
  actual: Decimal | string | null | undefined,
  expected: Decimal | string | number,
  tolerance = '1e-30',
): void {
  if (actual === null || actual === undefined)
    throw new Error(`expected ${String(expected)}, got ${String(actual)}`);
  const a = new Decimal(actual);
  const e = new Decimal(expected);
  const diff = a.minus(e).abs();
  const scale = Decimal.max(e.abs(), 1);
  if (diff.greaterThan(scale.times(tolerance))) {
    throw new Error(
      `expected ${e.toFixed()} ± ${tolerance} (relative), got ${a.toFixed()} (diff ${diff.toExponential(3)})`,
    );
  }
}
