import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isStrategyFileName } from '../services/strategy-file';

/**
 * How strategy files reach the app, kept free of Electron so it is tested under Node:
 * - first launch: `process.argv` (double-click on Windows and Linux, or a command line);
 * - a second launch: its argv and working directory arrive through the single-instance lock's
 *   `second-instance` event (Chromium may add or reorder switches, so only file arguments count);
 * - macOS: `open-file` events, which can fire before `ready`.
 */

/** Switches of ours that take a value as the next argument (never a file to open). */
const SWITCHES_WITH_VALUE = new Set(['--db']);

/**
 * Strategy files named in an argv (the executable and, unpackaged, the app folder included):
 * arguments ending in `.yieldplan` or `.yieldplan.json`, or `file://` URLs to such files (Linux
 * desktop entries pass `%U`), resolved against `cwd`. Switches and their values are skipped.
 */
export function strategyPathsFromArgv(argv: readonly string[], cwd: string): string[] {
  const paths: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (SWITCHES_WITH_VALUE.has(arg)) {
      i++;
      continue;
    }
    if (arg.startsWith('-')) continue;
    const file = toPath(arg, cwd);
    if (file && isStrategyFileName(path.basename(file)) && !paths.includes(file)) paths.push(file);
  }
  return paths;
}

function toPath(arg: string, cwd: string): string | null {
  if (/^file:\/\//i.test(arg)) {
    try {
      return fileURLToPath(arg);
    } catch {
      return null;
    }
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(arg)) return null; // another URL scheme
  return path.resolve(cwd, arg);
}

/**
 * Holds open requests until the app can import them (services open, window created), then
 * hands each batch to `open` in arrival order, one batch at a time.
 */
export class OpenRequestQueue {
  #pending: string[] = [];
  #open: ((paths: string[]) => Promise<void>) | null = null;
  #running: Promise<void> = Promise.resolve();

  add(paths: readonly string[]): void {
    if (paths.length === 0) return;
    this.#pending.push(...paths);
    this.#drain();
  }

  /**
   * From now on, requests go to `open`; those that arrived earlier go first. `open` logs its own
   * failures: a rejection is dropped here so the batches after it still run.
   */
  start(open: (paths: string[]) => Promise<void>): void {
    this.#open = open;
    this.#drain();
  }

  /** Resolves once every request handed over so far has been opened. */
  idle(): Promise<void> {
    return this.#running;
  }

  #drain(): void {
    const open = this.#open;
    if (!open || this.#pending.length === 0) return;
    const batch = this.#pending;
    this.#pending = [];
    this.#running = this.#running.then(() => open(batch)).catch(() => undefined);
  }
}
