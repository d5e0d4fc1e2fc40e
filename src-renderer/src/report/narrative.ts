import type { ReportPayload, StressGrid } from '../../../src-main/contract/index';
import { formatHealthFactor, formatPercentPrint, formatRatio, formatUsd } from '../lib/format';
import { firstLiquidated, marketName, markets, pointAt, label } from './facts';
import { perpName, stepRef } from './words';

/**
 * The report's risk section, written for THIS chain from its own numbers: what liquidates it and
 * how far away that is, rate risk, impermanent loss, depeg of its stable and liquid-staking assets,
 * and smart-contract and contagion exposure per protocol. Every sentence cites a figure the report
 * also shows in a table or chart; nothing is boilerplate.
 */
export interface RiskTopic {
  id: 'liquidation' | 'rates' | 'impermanent-loss' | 'depeg' | 'protocols';
  title: string;
  paragraphs: string[];
}

const pct = (v: number | string | null, digits?: number) =>
  formatPercentPrint(v, digits === undefined ? {} : { digits });
const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

export function riskNarrative(payload: ReportPayload): RiskTopic[] {
  return [
    liquidation(payload),
    rates(payload),
    impermanentLoss(payload),
    depeg(payload),
    protocols(payload),
  ];
}

function liquidation(p: ReportPayload): RiskTopic {
  const e = p.evaluation;
  const out: string[] = [];
  const debtMarkets = Object.entries(e.healthFactor.byMarket).filter(([, m]) => !m.noDebt);
  if (e.liquidations.length === 0 && debtMarkets.length === 0) {
    out.push(
      'Nothing is borrowed and no position is on margin: no price move liquidates this chain. Its losses come from prices, depegs and protocol failures, below.',
    );
  }
  for (const [id, m] of debtMarkets) {
    out.push(
      `${marketName(p, id)} lends ${formatUsd(m.debtUsd)} against ${formatUsd(m.collateralUsd)} of collateral (LTV ${pct(m.ltv)}); its health factor is ${formatHealthFactor(m.healthFactor)}, and the account is liquidated at 1.000.`,
    );
  }
  for (const l of e.liquidations) {
    const move = l.direction === 'down' ? 'falls' : 'rises';
    const where = l.source === 'perp' ? `The ${perpName(p, l.stepId)}` : marketName(p, l.marketId);
    out.push(
      `${where} is liquidated if ${l.asset} ${move} from ${formatUsd(l.currentPriceUsd)} to ${formatUsd(l.priceUsd)}: a move of ${pct(Math.abs(Number(l.drop)))}.`,
    );
  }
  if (e.liquidations.length === 0 && debtMarkets.length > 0) {
    out.push(
      'No price move of a single priced asset liquidates it on its own: collateral and debt move together. What can is a depeg of the collateral against the debt (see Depeg) or the debt growing faster than the collateral over time.',
    );
  }
  if (p.stress.status === 'included') {
    for (const g of p.stress.price) {
      const asset = g.axes[0]!.asset;
      const hit = firstLiquidated(g, 'down');
      const half = pointAt(g, 0.5);
      if (hit) {
        out.push(
          `In the stress grid the first ${asset} fall that liquidates is ${formatPercentPrint(hit.values[0]! - 1, { digits: 0 })}${half ? `; at −50 % equity changes by ${formatUsd(half.equityChangeUsd)}` : ''}.`,
        );
      } else if (half) {
        out.push(
          `No ${asset} fall down to ${formatPercentPrint(Math.min(...g.axes[0]!.values) - 1, { digits: 0 })} liquidates it; at −50 % equity changes by ${formatUsd(half.equityChangeUsd)} (${pct(g.baseEquityUsd > 0 ? half.equityChangeUsd / g.baseEquityUsd : null)}).`,
        );
      }
    }
  }
  if (p.scenarios.status === 'included') {
    const ok = p.scenarios.rows.filter((r) => r.status === 'ok');
    const hit = ok.filter((r) => r.strategy.liquidated);
    if (ok.length > 0) {
      const worst = ok.reduce((a, b) => (a.strategy.totalReturn <= b.strategy.totalReturn ? a : b));
      out.push(
        `Replayed through ${ok.length} named crises it was liquidated in ${hit.length}${hit.length ? ` (${hit.map((r) => r.title).join(', ')})` : ''}; the worst was ${worst.title} at ${pct(worst.strategy.totalReturn)}.`,
      );
    }
  }
  if (p.backtest.status === 'included') {
    const s = p.backtest.result.stats;
    const window = `${p.backtest.result.from} to ${p.backtest.result.to}`;
    out.push(
      s.minHealthFactor === null
        ? `Over the backtest ${window} nothing was borrowed on any day; ${s.perpLiquidationCount} perp liquidations.`
        : `Over the backtest ${window} the lowest health factor was ${formatHealthFactor(s.minHealthFactor)}${s.minHealthFactorDate ? ` on ${s.minHealthFactorDate}` : ''}, with ${s.daysUnder1_2} days under 1.2 and ${s.liquidationCount + s.perpLiquidationCount} liquidations.`,
    );
  }
  if (p.monteCarlo.status === 'included') {
    const r = p.monteCarlo.result;
    out.push(
      `In ${r.paths.toLocaleString('en-US')} simulated paths (${r.model.toUpperCase()}, ${r.days} days) ${pct(r.liquidation.probability)} were liquidated at least once.`,
    );
  }
  return {
    id: 'liquidation',
    title: 'What liquidates it, and how far away that is',
    paragraphs: out,
  };
}

