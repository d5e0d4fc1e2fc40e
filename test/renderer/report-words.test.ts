import fs from 'node:fs';
import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openHistoryDatabase } from '../../src-main/cli/commands/backtest';
import { ReportOptions, type ReportPayload } from '../../src-main/contract/report';
import { BacktestService, databaseHistorySource } from '../../src-main/services/backtest';
import { buildReport } from '../../src-main/services/report/build-report';
import { RiskService } from '../../src-main/services/risk';
import { formatUsd } from '../../src-renderer/src/lib/format';
import { liquidationState, stressHealth } from '../../src-renderer/src/lib/stress-format';
import { limitChecks } from '../../src-renderer/src/report/limits';
import { riskNarrative } from '../../src-renderer/src/report/narrative';
import { breachWords, issueLine } from '../../src-renderer/src/report/words';

/**
 * The report words warnings, limit breaches, perps and stress cells as the app does: no codes,
 * ids or field paths; markets and steps by their names; a liquidated perp "Liquidated" with its loss.
 */
let db: Database;
let risk: RiskService;
const payloads: Record<string, ReportPayload> = {};

function example(name: string): Record<string, unknown> {
  const file = path.resolve(import.meta.dirname, `../../resources/examples/${name}.json`);
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

async function payloadOf(strategy: unknown): Promise<ReportPayload> {
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

beforeAll(async () => {
  db = await openHistoryDatabase(undefined);
  risk = RiskService.fromDatabase(db, { threads: 1 });
  payloads['long'] = await payloadOf({
    ...example('eth-leveraged-long'),
    version: 2,
    limits: { minHealthFactor: '1.5' },
  });
  payloads['perp'] = await payloadOf(example('btc-perp-hedge'));
}, 60_000);

afterAll(async () => {
  await risk?.close();
  db?.close();
});

const RAW_IDS = ['aave-v3-ethereum', 'lever-up', 'borrow-usdc', 'short-btc', 'gmx-v2-arbitrum'];

describe('engine warnings in the report', () => {
  it('read as the app words them: a title and a sentence, no code, no id', () => {
    const p = payloads['long']!;
    expect(p.evaluation.warnings.map((w) => w.code)).toContain('NEGATIVE_CARRY');
    const lines = p.evaluation.warnings.map((w) => issueLine(p, w));
    const carry = lines[p.evaluation.warnings.findIndex((w) => w.code === 'NEGATIVE_CARRY')]!;
    expect(carry).toMatchObject({
      title: 'Negative carry',
      sentence: 'The position loses money at current rates.',
    });
    for (const [i, l] of lines.entries()) {
      const text = `${l.title} ${l.sentence} ${l.place ?? ''}`;
      expect(text).not.toContain(p.evaluation.warnings[i]!.code);
      for (const id of RAW_IDS) expect(text).not.toContain(id);
    }
  });
});

describe('limit breaches in the report', () => {
  it('name the market and the step as the app’s list does', () => {
    const p = payloads['long']!;
    const [hf, ...rest] = p.limits!.breaches;
    expect(hf!.limit).toBe('minHealthFactor');
    const words = breachWords(p, hf!);
    expect(words).toMatchObject({
      line: 'Health factor 1.383 < 1.500 (Aave v3 Ethereum (Core))',
      steps: 'Step: “Loop”',
    });
    // main's fixes name the market by id; the report by name
    expect(hf!.fixes[0]!.message).toContain('on aave-v3-ethereum');
    expect(words.fixes).toMatch(
      /^To clear: supply [\d.]+ WETH more collateral on Aave v3 Ethereum \(Core\)/,
    );
    expect(words.fixes).not.toContain('aave-v3-ethereum');
    // the dollars as the app formats them ("$6,315.84"), not main's raw "$6315.84"
    expect(Number(hf!.fixes[0]!.usd)).toBeGreaterThan(1000);
    expect(words.fixes).toContain(`(≈ ${formatUsd(Number(hf!.fixes[0]!.usd))})`);
    // a scenario's breach by the scenario's title, not its id
    const scenario = rest.find((b) => b.analysis === 'scenario' && b.where === 'may-2021-crash');
    expect(scenario).toBeDefined();
    expect(breachWords(p, scenario!).line).toMatch(
      /^Health factor [\d.]+ < 1\.500 \(Aave v3 Ethereum \(Core\), May 2021 crash\)$/,
    );
  });
});

describe('a hedged perp in the report', () => {
  it('is named by what it is, not by its step id', () => {
    const p = payloads['perp']!;
    const text = riskNarrative(p)
      .find((t) => t.id === 'liquidation')!
      .paragraphs.join(' ');
    expect(text).toContain('The short BTC perp on GMX v2 Arbitrum is liquidated if BTC rises');
    expect(text).not.toContain('short-btc');
    const near = limitChecks(p).find((c) => c.limit.startsWith('Liquidation'))!;
    expect(near.where).toBe('Short BTC perp on GMX v2 Arbitrum');
  });

  it('has a BTC stress grid, whose liquidated rows read "Liquidated"', () => {
    const p = payloads['perp']!;
    expect(p.stress.status).toBe('included');
    if (p.stress.status !== 'included') return;
    // no net BTC exposure, but BTC's price liquidates the perp: the grid is printed
    const btc = p.stress.price.find((g) => g.axes[0]!.asset === 'BTC');
    expect(btc).toBeDefined();
    const hit = btc!.points.filter((pt) => pt.liquidated);
    expect(hit.length).toBeGreaterThan(0);
    // from +20 % (BTC 120,000) on, the short is underwater at the shock (19,950 − 20,000 < 0): the
    // move took the margin, the liquidation takes nothing more: the state says "margin gone"
    for (const pt of hit) {
      expect(pt.healthFactor).toBeNull();
      expect(stressHealth(pt).text).toBe('Liquidated');
      expect(pt.liquidationLossUsd).toBe(0);
      expect(liquidationState(pt)).toBe('margin gone');
    }
    // rows with nothing liquidated and nothing borrowed stay "∞", with no liquidation words
    const calm = btc!.points.find((pt) => !pt.liquidated)!;
    expect(stressHealth(calm).text).toBe('∞');
    expect(liquidationState(calm)).toBe('');
  });
});
