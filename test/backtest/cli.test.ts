import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../src-main/cli/index';
import type { ScenarioRow } from '../../src-main/backtest/scenarios';
import type { BacktestReport } from '../../src-main/backtest/types';

/** The commands end to end: a temporary database seeded from resources/, the service, the replay. */
const STRATEGY = fileURLToPath(new URL('./fixtures/eth-long-2.5x.json', import.meta.url));

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, {
    out: (t) => void (out += `${t}\n`),
    err: (t) => void (err += `${t}\n`),
  });
  return { code, out, err };
}

describe('yieldplan backtest / scenarios', () => {
  it('backtest --json replays the stored history (the 2021-05-19 liquidation, history rates)', async () => {
    const r = await run([
      'backtest',
      STRATEGY,
      '--from',
      '2021-05-11',
      '--to',
      '2021-05-23',
      '--rates',
      'history',
      '--json',
    ]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.out) as BacktestReport;
    expect(report.events.find((e) => e.type === 'liquidation')?.date).toBe('2021-05-19');
    // USDC borrow rates come from the seeded Aave v2 series; ETH has none (model). The debt accrues
    // 05-11 … 05-19 (8 days), then is burned as the market's deficit (Aave v3.3 _burnBadDebt).
    expect(report.rateUsage[0]?.series.find((s) => s.asset === 'USDC')).toMatchObject({
      side: 'borrow',
      historyDays: 8,
    });
    expect(report.stats.endEquityUsd).toBe(0); // everything seized; the bad debt is the market's
  });

  it('backtest --csv prints one row per day', async () => {
    const r = await run([
      'backtest',
      STRATEGY,
      '--from',
      '2021-05-11',
      '--to',
      '2021-05-13',
      '--csv',
    ]);
    const lines = r.out.trim().split('\n');
    expect(lines[0]?.startsWith('date,equity,exitValue,holdEquity')).toBe(true);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual([
      '2021-05-11',
      '2021-05-12',
      '2021-05-13',
    ]);
  });

  it('refuses a window before the data with the error code', async () => {
    const r = await run(['backtest', STRATEGY, '--from', '2014-01-01', '--to', '2014-02-01']);
    expect(r.code).toBe(1);
    expect(r.err).toContain('PRICE_HISTORY_STARTS_LATER');
  });

  it('scenarios --json gives one row per named scenario', async () => {
    const r = await run(['scenarios', STRATEGY, '--json']);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.out) as ScenarioRow[];
    expect(rows.map((row) => row.id)).toContain('worst-30-days-eth');
    expect(rows).toHaveLength(7);
    const text = await run(['scenarios', STRATEGY]);
    expect(text.out).toContain('May 2021 crash');
    expect(text.out).toContain('yes, 2021-05-19');
  });
});
