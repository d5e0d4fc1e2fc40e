import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createPriceService } from '../../../src-main/services/prices/price-service';
import {
  importPriceCsvInputSchema,
  refreshPricesInputSchema,
} from '../../../src-main/services/prices/schemas';
import { createRateService } from '../../../src-main/services/rates/rate-service';
import { dailyRatesInputSchema } from '../../../src-main/services/rates/schemas';
import { seedBundledData } from '../../../src-main/services/seed';
import { createTempDb, day, FIXTURES_DIR, type TempDb } from './temp-db';

let t: TempDb;
beforeEach(() => {
  t = createTempDb();
});
afterEach(() => t.cleanup());

describe('service objects and their input schemas', () => {
  it('accepts contract inputs that pass the schemas and refuses ones that do not', async () => {
    await seedBundledData(t.db);
    const prices = createPriceService({ db: t.db });
    const rates = createRateService({ db: t.db });

    const importInput = importPriceCsvInputSchema.parse({
      filePath: join(FIXTURES_DIR, 'BTC-USD-2020-yahoo-with-null-rows.csv'),
      symbol: 'BTC',
    });
    // The bundled BTC history already holds 2020; the fixture's days replace them (same values to 1e-5).
    expect((await prices.importCsv(importInput)).imported).toBe(362);

    const ratesInput = dailyRatesInputSchema.parse({
      protocol: 'compound-v2',
      chain: 'ethereum',
      asset: 'USDC',
      side: 'supply',
      fromTs: day('2021-01-01'),
      toTs: day('2021-01-01'),
    });
    expect(rates.getDailyRates(ratesInput)[0]?.rate).toBe(0.070338);

    expect(dailyRatesInputSchema.safeParse({ ...ratesInput, side: 'stable-borrow' }).success).toBe(
      false,
    );
    expect(
      refreshPricesInputSchema.safeParse({ symbol: 'ETH', provider: 'yahoo', days: 5 }).success,
    ).toBe(false);
    expect(importPriceCsvInputSchema.safeParse({ filePath: '', symbol: 'ETH' }).success).toBe(
      false,
    );
  });
});
