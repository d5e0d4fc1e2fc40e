import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Decimal } from '../../engine/decimal';
import { evaluate, type Evaluation } from '../../engine/evaluate';
import type { EngineIssue } from '../../engine/position';
import type { CliCommand } from '../command';

const USAGE = `Usage: yieldplan evaluate <strategy.json> [--json]

Evaluates a strategy file and prints its position, risks and returns.
  --json   print the full evaluation as JSON (see docs/evaluation-output.md)
Exit code 0, or 1 when the strategy has errors (listed on stderr).`;

export const command: CliCommand = {
  summary: 'evaluate a strategy file (position, health, liquidation prices, APR/APY)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    const [file] = positionals;
    if (!file || positionals.length > 1) {
      io.err(USAGE);
      return 1;
    }
    let document: unknown;
    try {
      document = JSON.parse(await readFile(file, 'utf8'));
    } catch (error) {
      io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
      return 1;
    }
    const result = evaluate(document);
    io.out(values.json ? JSON.stringify(result, null, 2) : summarize(result));
    if (result.errors.length > 0) {
      io.err(result.errors.map(formatIssue).join('\n'));
      return 1;
    }
    return 0;
  },
};

export function formatIssue(issue: EngineIssue): string {
  const where = [issue.stepId && `step ${issue.stepId}`, issue.field].filter(Boolean).join(' ');
  return `${issue.code}${where ? ` (${where})` : ''}: ${issue.message}`;
}

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
