import type { AssetInfo } from '../format/schema';

/**
 * Built-in asset facts used when a strategy does not describe an asset itself (`strategy.assets`
 * overrides these per symbol). Only structural facts live here — kind and peg — never prices or
 * exchange rates, which go stale: a strategy supplies those.
 */
const usdStable = (name: string): AssetInfo => ({
  kind: 'stable',
  name,
  peg: { asset: 'USD', kind: 'one-to-one' },
});

export const ASSET_CATALOG: Readonly<Record<string, AssetInfo>> = {
  USD: { kind: 'stable', name: 'US dollar (unit of account)' },
  USDC: usdStable('USD Coin'),
  USDT: usdStable('Tether USD'),
  DAI: usdStable('Dai'),
  USDS: usdStable('Sky Dollar'),
  USDE: usdStable('Ethena USDe'),
  FRAX: usdStable('Frax'),
  GHO: usdStable('GHO'),
  CRVUSD: usdStable('Curve USD'),
  PYUSD: usdStable('PayPal USD'),
  ETH: { kind: 'volatile', name: 'Ether' },
  WETH: { kind: 'volatile', name: 'Wrapped Ether', peg: { asset: 'ETH', kind: 'one-to-one' } },
  STETH: {
    kind: 'liquid-staking',
    name: 'Lido staked Ether',
    peg: { asset: 'ETH', kind: 'one-to-one' },
  },
  WSTETH: {
    kind: 'liquid-staking',
    name: 'Lido wrapped staked Ether',
    peg: { asset: 'STETH', kind: 'exchange-rate' },
  },
  RETH: {
    kind: 'liquid-staking',
    name: 'Rocket Pool ETH',
    peg: { asset: 'ETH', kind: 'exchange-rate' },
  },
  WEETH: {
    kind: 'liquid-staking',
    name: 'ether.fi wrapped eETH',
    peg: { asset: 'ETH', kind: 'exchange-rate' },
  },
  BTC: { kind: 'volatile', name: 'Bitcoin' },
  WBTC: { kind: 'volatile', name: 'Wrapped Bitcoin', peg: { asset: 'BTC', kind: 'one-to-one' } },
  CBBTC: {
    kind: 'volatile',
    name: 'Coinbase Wrapped BTC',
    peg: { asset: 'BTC', kind: 'one-to-one' },
  },
  SOL: { kind: 'volatile', name: 'Solana' },
  LINK: { kind: 'volatile', name: 'Chainlink' },
  AAVE: { kind: 'volatile', name: 'Aave' },
  UNI: { kind: 'volatile', name: 'Uniswap' },
  CRV: { kind: 'volatile', name: 'Curve DAO Token' },
  CVX: { kind: 'volatile', name: 'Convex Finance' },
  LDO: { kind: 'volatile', name: 'Lido DAO' },
  ARB: { kind: 'volatile', name: 'Arbitrum' },
  OP: { kind: 'volatile', name: 'Optimism' },
  GMX: { kind: 'volatile', name: 'GMX' },
  HYPE: { kind: 'volatile', name: 'Hyperliquid' },
};
