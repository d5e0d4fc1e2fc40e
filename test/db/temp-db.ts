import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A fresh temp folder per test; real SQLite files, never mocks. */
export function tempDir(prefix = 'yieldplan-test-'): { dir: string; cleanup: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** A deterministic clock: each call is one second after the previous one. */
export function steppingClock(startIso = '2025-01-01T00:00:00.000Z', stepMs = 1000): () => number {
  let t = Date.parse(startIso) - stepMs;
  return () => (t += stepMs);
}
