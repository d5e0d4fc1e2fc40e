import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src-main/engine/evaluate';
import { parseStrategy } from '../../src-main/engine/format/parse';
import {
  defineAsset,
  removeAsset,
  setAssetField,
  setPegField,
  setPegKind,
} from '../../src-renderer/src/state/document/asset-commands';
import { applyEdit, CommandError, type Edit } from '../../src-renderer/src/state/document/commands';
import { blankStrategy } from '../../src-renderer/src/state/document/blank';
import { History } from '../../src-renderer/src/state/document/history';
import type { StrategyInput } from '../../src-renderer/src/state/document/types';

/** The shipped example whose token (wstETH) is priced through an exchange rate to stETH. */
const wstethLoop = JSON.parse(
  readFileSync(new URL('../../resources/examples/wsteth-emode-loop.json', import.meta.url), 'utf8'),
) as StrategyInput;

function run(doc: StrategyInput, history: History, ...edits: ((d: StrategyInput) => Edit)[]) {
  let current = doc;
  for (const make of edits) {
    const change = applyEdit(current, make(current));
    history.record(change);
    current = change.document;
  }
  return current;
}

/** The example's definition of WSTETH, typed a character at a time as a person does. */
function typed(
  field: 'name' | 'exchangeRate' | 'exchangeRateAprGrowth',
  text: string,
): ((d: StrategyInput) => Edit)[] {
  return [...text].map((_, i) => {
    const value = text.slice(0, i + 1);
    return (d) =>
      field === 'name'
        ? setAssetField(d, 'WSTETH', 'name', value)
        : setPegField(d, 'WSTETH', field, value);
  });
}

