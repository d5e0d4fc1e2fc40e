import { spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openDatabase } from '../../src-main/db/open-database';
import { tempDir } from './temp-db';

let tmp: ReturnType<typeof tempDir>;
beforeEach(() => (tmp = tempDir()));
afterEach(() => tmp.cleanup());

const KILL_AFTER_COMMITS = 150;

it('loses no committed save when the writer is killed with SIGKILL mid-stream', async () => {
  const file = path.join(tmp.dir, 'killed.sqlite');
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'fixtures/save-stream.ts'), file],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const committed = new Map<string, number>(); // draft id -> highest revision reported
  let count = 0;
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  for await (const line of readline.createInterface({ input: child.stdout })) {
    const [word, id, revision] = line.split(' ');
    if (word !== 'committed' || !id) continue;
    committed.set(id, Math.max(committed.get(id) ?? 0, Number(revision)));
    // Lines keep arriving after this point; they are counted too, since each was committed.
    if (++count === KILL_AFTER_COMMITS) child.kill('SIGKILL');
  }
  expect(await exited).toBe('SIGKILL');
  expect(count).toBeGreaterThanOrEqual(KILL_AFTER_COMMITS);

  const db = openDatabase({ path: file });
  expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
  const head = db.prepare('SELECT revision FROM drafts WHERE id = ?');
  const revision = db.prepare(
    'SELECT 1 AS present FROM draft_revisions WHERE draft_id = ? AND revision = ?',
  );
  for (const [id, reported] of committed) {
    const row = head.get(id) as { revision: number } | undefined;
    expect(row, `draft ${id}`).toBeDefined();
    expect(row!.revision).toBeGreaterThanOrEqual(reported);
    for (let r = 1; r <= reported; r++) {
      expect(revision.get(id, r), `draft ${id} revision ${r}`).toEqual({ present: 1 });
    }
  }
  db.close();
});
