import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import {
  addStep,
  applyEdit,
  chooseMarket,
  CommandError,
  duplicateStep,
  moveStep,
  removeStep,
  replaceDocument,
  setDisabled,
  setStrategyField,
  updateField,
  type Edit,
} from '../../src-renderer/src/state/document/commands';
import { blankStrategy } from '../../src-renderer/src/state/document/blank';
import { History } from '../../src-renderer/src/state/document/history';
import { locate } from '../../src-renderer/src/state/document/tree';
import type { LoopBodyStepInput, StrategyInput } from '../../src-renderer/src/state/document/types';

const supply = (id: string): LoopBodyStepInput => ({
  id,
  type: 'supply',
  market: 'aave',
  asset: 'USDC',
  amount: '100',
});
const borrow = (id: string): LoopBodyStepInput => ({
  id,
  type: 'borrow',
  market: 'aave',
  asset: 'USDT',
  amount: { mode: 'capacityShare', value: '0.5' },
});

function chain(): StrategyInput {
  return {
    ...blankStrategy('Test'),
    steps: [
      supply('s1'),
      {
        id: 'loop',
        type: 'loop',
        body: [borrow('b1'), supply('s2')],
        repeat: { mode: 'times', times: 2 },
      },
      supply('s3'),
    ],
  };
}

const ids = (doc: StrategyInput) =>
  doc.steps.map((s) =>
    s.type === 'loop' ? `${s.id}[${s.body.map((b) => b.id).join(',')}]` : s.id,
  );

/** Applies edits in order, recording each in `history`. */
function run(doc: StrategyInput, history: History, ...edits: ((d: StrategyInput) => Edit)[]) {
  let current = doc;
  for (const make of edits) {
    const change = applyEdit(current, make(current));
    history.record(change);
    current = change.document;
  }
  return current;
}

describe('document commands', () => {
  it('a blank strategy is a valid empty strategy the engine evaluates without errors', () => {
    const result = evaluate(blankStrategy('Empty') as never);
    expect(result.errors).toEqual([]);
    expect(result.name).toBe('Empty');
  });

  it('adds a step at any position of the chain or a loop body', () => {
    let doc = chain();
    doc = applyEdit(doc, addStep(doc, supply('new'), null, 1)).document;
    expect(ids(doc)).toEqual(['s1', 'new', 'loop[b1,s2]', 's3']);
    doc = applyEdit(doc, addStep(doc, borrow('b2'), 'loop', 0)).document;
    expect(ids(doc)).toEqual(['s1', 'new', 'loop[b2,b1,s2]', 's3']);
  });

  it('refuses steps a loop body cannot hold and duplicate ids', () => {
    const doc = chain();
    expect(() =>
      addStep(
        doc,
        { id: 'h', type: 'harvest', frequencyDays: '7', gasUsd: '1', sellInto: 'USDC' },
        'loop',
        0,
      ),
    ).toThrow(CommandError);
    expect(() => addStep(doc, supply('s1'), null, 0)).toThrow(/already used/);
    expect(() => moveStep(doc, 'loop', 'loop', 0)).toThrow(CommandError);
  });

  it('moves steps within the chain, into a loop and out of it', () => {
    let doc = chain();
    doc = applyEdit(doc, moveStep(doc, 's3', null, 0)).document;
    expect(ids(doc)).toEqual(['s3', 's1', 'loop[b1,s2]']);
    doc = applyEdit(doc, moveStep(doc, 's1', 'loop', 1)).document;
    expect(ids(doc)).toEqual(['s3', 'loop[b1,s1,s2]']);
    doc = applyEdit(doc, moveStep(doc, 'b1', null, 2)).document;
    expect(ids(doc)).toEqual(['s3', 'loop[s1,s2]', 'b1']);
    expect(locate(doc, 's2')).toMatchObject({ parent: 'loop', index: 1 });
  });

  it('moving a step to where it is changes nothing', () => {
    const doc = chain();
    const change = applyEdit(doc, moveStep(doc, 's1', null, 0));
    expect(change.patches).toEqual([]);
    expect(change.document).toBe(doc);
  });

  it('duplicates with fresh ids, loop bodies included, and removes', () => {
    let doc = chain();
    const dup = duplicateStep(doc, 'loop');
    doc = applyEdit(doc, dup).document;
    expect(dup.newId).toBe('loop-2');
    expect(ids(doc)).toEqual(['s1', 'loop[b1,s2]', 'loop-2[b1-2,s2-2]', 's3']);
    doc = applyEdit(doc, removeStep(doc, 'b1')).document;
    expect(ids(doc)).toEqual(['s1', 'loop[s2]', 'loop-2[b1-2,s2-2]', 's3']);
  });

  it("disables and enables (the format's disabled flag, absent when enabled)", () => {
    let doc = chain();
    doc = applyEdit(doc, setDisabled(doc, 's2', true)).document;
    expect(locate(doc, 's2')?.step.disabled).toBe(true);
    doc = applyEdit(doc, setDisabled(doc, 's2', false)).document;
    expect('disabled' in locate(doc, 's2')!.step).toBe(false);
  });

  it('updates a nested field and removes it with undefined; never touches the original', () => {
    const original = chain();
    let doc = applyEdit(original, updateField(original, 'b1', ['amount', 'value'], '0.7')).document;
    expect(locate(doc, 'b1')?.step).toMatchObject({
      amount: { mode: 'capacityShare', value: '0.7' },
    });
    expect(locate(original, 'b1')?.step).toMatchObject({ amount: { value: '0.5' } });
    expect(Object.isFrozen(doc.steps)).toBe(true);
    doc = applyEdit(doc, updateField(doc, 's1', ['label'], 'Collateral')).document;
    doc = applyEdit(doc, updateField(doc, 's1', ['label'], undefined)).document;
    expect('label' in locate(doc, 's1')!.step).toBe(false);
  });

  it('choosing a market copies it into the strategy once and points the step at it', () => {
    let doc = chain();
    const market = { id: 'curve', kind: 'dex', protocol: 'curve', chain: 'ethereum' } as const;
    doc = applyEdit(doc, chooseMarket(doc, 's1', market)).document;
    doc = applyEdit(doc, chooseMarket(doc, 's3', market)).document;
    expect(doc.markets.map((m) => m.id)).toEqual(['curve']);
    expect(locate(doc, 's3')?.step).toMatchObject({ market: 'curve' });
  });
});

