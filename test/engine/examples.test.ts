import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src-main/engine/decimal';
import { evaluate, type Evaluation } from '../../src-main/engine/evaluate';
import { D, expectClose } from './helpers';

const DIR = fileURLToPath(new URL('../../resources/examples/', import.meta.url));
const load = (name: string): unknown => JSON.parse(readFileSync(`${DIR}${name}.json`, 'utf8'));
const run = (name: string): Evaluation => evaluate(load(name));

describe('shipped examples', () => {
  const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

  it('ships the six worked examples of issue 3', () => {
    expect(files.sort()).toEqual([
      'btc-perp-hedge.json',
      'eth-borrow-usdc-lp.json',
      'eth-leveraged-long.json',
      'eth-usdc-concentrated.json',
      'stablecoin-farm.json',
      'wsteth-emode-loop.json',
    ]);
  });

  it.each(files)('%s evaluates with no errors and plausible numbers', (file) => {
    const r = evaluate(JSON.parse(readFileSync(DIR + file, 'utf8')));
    expect(r.errors).toEqual([]);
    expect(r.ok).toBe(true);
    expect(new Decimal(r.equityUsd ?? '0').greaterThan(0)).toBe(true);
    expect(new Decimal(r.netApr ?? 'NaN').abs().lessThan('0.5')).toBe(true);
    expect(r.projection.length).toBeGreaterThan(30);
    if (!r.healthFactor.noDebt)
      expect(new Decimal(r.healthFactor.overall ?? '0').greaterThan(1)).toBe(true);
  });

  it('ETH leveraged long: hand-computed equity, leverage, health factor and liquidation price', () => {
    // Loop until 2.5x: D USDC borrowed in total is swapped at q = (1 − 0.0005)² per dollar.
    // Leverage (30000 + D·q) / (30000 − D·(1 − q)) = 2.5 ⇒ D = 45000 / (2.5 − 1.5·q).
    const q = D('0.9995').pow(2);
    const debt = D(45000).div(D('2.5').minus(D('1.5').times(q)));
    const weth = D(10).plus(debt.times(q).div(3000));
    const r = run('eth-leveraged-long');
    expectClose(r.debtUsd, debt);
    expectClose(r.equityUsd, D(30000).minus(debt.times(D(1).minus(q))));
    expectClose(r.leverage, '2.5');
    // HF = 3000·C·0.83 / D (Aave v3 WETH LT 83%)
    expectClose(r.healthFactor.overall, weth.times(3000).times('0.83').div(debt));
    expectClose(r.liquidationPrice.ETH ?? null, debt.div(weth.times('0.83')));
    expect(debt.toFixed(2)).toBe('44932.62');
    expect(new Decimal(r.healthFactor.overall ?? '0').toFixed(4)).toBe('1.3833');
  });

  it('wstETH e-mode loop: hand-computed flash-loan size, equity, leverage 8 and health factor', () => {
    // wstETH = 3000·1.21 = 3630. Flash-borrow F WETH, swap at q = 0.9999·0.9995, debt F·1.0005.
    // (36300 + 3000·F·q) / (36300 + 3000·F·(q − 1.0005)) = 8 ⇒ F = 7·36300 / (3000·(8 − 7q + 8·0.0005))
    const q = D('0.9999').times('0.9995');
    const flash = D(7 * 36300).div(D(3000).times(D(8).minus(q.times(7)).plus('0.004')));
    const debt = flash.times('1.0005');
    const wsteth = D(10).plus(flash.times(3000).times(q).div(3630));
    const r = run('wsteth-emode-loop');
    expectClose(r.leverage, 8);
    expectClose(r.debtUsd, debt.times(3000));
    expectClose(r.equityUsd, D(36300).plus(flash.times(3000).times(q.minus('1.0005'))));
    // e-mode LT 95%, wstETH priced by the exchange-rate oracle (3000·1.21)
    expectClose(r.healthFactor.overall, wsteth.times(3630).times('0.95').div(debt.times(3000)));
    expect(new Decimal(r.healthFactor.overall ?? '0').toFixed(4)).toBe('1.0857');
    expect(r.liquidationPrice).toEqual({ ETH: null }); // ETH moves both sides equally
    // Carry: 8x staking yield (2.8%) beats 7x the WETH borrow rate (≈2.4%) ⇒ positive.
    expect(new Decimal(r.breakdown?.stakingYield.usdPerYear ?? '0').greaterThan(0)).toBe(true);
    expect(new Decimal(r.netApr ?? '0').greaterThan(0)).toBe(true);
  });

  it('stablecoin farm: 1.3x gross exposure, HF 56000/30000, weekly compounding beats simple APR', () => {
    const r = run('stablecoin-farm');
    expect(r.equityUsd).toBe('100000');
    expect(r.leverage).toBe('1.3');
    expectClose(r.healthFactor.overall, D(56000).div(30000));
    expect(r.impermanentLoss[0]?.current.valueUsd).toBe('60000');
    expect(r.compounding?.harvestsPerYear).toBe('52'); // whole harvests, as netApy counts them
    expect(new Decimal(r.netApy ?? '0').greaterThan(r.netApr ?? '0')).toBe(true);
    // rewards 60000·4.5% = 2700/yr; gas 4 USD × 52 weekly harvests
    expect(r.breakdown?.rewards.usdPerYear).toBe('2700');
    expectClose(r.breakdown?.gas.usdPerYear, D(-4 * 52));
  });

  it('concentrated ETH/USDC: in range, earns its fee APR, IL 0 at entry and negative elsewhere', () => {
    const r = run('eth-usdc-concentrated');
    const il = r.impermanentLoss[0];
    expect(il?.current.inRange).toBe(true);
    expect(il?.current.impermanentLoss).toBe('0');
    expect(r.netApr).toBe('0.22');
    for (const point of il?.curve ?? [])
      expect(Number(point.impermanentLoss)).toBeLessThanOrEqual(1e-12);
  });

  it('BTC perp hedge: delta neutral, funding carry, short liquidation closed form', () => {
    const r = run('btc-perp-hedge');
    expect(r.netExposure.BTC).toEqual({ units: '0', usd: '0' });
    expect(r.equityUsd).toBe('119950'); // 100000 + 20000 − 50 open fee
    expectClose(r.netApr, D(10000).div(119950));
    // (19950 + 100000) / (1·(1 + 0.01 + 0.0005))
    expectClose(r.liquidationPrice['perp:short-btc'] ?? null, D(119950).div('1.0105'));
  });

  it('borrow USDC against ETH for a constant-product LP: liquidation at 6000/(8·0.83)', () => {
    const r = run('eth-borrow-usdc-lp');
    expectClose(r.liquidationPrice.ETH ?? null, D(6000).div(D(8).times('0.83')));
    expect(r.leverage).toBe('1.2');
    expect(r.netExposureByRoot.USD?.units).toBe('0');
    expect(r.netExposureByRoot.ETH?.units).toBe('10');
  });
});
