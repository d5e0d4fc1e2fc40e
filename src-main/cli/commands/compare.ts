import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { Database } from 'better-sqlite3';
import { CompareInput, type CompareResult } from '../../contract/compare';
import { isoFromDay } from '../../market-data/calendar';
import { databaseHistorySource } from '../../services/backtest';
import { runComparison } from '../../services/compare/compare-service';
import { InlineCompute } from '../../services/compute/ops';
import { LimitsService } from '../../services/limits';
import { RiskService } from '../../services/risk';
import { formatIssue, type CliCommand, type CliIo } from '../command';
import { cellText, differenceText } from '../compare-text';
import { cliRiskWorkerUrl } from '../risk-worker-url';
import { openHistoryDatabase } from './backtest';

const USAGE = `Usage: yieldplan compare <a.json> <b.json> [<c.json> <d.json>] [options]

Compares 2 to 4 strategies side by side: key figures, one backtest window, the named scenarios
and one Monte Carlo (same model, seed, paths and horizon for all); the better value of each row
is marked with * and the differences are stated.
  --from YYYY-MM-DD    first day of the backtest window (default: a year before --to)
  --to YYYY-MM-DD      last day of the backtest window (default: the last stored day)
  --paths N            Monte Carlo paths (default 10000, at most 50000)
  --seed S             Monte Carlo seed (default 1)
  --model gbm|bootstrap  Monte Carlo model (default gbm)
  --days D             Monte Carlo horizon in days (default 365)
  --threads T          worker threads for the Monte Carlo (default 2)
  --db <path>          database to read history from (default: a temporary one seeded from the bundled data)
  --json               the full comparison as JSON
Exit code 0, or 1 on an unreadable file or an invalid option (listed on stderr).`;

const DAY_SECONDS = 86_400;

function integer(text: string | undefined, name: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} expects a non-negative integer`);
  return Number(text);
}

/** The last stored day of any price series (the default end of the window). */
function lastStoredDay(db: Database): string | null {
  const row = db.prepare('SELECT MAX(ts) AS last FROM prices').get() as { last: number | null };
  return row.last === null ? null : isoFromDay(row.last);
}

function shiftDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY_SECONDS * 1000)
    .toISOString()
    .slice(0, 10);
}

async function readStrategy(file: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new Error(
      `cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${file} does not hold a strategy object`);
  }
  return value as Record<string, unknown>;
}

/** The strategy's name, else the file's; repeated names get "(2)", "(3)". */
function labelsOf(files: readonly string[], docs: readonly Record<string, unknown>[]): string[] {
  const seen = new Map<string, number>();
  return docs.map((doc, i) => {
    const name =
      typeof doc['name'] === 'string' && doc['name'].trim()
        ? doc['name'].trim()
        : basename(files[i]!);
    const label = name.slice(0, 110);
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}

export const command: CliCommand = {
  summary: 'compare 2-4 strategies side by side (figures, backtest, scenarios, Monte Carlo)',
  usage: USAGE,
  async run(args, io) {
    const { values, positionals } = parseArgs({
      args,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        paths: { type: 'string' },
        seed: { type: 'string' },
        model: { type: 'string' },
        days: { type: 'string' },
        threads: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
    if (values.help) {
      io.out(USAGE);
      return 0;
    }
    if (positionals.length < 2 || positionals.length > 4) {
      io.err(USAGE);
      return 1;
    }
    const docs = await Promise.all(positionals.map(readStrategy));
    const labels = labelsOf(positionals, docs);
    const threads = integer(values.threads, 'threads') ?? 2;
    const db = await openHistoryDatabase(values.db);
    const workerUrl = cliRiskWorkerUrl();
    const risk = new RiskService(databaseHistorySource(db), {
      threads: Math.max(1, threads),
      ...(workerUrl ? { workerUrl } : {}),
    });
    try {
      const to = values.to ?? lastStoredDay(db);
      if (!to) throw new Error('no price history is stored; give --from and --to');
      const parsed = CompareInput.safeParse({
        items: docs.map((strategy, i) => ({ label: labels[i], strategy })),
        from: values.from ?? shiftDays(to, -365),
        to,
        simulation: {
          model: values.model ?? 'gbm',
          paths: integer(values.paths, 'paths') ?? 10_000,
          seed: integer(values.seed, 'seed') ?? 1,
          days: integer(values.days, 'days') ?? 365,
        },
      });
      if (!parsed.success) {
        io.err(
          parsed.error.issues
            .map((issue) => `invalid ${issue.path.join('.') || 'input'}: ${issue.message}`)
            .join('\n'),
        );
        return 1;
      }
      const compute = new InlineCompute(db, { risk });
      // The CLI has no app settings: each file is held to its own limits only.
      const limits = new LimitsService(() => ({ limits: {} }));
      const result = await runComparison(
        compute,
        parsed.data,
        { signal: new AbortController().signal, progress: () => undefined },
        limits,
      );
      io.out(values.json ? JSON.stringify(result, null, 2) : formatComparison(result));
      reportStrategyIssues(io, result);
      return 0;
    } finally {
      await risk.close();
      db.close();
    }
  },
};

/** Engine errors of a strategy go to stderr (its columns are empty), the comparison still prints. */
function reportStrategyIssues(io: CliIo, result: CompareResult): void {
  const lines = result.issues.flatMap((issues, i) =>
    issues.map((issue) => `${result.labels[i]}: ${formatIssue(issue)}`),
  );
  if (lines.length > 0) io.err(lines.join('\n'));
}

const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - text.length));

/** A text table: one column per strategy, * on the better value, the difference under the row. */
export function formatComparison(r: CompareResult): string {
  const labelWidth = Math.max(
    12,
    ...r.sections.flatMap((s) => s.rows.map((row) => row.label.length + 4)),
  );
  const cellWidth = Math.max(
    14,
    ...r.labels.map((l) => l.length + 2),
    ...r.sections.flatMap((s) =>
      s.rows.flatMap((row) => row.values.map((_, i) => cellText(row, i).length + 4)),
    ),
  );
  const sim = r.simulation;
  const lines = [
    `compare ${r.labels.length} strategies`,
    `  backtest ${r.window.from} .. ${r.window.to}; Monte Carlo ${sim.model.toUpperCase()} ${sim.paths.toLocaleString('en-US')} paths × ${sim.days} days, seed ${sim.seed}`,
    '',
    pad('', labelWidth) + r.labels.map((l) => pad(l, cellWidth)).join(''),
  ];
  for (const s of r.sections) {
    lines.push('', s.title);
    s.problems.forEach((p, i) => {
      if (p) lines.push(`  ${r.labels[i]}: ${p}`);
    });
    for (const row of s.rows) {
      const cells = row.values.map((_, i) => {
        const text = cellText(row, i);
        return pad(row.best.includes(i) ? `${text} *` : text, cellWidth);
      });
      lines.push(pad(`  ${row.label}`, labelWidth) + cells.join('').trimEnd());
      if (row.difference?.kind === 'gaps') lines.push(`    ${differenceText(row, r.labels)}`);
    }
  }
  lines.push(
    '',
    `better in: ${r.labels.map((l, i) => `${l} ${r.wins[i]}`).join(', ')} (* marks the better value of a row)`,
  );
  const breached = r.breaches.some((b) => b.length > 0);
  if (breached) lines.push('', 'Limit breaches');
  r.breaches.forEach((list, i) => {
    for (const breach of list) {
      lines.push(`  ${r.labels[i]}: ${breach.message}`);
      for (const fix of breach.fixes) lines.push(`    fix: ${fix.message}`);
    }
  });
  return lines.join('\n');
}
