/**
 * Engine issues (errors and warnings) in words for people: a title, one plain sentence that names
 * markets by their display names and steps by their labels, where it is (never a dotted field
 * path) and what to show in the builder to fix it. The code itself stays out of the text; callers
 * may keep it as a tooltip.
 */
import type { EngineIssue } from '../../../src-main/contract/index';
import { stepLabel } from '../state/document/labels';
import { allSteps, locate } from '../state/document/tree';
import type { StepInput, StrategyInput } from '../state/document/types';
import { formatPercent, formatUsd, humanize } from './format';
import { issueLabel, marketLabel, sideLabel } from './labels';

/** What the builder can show for an issue (a Selection of the workspace). */
export type IssueTarget =
  { kind: 'step'; id: string } | { kind: 'market'; id: string } | { kind: 'strategy' };

export interface IssueText {
  title: string;
  /** One sentence, capitalised and ending in a full stop. */
  sentence: string;
  /** Where in the strategy, in words ("Step “Borrow WETH”, amount"), or null. */
  place: string | null;
  target: IssueTarget | null;
  /** The words of the button that shows the target ("Show step “Flash-loan loop”"). */
  targetLabel: string | null;
}

/** What the words are made from: the strategy as the builder holds it. */
export interface IssueContext {
  document: StrategyInput | null;
}

export function describeIssue(issue: EngineIssue, context: IssueContext): IssueText {
  const doc = context.document;
  const names = doc ? marketNamesOf(doc) : {};
  const p = issue.params ?? {};
  const market = (id: string | undefined) => (id ? marketLabel(id, names) : 'this market');
  const title = issueLabel(issue.code);
  const atMarket = (id: string | undefined): Pick<IssueText, 'target' | 'targetLabel'> =>
    doc && id ? showStep(doc, leverageStepIn(doc, id)) : { target: null, targetLabel: null };

  switch (issue.code) {
    case 'HEALTH_FACTOR_LOW':
      if (p['healthFactor'] && p['limit']) {
        return {
          title,
          sentence: `Health factor ${p['healthFactor']} on ${market(p['marketId'])} is below ${p['limit']}: a small price move could make it liquidatable. Borrow less or add collateral to raise it.`,
          place: null,
          ...atMarket(p['marketId']),
        };
      }
      break;
    case 'HEALTH_FACTOR_BELOW_ONE':
      if (p['healthFactor']) {
        return {
          title,
          sentence: `Health factor ${p['healthFactor']} on ${market(p['marketId'])} is below 1: this position can be liquidated now.`,
          place: null,
          ...atMarket(p['marketId']),
        };
      }
      break;
    case 'LIQUIDATION_NEAR':
      if (p['move'] && p['priceUsd'] && p['asset']) {
        const perp = doc && issue.stepId ? locate(doc, issue.stepId)?.step : undefined;
        const what =
          perp?.type === 'perp'
            ? `the ${sideLabel(perp.side).toLowerCase()} ${perp.asset} perp on ${market(perp.market)}`
            : market(p['marketId']);
        const move = formatPercent(Number(p['move']), { digits: 1 });
        const way = p['direction'] === 'up' ? 'rising' : 'falling';
        return {
          title,
          sentence: `${p['asset']} ${way} ${move}, to ${formatUsd(Number(p['priceUsd']))}, would liquidate ${perp?.type === 'perp' ? what : `the position on ${what}`}.`,
          place: null,
          ...(issue.stepId && doc ? showStep(doc, issue.stepId) : atMarket(p['marketId'])),
        };
      }
      break;
    case 'LIQUIDATION_WOULD_BE_FULL':
      if (p['reserves'] && p['thresholdUsd']) {
        const many = p['reserves'].includes(',');
        return {
          title,
          sentence: `On ${market(p['marketId'])}, ${p['reserves']} ${many ? 'are each' : 'is'} worth under ${formatUsd(Number(p['thresholdUsd']))}, so one liquidation may repay all of it at once rather than half (Aave v3.3 rule).`,
          place: null,
          ...atMarket(p['marketId']),
        };
      }
      break;
  }
  return generic(issue, doc, names, title);
}

