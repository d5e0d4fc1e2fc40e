import type { AssetInput } from './types';

/**
 * The assets the app ships with. DefiLlama keys use its `coingecko:` namespace so one CoinGecko id serves both
 * providers. Pegs: stETH is redeemable 1:1 for ETH; wstETH wraps a growing amount of stETH (exchange rate);
 * the stablecoins target one US dollar.
 */
export const BUNDLED_ASSETS: readonly AssetInput[] = [
  { symbol: 'USD', name: 'US dollar', kind: 'unit' },
  coin('BTC', 'Bitcoin', 'volatile', 'bitcoin'),
  coin('ETH', 'Ether', 'volatile', 'ethereum'),
  coin('STETH', 'Lido staked ether', 'liquid-staking', 'staked-ether', {
    symbol: 'ETH',
    kind: '1:1',
  }),
  coin('WSTETH', 'Wrapped stETH', 'liquid-staking', 'wrapped-steth', {
    symbol: 'STETH',
    kind: 'exchange-rate',
  }),
  coin('USDC', 'USD Coin', 'stable', 'usd-coin', { symbol: 'USD', kind: '1:1' }),
  coin('USDT', 'Tether', 'stable', 'tether', { symbol: 'USD', kind: '1:1' }),
  coin('DAI', 'Dai', 'stable', 'dai', { symbol: 'USD', kind: '1:1' }),
];

function coin(
  symbol: string,
  name: string,
  kind: AssetInput['kind'],
  coingeckoId: string,
  peg: AssetInput['peg'] = null,
): AssetInput {
  return {
    symbol,
    name,
    kind,
    externalIds: { coingecko: coingeckoId, defillama: `coingecko:${coingeckoId}` },
    peg,
  };
}
