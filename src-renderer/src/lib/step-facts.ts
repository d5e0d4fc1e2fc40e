import Decimal from 'decimal.js';
import type { EngineIssue, Evaluation, StepOutcome } from '../../../src-main/contract/index';
import type { StepInput, StrategyInput } from '../state/document/types';
import { allSteps } from '../state/document/tree';
import { formatHealthFactor, formatPercent, formatUnits } from './format';

/**
 * What the builder shows on each block, read from the engine's evaluation of the document:
 * its issues (attributed to the step and field they name), its token flow and a one-line
 * account in numbers. The engine does the math; this only arranges its answers.
 */

export type StepLevel = 'fine' | 'warning' | 'error';

export interface StepIssue {
  level: 'warning' | 'error';
  code: string;
  message: string;
  /** Dotted field path within the step ("amount.value"), or null for the whole step. */
  field: string | null;
}

/** Issues per step id; a loop body step's issues (reported as "body.N.field" on the loop) go to it. */
export function issuesByStep(
  doc: StrategyInput,
  evaluation: Evaluation | null,
): Map<string, StepIssue[]> {
  const out = new Map<string, StepIssue[]>();
  if (!evaluation) return out;
  const add = (level: StepIssue['level'], issue: EngineIssue) => {
    if (!issue.stepId) return;
    let stepId = issue.stepId;
    let field = issue.field ?? null;
    const loop = doc.steps.find((s) => s.id === stepId);
    const inBody = field ? /^body\.(\d+)(?:\.(.+))?$/.exec(field) : null;
    if (loop?.type === 'loop' && inBody) {
      const inner = loop.body[Number(inBody[1])];
      if (inner) {
        stepId = inner.id;
        field = inBody[2] ?? null;
      }
    }
    const list = out.get(stepId) ?? [];
    list.push({ level, code: issue.code, message: plainMessage(doc, stepId, field, issue), field });
    out.set(stepId, list);
  };
  evaluation.errors.forEach((i) => add('error', i));
  evaluation.warnings.forEach((i) => add('warning', i));
  return out;
}

/** Format messages for fields the builder leaves empty on purpose, in the builder's words. */
function plainMessage(
  doc: StrategyInput,
  stepId: string,
  field: string | null,
  issue: EngineIssue,
): string {
  if (issue.code !== 'FIELD_INVALID') return issue.message;
  if (field === 'body' && /too small/i.test(issue.message)) {
    return 'the loop is empty: drag supply, withdraw, borrow, repay or swap steps into it';
  }
  if (field === 'market') {
    const step = allSteps(doc).find((s) => s.id === stepId);
    if (step && 'market' in step && !step.market) return 'choose a market';
  }
  return issue.message;
}

export function levelOf(issues: StepIssue[] | undefined): StepLevel {
  if (!issues || issues.length === 0) return 'fine';
  return issues.some((i) => i.level === 'error') ? 'error' : 'warning';
}

/** The first issue on `field` or under it ("amount" matches "amount.value"). */
export function fieldIssue(issues: StepIssue[] | undefined, field: string): StepIssue | undefined {
  return issues?.find((i) => i.field === field || i.field?.startsWith(`${field}.`));
}

export interface TokenMove {
  asset: string;
  units: string;
}

export interface TokenFlow {
  /** What the step took out of the wallet. */
  takes: TokenMove[];
  /** What it put into the wallet (borrowed tokens, LP tokens, swap output). */
  gives: TokenMove[];
  /** The wallet after it. */
  leaves: TokenMove[];
}

function walletOf(entries: Record<string, string>): Map<string, Decimal> {
  return new Map(Object.entries(entries).map(([a, u]) => [a, new Decimal(u)]));
}

/** Wallet changes of a top-level step: the difference between the wallet before and after it. */
export function tokenFlow(
  doc: StrategyInput,
  evaluation: Evaluation | null,
  stepId: string,
): TokenFlow | null {
  const balances = evaluation?.balances ?? [];
  const index = balances.findIndex((b) => b.stepId === stepId);
  const outcome = balances[index];
  if (!outcome) return null;
  const before =
    index === 0
      ? walletOf(
          Object.fromEntries(
            doc.capital
              .filter((c) => /^\d*\.?\d+$|^\d+\.?\d*$/.test(c.amount))
              .map((c) => [c.asset, c.amount]),
          ),
        )
      : walletOf(balances[index - 1]!.wallet);
  const after = walletOf(outcome.wallet);
  const takes: TokenMove[] = [];
  const gives: TokenMove[] = [];
  for (const asset of new Set([...before.keys(), ...after.keys()])) {
    const delta = (after.get(asset) ?? new Decimal(0)).minus(before.get(asset) ?? new Decimal(0));
    if (delta.isZero()) continue;
    (delta.isNegative() ? takes : gives).push({ asset, units: delta.abs().toFixed() });
  }
  const leaves = [...after].map(([asset, units]) => ({ asset, units: units.toFixed() }));
  return { takes, gives, leaves };
}

export const describeMoves = (moves: TokenMove[]): string =>
  moves.map((m) => `${formatUnits(m.units)} ${m.asset}`).join(' + ');

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** One line in numbers: "Borrowed 30,000 USDT at 4.61% APR → HF 1.867". */
export function headline(
  step: StepInput,
  outcome: StepOutcome | undefined,
  evaluation: Evaluation | null,
): string | null {
  if (!outcome) return null;
  if (step.disabled) return 'Skipped (disabled)';
  if (!outcome.ok) return null;
  const parts = [
    capitalize(outcome.summary.replace(/\d+(\.\d+)?/g, (n) => (n.length > 4 ? formatUnits(n) : n))),
  ];
  const rates =
    'market' in step && 'asset' in step && step.market
      ? evaluation?.lendingRates[step.market]?.[step.asset as string]
      : undefined;
  if (rates && (step.type === 'supply' || step.type === 'withdraw'))
    parts.push(`earning ${formatPercent(rates.supplyApr)} APR`);
  if (rates && (step.type === 'borrow' || step.type === 'repay'))
    parts.push(`at ${formatPercent(rates.borrowApr)} APR`);
  if (step.type === 'lp') parts.push(`fee APR ${formatPercent(step.feeApr)}`);
  if (step.type === 'stake') parts.push(`reward APR ${formatPercent(step.rewardApr)}`);
  if (step.type === 'perp')
    parts.push(`funding ${formatPercent(step.fundingApr, { signed: true })}/yr`);
  let line = parts.join(' ');
  if (
    outcome.healthFactor !== undefined &&
    (step.type === 'borrow' || step.type === 'loop' || outcome.healthFactor !== null)
  ) {
    line += ` → HF ${formatHealthFactor(outcome.healthFactor)}`;
  }
  return line;
}
