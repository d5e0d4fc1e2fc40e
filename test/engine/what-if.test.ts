import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import { pegsFromStrategy, priceMapFromStrategy } from '../../src-main/engine/prices';
import { pricesAt } from '../../src-main/engine/what-if';
import { borrowUsdc, D, expectClose, parsed, strategy, supplyAll } from './helpers';

/**
 * What-if prices: the position is entered at the strategy's prices and then revalued at others,
 * without re-running the chain. Every expected value is worked by hand in the comments.
 */

// 10 WETH supplied at 2,000 (LT 0.825), 12,000 USDC borrowed and kept in the wallet.
const loop = strategy({ steps: [supplyAll(), borrowUsdc('12000')] });

describe('what-if prices: a lending loop', () => {
  it('at entry prices it reports no what-if and the usual figures', () => {
    const r = evaluate(loop);
    expect(r.whatIf).toBeNull();
    // HF = 10·2000·0.825 / 12000 = 16500 / 12000 = 1.375
    expectClose(r.healthFactor.overall, '1.375');
    expectClose(r.equityUsd, 20000);
  });

  it('ETH = 1,500 revalues collateral, HF, LTV, leverage, liquidation distance and exposure', () => {
    const r = evaluate(loop, { at: { ETH: '1500' } });
    expect(r.errors).toEqual([]);
    // WETH follows its peg root ETH: 10 WETH × 1,500 = 15,000 collateral; debt stays 12,000 USDC
    expectClose(r.collateralUsd, 15000);
    expectClose(r.debtUsd, 12000);
    // HF = 15,000 · 0.825 / 12,000 = 12,375 / 12,000 = 1.03125
    expectClose(r.healthFactor.overall, '1.03125');
    expectClose(r.healthFactor.byMarket.lend?.healthFactor ?? null, '1.03125');
    // LTV = 12,000 / 15,000 = 0.8
    expectClose(r.ltv, '0.8');
    // equity = 15,000 supplied + 12,000 USDC held − 12,000 owed = 15,000 (change −5,000)
    expectClose(r.equityUsd, 15000);
    expectClose(r.whatIf?.entryEquityUsd ?? null, 20000);
    expectClose(r.whatIf?.equityChangeUsd ?? null, -5000);
    // leverage = gross long / equity = (15,000 + 12,000) / 15,000 = 1.8
    expectClose(r.leverage, '1.8');
    // liquidation where 10·P·0.825 = 12,000 ⇒ P = 12,000 / 8.25 = 1,454.5454…; from 1,500 that is a
    // drop of 1 − 1454.5454… / 1500 = 1 − 0.969696… = 1/33
    expectClose(r.liquidationPrice.ETH ?? null, D(12000).div('8.25'));
    expectClose(r.liquidationDrop.ETH ?? null, D(1).div(33));
    // exposure: 10 WETH at 1,500; USDC 12,000 held − 12,000 owed = 0
    expect(r.netExposure.WETH).toEqual({ units: '10', usd: '15000' });
    expectClose(r.netExposure.USDC?.usd ?? null, 0);
    // HF 1.03125 < 1.2 warns; the liquidation is 3.03 % away (< 10 %) and warns too
    const codes = r.warnings.map((w) => w.code);
    expect(codes).toContain('HEALTH_FACTOR_LOW');
    expect(codes).toContain('LIQUIDATION_NEAR');
    // balances are those built at entry: nothing re-entered
    expect(r.balances).toEqual(evaluate(loop).balances);
    expect(r.whatIf?.prices.WETH).toBe('1500');
    expect(r.whatIf?.prices.USDC).toBe('1');
  });

  it('USDC = 0.98 (a stable off its peg) revalues the debt and the USDC held', () => {
    const r = evaluate(loop, { at: { ETH: '1500', USDC: '0.98' } });
    // debt 12,000 × 0.98 = 11,760 at the market oracle; HF = 12,375 / 11,760 = 1.0522959183…
    expectClose(r.debtUsd, 11760);
    expectClose(r.healthFactor.overall, D(12375).div(11760));
    // equity = 15,000 + 11,760 held − 11,760 owed = 15,000
    expectClose(r.equityUsd, 15000);
    // LTV = 11,760 / 15,000 = 0.784
    expectClose(r.ltv, '0.784');
  });

  it('lists the prices a what-if can move: the root ETH (not WETH) and USDC (a stable peg)', () => {
    // prices: WETH 2,000 (pegged one-to-one to ETH, so ETH is derived at 2,000), USDC 1 (pegged to USD)
    const r = evaluate(loop, { at: { ETH: '1500' } });
    expect(r.priceInputs).toEqual([
      {
        asset: 'ETH',
        control: 'price',
        assetKind: 'volatile',
        pegAsset: null,
        entryPriceUsd: '2000',
        priceUsd: '1500',
      },
      {
        asset: 'USDC',
        control: 'peg',
        assetKind: 'stable',
        pegAsset: 'USD',
        entryPriceUsd: '1',
        priceUsd: '1',
      },
    ]);
  });

  it('a price under the liquidation price reports HF < 1', () => {
    // P = 1,400: HF = 10 · 1,400 · 0.825 / 12,000 = 11,550 / 12,000 = 0.9625
    const r = evaluate(loop, { at: { ETH: '1400' } });
    expectClose(r.healthFactor.overall, '0.9625');
    expect(r.warnings.map((w) => w.code)).toContain('HEALTH_FACTOR_BELOW_ONE');
  });

  it('entry costs stay those paid at entry', () => {
    // a 0.3 % swap of 1 WETH costs 0.003 × 2,000 = 6 USD at entry, whatever ETH does later
    const withSwap = strategy({
      steps: [
        { id: 's', type: 'swap', from: 'WETH', to: 'USDC', amount: '1', feeRate: '0.003' },
        supplyAll(),
      ],
    });
    expectClose(evaluate(withSwap).entryCostsUsd, 6);
    expectClose(evaluate(withSwap, { at: { ETH: '3000' } }).entryCostsUsd, 6);
  });

  it('property: with debt fixed in USDC, equity moves by exactly 10 × ΔP', () => {
    fc.assert(
      fc.property(fc.integer({ min: 100, max: 10000 }), (price) => {
        const r = evaluate(loop, { at: { ETH: String(price) } });
        expectClose(r.whatIf?.equityChangeUsd ?? null, D(price).minus(2000).times(10));
        // and HF scales linearly with the collateral price: 1.375 × P / 2,000
        expectClose(r.healthFactor.overall, D('1.375').times(price).div(2000));
      }),
      { numRuns: 40 },
    );
  });
});