function rates(p: ReportPayload): RiskTopic {
  const e = p.evaluation;
  const out: string[] = [];
  const debt = num(e.debtUsd) ?? 0;
  const equity = num(e.equityUsd) ?? 0;
  const netApr = num(e.netApr);
  for (const [marketId, assets] of Object.entries(e.lendingRates)) {
    const raw = markets(p).find((m) => m.id === marketId)?.raw;
    const params = (raw?.['assets'] ?? {}) as Record<string, { rates?: Record<string, unknown> }>;
    for (const [asset, r] of Object.entries(assets)) {
      const curve = params[asset]?.rates;
      const kink = curve?.['type'] === 'curve' ? Number(curve['optimalUtilization']) : null;
      const util = r.utilization === null ? '' : ` at ${pct(r.utilization)} utilisation`;
      const kinkText =
        kink !== null && Number.isFinite(kink)
          ? `; past the kink at ${pct(kink, 0)} utilisation the curve's steep slope takes over`
          : ' (a fixed rate in the strategy)';
      out.push(
        `${asset} on ${marketName(p, marketId)}: supply ${pct(r.supplyApr)}, borrow ${pct(r.borrowApr)}${util}${kinkText}.`,
      );
    }
  }
  if (debt > 0 && netApr !== null && equity > 0) {
    const cost = e.breakdown?.borrowInterest;
    const breakEven = (netApr * equity) / debt;
    out.push(
      `It owes ${formatUsd(debt)} on ${formatUsd(equity)} of equity, so each percentage point on the borrow rate moves net APR by ${pct((0.01 * debt) / equity)}. Borrow interest costs ${formatUsd(cost?.usdPerYear ?? null)} a year now; ${
        breakEven > 0
          ? `a rise of ${pct(breakEven)} in the borrow rate (with supply rates unchanged) takes the net APR of ${pct(netApr)} to zero.`
          : `the net APR is already ${pct(netApr)}.`
      }`,
    );
  } else if (debt === 0) {
    const income = Object.entries(e.breakdown ?? {})
      .filter(([, b]) => Number(b.usdPerYear) > 0)
      .sort((a, b) => Number(b[1].usdPerYear) - Number(a[1].usdPerYear));
    out.push(
      `Nothing is borrowed, so no rate can turn against a debt; the income is ${income.map(([k, b]) => `${label(k).toLowerCase()} ${pct(b.apr)}`).join(', ') || 'none'}, which falls if those rates fall.`,
    );
  }
  if (p.backtest.status === 'included') {
    for (const u of p.backtest.result.rateUsage) {
      out.push(
        `The backtest priced ${marketName(p, u.marketId)} with ${u.mode === 'history' ? `stored rate history (${pct(u.historyShare, 0)} of days)` : "the strategy's rate model"}.`,
      );
    }
  }
  return { id: 'rates', title: 'Rate risk', paragraphs: out };
}

