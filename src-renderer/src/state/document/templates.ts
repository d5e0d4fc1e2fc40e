import { freshStepId } from './tree';
import type { MarketInput, StepInput, StepType, StrategyInput } from './types';

type MarketKind = MarketInput['kind'];

/** The market kind a step type works on (swap's DEX is optional; harvest and loop have none). */
export const MARKET_KIND: Partial<Record<StepType, MarketKind>> = {
  supply: 'lending',
  withdraw: 'lending',
  borrow: 'lending',
  repay: 'lending',
  swap: 'dex',
  lp: 'dex',
  stake: 'farm',
  perp: 'perp',
};

const firstMarket = (doc: StrategyInput, kind: MarketKind | undefined): string =>
  (kind && doc.markets.find((m) => m.kind === kind)?.id) || '';

/** Assets the chain has at hand: capital first, then what lending markets in use list. */
function knownAssets(doc: StrategyInput): string[] {
  const out = new Set(doc.capital.map((c) => c.asset));
  for (const m of doc.markets)
    if (m.kind === 'lending') Object.keys(m.assets).forEach((a) => out.add(a));
  return [...out];
}

/**
 * A new step of `type` with working defaults taken from the document (its first market of the
 * right kind, its capital asset); the inspector then asks for what is left. Ids are fresh.
 */
export function newStep(doc: StrategyInput, type: StepType): StepInput {
  const id = freshStepId(doc, type);
  const market = firstMarket(doc, MARKET_KIND[type]);
  const assets = knownAssets(doc);
  const first = assets[0] ?? 'USDC';
  const second = assets.find((a) => a !== first) ?? 'USDT';
  switch (type) {
    case 'supply':
      return { id, type, market, asset: first, amount: 'all', collateral: true };
    case 'withdraw':
      return { id, type, market, asset: first, amount: 'all' };
    case 'borrow':
      return { id, type, market, asset: second, amount: { mode: 'capacityShare', value: '0.5' } };
    case 'repay':
      return { id, type, market, asset: second, amount: 'all' };
    case 'swap':
      return {
        id,
        type,
        ...(market ? { market } : {}),
        from: second,
        to: first,
        amount: 'all',
        feeRate: '0.0005',
        priceImpact: '0',
      };
    case 'lp':
      return {
        id,
        type,
        market,
        pool: { type: 'constant-product', assets: [first, second] },
        amounts: ['all', 'all'],
        feeTier: '0.003',
        feeApr: '0.1',
      };
    case 'stake': {
      const lp = [...doc.steps].reverse().find((s) => s.type === 'lp');
      return {
        id,
        type,
        market,
        asset: lp ? `LP:${lp.id}` : first,
        amount: 'all',
        rewardAsset: 'CRV',
        rewardApr: '0.05',
      };
    }
    case 'loop':
      return { id, type, body: [], repeat: { mode: 'times', times: 3 } } as unknown as StepInput;
    case 'perp':
      return {
        id,
        type,
        market,
        asset: 'BTC',
        side: 'short',
        notionalUsd: '10000',
        marginAsset: first,
        marginAmount: 'all',
        fundingApr: '0.1',
        maintenanceMarginRate: '0.01',
        openFeeRate: '0.0005',
        closeFeeRate: '0.0005',
      };
    case 'harvest':
      return {
        id,
        type,
        frequencyDays: '7',
        gasUsd: '5',
        sellInto: first,
        swapFeeRate: '0.003',
      };
  }
}
