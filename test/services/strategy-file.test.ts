// Opening strategy files (double-click, command line, second launch, open-file): parsing and
// import as drafts, on real temporary databases. Electron itself is not needed.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open-database';
import { DraftsService } from '../../src-main/services/drafts';
import { OpenedFiles } from '../../src-main/services/opened-files';
import {
  isStrategyFileName,
  parseStrategyFile,
  readStrategyFile,
} from '../../src-main/services/strategy-file';
import { tempDir } from '../db/temp-db';

const root = path.resolve(import.meta.dirname, '../..');
const exampleText = fs.readFileSync(
  path.join(root, 'resources/examples/eth-leveraged-long.json'),
  'utf8',
);
const example = JSON.parse(exampleText) as Record<string, unknown>;
/** The shipped example is a version-1 file; opening it migrates it to the current version. */
const migrated = { ...example, version: 2 };

const cleanups: (() => void)[] = [];
afterEach(() => cleanups.splice(0).forEach((c) => c()));

function folder(): string {
  const tmp = tempDir('yieldplan-open-');
  cleanups.push(tmp.cleanup);
  return tmp.dir;
}

function rejection(fn: () => unknown): { code: string; dataCode: string; message: string } {
  try {
    fn();
  } catch (error) {
    const e = error as { code: string; details: { dataCode: string }; message: string };
    return { code: e.code, dataCode: e.details.dataCode, message: e.message };
  }
  throw new Error('expected a rejection');
}

describe('strategy file names', () => {
  it('knows .yieldplan and the older .yieldplan.json, in any case', () => {
    expect(isStrategyFileName('loop.yieldplan')).toBe(true);
    expect(isStrategyFileName('Loop.YIELDPLAN')).toBe(true);
    expect(isStrategyFileName('loop.yieldplan.json')).toBe(true);
    expect(isStrategyFileName('loop.json')).toBe(false);
    expect(isStrategyFileName('.yieldplan')).toBe(false);
    expect(isStrategyFileName('loop.yieldplan.bak')).toBe(false);
  });
});

describe('parseStrategyFile', () => {
  it('reads what Save As / Export writes: name, notes and the document', () => {
    const text = JSON.stringify({ name: 'My loop', notes: 'check rates', document: example });
    const file = parseStrategyFile(text, 'My-loop.yieldplan');
    expect(file).toMatchObject({ name: 'My loop', notes: 'check rates', problems: 0 });
    expect(JSON.parse(file.document)).toEqual(migrated);
  });

  it('reads a bare strategy document and names the draft after the strategy', () => {
    const file = parseStrategyFile(exampleText, 'eth.yieldplan.json');
    expect(file.name).toBe(example['name']);
    expect(file.notes).toBe('');
  });

  it('falls back to the file name when neither the wrapper nor the strategy has a name', () => {
    const { name: _drop, ...unnamed } = example;
    expect(parseStrategyFile(JSON.stringify(unnamed), 'Weekend plan.yieldplan.json').name).toBe(
      'Weekend plan',
    );
  });

  it('accepts a half-typed strategy and counts its problems (it opens like any draft)', () => {
    const broken = { ...example, horizonDays: 'soon', capital: [] };
    const file = parseStrategyFile(JSON.stringify(broken), 'broken.yieldplan');
    expect(file.problems).toBe(2);
    expect(JSON.parse(file.document)).toMatchObject({ horizonDays: 'soon' });
  });

  it('accepts a byte-order mark', () => {
    expect(parseStrategyFile(`\uFEFF${exampleText}`, 'bom.yieldplan').problems).toBe(0);
  });

  it('refuses what is not a strategy, each with its own code and the file named', () => {
    expect(rejection(() => parseStrategyFile('{ "name": ', 'cut.yieldplan'))).toMatchObject({
      code: 'DATA_REJECTED',
      dataCode: 'FILE_NOT_JSON',
      message: expect.stringContaining('cut.yieldplan is not valid JSON'),
    });
    expect(rejection(() => parseStrategyFile('[1, 2]', 'list.yieldplan')).dataCode).toBe(
      'FILE_NOT_STRATEGY',
    );
    expect(
      rejection(() => parseStrategyFile('{"format":"other","version":1}', 'x.yieldplan')),
    ).toMatchObject({ dataCode: 'FILE_NOT_STRATEGY', message: expect.stringContaining('format') });
    // An export of a draft whose text did not parse carries `document: null`.
    expect(
      rejection(() => parseStrategyFile('{"name":"a","notes":"","document":null}', 'a.yieldplan')),
    ).toMatchObject({
      dataCode: 'FILE_NOT_STRATEGY',
      message: expect.stringContaining('no strategy document'),
    });
    expect(
      rejection(() =>
        parseStrategyFile(JSON.stringify({ ...example, version: 99 }), 'new.yieldplan'),
      ),
    ).toMatchObject({
      dataCode: 'FILE_VERSION_UNSUPPORTED',
      message: expect.stringContaining('newer'),
    });
  });

  it('refuses notes beyond the draft limit instead of cutting them', () => {
    const text = JSON.stringify({ name: 'n', notes: 'x'.repeat(20_001), document: example });
    expect(rejection(() => parseStrategyFile(text, 'long.yieldplan')).dataCode).toBe(
      'FILE_INVALID',
    );
  });
});