function impermanentLoss(p: ReportPayload): RiskTopic {
  const out: string[] = [];
  const il = p.evaluation.impermanentLoss;
  if (il.length === 0) out.push('No liquidity position: this chain has no impermanent loss.');
  const nearest = (curve: { priceMultiple: string; impermanentLoss: string }[], m: number) =>
    curve.reduce<(typeof curve)[number] | null>(
      (best, c) =>
        best === null ||
        Math.abs(Number(c.priceMultiple) - m) < Math.abs(Number(best.priceMultiple) - m)
          ? c
          : best,
      null,
    );
  for (const lp of il) {
    const [a, b] = lp.assets;
    const half = nearest(lp.curve, 0.5);
    const double = nearest(lp.curve, 2);
    out.push(
      `The ${label(lp.poolType).toLowerCase()} pool ${a}/${b} (step ${stepRef(p, lp.stepId)}) holds ${formatUsd(lp.current.valueUsd)}; impermanent loss is ${pct(lp.current.impermanentLoss)} now${lp.current.inRange ? '' : ' and the range is out of range'}, ${half ? `${pct(half.impermanentLoss)} if ${a} halves against ${b}` : ''}${half && double ? ' and ' : ''}${double ? `${pct(double.impermanentLoss)} if it doubles` : ''}.`,
    );
  }
  const fees = p.evaluation.breakdown?.lpFees;
  if (il.length > 0 && fees) {
    out.push(`Pool fees earn ${pct(fees.apr)} of equity a year, the cushion against that loss.`);
  }
  if (p.backtest.status === 'included' && il.length > 0) {
    const s = p.backtest.result.series.impermanentLossUsd;
    const worst = s.length ? Math.min(...s) : 0;
    out.push(`Over the backtest the impermanent loss reached ${formatUsd(worst)} at its worst.`);
  }
  return { id: 'impermanent-loss', title: 'Impermanent loss', paragraphs: out };
}

function depegLine(p: ReportPayload, g: StressGrid): string {
  const asset = g.axes[0]!.asset;
  const info = p.assets.find((a) => a.symbol === asset);
  const kind = info?.kind === 'liquid-staking' ? 'a liquid-staking token' : 'a stablecoin';
  const at97 = pointAt(g, 0.97);
  const at90 = pointAt(g, 0.9);
  const hit = firstLiquidated(g, 'down');
  const share = (v: number) => (g.baseEquityUsd > 0 ? ` (${pct(v / g.baseEquityUsd)})` : '');
  const parts = [`${asset} is ${kind} pegged to ${info?.peg?.asset ?? 'its anchor'}.`];
  if (at97)
    parts.push(
      `Trading at 0.97 of its peg changes equity by ${formatUsd(at97.equityChangeUsd)}${share(at97.equityChangeUsd)}`,
    );
  if (at90)
    parts.push(`at 0.90 by ${formatUsd(at90.equityChangeUsd)}${share(at90.equityChangeUsd)}.`);
  parts.push(
    hit
      ? `A depeg to ${formatRatio(hit.values[0], 2)} (a ${pct(1 - hit.values[0]!, 0)} discount) liquidates the position.`
      : `No depeg down to ${formatRatio(Math.min(...g.axes[0]!.values), 2)} liquidates it.`,
  );
  const gone = g.points.find((pt) => pt.equityUsd <= 0 && !pt.liquidated);
  if (gone && !hit) {
    const onRate = exchangeRateOracle(p, asset);
    parts.push(
      onRate
        ? `Yet equity is gone at ${formatRatio(gone.values[0], 2)}: the lending oracle prices ${onRate} at its exchange rate and does not see this market price, so the loss arrives without a liquidation to stop it.`
        : `Yet equity is gone at ${formatRatio(gone.values[0], 2)}, without a liquidation.`,
    );
  }
  return parts.join(' ').replace('. at', '; at');
}

/** The collateral (this asset, or one pegged onto it) that a lending market prices by exchange rate. */
function exchangeRateOracle(p: ReportPayload, asset: string): string | null {
  const onto = [asset, ...p.assets.filter((a) => a.peg?.asset === asset).map((a) => a.symbol)];
  for (const m of markets(p)) {
    const params = (m.raw['assets'] ?? {}) as Record<string, { oracle?: string }>;
    const hit = onto.find((s) => params[s]?.oracle === 'exchange-rate');
    if (hit) return hit;
  }
  return null;
}

