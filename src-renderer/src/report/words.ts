import type {
  EngineIssue,
  LimitBreach,
  ReportPayload,
  StrategyInput,
} from '../../../src-main/contract/index';
import { describeIssue, marketName, stepName } from '../lib/issue-text';
import { breachLine, fixText } from '../lib/limits';
import { sideLabel } from '../lib/labels';
import { locate } from '../state/document/tree';

/**
 * The report's words for what the app words with lib/issue-text.ts: engine issues, limit breaches,
 * steps and perps by their names, never a code, an id or a field path (paper has no tooltip).
 */

/** The payload's strategy as the builder types it (main validated it before building the report). */
export function reportDocument(p: ReportPayload): StrategyInput {
  return p.strategy.document as unknown as StrategyInput;
}

export interface IssueLine {
  title: string;
  sentence: string;
  place: string | null;
}

/** An engine warning or error as the app's warning cards word it. */
export function issueLine(p: ReportPayload, issue: EngineIssue): IssueLine {
  const text = describeIssue(issue, { document: reportDocument(p) });
  return { title: text.title, sentence: text.sentence, place: text.place };
}

/** A step by its label, in quotes: “Perp short BTC”. */
export function stepRef(p: ReportPayload, stepId: string): string {
  return `“${stepName(reportDocument(p), stepId)}”`;
}

/** A perp by what it is: "short BTC perp on GMX v2 Arbitrum"; else by its step's label. */
export function perpName(p: ReportPayload, stepId: string | null | undefined): string {
  const doc = reportDocument(p);
  const step = stepId ? locate(doc, stepId)?.step : undefined;
  if (step?.type === 'perp')
    return `${sideLabel(step.side).toLowerCase()} ${step.asset} perp on ${marketName(doc, step.market)}`;
  return stepId ? `perp ${stepRef(p, stepId)}` : 'perp';
}

export const upperFirst = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A scenario by its title, when the report replayed it. */
function scenarioTitle(p: ReportPayload, id: string): string {
  const rows = p.scenarios.status === 'included' ? p.scenarios.rows : [];
  return rows.find((r) => r.id === id)?.title ?? id;
}

export interface BreachWords {
  /** "Health factor 1.383 < 1.500 (Aave v3 Ethereum (Core)) · default limit" */
  line: string;
  /** "Step: “Loop”", or null when no step is responsible. */
  steps: string | null;
  /** The fixes main found, markets by their names, or null when none. */
  fixes: string | null;
}

/** A limit breach as the app's "Limits breached" list words it (components/limits). */
export function breachWords(p: ReportPayload, b: LimitBreach): BreachWords {
  const doc = reportDocument(p);
  const where = [
    b.marketId ? marketName(doc, b.marketId) : b.protocol,
    b.where && b.analysis === 'scenario' ? scenarioTitle(p, b.where) : b.where,
  ]
    .filter((x) => x !== null)
    .join(', ');
  const line = `${breachLine(b, true)}${where ? ` (${where})` : ''}${b.source === 'settings' ? ' · default limit' : ''}`;
  const steps =
    b.stepIds.length > 0
      ? `${b.stepIds.length === 1 ? 'Step' : 'Steps'}: ${b.stepIds.map((id) => stepRef(p, id)).join(', ')}`
      : null;
  const fixes =
    b.fixes.length > 0 ? `To clear: ${b.fixes.map((f) => fixText(f, b, doc)).join('; or ')}` : null;
  return { line, steps, fixes };
}