describe('what-if prices: an LP hedged with a short perp', () => {
  // 5 WETH + 10,000 USDC into a full-range pool at 2,000 (k = x·y = 50,000); the other 2,000 USDC
  // margins a 10,000 USD short (size 10,000 / 2,000 = 5 WETH), maintenance 5 %, no fees.
  const hedged = strategy({
    capital: [
      { asset: 'WETH', amount: '5' },
      { asset: 'USDC', amount: '12000' },
    ],
    steps: [
      {
        id: 'pool',
        type: 'lp',
        market: 'dex',
        pool: { type: 'constant-product', assets: ['WETH', 'USDC'] },
        amounts: ['all', '10000'],
        feeApr: '0.1',
      },
      {
        id: 'hedge',
        type: 'perp',
        market: 'perps',
        asset: 'WETH',
        side: 'short',
        notionalUsd: '10000',
        marginAsset: 'USDC',
        marginAmount: 'all',
        fundingApr: '0',
        maintenanceMarginRate: '0.05',
      },
    ],
  });

  it('ETH = 2,205 (× 1.05²) revalues the LP, its IL, the perp PnL and margin', () => {
    const r = evaluate(hedged, { at: { ETH: '2205' } });
    expect(r.errors).toEqual([]);
    const il = r.impermanentLoss[0]!;
    // LP value = 2·√(k·P) = 2·√(50,000 · 2,205) = 2·√110,250,000 = 2 · 10,500 = 21,000
    expectClose(il.current.valueUsd, 21000);
    // holding instead: 5 · 2,205 + 10,000 = 21,025; IL = 21,000 / 21,025 − 1 = −1/841
    // (= 2√r / (1 + r) − 1 with r = 1.1025: 2.1 / 2.1025 − 1)
    expectClose(il.current.holdValueUsd, 21025);
    expectClose(il.current.impermanentLoss, D(-1).div(841));
    expectClose(il.current.priceMultiple, '1.1025');
    expect(il.current.inRange).toBe(true);

    const perp = r.perps[0]!;
    // short 5 WETH from 2,000 to 2,205: PnL = −5 · 205 = −1,025; margin 2,000 USDC
    expectClose(perp.pnlUsd, -1025);
    expectClose(perp.marginUsd, 2000);
    expectClose(perp.equityUsd, 975);
    // notional 5 · 2,205 = 11,025; leverage 11,025 / 975 = 11.3076923…; margin ratio 975 / 11,025 = 13/147
    expectClose(perp.notionalUsd, 11025);
    expectClose(perp.leverage, D(11025).div(975));
    expectClose(perp.marginRatio, D(13).div(147));
    // maintenance 5 % of 11,025 = 551.25
    expectClose(perp.maintenanceUsd, '551.25');
    // liquidated where 2,000 − 5·(P − 2,000) = 0.05 · 5 · P ⇒ 12,000 = 5.25·P ⇒ P = 16,000/7
    expectClose(perp.liquidationPriceUsd, D(16000).div(7));
    expectClose(r.liquidationPrice['perp:hedge'] ?? null, D(16000).div(7));

    // equity = LP 21,000 + perp equity 975 = 21,975; at entry 20,000 + 2,000 = 22,000 ⇒ −25
    expectClose(r.equityUsd, 21975);
    expectClose(r.whatIf?.equityChangeUsd ?? null, -25);
    // WETH exposure: LP holds √(k/P) = √(50,000/2,205) = 100/21, the short −5 ⇒ −5/21 units, −525 USD
    expectClose(r.netExposure.WETH?.units ?? null, D(-5).div(21));
    expectClose(r.netExposure.WETH?.usd ?? null, -525);
    // USDC: LP holds √(k·P) = 10,500, plus the 2,000 margin
    expectClose(r.netExposure.USDC?.units ?? null, 12500);
    // fees: 10 % a year of the LP's value 21,000 = 2,100
    expectClose(r.breakdown?.lpFees.usdPerYear ?? null, 2100);
  });

  it('at entry the perp reports its opening leverage and margin ratio', () => {
    const perp = evaluate(hedged).perps[0]!;
    // 10,000 notional on 2,000 margin: 5×, ratio 0.2, no PnL
    expectClose(perp.leverage, 5);
    expectClose(perp.marginRatio, '0.2');
    expectClose(perp.pnlUsd, 0);
  });
});

