/**
 * A backtest's events as table rows: routine events that repeat (a weekly harvest is 52 a year)
 * fold into one summary row per kind and step, so the rare ones (liquidations, deleverage and
 * releverage) stay in sight. Pure, so the app's events table and the printed report fold alike.
 */

import { formatUnits, formatUsd } from './format';

interface EventLike {
  type: string;
  date: string;
  stepId?: string;
}

/** The fields of a harvest event the summary adds up (backtest/types.ts). */
interface HarvestLike extends EventLike {
  type: 'harvest';
  stepId: string;
  rewardsUsd: number;
  proceeds: string;
  sellInto: string;
  reinvestedInto: string | null;
}

/** Kinds that a strategy does on a schedule; every other kind is shown one row per event. */
const ROUTINE = new Set(['harvest']);

/** Fewer repeats than this read fine one by one. */
export const MIN_GROUP = 3;

export type EventRow<E extends EventLike> =
  | { kind: 'single'; event: E }
  | {
      kind: 'group';
      type: string;
      stepId: string;
      /** In date order; the group's row sits where the first of them would. */
      events: E[];
      /** The most common number of days between two of them (7 for a weekly harvest). */
      everyDays: number | null;
    };

const DAY_MS = 86_400_000;
const dayNumber = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** The most common gap in days between consecutive dates; the smaller one on a tie. */
function typicalGap(dates: readonly string[]): number | null {
  const counts = new Map<number, number>();
  for (let i = 1; i < dates.length; i++) {
    const gap = dayNumber(dates[i]!) - dayNumber(dates[i - 1]!);
    counts.set(gap, (counts.get(gap) ?? 0) + 1);
  }
  let best: number | null = null;
  for (const [gap, n] of counts) {
    const bestCount = best === null ? 0 : counts.get(best)!;
    if (n > bestCount || (n === bestCount && best !== null && gap < best)) best = gap;
  }
  return best;
}

/** The rows of an events table: routine repeats folded by kind and step, the rest as they are. */
export function eventRows<E extends EventLike>(events: readonly E[]): EventRow<E>[] {
  const groups = new Map<string, E[]>();
  const keyOf = (e: E) => (ROUTINE.has(e.type) ? `${e.type}\u0000${e.stepId ?? ''}` : null);
  for (const e of events) {
    const key = keyOf(e);
    if (key === null) continue;
    const group = groups.get(key);
    if (group) group.push(e);
    else groups.set(key, [e]);
  }
  const rows: EventRow<E>[] = [];
  const placed = new Set<string>();
  for (const e of events) {
    const key = keyOf(e);
    const group = key === null ? undefined : groups.get(key);
    if (key === null || !group || group.length < MIN_GROUP) {
      rows.push({ kind: 'single', event: e });
      continue;
    }
    if (placed.has(key)) continue;
    placed.add(key);
    const sorted = [...group].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    rows.push({
      kind: 'group',
      type: e.type,
      stepId: e.stepId ?? '',
      events: sorted,
      everyDays: typicalGap(sorted.map((x) => x.date)),
    });
  }
  return rows;
}

/** "daily", "weekly", "every 2 weeks", "monthly", else "every 5 days". */
export function cadenceText(everyDays: number | null): string {
  if (everyDays === null || everyDays <= 0) return 'repeatedly';
  if (everyDays === 1) return 'daily';
  if (everyDays === 7) return 'weekly';
  if (everyDays % 7 === 0) return `every ${everyDays / 7} weeks`;
  if (everyDays >= 28 && everyDays <= 31) return 'monthly';
  return `every ${everyDays} days`;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const isHarvest = (e: EventLike): e is HarvestLike => e.type === 'harvest';

/**
 * A folded group in one line: how often, how many times, the total. "weekly · 52 times · total
 * $1,234.56 of rewards from step “Weekly harvest” → 1,230.9 USDC, reinvested into “Stake cvxCRV”".
 * `stepName` names a step id as the builder labels it (lib/issue-text.ts stepName).
 */
export function groupSummary(
  group: Extract<EventRow<EventLike>, { kind: 'group' }>,
  stepName: (stepId: string) => string,
): string {
  const head = `${cadenceText(group.everyDays)} · ${group.events.length} times`;
  const harvests = group.events.filter(isHarvest);
  if (harvests.length !== group.events.length) return head;
  const last = harvests[harvests.length - 1]!;
  const into = new Set(harvests.map((h) => h.sellInto)).size === 1 ? last.sellInto : null;
  // Display sums: every figure is shown rounded, so Number precision is ample (lib/format.ts).
  const proceeds = into
    ? ` → ${formatUnits(sum(harvests.map((h) => Number(h.proceeds))))} ${into}`
    : '';
  const reinvested = last.reinvestedInto
    ? `, reinvested into “${stepName(last.reinvestedInto)}”`
    : '';
  return (
    `${head} · total ${formatUsd(sum(harvests.map((h) => h.rewardsUsd)))} of rewards from step ` +
    `“${stepName(last.stepId)}”${proceeds}${reinvested}`
  );
}
