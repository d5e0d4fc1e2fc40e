import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { BacktestReport } from '../../src-main/backtest/types';
import { cadenceText, eventRows, groupSummary } from '../../src-renderer/src/lib/event-groups';
import { setFormatLocale } from '../../src-renderer/src/lib/format';
import { stepName } from '../../src-renderer/src/lib/issue-text';
import type { StrategyInput } from '../../src-renderer/src/state/document/types';

type Event = BacktestReport['events'][number];

const harvest = (date: string, rewardsUsd: number, stepId = 'weekly-harvest'): Event => ({
  type: 'harvest',
  date,
  stepId,
  rewardsUsd,
  proceeds: String(rewardsUsd - 1),
  sellInto: 'USDC',
  gasUsd: 1,
  reinvestedInto: 'convex-stake',
});
const deleverage = (date: string): Event => ({
  type: 'deleverage',
  date,
  marketId: 'aave',
  collateralAsset: 'WETH',
  debtAsset: 'USDC',
  collateralAmount: '1',
  debtAmount: '3000',
  swapFeeUsd: 1,
  gasUsd: 1,
  healthFactorBefore: 1.25,
  healthFactorAfter: 1.8,
});
const liquidation = (date: string): Event => ({
  type: 'liquidation',
  date,
  marketId: 'aave',
  debtAsset: 'USDC',
  collateralAsset: 'WETH',
  debtRepaid: '100',
  collateralSeized: '0.05',
  collateralSeizedUsd: 105,
  bonusUsd: 5,
  closeFactor: '0.5',
  healthFactorBefore: 0.98,
  healthFactorAfter: 1.02,
});

/** 52 weekly harvests from 2024-01-07, $10 each. */
const weekly = Array.from({ length: 52 }, (_, i) =>
  harvest(new Date(Date.UTC(2024, 0, 7 + 7 * i)).toISOString().slice(0, 10), 10),
);

describe('eventRows', () => {
  it('folds a weekly harvest into one row and keeps rare events as their own rows, in date order', () => {
    const events = [...weekly];
    events.splice(3, 0, deleverage('2024-01-25'));
    events.splice(20, 0, liquidation('2024-05-01'));
    const rows = eventRows(events);
    expect(
      rows.map((r) => (r.kind === 'single' ? r.event.type : `${r.type}×${r.events.length}`)),
    ).toEqual(['harvest×52', 'deleverage', 'liquidation']);
    const group = rows[0]!;
    if (group.kind !== 'group') throw new Error('not a group');
    expect(group.everyDays).toBe(7);
    expect(group.events[0]!.date).toBe('2024-01-07');
    expect(group.events[51]!.date).toBe('2024-12-29');
  });

  it('never folds rare events, however many, and keeps a step with few harvests unfolded', () => {
    const many = Array.from({ length: 10 }, (_, i) => deleverage(`2024-02-${10 + i}`));
    expect(eventRows(many).every((r) => r.kind === 'single')).toBe(true);
    const two = [harvest('2024-01-07', 5, 'a'), harvest('2024-01-14', 5, 'a')];
    expect(eventRows(two).map((r) => r.kind)).toEqual(['single', 'single']);
  });

  it('keeps the harvests of two steps in two groups', () => {
    const a = weekly.slice(0, 4);
    const b = [3, 6, 9].map((d) => harvest(`2024-03-0${d}`, 2, 'daily-ish'));
    const rows = eventRows([...a, ...b]);
    expect(rows.map((r) => (r.kind === 'group' ? [r.stepId, r.events.length] : r.kind))).toEqual([
      ['weekly-harvest', 4],
      ['daily-ish', 3],
    ]);
  });
});

describe('groupSummary', () => {
  it('says how often, how many times and the total', () => {
    setFormatLocale('en-US');
    const group = eventRows(weekly)[0]!;
    if (group.kind !== 'group') throw new Error('not a group');
    // the ids of resources/examples/stablecoin-farm.json, named as the builder labels its steps
    const farm = JSON.parse(
      fs.readFileSync(
        new URL('../../resources/examples/stablecoin-farm.json', import.meta.url),
        'utf8',
      ),
    ) as StrategyInput;
    expect(groupSummary(group, (id) => stepName(farm, id))).toBe(
      'weekly · 52 times · total $520.00 of rewards from step “Harvest every 7 days” → 468 USDC, reinvested into “Stake LP:curve-lp”',
    );
  });

  it('names the cadence', () => {
    expect(cadenceText(1)).toBe('daily');
    expect(cadenceText(7)).toBe('weekly');
    expect(cadenceText(14)).toBe('every 2 weeks');
    expect(cadenceText(30)).toBe('monthly');
    expect(cadenceText(3)).toBe('every 3 days');
    expect(cadenceText(null)).toBe('repeatedly');
  });
});
