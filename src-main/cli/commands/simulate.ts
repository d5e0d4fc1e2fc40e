import { parseStrategy } from '../../engine/format/parse';
import { simulate, type SimulationResult } from '../../risk/monte-carlo';
import { databaseHistorySource, loadHistory } from '../../services/backtest';
import { automationOptions, strategyCommandArgs } from '../args';
import { reportIssues, type CliCommand } from '../command';
import { cliRiskWorkerUrl } from '../risk-worker-url';
import { openHistoryDatabase } from './backtest';

const USAGE = `Usage: yieldplan simulate <strategy.json> [options]

Monte Carlo of the strategy's daily dynamics under simulated prices; see docs/risk.md.
  --paths N                   number of paths (default 10000)
  --days D                    horizon in days (default: the strategy's horizonDays)
  --seed S                    random seed, a non-negative integer (default 1): same seed, same numbers
  --model gbm|bootstrap       correlated GBM fitted to history, or block bootstrap of history (default gbm)
  --from YYYY-MM-DD           first day of the history window (default: 3 years before its last day)
  --all-history               estimate from every stored day instead (ETH from 2015: far higher volatility)
  --to YYYY-MM-DD             last day of the history window
  --block-length L            bootstrap mean block length in days (default 10)
  --drift-mode zero|historical  expected price change: zero (default, no forecast) or the
                              history window's mean (labelled with its caution in the output)
  --drift ASSET=x             GBM drift of ASSET, annual (repeatable), e.g. --drift ETH=0
  --vol ASSET=x               GBM volatility of ASSET, annual (repeatable), e.g. --vol ETH=0.8;
                              a pegged asset given a volatility becomes a free random walk
  --corr A:B=x                GBM correlation of A and B (repeatable), e.g. --corr ETH:BTC=0.8
  --depeg calibrated|none|free  stablecoins and staking tokens: pegged with depeg jumps
                              calibrated from history (default), a hard peg, or a free random walk
  --depeg-jumps ASSET=<perYear>:<depth>[:<halfLifeDays>]  override one asset's jumps (repeatable)
  --depeg-stress <depth>[@<day>][:<halfLifeDays>][=ASSET,...]  a depeg on every path, e.g.
                              0.1@30 = 10 % below peg after day 30, never recovering
  --crash <perYear>:<size>    crash overlay, e.g. 1:-0.3 = one 30 % crash a year on average
  --deleverage <hf>:<target>  automation: deleverage to <target> when HF < <hf>, e.g. 1.3:1.8
  --releverage <hf>:<target>  automation: re-leverage to <target> when HF > <hf>
  --threads T                 worker threads (default 2; 1 runs in the main thread)
  --db <path>                 database to read history from (default: the bundled price files)
  --json                      the full result as JSON
Exit code 0, or 1 on an invalid strategy or option (listed on stderr).`;

function integer(
  text: string | undefined,
  name: string,
  fallback: number | undefined,
): number | undefined {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text)) throw new Error(`--${name} expects a non-negative integer`);
  return Number(text);
}

function crashOption(
  text: string | undefined,
): { crashesPerYear: number; size: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?):(-?\d+(?:\.\d+)?)$/.exec(text);
  if (!m) throw new Error('--crash expects <perYear>:<size>, e.g. 1:-0.3');
  return { crashesPerYear: Number(m[1]), size: Number(m[2]) };
}

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;

/** `ASSET=x` pairs of a repeatable option. */
function assetValues(list: string[] | undefined, name: string): Array<[string, number]> {
  return (list ?? []).map((text) => {
    const m = new RegExp(`^([A-Za-z0-9._:-]+)=(${NUMBER})$`).exec(text);
    if (!m) throw new Error(`--${name} expects ASSET=number, e.g. ETH=0.8 (got "${text}")`);
    return [m[1]!, Number(m[2])];
  });
}

function gbmOptions(values: { drift?: string[]; vol?: string[]; corr?: string[] }) {
  const assets: Record<string, { driftAnnual?: number; volAnnual?: number }> = {};
  for (const [a, x] of assetValues(values.drift, 'drift')) (assets[a] ??= {}).driftAnnual = x;
  for (const [a, x] of assetValues(values.vol, 'vol')) (assets[a] ??= {}).volAnnual = x;
  const correlations: Record<string, number> = {};
  for (const [pair, x] of assetValues(values.corr, 'corr')) {
    const [a, b, extra] = pair.split(':');
    if (!a || !b || extra !== undefined)
      throw new Error(`--corr expects A:B=number, e.g. ETH:BTC=0.8 (got "${pair}")`);
    correlations[`${a}/${b}`] = x;
  }
  return { assets, correlations };
}

