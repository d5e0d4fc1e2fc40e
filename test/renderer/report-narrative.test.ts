import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryDatabase } from '../../src-main/cli/commands/backtest';
import { ReportOptions, type ReportPayload } from '../../src-main/contract/report';
import { BacktestService, databaseHistorySource } from '../../src-main/services/backtest';
import { buildReport } from '../../src-main/services/report/build-report';
import { RiskService } from '../../src-main/services/risk';
import { formatHealthFactor, formatPercent, formatUsd } from '../../src-renderer/src/lib/format';
import { pointAt } from '../../src-renderer/src/report/facts';
import { limitChecks } from '../../src-renderer/src/report/limits';
import { riskNarrative } from '../../src-renderer/src/report/narrative';

/** The report's risk section and limit checks, from payloads the app builds for two shipped examples. */
let db: Database;
let risk: RiskService;
const payloads: Record<string, ReportPayload> = {};

async function payloadOf(example: string): Promise<ReportPayload> {
  const strategy = JSON.parse(
    fs.readFileSync(
      path.resolve(import.meta.dirname, `../../resources/examples/${example}.json`),
      'utf8',
    ),
  );
  return buildReport(
    {
      db,
      history: BacktestService.fromDatabase(db),
      source: databaseHistorySource(db),
      risk,
      app: { name: 'Yield Planner', version: 'test' },
    },
    { strategy, options: ReportOptions.parse({}) },
    { signal: new AbortController().signal, progress: () => {} },
  );
}

const topic = (p: ReportPayload, id: string) =>
  riskNarrative(p)
    .find((t) => t.id === id)!
    .paragraphs.join(' ');

beforeAll(async () => {
  db = await openHistoryDatabase(undefined);
  risk = RiskService.fromDatabase(db, { threads: 1 });
  payloads['long'] = await payloadOf('eth-leveraged-long');
  payloads['loop'] = await payloadOf('wsteth-emode-loop');
}, 60_000);

afterAll(async () => {
  await risk?.close();
  db?.close();
});

describe('risk section', () => {
  it('says what liquidates a leveraged long and how far away, in its own numbers', () => {
    const p = payloads['long']!;
    const text = topic(p, 'liquidation');
    const eth = p.evaluation.liquidations.find((l) => l.asset === 'ETH')!;
    expect(text).toContain(
      `is liquidated if ETH falls from ${formatUsd(eth.currentPriceUsd)} to ${formatUsd(eth.priceUsd)}: a move of ${formatPercent(Math.abs(Number(eth.drop)))}`,
    );
    expect(text).toContain(
      `its health factor is ${formatHealthFactor(p.evaluation.healthFactor.overall)}`,
    );
  });

  it('prices the borrow-rate rise that erases the yield (net APR × equity / debt)', () => {
    const p = payloads['long']!;
    const e = p.evaluation;
    const breakEven = (Number(e.netApr) * Number(e.equityUsd)) / Number(e.debtUsd);
    const text = topic(p, 'rates');
    // this example already loses money: the sentence says so instead of a break-even rise
    if (breakEven > 0) expect(text).toContain(formatPercent(breakEven));
    else expect(text).toContain(`the net APR is already ${formatPercent(e.netApr)}`);
    expect(text).toContain(
      `each percentage point on the borrow rate moves net APR by ${formatPercent((0.01 * Number(e.debtUsd)) / Number(e.equityUsd))}`,
    );
  });

  it('finds that an exchange-rate oracle hides a depeg until equity is gone (wstETH loop)', () => {
    const p = payloads['loop']!;
    const text = topic(p, 'depeg');
    if (p.stress.status !== 'included') throw new Error('stress missing');
    const steth = p.stress.depeg.find((g) => g.axes[0]!.asset === 'STETH')!;
    expect(text).toContain(`changes equity by ${formatUsd(pointAt(steth, 0.97)!.equityChangeUsd)}`);
    const gone = steth.points.find((pt) => pt.equityUsd <= 0)!;
    expect(text).toContain(`Yet equity is gone at ${gone.values[0]!.toFixed(2)}`);
    expect(text).toContain('prices WSTETH at its exchange rate');
    expect(topic(p, 'liquidation')).toContain(
      'No price move of a single priced asset liquidates it',
    );
  });

  it('gives every protocol its loss, probability and expected loss', () => {
    const p = payloads['loop']!;
    if (p.protocol.status !== 'included') throw new Error('protocol missing');
    const text = topic(p, 'protocols');
    const aave = p.protocol.protocols.find((x) => x.protocol === 'aave-v3')!;
    expect(text).toContain(`${formatUsd(aave.lossUsd)} is lost if it fails`);
    expect(text).toContain(`${formatUsd(aave.expectedLossUsd)} a year expected`);
    expect(text).toContain(`becomes ${formatPercent(p.protocol.riskAdjustedApy)} risk-adjusted`);
  });
});

describe('risk limits', () => {
  const withHealth = (hf: string): ReportPayload => {
    const p = structuredClone(payloads['long']!);
    for (const m of Object.values(p.evaluation.healthFactor.byMarket)) m.healthFactor = hf;
    return p;
  };
  const hfCheck = (p: ReportPayload) =>
    limitChecks(p).find((c) => c.limit.startsWith('Health factor'))!;

  it('breaches the app level just under 1.2, not at it or above it', () => {
    expect(hfCheck(withHealth('1.2')).breached).toBe(false);
    expect(hfCheck(withHealth('1.2001')).breached).toBe(false);
    expect(hfCheck(withHealth('1.1999')).breached).toBe(true);
    expect(hfCheck(withHealth('1.1999')).source).toBe('app');
  });

  it("uses the strategy's own limits when its file carries them", () => {
    const p = structuredClone(payloads['long']!);
    p.strategy.document['limits'] = { minHealthFactor: '1.5', maxLeverage: '2' };
    const checks = limitChecks(p);
    expect(hfCheck(p)).toMatchObject({
      source: 'strategy',
      limit: 'Health factor ≥ 1.5',
      breached: true,
    });
    expect(checks.find((c) => c.limit.startsWith('Leverage'))).toMatchObject({
      breached: true,
      figure: '2.50×',
    });
  });

  it('checks the liquidation distance against 10 %, exactly at the limit within', () => {
    const p = structuredClone(payloads['long']!);
    const [first] = p.evaluation.liquidations;
    first!.drop = '0.1';
    expect(limitChecks(p).find((c) => c.limit.startsWith('Liquidation'))!.breached).toBe(false);
    first!.drop = '0.0999';
    expect(limitChecks(p).find((c) => c.limit.startsWith('Liquidation'))!.breached).toBe(true);
  });
});
