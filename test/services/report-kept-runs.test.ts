import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryDatabase } from '../../src-main/cli/commands/backtest';
import { ReportOptions, type ReportPayload } from '../../src-main/contract/report';
import { BacktestService, databaseHistorySource } from '../../src-main/services/backtest';
import { DraftsService } from '../../src-main/services/drafts';
import { buildReport } from '../../src-main/services/report/build-report';
import { RiskService } from '../../src-main/services/risk';
import { RunStore } from '../../src-main/services/runs';

/**
 * Issue 16: a report of a draft shows the draft's kept scenario, backtest and Monte Carlo runs
 * that ran exactly the reported strategy, as of their run (time, revision, window, seed), and runs
 * again only what has no current kept run.
 */
let db: Database;
let risk: RiskService;
let history: BacktestService;
let runs: RunStore;
let draftId: string;

const example = JSON.parse(
  fs.readFileSync(
    path.resolve(import.meta.dirname, '../../resources/examples/eth-leveraged-long.json'),
    'utf8',
  ),
) as Record<string, unknown>;
const edited = { ...example, horizonDays: 180 };
const job = () => ({ signal: new AbortController().signal, progress: () => {} });

function report(strategy: unknown, options: unknown = {}): Promise<ReportPayload> {
  return buildReport(
    {
      db,
      history,
      source: databaseHistorySource(db),
      risk,
      app: { name: 'Yield Planner', version: 'test' },
      keptRun: (id, kind, s) => runs.latestFor(id, kind, s),
    },
    { strategy, draftId, options: ReportOptions.parse(options) },
    job(),
  );
}

function keepBacktest(strategy: unknown, from: string, to: string, revision: number) {
  const result = history.backtest({ strategy, from, to });
  if (!result.ok) throw new Error('backtest failed');
  return runs.keep({
    keep: { draftId, revision },
    kind: 'backtest',
    strategy,
    options: { from, to },
    result,
  })!;
}

beforeAll(async () => {
  db = await openHistoryDatabase(undefined);
  risk = RiskService.fromDatabase(db, { threads: 1 });
  history = BacktestService.fromDatabase(db);
  runs = new RunStore(db);
  draftId = new DraftsService(db).create({ document: JSON.stringify(example) }).id;
}, 60_000);

afterAll(async () => {
  await risk?.close();
  db?.close();
});

describe('a report reuses the kept runs current for its strategy', () => {
  it('shows the kept backtest, scenarios and Monte Carlo as of their run, without running them', async () => {
    const backtest = keepBacktest(example, '2021-05-11', '2021-05-23', 1);
    // A newer run of another version of the strategy is not current for this one.
    keepBacktest(edited, '2022-01-01', '2022-03-01', 2);
    const scenarioResult = history.scenarios({ strategy: example });
    if (!scenarioResult.ok) throw new Error('scenarios failed');
    const scenarios = runs.keep({
      keep: { draftId, revision: 1 },
      kind: 'scenarios',
      strategy: example,
      options: {},
      result: scenarioResult,
    })!;
    const simulated = await risk.simulate(
      { strategy: example, options: { model: 'gbm', paths: 300, seed: 7, days: 30 } },
      job(),
    );
    if (!simulated.ok) throw new Error('simulation failed');
    const monteCarlo = runs.keep({
      keep: { draftId, revision: 1 },
      kind: 'monte-carlo',
      strategy: example,
      options: { options: { model: 'gbm', paths: 300, seed: 7, days: 30 } },
      result: simulated,
    })!;

    // The user's choices (a different window, seed) apply only to what has no kept run.
    const p = await report(example, {
      backtest: { include: true, from: '2024-01-01', to: '2024-06-30' },
      monteCarlo: { include: true, paths: 1000, seed: 99 },
    });
    if (p.backtest.status !== 'included') throw new Error(p.backtest.reason);
    expect(p.backtest.run).toEqual({
      ranAt: backtest.createdAt,
      revision: 1,
      kept: true,
      id: backtest.id,
    });
    expect([p.backtest.result.from, p.backtest.result.to]).toEqual(['2021-05-11', '2021-05-23']);
    expect(p.backtest.result).toEqual(runs.get(backtest.id).result);
    expect(p.backtest.prices.find((s) => s.symbol === 'ETH')?.date[0]).toBe('2021-05-11');

    if (p.monteCarlo.status !== 'included') throw new Error(p.monteCarlo.reason);
    expect(p.monteCarlo.run).toMatchObject({ kept: true, id: monteCarlo.id, revision: 1 });
    expect([p.monteCarlo.result.paths, p.monteCarlo.result.seed]).toEqual([300, 7]);
    expect(p.monteCarlo.result).toEqual(simulated);

    if (p.scenarios.status !== 'included') throw new Error(p.scenarios.reason);
    expect(p.scenarios.run).toMatchObject({ kept: true, id: scenarios.id });
    expect(p.scenarios.rows).toEqual(scenarioResult.rows);
  }, 60_000);

  it('runs again what is stale: an edited strategy gets fresh scenarios and the chosen backtest', async () => {
    const p = await report(
      { ...example, horizonDays: 90 },
      { backtest: { include: true, from: '2024-01-01', to: '2024-02-01' } },
    );
    if (p.scenarios.status !== 'included') throw new Error(p.scenarios.reason);
    expect(p.scenarios.run).toMatchObject({ kept: false, id: null });
    if (p.backtest.status !== 'included') throw new Error(p.backtest.reason);
    expect(p.backtest.run.kept).toBe(false);
    expect([p.backtest.result.from, p.backtest.result.to]).toEqual(['2024-01-01', '2024-02-01']);
    // no kept simulation of this version, and none asked for: left out with a line saying so
    expect(p.monteCarlo).toMatchObject({ status: 'omitted' });
  }, 60_000);

  it('picks the newest current run of a kind', async () => {
    const newer = keepBacktest(edited, '2023-01-01', '2023-02-01', 3);
    const p = await report(edited);
    if (p.backtest.status !== 'included') throw new Error(p.backtest.reason);
    expect(p.backtest.run.id).toBe(newer.id);
    expect(p.backtest.result.from).toBe('2023-01-01');
  }, 60_000);
});