function depeg(p: ReportPayload): RiskTopic {
  const out: string[] = [];
  const pegged = p.assets.filter((a) => a.kind === 'stable' || a.kind === 'liquid-staking');
  const grids = p.stress.status === 'included' ? p.stress.depeg : [];
  for (const g of grids) out.push(depegLine(p, g));
  const covered = new Set(grids.map((g) => g.axes[0]!.asset));
  const rest = pegged.filter((a) => !covered.has(a.symbol) && a.peg);
  if (rest.length > 0) {
    out.push(
      `${rest.map((a) => a.symbol).join(', ')} ${rest.length === 1 ? 'is' : 'are'} pegged too but not held at a price the grid can move.`,
    );
  }
  if (pegged.length === 0)
    out.push('The chain holds no stablecoin or liquid-staking token: no depeg can hit it.');
  if (p.scenarios.status === 'included') {
    // a scenario about one of this chain's pegged assets names it in its title ("USDC depeg", "stETH discount")
    const names = pegged.map((a) => a.symbol.replace(/^W(?=ST)/, '').toLowerCase());
    for (const r of p.scenarios.rows) {
      if (r.status !== 'ok' || !names.some((n) => r.title.toLowerCase().includes(n))) continue;
      out.push(
        `In the ${r.title} replay it returned ${pct(r.strategy.totalReturn)}${r.strategy.liquidated ? ' and was liquidated' : ''}.`,
      );
    }
  }
  return { id: 'depeg', title: 'Depeg of its stable and liquid-staking assets', paragraphs: out };
}

function protocols(p: ReportPayload): RiskTopic {
  const out: string[] = [];
  if (p.protocol.status !== 'included') {
    out.push(`Protocol risk could not be computed: ${p.protocol.reason}`);
    return { id: 'protocols', title: 'Smart-contract and contagion exposure', paragraphs: out };
  }
  const r = p.protocol;
  for (const x of [...r.protocols].sort((a, b) => b.lossUsd - a.lossUsd)) {
    if (x.lossUsd === 0) {
      out.push(
        `${marketName(p, x.marketId)} (${x.protocol}) holds nothing at the end of the chain: it is used in passing (a swap), so its failure takes no position here.`,
      );
      continue;
    }
    out.push(
      `${marketName(p, x.marketId)} (${x.protocol}): ${formatUsd(x.lossUsd)} is lost if it fails${x.lossShareOfEquity === null ? '' : `, ${pct(x.lossShareOfEquity)} of equity`}; at an assumed ${pct(x.annualFailureProbability)} a year failure probability and ${pct(x.lossGivenFailure, 0)} loss given failure (${label(x.source).toLowerCase()}), that is ${formatUsd(x.expectedLossUsd)} a year expected.`,
    );
  }
  out.push(
    `Together ${formatUsd(r.expectedYearlyLossUsd)} a year expected (${pct(r.expectedLossRate)} of equity): net APY ${pct(r.netApy)} becomes ${pct(r.riskAdjustedApy)} risk-adjusted.`,
  );
  const chained = r.positions.filter((x) => x.dependsOn.length > 1);
  for (const x of chained) {
    out.push(
      `Contagion: ${x.label} (${formatUsd(x.valueUsd)}) depends on ${x.dependsOn.map((m) => marketName(p, m)).join(' and ')} at once — a failure of any one of them takes it.`,
    );
  }
  const lst = p.assets.filter((a) => a.kind === 'liquid-staking');
  for (const a of lst) {
    out.push(
      `${a.symbol} is itself a protocol's token (${a.name ?? a.symbol}): a failure there reaches every position holding it, which the depeg lines above price.`,
    );
  }
  if (chained.length === 0 && r.protocols.length > 1) {
    out.push(
      'No position depends on two protocols at once: a failure of one does not cascade into another here.',
    );
  }
  return { id: 'protocols', title: 'Smart-contract and contagion exposure', paragraphs: out };
}
