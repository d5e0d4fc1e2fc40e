import { Decimal } from '../../engine/decimal';
import { evaluate, type Evaluation } from '../../engine/evaluate';
import { strategyCommandArgs } from '../args';
import { formatIssue, reportIssues, type CliCommand } from '../command';

const USAGE = `Usage: yieldplan evaluate <strategy.json> [--json]

Evaluates a strategy file and prints its position, risks and returns.
  --json   print the full evaluation as JSON (see docs/evaluation-output.md)
Exit code 0, or 1 when the strategy has errors (listed on stderr).`;

export const command: CliCommand = {
  summary: 'evaluate a strategy file (position, health, liquidation prices, APR/APY)',
  usage: USAGE,
  async run(args, io) {
    const input = await strategyCommandArgs({
      args,
      options: { json: { type: 'boolean', default: false } },
      usage: USAGE,
      io,
    });
    if (typeof input === 'number') return input;
    const result = evaluate(input.document);
    io.out(input.values.json ? JSON.stringify(result, null, 2) : summarize(result));
    return result.errors.length > 0 ? reportIssues(io, result.errors) : 0;
  },
};

function usd(v: string | null): string {
  if (v === null) return 'n/a';
  const d = new Decimal(v).toDecimalPlaces(2);
  const text = d.abs().toNumber().toLocaleString('en-US', { minimumFractionDigits: 2 });
  return `${d.isNegative() ? '-' : ''}$${text}`;
}
const pct = (v: string | null): string =>
  v === null ? 'n/a' : `${new Decimal(v).times(100).toDecimalPlaces(2).toFixed(2)}%`;
const num = (v: string | null, places = 4): string =>
  v === null ? 'n/a' : new Decimal(v).toDecimalPlaces(places).toFixed();

export function summarize(r: Evaluation): string {
  const lines: string[] = [];
  lines.push(`${r.name ?? 'strategy'}${r.ok ? '' : '  (has errors)'}`);
  if (r.equityUsd !== null) {
    lines.push(
      `  equity ${usd(r.equityUsd)}   collateral ${usd(r.collateralUsd)}   debt ${usd(r.debtUsd)}`,
      `  leverage ${num(r.leverage)}x   LTV ${pct(r.ltv)}   max further borrow ${usd(r.maxBorrowUsd)}`,
      `  health factor ${r.healthFactor.noDebt ? 'no debt' : num(r.healthFactor.overall)}`,
    );
    for (const [key, price] of Object.entries(r.liquidationPrice)) {
      const drop = r.liquidationDrop[key] ?? null;
      lines.push(
        price === null
          ? `  liquidation ${key}: not reachable by this price alone`
          : `  liquidation ${key} at ${usd(price)} (${pct(drop && drop.replace(/^-/, ''))} ${drop && drop.startsWith('-') ? 'rise' : 'drop'})`,
      );
    }
    lines.push(`  net APR ${pct(r.netApr)}   net APY ${pct(r.netApy)}`);
    if (r.breakdown) {
      for (const [key, entry] of Object.entries(r.breakdown)) {
        if (new Decimal(entry.usdPerYear).isZero()) continue;
        lines.push(
          `    ${key.padEnd(16)} ${usd(entry.usdPerYear).padStart(14)}/yr  ${pct(entry.apr)}`,
        );
      }
    }
    const last = r.projection[r.projection.length - 1];
    if (last)
      lines.push(`  equity after ${last.day} days at constant prices: ${usd(last.equityUsd)}`);
    for (const il of r.impermanentLoss) {
      lines.push(
        `  LP ${il.stepId} (${il.poolType}): value ${usd(il.current.valueUsd)}, impermanent loss ${pct(il.current.impermanentLoss)}`,
      );
    }
  }
  if (r.balances.length > 0) {
    lines.push('  steps:');
    for (const b of r.balances) lines.push(`    ${b.ok ? ' ' : '!'} ${b.stepId}: ${b.summary}`);
  }
  for (const w of r.warnings) lines.push(`  warning ${formatIssue(w)}`);
  return lines.join('\n');
}
