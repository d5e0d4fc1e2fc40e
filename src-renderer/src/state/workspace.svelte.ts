import type { Draft, DraftSummary } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import { parseJson, type JsonProblem } from '../lib/json-text';
import { issuesByStep } from '../lib/step-facts';
import { DraftAutosave } from './autosave.svelte';
import { BacktestRunner } from './backtest.svelte';
import {
  applyEdit,
  CommandError,
  replaceDocument,
  setStrategyField,
  type Edit,
} from './document/commands';
import { History } from './document/history';
import { asBuilderDocument } from './document/shape';
import { locate } from './document/tree';
import { blankStrategy } from './document/blank';
import type { StrategyInput } from './document/types';
import { LiveEvaluation } from './evaluation.svelte';
import { MonteCarloRunner } from './monte-carlo.svelte';
import { ProtocolRiskRunner } from './protocol-risk.svelte';
import { ScenarioRunner } from './scenarios.svelte';
import { StressRunner } from './stress.svelte';

/** What the inspector shows. */
export type Selection =
  { kind: 'strategy' } | { kind: 'step'; id: string } | { kind: 'market'; id: string };

/** Text typed in the JSON view, kept as typed while it belongs to the current document. */
interface TypedJson {
  text: string;
  /** The document this text was typed against; any other change to the document replaces it. */
  base: StrategyInput;
  problem: JsonProblem | null;
}

export const prettyJson = (document: StrategyInput): string => JSON.stringify(document, null, 2);

/**
 * Everything about one open draft: the strategy document (one immutable value, changed only by
 * named commands through `apply`), its undo history, the selection, the live evaluation, the
 * autosave and the analysis runs. Created per draft by App and handed down with `setWorkspace`.
 */
export class Workspace {
  readonly draftId: string;
  document = $state.raw<StrategyInput>(blankStrategy());
  notes = $state('');
  selection = $state.raw<Selection>({ kind: 'strategy' });
  undoLabel = $state<string | null>(null);
  redoLabel = $state<string | null>(null);
  /** The last command that could not apply, in words (shown near the chain). */
  notice = $state<string | null>(null);

  #typed = $state.raw<TypedJson | null>(null);
  /** The JSON view's text: as typed while it differs from the document, else derived from it. */
  jsonText = $derived(
    this.#typed && this.#typed.base === this.document
      ? this.#typed.text
      : prettyJson(this.document),
  );
  /** Why the JSON view's text is not the document (a parse error with its line), or null. */
  jsonProblem = $derived(
    this.#typed && this.#typed.base === this.document ? this.#typed.problem : null,
  );

  readonly history = new History(200);
  readonly evaluation: LiveEvaluation;
  /** Engine issues per step id (loop body issues attributed to the body step). */
  stepIssues = $derived.by(() => issuesByStep(this.document, this.evaluation.current));
  /** The engine's account of each top-level step, by id. */
  outcomes = $derived.by(
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- rebuilt whole, never mutated
    () => new Map((this.evaluation.current?.balances ?? []).map((b) => [b.stepId, b])),
  );
  readonly autosave: DraftAutosave;
  /** Analysis runs of this draft (they survive switching tabs, not switching drafts). */
  readonly runs: {
    scenarios: ScenarioRunner;
    backtest: BacktestRunner;
    monteCarlo: MonteCarloRunner;
    stress: StressRunner;
    protocol: ProtocolRiskRunner;
  };

