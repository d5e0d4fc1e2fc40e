import type { ReportPayload, StressGrid } from '../../../src-main/contract/index';

/** Facts the report's sections read from the payload's strategy document (already validated in main). */

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export interface MarketFacts {
  id: string;
  name: string;
  kind: string;
  protocol: string;
  chain: string;
  raw: Record<string, unknown>;
}

export function markets(payload: ReportPayload): MarketFacts[] {
  const list = payload.strategy.document['markets'];
  if (!Array.isArray(list)) return [];
  return list.filter(isRecord).map((m) => ({
    id: String(m['id']),
    name: typeof m['name'] === 'string' ? m['name'] : String(m['id']),
    kind: String(m['kind']),
    protocol: String(m['protocol'] ?? ''),
    chain: String(m['chain'] ?? ''),
    raw: m,
  }));
}

export function marketName(payload: ReportPayload, id: string): string {
  return markets(payload).find((m) => m.id === id)?.name ?? id;
}

export interface StepFacts {
  id: string;
  type: string;
  market: string | null;
  raw: Record<string, unknown>;
  /** Steps inside a loop body. */
  body: StepFacts[];
}

export function steps(payload: ReportPayload): StepFacts[] {
  const read = (list: unknown): StepFacts[] =>
    Array.isArray(list)
      ? list.filter(isRecord).map((s) => ({
          id: String(s['id']),
          type: String(s['type']),
          market: typeof s['market'] === 'string' ? s['market'] : null,
          raw: s,
          body: read(s['body']),
        }))
      : [];
  return read(payload.strategy.document['steps']);
}

export function capital(payload: ReportPayload): { asset: string; amount: string }[] {
  const list = payload.strategy.document['capital'];
  return Array.isArray(list)
    ? list.filter(isRecord).map((c) => ({ asset: String(c['asset']), amount: String(c['amount']) }))
    : [];
}

export function prices(payload: ReportPayload): [string, string][] {
  const p = payload.strategy.document['prices'];
  return isRecord(p) ? Object.entries(p).map(([k, v]) => [k, String(v)]) : [];
}

export function horizonDays(payload: ReportPayload): number {
  const d = payload.strategy.document['horizonDays'];
  return typeof d === 'number' ? d : 365;
}

/** Per-strategy limits when the document carries them (decimal strings); none today by default. */
export function documentLimits(payload: ReportPayload): Record<string, number> {
  const l = payload.strategy.document['limits'];
  if (!isRecord(l)) return {};
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(l)) {
    const n = typeof v === 'string' || typeof v === 'number' ? Number(v) : NaN;
    if (Number.isFinite(n)) out[k] = n;
  }
  return out;
}

/** A one-axis grid's point at `value` (price multiple or peg ratio), or null. */
export function pointAt(grid: StressGrid, value: number) {
  const i = grid.axes[0]?.values.findIndex((v) => Math.abs(v - value) < 1e-9) ?? -1;
  return i >= 0 ? (grid.points[i] ?? null) : null;
}

/** The first point of a one-axis grid, walking away from "no move", where the position is liquidated. */
export function firstLiquidated(grid: StressGrid, direction: 'down' | 'up') {
  const values = grid.axes[0]?.values ?? [];
  const order = values
    .map((v, i) => ({ v, i }))
    .filter(({ v }) => (direction === 'down' ? v <= 1 : v >= 1))
    .sort((a, b) => (direction === 'down' ? b.v - a.v : a.v - b.v));
  for (const { i } of order) if (grid.points[i]?.liquidated) return grid.points[i]!;
  return null;
}

export const kindOf = (payload: ReportPayload, symbol: string) =>
  payload.assets.find((a) => a.symbol === symbol)?.kind ?? 'volatile';

/** "supplyInterest" / "protocol-default" → "Supply interest" / "Protocol default". */
export function label(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]+/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
