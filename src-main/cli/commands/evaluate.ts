import { Decimal } from '../../engine/decimal';
import type { Evaluation } from '../../engine/evaluate';
import { evaluateWithLimits, type EvaluationWithLimits } from '../../engine/limits';
import { LimitsService } from '../../services/limits';
import { strategyCommandArgs } from '../args';
import { formatIssue, reportIssues, type CliCommand } from '../command';

const USAGE = `Usage: yieldplan evaluate <strategy.json> [--at ASSET=PRICE ...] [--json]

Evaluates a strategy file and prints its position, risks and returns, and what breaks the
file's own risk limits (its "limits" section) with the smallest change that clears each.
  --at ASSET=PRICE   value the position (entered at the file's prices) at this USD price instead;
                     assets pegged to ASSET move with it. Repeat for several: --at ETH=2500 --at USDC=0.98
  --json             print the full evaluation as JSON (see docs/evaluation-output.md)
Exit code 0, or 1 when the strategy has errors (listed on stderr).`;

export const command: CliCommand = {
  summary: 'evaluate a strategy file (position, health, liquidation prices, APR/APY)',
  usage: USAGE,
  async run(args, io) {
    const input = await strategyCommandArgs({
      args,
      options: {
        json: { type: 'boolean', default: false },
        at: { type: 'string', multiple: true },
      },
      usage: USAGE,
      io,
    });
    if (typeof input === 'number') return input;
    const at = atPrices(input.values.at ?? []);
    // The CLI has no app settings: a file is held to its own `limits` only.
    const limits = new LimitsService(() => ({ limits: {} })).effectiveFor(input.document);
    const result = evaluateWithLimits(input.document, limits, at ? { at } : {});
    io.out(input.values.json ? JSON.stringify(result, null, 2) : summarize(result));
    return result.errors.length > 0 ? reportIssues(io, result.errors) : 0;
  },
};

/** `--at ETH=2500` → { ETH: '2500' }; the engine checks the asset and the price. */
export function atPrices(values: readonly string[]): Record<string, string> | null {
  if (values.length === 0) return null;
  const out: Record<string, string> = {};
  for (const value of values) {
    const m = /^([A-Za-z0-9._-]+)=(.+)$/.exec(value);
    if (!m) throw new Error(`--at expects ASSET=PRICE, e.g. ETH=2500 (got "${value}")`);
    out[m[1]!.toUpperCase()] = m[2]!;
  }
  return out;
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

export function summarize(r: Evaluation | EvaluationWithLimits): string {
  const lines: string[] = [];
  lines.push(`${r.name ?? 'strategy'}${r.ok ? '' : '  (has errors)'}`);
  if (r.whatIf) {
    const at = Object.entries(r.whatIf.at).map(([asset, price]) => `${asset} ${usd(price)}`);
    lines.push(
      `  what-if at ${at.join(', ')}: equity ${usd(r.equityUsd)} (${usd(r.whatIf.equityChangeUsd)} against ${usd(r.whatIf.entryEquityUsd)} at entry)`,
    );
  }
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
    for (const p of r.perps) {
      lines.push(
        `  perp ${p.stepId} (${p.side} ${p.asset}): PnL ${usd(p.pnlUsd)}, margin ${usd(p.marginUsd)}, leverage ${num(p.leverage, 2)}x, margin ratio ${pct(p.marginRatio)}`,
      );
    }
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
  for (const b of 'limits' in r ? r.limits.breaches : []) {
    lines.push(`  breaks limit: ${b.message}`);
    for (const fix of b.fixes) lines.push(`    fix: ${fix.message}`);
  }
  return lines.join('\n');
}