  constructor(
    api: ApiClient,
    draft: Draft,
    options: { delayMs: number; onSaved: (summary: DraftSummary) => void },
  ) {
    this.draftId = draft.id;
    this.notes = draft.notes;
    const shaped = asBuilderDocument(draft.document, draft.name);
    // A stored document the builder cannot show is kept as JSON text to fix, never dropped.
    this.document = typeof shaped === 'string' ? blankStrategy(draft.name) : shaped;
    const unparsed =
      draft.unparsedText ??
      (typeof shaped === 'string' ? prettyJson(draft.document as StrategyInput) : null);
    if (unparsed !== null)
      this.#typed = {
        text: unparsed,
        base: this.document,
        problem: problemOf(unparsed, draft.name),
      };
    this.evaluation = new LiveEvaluation(api);
    // Runs are kept in main with the draft; the newest of each kind reopens with it.
    const owner = { draftId: draft.id, revision: () => Math.max(1, this.autosave.revision) };
    this.runs = {
      scenarios: new ScenarioRunner(api, owner),
      backtest: new BacktestRunner(api, owner),
      monteCarlo: new MonteCarloRunner(api, owner),
      stress: new StressRunner(api),
      protocol: new ProtocolRiskRunner(api),
    };
    this.autosave = new DraftAutosave({
      api,
      id: draft.id,
      revision: draft.revision,
      delayMs: options.delayMs,
      initial: this.#snapshot(),
      snapshot: () => this.#snapshot(),
      onSaved: options.onSaved,
    });
    void this.runs.scenarios.restore();
    void this.runs.backtest.restore();
    void this.runs.monteCarlo.restore();
    this.#evaluate();
  }

  /** The draft's title: the strategy's name (one value). */
  get name(): string {
    return typeof this.document.name === 'string' ? this.document.name : '';
  }

  #snapshot() {
    const typed = this.#typed && this.#typed.base === this.document ? this.#typed : null;
    return {
      name: this.name,
      notes: this.notes,
      document: this.document,
      unparsedText: typed?.problem ? typed.text : null,
    };
  }

  #evaluate(): void {
    this.evaluation.stale = this.jsonProblem !== null;
    this.evaluation.update(this.document);
  }

  #changed(): void {
    this.undoLabel = this.history.undoLabel;
    this.redoLabel = this.history.redoLabel;
    this.#evaluate();
    this.autosave.changed();
  }

  /** Runs a command; false (with `notice` set) when it cannot apply to this document. */
  apply(edit: Edit | (() => Edit)): boolean {
    try {
      const change = applyEdit(this.document, typeof edit === 'function' ? edit() : edit);
      if (change.patches.length === 0) return true;
      this.document = change.document;
      this.history.record(change);
      this.notice = null;
      this.#changed();
      return true;
    } catch (error) {
      if (!(error instanceof CommandError)) throw error;
      this.notice = error.message;
      return false;
    }
  }

  /** Ends the current coalesced entry (a field lost focus, a drag ended). */
  seal(): void {
    this.history.seal();
  }

  undo(): void {
    const previous = this.history.undo(this.document);
    if (previous === null) return;
    this.document = previous;
    this.#keepSelectionValid();
    this.#changed();
  }

  redo(): void {
    const next = this.history.redo(this.document);
    if (next === null) return;
    this.document = next;
    this.#keepSelectionValid();
    this.#changed();
  }

  select(selection: Selection): void {
    this.selection = selection;
  }

  /**
   * What the builder is asked to bring into view (a warning's "Show step"): the builder view
   * opens, scrolls to it and focuses it, then clears this.
   */
  revealing = $state.raw<Selection | null>(null);

  /** Selects and brings into view in the builder (switching from the JSON view if need be). */
  reveal(selection: Selection): void {
    this.selection = selection;
    this.revealing = selection;
  }

  #keepSelectionValid(): void {
    const s = this.selection;
    if (s.kind === 'step' && locate(this.document, s.id) === null) {
      this.selection = { kind: 'strategy' };
    }
  }

  /** An edit in the JSON view: a document the builder can show goes through the history. */
  editJson(text: string): void {
    const problem = problemOf(text, this.name);
    if (problem === null) {
      const parsed = asBuilderDocument(JSON.parse(text), this.name) as StrategyInput;
      this.apply(replaceDocument(parsed, 'Edit JSON', 'json'));
    }
    this.#typed = { text, base: this.document, problem };
    this.#evaluate();
    this.autosave.changed();
  }

  rename(name: string): void {
    this.apply(setStrategyField('name', name, [], 'Rename'));
    this.seal();
  }

  setNotes(notes: string): void {
    this.notes = notes;
    this.autosave.changed();
  }

  flush(): Promise<void> {
    return this.autosave.flush();
  }

  /** Export as a strategy file: the document itself, pretty-printed. */
  exportFile(): { fileName: string; text: string } {
    const safe = this.name.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'strategy';
    return { fileName: `${safe}.yieldplan`, text: prettyJson(this.document) + '\n' };
  }

  dispose(): void {
    this.autosave.dispose();
    this.evaluation.dispose();
    this.runs.monteCarlo.dispose();
    this.runs.backtest.dispose();
  }
}

/** Why `text` cannot become the document: a parse error (with its line) or a shape problem. */
function problemOf(text: string, name: string): JsonProblem | null {
  const parsed = parseJson(text);
  if (!parsed.ok) return parsed.problem;
  const shaped = asBuilderDocument(parsed.value, name);
  return typeof shaped === 'string' ? { message: shaped, line: 1, column: 1 } : null;
}
