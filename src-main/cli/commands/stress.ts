import { buildPosition } from '../../engine/build-position';
import { parseStrategy } from '../../engine/format/parse';
import { assetInfoFromStrategy, pegsFromStrategy, priceRoot, USD } from '../../engine/prices';
import { riskAssets } from '../../dynamics/position';
import { StressError, stressGrid, type StressAxis, type StressGrid } from '../../risk/stress';
import { strategyCommandArgs } from '../args';
import { reportIssues, type CliCommand } from '../command';

const USAGE = `Usage: yieldplan stress <strategy.json> [options]

Stress grids at the engine's exact math: the position as built, revalued at shocked prices
(health factor per market at oracle prices, equity at market prices, liquidatable or not). A
liquidatable cell's equity is after the market's liquidation at those prices; its health factor
is the one before it.
Without options: one price grid per volatile asset, every volatile asset shocked at once, and a
depeg grid per pegged asset (stablecoins, liquid staking). See docs/risk.md.
  --price ASSET           a price grid for ASSET (repeatable)
  --joint A,B,...         one grid shocking A, B, ... by the same move at once (repeatable)
  --depeg ASSET           a depeg grid for ASSET: its market price at a ratio of its peg (repeatable)
  --grid X/Y              a two-axis grid, each axis an ASSET, A+B (joint) or peg:ASSET,
                          e.g. --grid ETH/peg:STETH
  --shocks=s1,s2,...      price moves as fractions (default −0.9 … +3), e.g. --shocks=-0.5,-0.3,0
  --ratios r1,r2,...      peg ratios (default 1.00 … 0.80)
  --json                  the grids as JSON
Exit code 0, or 1 on an invalid strategy or option (listed on stderr).`;

function numbers(text: string | undefined, name: string): number[] | undefined {
  if (text === undefined) return undefined;
  const list = text.split(',').map((t) => Number(t.trim()));
  if (list.length === 0 || list.some((n) => !Number.isFinite(n)))
    throw new Error(`--${name} expects numbers separated by commas`);
  return list;
}