describe('readStrategyFile', () => {
  it('reads from disk, and refuses missing, oversized and folder paths clearly', async () => {
    const dir = folder();
    const good = path.join(dir, 'good.yieldplan');
    fs.writeFileSync(good, exampleText);
    expect((await readStrategyFile(good)).name).toBe(example['name']);

    await expect(readStrategyFile(path.join(dir, 'gone.yieldplan'))).rejects.toMatchObject({
      code: 'DATA_REJECTED',
      message: 'gone.yieldplan does not exist.',
    });
    const big = path.join(dir, 'big.yieldplan');
    fs.writeFileSync(big, Buffer.alloc(3 * 1024 * 1024, 0x20));
    await expect(readStrategyFile(big)).rejects.toMatchObject({
      details: { dataCode: 'FILE_TOO_LARGE' },
    });
    const sub = path.join(dir, 'folder.yieldplan');
    fs.mkdirSync(sub);
    await expect(readStrategyFile(sub)).rejects.toMatchObject({
      details: { dataCode: 'FILE_UNREADABLE' },
    });
  });
});

describe('OpenedFiles', () => {
  it('imports each file as a new draft, keeps refusals, and hands the outcomes over once', async () => {
    const dir = folder();
    const db = openDatabase({ path: path.join(dir, 'app.sqlite') });
    cleanups.push(() => db.close());
    const drafts = new DraftsService(db);
    const opened = new OpenedFiles(drafts);
    const good = path.join(dir, 'Loop.yieldplan');
    fs.writeFileSync(good, JSON.stringify({ name: 'Loop', notes: 'n', document: example }));
    const bad = path.join(dir, 'bad.yieldplan');
    fs.writeFileSync(bad, 'not json');

    const outcomes = await opened.open([good, bad]);
    expect(outcomes).toHaveLength(2);
    const [first, second] = outcomes;
    if (!first?.ok) throw new Error('the good file should open');
    expect(first).toMatchObject({ fileName: 'Loop.yieldplan', name: 'Loop', problems: 0 });
    expect(second).toMatchObject({ ok: false, fileName: 'bad.yieldplan', code: 'FILE_NOT_JSON' });

    const draft = drafts.open(first.draftId);
    // The draft's title and the strategy's name are one value (issue 13): the file's name wins.
    expect(draft).toMatchObject({
      name: 'Loop',
      notes: 'n',
      document: { ...migrated, name: 'Loop' },
      revision: 1,
    });
    expect(drafts.list().map((d) => d.id)).toEqual([first.draftId]);

    expect(opened.take()).toEqual(outcomes);
    expect(opened.take()).toEqual([]);
  });

  it('round-trips what the editor exports (same wrapper, same document)', async () => {
    const dir = folder();
    const db = openDatabase({ path: path.join(dir, 'app.sqlite') });
    cleanups.push(() => db.close());
    const drafts = new DraftsService(db);
    const original = drafts.create({ name: 'Mine', notes: 'x', document: exampleText });
    // The shape DraftEditor.exportFile() writes (src-renderer/src/state/editor.svelte.ts).
    const exported = JSON.stringify(
      { name: original.name, notes: original.notes, document: original.document },
      null,
      2,
    );
    const file = path.join(dir, 'Mine.yieldplan');
    fs.writeFileSync(file, exported);
    const [outcome] = await new OpenedFiles(drafts).open([file]);
    if (!outcome?.ok) throw new Error('export should reopen');
    const copy = drafts.open(outcome.draftId);
    expect(copy.id).not.toBe(original.id);
    expect({ name: copy.name, notes: copy.notes, document: copy.document }).toEqual({
      name: original.name,
      notes: original.notes,
      document: { ...original.document, version: 2 },
    });
  });
});
