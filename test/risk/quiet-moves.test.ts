import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MarketLanes, PRICE_FACTOR, type PriceLayout } from '../../src-main/dynamics/prices';
import { DepegStepper, depegModel, type PeggedFactorSpec } from '../../src-main/risk/models/depeg';
import { Rng } from '../../src-main/risk/rng';

/**
 * The depeg model's quiet factors (a stablecoin on USD) are given to the market sparsely
 * (`QuietMoves`): the fast path must give the same draws and, through `MarketLanes.move`, the same
 * prices bit for bit as the full growth rows of the general path, on random models.
 */
const spec: fc.Arbitrary<PeggedFactorSpec> = fc.record({
  anchor: fc.constant(-1),
  ratioGrowthPerDay: fc.oneof(fc.constant(1), fc.double({ min: 0.999, max: 1.001, noNaN: true })),
  jumps: fc.option(
    fc.record({
      eventsPerYear: fc.double({ min: 0, max: 200, noNaN: true }),
      depth: fc.double({ min: 0, max: 0.5, noNaN: true }),
      halfLifeDays: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.2, max: 30, noNaN: true })),
    }),
  ),
  stress: fc.option(
    fc.record({
      day: fc.integer({ min: 1, max: 40 }),
      depth: fc.double({ min: 0, max: 0.5, noNaN: true }),
      halfLifeDays: fc.oneof(fc.constant(Infinity), fc.double({ min: 0.2, max: 30, noNaN: true })),
    }),
  ),
});

/** One asset per factor, each priced by its factor, starting at `start`. */
function market(k: number, stride: number, start: number): MarketLanes {
  const layout: PriceLayout = {
    assets: Array.from({ length: k }, (_, i) => `A${i}`),
    startPrices: new Float64Array(k).fill(start),
    priceKind: new Uint8Array(k).fill(PRICE_FACTOR),
    factorIndex: Int32Array.from({ length: k }, (_, i) => i),
    factorAssets: Array.from({ length: k }, (_, i) => `A${i}`),
    pegRoot: new Int32Array(k).fill(-1),
    pegRatio: new Float64Array(k),
    pegGrowth: new Float64Array(k).fill(1),
    seriesIndex: new Int32Array(k).fill(-1),
  };
  return new MarketLanes(layout, stride);
}

describe('quiet moves: the sparse pegged factor against the full growth rows', () => {
  it('same draws and the same prices bit for bit on every lane and day', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 0, max: 1000 }),
        (pegged, days, lanes, seed) => {
          const k = pegged.length;
          const stride = 8;
          const stepper = new DepegStepper(null, depegModel(0, pegged));
          const quiet = stepper.quietMoves(null)!;
          expect(quiet).not.toBeNull();
          const dense = new Float64Array(days * k * stride);
          const sparse = new Float64Array(days * k * stride);
          quiet.clear();
          for (let lane = 0; lane < lanes; lane++) {
            const a = new Rng(seed, lane);
            const b = new Rng(seed, lane);
            stepper.fillPath(a, days, dense, lane, stride);
            stepper.fillPath(b, days, sparse, lane, stride, undefined, quiet);
            expect(b.uniform()).toBe(a.uniform()); // the same number of draws
          }
          quiet.finish(days);
          const general = market(k, stride, 1.25);
          const fast = market(k, stride, 1.25);
          general.reset(lanes);
          fast.reset(lanes);
          for (let day = 1; day <= days; day++) {
            general.move(lanes, day, { growth: dense, series: null });
            fast.move(lanes, day, { growth: sparse, series: null, quiet });
            for (let i = 0; i < k * stride; i++) {
              if (i % stride >= lanes) continue;
              expect(Object.is(fast.px[i], general.px[i])).toBe(true);
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a factor another factor is anchored on, or a crash hits, keeps its growth rows', () => {
    const model = depegModel(0, [
      { anchor: -1, ratioGrowthPerDay: 1, jumps: null, stress: null },
      { anchor: 0, ratioGrowthPerDay: 1, jumps: null, stress: null },
      { anchor: -1, ratioGrowthPerDay: 1, jumps: null, stress: null },
    ]);
    const stepper = new DepegStepper(null, model);
    expect([...stepper.quietMoves(null)!.isQuiet]).toEqual([0, 0, 1]);
    expect(stepper.quietMoves(Uint8Array.from([0, 0, 1]))).toBeNull();
  });
});