function depegOptions(values: {
  depeg?: string;
  'depeg-jumps'?: string[];
  'depeg-stress'?: string;
}) {
  const mode = values.depeg ?? 'calibrated';
  if (mode !== 'calibrated' && mode !== 'none' && mode !== 'free')
    throw new Error('--depeg expects calibrated, none or free');
  const assets: Record<string, { eventsPerYear: number; depth: number; halfLifeDays?: number }> =
    {};
  for (const text of values['depeg-jumps'] ?? []) {
    const m = new RegExp(`^([A-Za-z0-9._-]+)=(${NUMBER}):(${NUMBER})(?::(${NUMBER}))?$`).exec(text);
    if (!m) throw new Error(`--depeg-jumps expects ASSET=<perYear>:<depth>[:<halfLifeDays>]`);
    assets[m[1]!] = {
      eventsPerYear: Number(m[2]),
      depth: Number(m[3]),
      ...(m[4] === undefined ? {} : { halfLifeDays: Number(m[4]) }),
    };
  }
  const stressText = values['depeg-stress'];
  let stress;
  if (stressText !== undefined) {
    const m = new RegExp(`^(${NUMBER})(?:@(\\d+))?(?::(${NUMBER}))?(?:=([A-Za-z0-9._,-]+))?$`).exec(
      stressText,
    );
    if (!m) throw new Error('--depeg-stress expects <depth>[@<day>][:<halfLifeDays>][=ASSET,...]');
    stress = {
      depth: Number(m[1]),
      ...(m[2] === undefined ? {} : { day: Number(m[2]) }),
      ...(m[3] === undefined ? {} : { halfLifeDays: Number(m[3]) }),
      ...(m[4] === undefined ? {} : { assets: m[4].split(',') }),
    };
  }
  return { mode, assets, ...(stress ? { stress } : {}) } as const;
}

/** `--model`, default gbm; undefined for anything else (the usage is printed). */
function modelOption(text: string | undefined): 'gbm' | 'bootstrap' | undefined {
  const model = text ?? 'gbm';
  return model === 'gbm' || model === 'bootstrap' ? model : undefined;
}