describe('pricesAt', () => {
  const lst = parsed(
    strategy({
      prices: { ETH: '2000', USDC: '1' },
      assets: {
        WSTETH: {
          kind: 'liquid-staking',
          name: 'wstETH',
          peg: { asset: 'STETH', kind: 'exchange-rate', exchangeRate: '1.2' },
        },
      },
      steps: [],
    }),
  );
  const prices = priceMapFromStrategy(lst);
  const pegs = pegsFromStrategy(lst);
  const at = (a: Record<string, string>) => {
    const r = pricesAt({ prices, pegs, at: a });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    return r.prices;
  };

  it('a root moves everything pegged to it', () => {
    // ETH 2,000 → 2,500 (× 1.25): WETH 2,500, stETH 2,500, wstETH 1.2 × 2,500 = 3,000; USDC stays 1
    const p = at({ ETH: '2500' });
    expectClose(p.get('WETH')!, 2500);
    expectClose(p.get('STETH')!, 2500);
    expectClose(p.get('WSTETH')!, 3000);
    expectClose(p.get('USDC')!, 1);
  });

  it('a pegged asset moves alone with what is pegged onto it; the nearest named asset wins', () => {
    // stETH 0.97 ETH = 1,940: wstETH 2,400 × 0.97 = 2,328; ETH and WETH stay 2,000
    const p = at({ STETH: '1940' });
    expectClose(p.get('WSTETH')!, 2328);
    expectClose(p.get('ETH')!, 2000);
    expectClose(p.get('WETH')!, 2000);
    // with ETH at 2,500 too: WETH follows ETH, stETH and wstETH follow stETH
    const both = at({ ETH: '2500', STETH: '1940' });
    expectClose(both.get('WETH')!, 2500);
    expectClose(both.get('WSTETH')!, 2328);
  });

  it('refuses unknown assets, USD, and prices that are not positive', () => {
    const r = pricesAt({ prices, pegs, at: { DOGE: '1', USD: '2', ETH: '-5', WETH: 'x' } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.map((e) => [e.code, e.field])).toEqual([
      ['AT_PRICE_UNKNOWN_ASSET', 'at.DOGE'],
      ['AT_PRICE_FIXED', 'at.USD'],
      ['AT_PRICE_INVALID', 'at.ETH'],
      ['AT_PRICE_INVALID', 'at.WETH'],
    ]);
  });

  it('evaluate answers a bad what-if price with its error, not with figures', () => {
    const r = evaluate(loop, { at: { DOGE: '1' } });
    expect(r.ok).toBe(false);
    expect(r.equityUsd).toBeNull();
    expect(r.errors[0]).toMatchObject({ code: 'AT_PRICE_UNKNOWN_ASSET', field: 'at.DOGE' });
  });
});
