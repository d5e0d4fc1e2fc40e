import type { EngineIssue } from '../engine/position';

/**
 * One `yieldplan` subcommand. Each lives in `commands/<name>.ts` and exports `command`; the
 * dispatcher in `index.ts` maps the name to a lazy import, so adding one is one line there.
 */
export interface CliCommand {
  /** One line for `yieldplan --help`. */
  summary: string;
  /** Usage text for `yieldplan <name> --help`. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: string[], io: CliIo): Promise<number> | number;
}

/** Where a command writes (injectable so tests capture output without spawning a process). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** `CODE (step <id> <field>): message`, one issue per line on stderr and in summaries. */
export function formatIssue(issue: EngineIssue): string {
  const where = [issue.stepId && `step ${issue.stepId}`, issue.field].filter(Boolean).join(' ');
  return `${issue.code}${where ? ` (${where})` : ''}: ${issue.message}`;
}

/** Lists the issues on stderr; resolves to exit code 1 for the command to return. */
export function reportIssues(io: CliIo, issues: readonly EngineIssue[]): number {
  io.err(issues.map(formatIssue).join('\n'));
  return 1;
}