describe('token definition commands', () => {
  it('build the wstETH definition field by field: one undo entry per field, as in the file', () => {
    const history = new History();
    const doc = run(
      blankStrategy(),
      history,
      (d) => defineAsset(d, 'WSTETH'),
      (d) => setAssetField(d, 'WSTETH', 'kind', 'liquid-staking'),
      ...typed('name', 'Lido wrapped staked Ether'),
      (d) => setPegKind(d, 'WSTETH', 'exchange-rate'),
      (d) => setPegField(d, 'WSTETH', 'asset', 'S'),
      (d) => setPegField(d, 'WSTETH', 'asset', 'ST'),
      (d) => setPegField(d, 'WSTETH', 'asset', 'STETH'),
      ...typed('exchangeRate', '1.21'),
      ...typed('exchangeRateAprGrowth', '0.028'),
    );
    expect(doc.assets).toEqual(wstethLoop.assets);
    // define, kind, name, pricing, peg asset, rate, growth: seven entries, not one per keystroke
    expect(history.size).toBe(7);
    expect(history.undoLabel).toBe('Edit rate growth of WSTETH');
    expect(parseStrategy(doc).ok).toBe(true);

    const back = history.undo(doc)!;
    expect(back.assets?.['WSTETH']?.peg).toEqual({
      asset: 'STETH',
      kind: 'exchange-rate',
      exchangeRate: '1.21',
    });
    expect(history.redo(back)).toEqual(doc);
  });

  it('the engine prices the defined token through its peg: the example with it evaluates as shipped', () => {
    const { assets: _dropped, ...without } = wstethLoop;
    const withoutTokens = without as StrategyInput;
    // the catalog knows WSTETH's peg but not its rate (rates go stale): no price without the definition
    expect(evaluate(withoutTokens).errors.map((e) => e.code)).toContain('PRICE_MISSING');
    let doc = withoutTokens;
    for (const edit of [
      (d: StrategyInput) =>
        defineAsset(d, 'WSTETH', { kind: 'liquid-staking', name: 'Lido wrapped staked Ether' }),
      (d: StrategyInput) => setPegKind(d, 'WSTETH', 'exchange-rate'),
      (d: StrategyInput) => setPegField(d, 'WSTETH', 'asset', 'STETH'),
      (d: StrategyInput) => setPegField(d, 'WSTETH', 'exchangeRate', '1.21'),
      (d: StrategyInput) => setPegField(d, 'WSTETH', 'exchangeRateAprGrowth', '0.028'),
    ])
      doc = applyEdit(doc, edit(doc)).document;
    expect(evaluate(doc)).toEqual(evaluate(wstethLoop));
  });

  it('a definition the engine refuses names the peg field (missing or zero rate)', () => {
    let doc = applyEdit(
      blankStrategy(),
      defineAsset(blankStrategy(), 'WSTETH', { kind: 'liquid-staking' }),
    ).document;
    doc = applyEdit(doc, setPegKind(doc, 'WSTETH', 'exchange-rate')).document;
    expect(doc.assets?.['WSTETH']?.peg).toEqual({ asset: 'ETH', kind: 'exchange-rate' });
    expect(evaluate(doc).errors).toEqual([
      expect.objectContaining({
        code: 'PEG_RATE_MISSING',
        field: 'assets.WSTETH.peg.exchangeRate',
      }),
    ]);
    doc = applyEdit(doc, setPegField(doc, 'WSTETH', 'exchangeRate', '0')).document;
    expect(evaluate(doc).errors[0]).toMatchObject({
      code: 'PEG_RATE_NOT_POSITIVE',
      field: 'assets.WSTETH.peg.exchangeRate',
    });
    doc = applyEdit(doc, setPegField(doc, 'WSTETH', 'exchangeRate', '1,2')).document;
    expect(evaluate(doc).errors[0]).toMatchObject({
      code: 'NOT_A_NUMBER',
      field: 'assets.WSTETH.peg.exchangeRate',
    });
  });

  it('switching to one to one drops the rate; back to an exchange rate starts without one', () => {
    let doc = applyEdit(
      blankStrategy(),
      defineAsset(blankStrategy(), 'WSTETH', wstethLoop.assets!['WSTETH']),
    ).document;
    doc = applyEdit(doc, setPegKind(doc, 'WSTETH', 'one-to-one')).document;
    expect(doc.assets?.['WSTETH']?.peg).toEqual({ asset: 'STETH', kind: 'one-to-one' });
    doc = applyEdit(doc, setPegKind(doc, 'WSTETH', 'exchange-rate')).document;
    expect(doc.assets?.['WSTETH']?.peg).toEqual({ asset: 'STETH', kind: 'exchange-rate' });
    doc = applyEdit(doc, setPegKind(doc, 'WSTETH', 'none')).document;
    expect(doc.assets?.['WSTETH']).toEqual({
      kind: 'liquid-staking',
      name: 'Lido wrapped staked Ether',
    });
    // a stablecoin's new peg tracks the dollar
    doc = applyEdit(doc, defineAsset(doc, 'PUSD', { kind: 'stable' })).document;
    doc = applyEdit(doc, setPegKind(doc, 'PUSD', 'one-to-one')).document;
    expect(doc.assets?.['PUSD']?.peg).toEqual({ asset: 'USD', kind: 'one-to-one' });
  });

  it('an emptied name is no name; removing the last token removes the section, undo brings it back', () => {
    const history = new History();
    const doc = run(
      blankStrategy(),
      history,
      (d) => defineAsset(d, 'FOO', { kind: 'volatile', name: 'F' }),
      (d) => setAssetField(d, 'FOO', 'name', undefined),
    );
    expect(doc.assets).toEqual({ FOO: { kind: 'volatile' } });
    const removed = run(doc, history, (d) => removeAsset(d, 'FOO'));
    expect('assets' in removed).toBe(false);
    expect(history.undoLabel).toBe('Remove token FOO');
    expect(history.undo(removed)).toEqual(doc);
  });

  it('refuses what the format cannot hold', () => {
    const doc = applyEdit(blankStrategy(), defineAsset(blankStrategy(), 'WSTETH')).document;
    expect(() => defineAsset(doc, 'WSTETH')).toThrow(CommandError);
    expect(() => defineAsset(doc, 'wsteth')).toThrow(/not a token symbol/);
    expect(() => defineAsset(doc, '')).toThrow(CommandError);
    expect(() => removeAsset(doc, 'STETH')).toThrow(/no token definition/);
    expect(() => setPegField(doc, 'WSTETH', 'exchangeRate', '1')).toThrow(/has no peg/);
    expect(() => setAssetField(doc, 'WSTETH', 'kind', undefined)).toThrow(CommandError);
  });

  it('a preset definition is copied, not shared', () => {
    const preset = structuredClone(wstethLoop.assets!['WSTETH']!);
    const doc = applyEdit(blankStrategy(), defineAsset(blankStrategy(), 'WSTETH', preset)).document;
    const edited = applyEdit(doc, setPegField(doc, 'WSTETH', 'exchangeRate', '1.3')).document;
    expect(preset.peg?.exchangeRate).toBe('1.21');
    expect(edited.assets?.['WSTETH']?.peg?.exchangeRate).toBe('1.3');
  });
});