describe('history', () => {
  it('typing in one field is one entry; another field starts a new one', () => {
    const history = new History();
    let doc = run(
      chain(),
      history,
      (d) => updateField(d, 's1', ['amount'], '1'),
      (d) => updateField(d, 's1', ['amount'], '12'),
      (d) => updateField(d, 's1', ['amount'], '125'),
      (d) => updateField(d, 's3', ['amount'], '9'),
    );
    expect(history.size).toBe(2);
    doc = history.undo(doc)!;
    expect(locate(doc, 's3')?.step).toMatchObject({ amount: '100' });
    expect(locate(doc, 's1')?.step).toMatchObject({ amount: '125' });
    doc = history.undo(doc)!;
    expect(locate(doc, 's1')?.step).toMatchObject({ amount: '100' });
    expect(history.undo(doc)).toBeNull();
    doc = history.redo(doc)!;
    expect(locate(doc, 's1')?.step).toMatchObject({ amount: '125' });
  });

  it('seal ends coalescing: typing again after leaving the field is a new entry', () => {
    const history = new History();
    let doc = run(chain(), history, (d) => updateField(d, 's1', ['amount'], '5'));
    history.seal();
    doc = run(doc, history, (d) => updateField(d, 's1', ['amount'], '6'));
    expect(history.size).toBe(2);
    doc = history.undo(doc)!;
    expect(locate(doc, 's1')?.step).toMatchObject({ amount: '5' });
  });

  it('undoes and redoes a move inside a loop and a move out of it', () => {
    const history = new History();
    const start = chain();
    let doc = run(
      start,
      history,
      (d) => moveStep(d, 's2', 'loop', 0),
      (d) => moveStep(d, 'b1', null, 0),
    );
    expect(ids(doc)).toEqual(['b1', 's1', 'loop[s2]', 's3']);
    expect(history.undoLabel).toBe('Move borrow');
    doc = history.undo(doc)!;
    expect(ids(doc)).toEqual(['s1', 'loop[s2,b1]', 's3']);
    doc = history.undo(doc)!;
    expect(doc).toEqual(start);
    doc = history.redo(doc)!;
    doc = history.redo(doc)!;
    expect(ids(doc)).toEqual(['b1', 's1', 'loop[s2]', 's3']);
  });

  it('a keyboard drag (many moves under one key) is one entry until it ends', () => {
    const history = new History();
    const start = chain();
    const drag = (d: StrategyInput, index: number): Edit => ({
      ...moveStep(d, 's3', null, index),
      key: 'drag:s3',
    });
    let doc = run(
      start,
      history,
      (d) => drag(d, 1),
      (d) => drag(d, 0),
    );
    history.seal();
    expect(history.size).toBe(1);
    doc = history.undo(doc)!;
    expect(doc).toEqual(start);
  });

  it('a new change drops the redo branch; the history is bounded', () => {
    const history = new History(3);
    let doc = chain();
    for (const name of ['a', 'b', 'c', 'd', 'e']) {
      doc = run(doc, history, () => setStrategyField('name', name));
      history.seal();
    }
    expect(history.size).toBe(3);
    doc = history.undo(doc)!;
    doc = run(doc, history, () => setStrategyField('description', 'x'));
    expect(history.redoLabel).toBeNull();
    doc = history.undo(doc)!;
    doc = history.undo(doc)!;
    doc = history.undo(doc)!;
    expect(doc.name).toBe('b');
    expect(history.undo(doc)).toBeNull();
  });

  it('replaceDocument (a JSON edit) is undone like any other command', () => {
    const history = new History();
    const start = chain();
    const next = { ...blankStrategy('From JSON'), steps: [supply('only')] };
    let doc = run(start, history, () => replaceDocument(next));
    expect(doc).toEqual(next);
    doc = history.undo(doc)!;
    expect(doc).toEqual(start);
  });
});