export const command: CliCommand = {
  summary: 'Monte Carlo: liquidation odds, return percentiles, VaR/CVaR (seeded)',
  usage: USAGE,
  async run(args, io) {
    const input = await strategyCommandArgs({
      args,
      options: {
        paths: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        model: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        'all-history': { type: 'boolean', default: false },
        'block-length': { type: 'string' },
        'drift-mode': { type: 'string' },
        drift: { type: 'string', multiple: true },
        vol: { type: 'string', multiple: true },
        corr: { type: 'string', multiple: true },
        depeg: { type: 'string' },
        'depeg-jumps': { type: 'string', multiple: true },
        'depeg-stress': { type: 'string' },
        crash: { type: 'string' },
        deleverage: { type: 'string' },
        releverage: { type: 'string' },
        threads: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      usage: USAGE,
      io,
      valid: (values) => modelOption(values.model) !== undefined,
    });
    if (typeof input === 'number') return input;
    const { values, document } = input;
    const model = modelOption(values.model)!;
    const parsed = parseStrategy(document);
    if (!parsed.ok) return reportIssues(io, parsed.errors);
    const blockLength = values['block-length'];
    const options = {
      model,
      paths: integer(values.paths, 'paths', 10_000)!,
      days: integer(values.days, 'days', undefined),
      seed: integer(values.seed, 'seed', 1)!,
      window: {
        ...(values.from ? { from: values.from } : {}),
        ...(values.to ? { to: values.to } : {}),
        ...(values['all-history'] ? { all: true } : {}),
      },
      ...(blockLength === undefined ? {} : { meanBlockLength: Number(blockLength) }),
      ...(values['drift-mode'] === undefined
        ? {}
        : { drift: values['drift-mode'] as 'zero' | 'historical' }),
      gbm: gbmOptions(values),
      depeg: depegOptions(values),
      crash: crashOption(values.crash),
      automation: automationOptions(values, []).automation,
    } as const;

    const db = await openHistoryDatabase(values.db);
    let history;
    try {
      history = loadHistory({
        strategy: parsed.strategy,
        source: databaseHistorySource(db),
      }).prices;
    } finally {
      db.close();
    }
    const workerUrl = cliRiskWorkerUrl();
    const result = await simulate({
      strategy: document,
      history,
      options,
      threads: integer(values.threads, 'threads', 2),
      ...(workerUrl ? { workerUrl } : {}),
    });
    if (!result.ok) return reportIssues(io, result.errors);
    io.out(values.json ? JSON.stringify(result, null, 2) : summarize(result));
    return 0;
  },
};

const usd = (v: number) =>
  `${v < 0 ? '-' : ''}$${Math.abs(v).toLocaleString('en-US', { maximumFractionDigits: 0 })}`;
const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : `${(v * 100).toFixed(2)}%`;

export function summarize(r: SimulationResult): string {
  const p = r.parameters;
  const lines = [
    `${r.model.toUpperCase()} Monte Carlo: ${r.paths.toLocaleString('en-US')} paths × ${r.days} days, seed ${r.seed}`,
    `  factors ${p.factors.join(', ') || 'none'}${p.window ? ` (history ${p.window.from}..${p.window.to}, ${p.window.days} days)` : ''}`,
  ];
  if (p.window) lines.push(`  window: ${p.window.note}`);
  lines.push(
    `  drift: ${p.drift.mode === 'zero' ? 'zero (no forecast)' : 'historical mean of the window'}${p.drift.overridden.length ? `, set for ${p.drift.overridden.join(', ')}` : ''}`,
  );
  if (p.gbm) {
    p.gbm.assets.forEach((a, i) =>
      lines.push(
        `    ${a.padEnd(8)} drift ${pct(p.gbm!.driftAnnual[i])}/yr  volatility ${pct(p.gbm!.volAnnual[i])}/yr`,
      ),
    );
  } else {
    for (const [a, mu] of Object.entries(p.drift.annual))
      if (!(a in p.depeg.assets)) lines.push(`    ${a.padEnd(8)} drift ${pct(mu)}/yr`);
  }
  if (p.drift.caution) lines.push(`  caution: ${p.drift.caution}`);
  for (const [a, d] of Object.entries(p.depeg.assets)) {
    lines.push(
      d.class
        ? `  ${a} pegged to ${d.anchor}: ${d.eventsPerYear.toFixed(3)} depegs/yr of ${pct(d.depth)}, half-life ${d.halfLifeDays} days`
        : `  ${a} pegged to ${d.anchor} (no depeg jumps)`,
    );
  }
  if (p.depeg.stress) {
    const st = p.depeg.stress;
    lines.push(
      `  depeg stress: ${pct(st.depth)} below peg after day ${st.day} on ${st.assets.join(', ')}, ${st.halfLifeDays === null ? 'never recovering' : `half-life ${st.halfLifeDays} days`}`,
    );
  }
  if (p.meanBlockLength !== null) lines.push(`  mean block length ${p.meanBlockLength} days`);
  if (p.crash)
    lines.push(
      `  crash overlay: ${p.crash.crashesPerYear}/yr of ${pct(p.crash.size)} on ${p.crash.assets.join(', ') || 'no simulated asset'}`,
    );
  lines.push(
    `  start equity ${usd(r.startEquityUsd)}`,
    `  liquidated within ${r.days} days: ${pct(r.liquidation.probability)} of paths`,
    `  terminal equity   ${['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'].map((k) => `${k} ${usd(r.terminalEquityUsd[k]!)}`).join('  ')}`,
    `  annualized return ${['p1', 'p5', 'p25', 'p50', 'p75', 'p95', 'p99'].map((k) => `${k} ${pct(r.annualizedReturn[k])}`).join('  ')}`,
    `  VaR 95% ${usd(r.var95.valueAtRiskUsd)} (${pct(r.var95.valueAtRisk)})  CVaR 95% ${usd(r.var95.expectedShortfallUsd)} (${pct(r.var95.expectedShortfall)})`,
    `  VaR 99% ${usd(r.var99.valueAtRiskUsd)} (${pct(r.var99.valueAtRisk)})  CVaR 99% ${usd(r.var99.expectedShortfallUsd)} (${pct(r.var99.expectedShortfall)})`,
  );
  if (r.automation.pathsWithActions > 0) {
    lines.push(
      `  automation acted on ${r.automation.pathsWithActions} paths (${r.automation.meanActionsPerPath.toFixed(2)} actions per path)`,
    );
  }
  for (const note of r.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}
