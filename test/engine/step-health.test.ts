import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';

const example = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../resources/examples/${name}.json`, import.meta.url), 'utf8'),
  );

describe('health factor after each step (the builder shows it on the block)', () => {
  it('stablecoin farm: no debt after the supply; after the borrow, 0.8 × 70,000 / 30,000', () => {
    const result = evaluate(example('stablecoin-farm'));
    const [supply, borrow, lp] = result.balances;
    expect(supply).toMatchObject({ lendingMarketId: 'aave-v3-ethereum', healthFactor: null });
    // USDC liquidation threshold 0.8 (resources/examples/stablecoin-farm.json), USDT debt at $1.
    expect(Number(borrow!.healthFactor)).toBeCloseTo((0.8 * 70000) / 30000, 12);
    expect(borrow!.healthFactor).toBe(result.healthFactor.overall);
    expect(lp).not.toHaveProperty('healthFactor');
  });

  it('a loop reports the health factor of the account its body builds', () => {
    const result = evaluate(example('eth-leveraged-long'));
    const loop = result.balances.find((b) => b.type === 'loop');
    // 2.5x leverage: debt 60% of collateral, LT 0.83 → 0.83 / 0.6.
    expect(Number(loop!.healthFactor)).toBeCloseTo(0.83 / 0.6, 12);
  });
});