/** Any other issue: its message with ids in words, and its step or field as a place. */
function generic(
  issue: EngineIssue,
  doc: StrategyInput | null,
  names: Record<string, string>,
  title: string,
): IssueText {
  const sentence = asSentence(readableMessage(issue.message, doc, names));
  if (issue.stepId) {
    const { stepId, field } = bodyStep(doc, issue.stepId, issue.field);
    const step = doc ? locate(doc, stepId)?.step : undefined;
    const name = step ? stepLabel(step) : humanize(stepId);
    const words = field ? stepFieldWords(field) : '';
    return {
      title,
      sentence,
      place: `Step “${name}”${words ? `, ${words}` : ''}`,
      ...(doc && step ? showStep(doc, stepId) : { target: null, targetLabel: null }),
    };
  }
  if (issue.field) {
    const place = rootFieldPlace(issue.field, doc, names);
    return { title, sentence, ...place };
  }
  return { title, sentence, place: null, target: null, targetLabel: null };
}

/** An engine message with market ids and quoted step ids replaced by their names. */
export function readableMessage(
  message: string,
  doc: StrategyInput | null,
  names: Record<string, string> = doc ? marketNamesOf(doc) : {},
): string {
  let text = message;
  // longest first, so "aave-v3" does not eat into "aave-v3-ethereum"
  for (const id of Object.keys(names).sort((a, b) => b.length - a.length)) {
    text = text.replace(
      new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`, 'g'),
      () => names[id] ?? id,
    );
  }
  if (doc) {
    const labels = new Map(allSteps(doc).map((s) => [s.id, stepLabel(s)]));
    text = text.replace(/(step )?"([^"]+)"/g, (whole, _step: string | undefined, id: string) => {
      const label = labels.get(id);
      return label ? `step “${label}”` : whole;
    });
    if (/^figures exclude/.test(text)) {
      // STEPS_SKIPPED lists the ids after the colon
      text = text.replace(
        /: ([^:]+)$/,
        (_, list: string) =>
          `: ${list
            .split(/,\s*/)
            .map((id) => (labels.has(id) ? `“${labels.get(id)}”` : id))
            .join(', ')}`,
      );
    }
  }
  return text;
}

/** Path parts that name a wrapper rather than a field a person sees ("amount.value" is the amount). */
const SILENT_PARTS = new Set(['', 'value', 'repeat']);
const FIELD_WORDS: Record<string, string> = { ltv: 'LTV', eMode: 'e-mode', apr: 'APR' };

/** A step's dotted field path in words: "amount.value" → "amount", "pool.assets.0" → "pool assets 1". */
export function stepFieldWords(field: string): string {
  const words = field
    .split('.')
    .filter((part) => !SILENT_PARTS.has(part))
    .map((part) =>
      /^\d+$/.test(part)
        ? String(Number(part) + 1)
        : /^[A-Z0-9]+$/.test(part) // an asset symbol
          ? part
          : (FIELD_WORDS[part] ?? humanize(part).toLowerCase()),
    );
  return words.join(' ');
}

function rootFieldPlace(
  field: string,
  doc: StrategyInput | null,
  names: Record<string, string>,
): Pick<IssueText, 'place' | 'target' | 'targetLabel'> {
  const [head = '', second = '', ...rest] = field.split('.');
  const strategy = {
    target: { kind: 'strategy' } as const,
    targetLabel: 'Show strategy settings',
  };
  switch (head) {
    case 'prices':
      return { place: second ? `Price of ${second}` : 'Prices', ...strategy };
    case 'capital':
      return {
        place: /^\d+$/.test(second) ? `Starting capital ${Number(second) + 1}` : 'Starting capital',
        ...strategy,
      };
    case 'assets':
      return { place: second ? `Token ${second}` : 'Tokens', ...strategy };
    case 'horizonDays':
      return { place: 'Horizon', ...strategy };
    case 'at':
      return {
        place: second ? `What-if price of ${second}` : 'What-if prices',
        target: null,
        targetLabel: null,
      };
    case 'markets': {
      const m = /^\d+$/.test(second) ? doc?.markets[Number(second)] : undefined;
      const words = rest.length > 0 ? `, ${stepFieldWords(rest.join('.'))}` : '';
      if (!m)
        return {
          place: `Market ${Number(second) + 1 || ''}${words}`.trim(),
          target: null,
          targetLabel: null,
        };
      const name = marketLabel(m.id, names);
      return {
        place: `Market “${name}”${words}`,
        target: { kind: 'market', id: m.id },
        targetLabel: `Show market “${name}”`,
      };
    }
    case 'healthFactor':
      return {
        place: rest[0] ? `Health factor on ${marketLabel(rest.join('.'), names)}` : 'Health factor',
        ...(doc && rest[0]
          ? showStep(doc, leverageStepIn(doc, rest.join('.')))
          : { target: null, targetLabel: null }),
      };
    case 'liquidationPrice':
      return {
        place: second ? `Liquidation price of ${second}` : 'Liquidation prices',
        target: null,
        targetLabel: null,
      };
    case 'steps': {
      const step = /^\d+$/.test(second) ? doc?.steps[Number(second)] : undefined;
      if (!step || !doc) return { place: null, target: null, targetLabel: null };
      const words = rest.length > 0 ? `, ${stepFieldWords(rest.join('.'))}` : '';
      return { place: `Step “${stepLabel(step)}”${words}`, ...showStep(doc, step.id) };
    }
    default:
      return {
        place: stepFieldWords(field).replace(/^./, (c) => c.toUpperCase()),
        target: null,
        targetLabel: null,
      };
  }
}

/** A loop's issue on `body.<i>.<field>` belongs to that body step. */
function bodyStep(
  doc: StrategyInput | null,
  stepId: string,
  field: string | undefined,
): { stepId: string; field: string | undefined } {
  const loop = doc?.steps.find((s) => s.id === stepId);
  const inBody = field ? /^body\.(\d+)(?:\.(.+))?$/.exec(field) : null;
  const inner = loop?.type === 'loop' && inBody ? loop.body[Number(inBody[1])] : undefined;
  return inner ? { stepId: inner.id, field: inBody?.[2] } : { stepId, field };
}

/**
 * The step that sets how much is borrowed in a market: the loop holding its last borrow, else
 * that borrow, else the last step using the market at all; null when no step does.
 */
export function leverageStepIn(doc: StrategyInput, marketId: string): string | null {
  const uses = (s: StepInput) => 'market' in s && s.market === marketId;
  let found: string | null = null;
  let borrowFound = false;
  for (const top of doc.steps) {
    const inside = top.type === 'loop' ? top.body : [];
    if (
      inside.some((s) => s.type === 'borrow' && uses(s)) ||
      (top.type === 'borrow' && uses(top))
    ) {
      found = top.id;
      borrowFound = true;
    } else if (!borrowFound && (uses(top) || inside.some(uses))) {
      found = top.id;
    }
  }
  return found;
}

function showStep(
  doc: StrategyInput,
  id: string | null,
): Pick<IssueText, 'target' | 'targetLabel'> {
  const step = id ? locate(doc, id)?.step : undefined;
  if (!step || !id) return { target: null, targetLabel: null };
  return { target: { kind: 'step', id }, targetLabel: `Show step “${stepLabel(step)}”` };
}

/** A step by its label ("Borrow WETH"), else its id made readable. */
export function stepName(doc: StrategyInput | null, id: string): string {
  const step = doc ? locate(doc, id)?.step : undefined;
  return step ? stepLabel(step) : humanize(id);
}

/** A market by its display name, else its id made readable. */
export function marketName(doc: StrategyInput | null, id: string): string {
  return marketLabel(id, doc ? marketNamesOf(doc) : {});
}

function marketNamesOf(doc: StrategyInput): Record<string, string> {
  const names: Record<string, string> = {};
  for (const m of doc.markets) if (m.name) names[m.id] = m.name;
  return names;
}

function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return trimmed;
  const first = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