export const command: CliCommand = {
  summary: 'stress and depeg grids: health, equity and liquidation at shocked prices',
  usage: USAGE,
  async run(args, io) {
    const input = await strategyCommandArgs({
      args,
      options: {
        price: { type: 'string', multiple: true },
        joint: { type: 'string', multiple: true },
        depeg: { type: 'string', multiple: true },
        grid: { type: 'string', multiple: true },
        shocks: { type: 'string' },
        ratios: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      usage: USAGE,
      io,
    });
    if (typeof input === 'number') return input;
    const { values, document } = input;
    const parsed = parseStrategy(document);
    if (!parsed.ok) return reportIssues(io, parsed.errors);
    const built = buildPosition({ strategy: parsed.strategy });
    if (built.errors.length > 0) return reportIssues(io, built.errors);
    const shocks = numbers(values.shocks, 'shocks');
    const ratios = numbers(values.ratios, 'ratios');
    const axis = (spec: string): StressAxis => {
      if (spec.startsWith('peg:'))
        return { kind: 'peg', asset: spec.slice(4), ...(ratios ? { ratios } : {}) };
      const assets = spec.split('+').filter(Boolean);
      return assets.length > 1
        ? { kind: 'prices', assets, ...(shocks ? { shocks } : {}) }
        : { kind: 'price', asset: spec, ...(shocks ? { shocks } : {}) };
    };
    const requests: StressAxis[][] = [
      ...(values.price ?? []).map((a) => [axis(a)]),
      ...(values.joint ?? []).map((list) => [
        { kind: 'prices' as const, assets: list.split(','), ...(shocks ? { shocks } : {}) },
      ]),
      ...(values.depeg ?? []).map((a) => [axis(`peg:${a}`)]),
      ...(values.grid ?? []).map((g) => {
        const [x, y, extra] = g.split('/');
        if (!x || !y || extra !== undefined) throw new Error('--grid expects X/Y, e.g. ETH/BTC');
        return [axis(x), axis(y)];
      }),
    ];
    if (requests.length === 0) requests.push(...defaultAxes(built, shocks, ratios));
    const grids: StressGrid[] = [];
    for (const axes of requests) {
      try {
        grids.push(stressGrid({ built, axes }));
      } catch (error) {
        if (error instanceof StressError)
          return reportIssues(io, [{ code: error.code, message: error.message, field: 'axes' }]);
        throw error;
      }
    }
    io.out(values.json ? JSON.stringify(grids, null, 2) : grids.map(formatGrid).join('\n\n'));
    return 0;
  },
};

/**
 * What the grids show by default: each volatile peg root the position depends on (ETH for WETH
 * and wstETH, BTC), all of them at once when there are several, and each pegged stablecoin or
 * liquid-staking token.
 */
function defaultAxes(
  built: ReturnType<typeof buildPosition>,
  shocks: number[] | undefined,
  ratios: number[] | undefined,
): StressAxis[][] {
  const info = assetInfoFromStrategy(built.strategy);
  const pegs = pegsFromStrategy(built.strategy);
  const roots = new Set<string>();
  const pegged = new Set<string>();
  for (const a of riskAssets({ built })) {
    if (a === USD || a.startsWith('LP:')) continue;
    const kind = info.get(a)?.kind;
    if (pegs.has(a) && (kind === 'stable' || kind === 'liquid-staking')) pegged.add(a);
    const root = priceRoot({ asset: a, pegs })?.root ?? a;
    if (root !== USD && info.get(root)?.kind !== 'stable' && built.prices.get(root))
      roots.add(root);
  }
  const s = shocks ? { shocks } : {};
  const out: StressAxis[][] = [...roots].map((asset) => [{ kind: 'price', asset, ...s }]);
  if (roots.size > 1) out.push([{ kind: 'prices', assets: [...roots], ...s }]);
  for (const asset of pegged)
    if (built.prices.get(asset)) out.push([{ kind: 'peg', asset, ...(ratios ? { ratios } : {}) }]);
  return out;
}

const pct = (v: number) => `${v >= 0 ? '+' : ''}${(v * 100).toFixed(0)}%`;
const usd = (v: number) => {
  const whole = Math.round(v);
  return `${whole < 0 ? '-' : ''}$${Math.abs(whole).toLocaleString('en-US')}`;
};
/** A cell's health factor; a liquidated cell without one (a perp) is "liquidated", not "no debt". */
const hfOf = (p: StressGrid['points'][number]) =>
  p.healthFactor !== null ? p.healthFactor.toFixed(3) : p.liquidated ? 'liquidated' : 'no debt';
const axisLabel = (a: StressGrid['axes'][number]) =>
  a.kind === 'peg' ? `${a.asset} peg ratio` : `${a.assets.join(' + ')} price move`;
const valueLabel = (a: StressGrid['axes'][number], v: number) =>
  a.kind === 'peg' ? v.toFixed(2) : pct(v - 1);

export function formatGrid(grid: StressGrid): string {
  const [x, y] = grid.axes;
  if (!x) return '';
  if (!y) {
    const lines = [
      `${axisLabel(x)} (equity ${usd(grid.baseEquityUsd)} unshocked)`,
      `  ${'move'.padStart(8)}  ${'HF'.padStart(10)}  ${'equity'.padStart(12)}  ${'change'.padStart(12)}  liquidatable`,
    ];
    grid.points.forEach((p, i) =>
      lines.push(
        `  ${valueLabel(x, x.values[i]!).padStart(8)}  ${hfOf(p).padStart(10)}  ${usd(p.equityUsd).padStart(12)}  ${usd(p.equityChangeUsd).padStart(12)}  ${p.liquidated ? (p.liquidationLossUsd > 0 ? `yes, ${usd(p.liquidationLossUsd)} lost` : p.healthFactor === null ? 'yes, margin gone' : 'yes') : 'no'}`,
      ),
    );
    return lines.join('\n');
  }
  // two axes: health factor per cell, '*' where liquidatable
  const ny = y.values.length;
  const lines = [
    `health factor: rows ${axisLabel(x)}, columns ${axisLabel(y)} (* liquidatable)`,
    `  ${''.padStart(8)}${y.values.map((v) => valueLabel(y, v).padStart(9)).join('')}`,
  ];
  x.values.forEach((v, i) => {
    const cells = y.values.map((_, j) => {
      const p = grid.points[i * ny + j]!;
      const text = p.healthFactor === null && p.liquidated ? 'liq.' : hfOf(p);
      return `${text}${p.liquidated ? '*' : ' '}`.padStart(9);
    });
    lines.push(`  ${valueLabel(x, v).padStart(8)}${cells.join('')}`);
  });
  return lines.join('\n');
}
