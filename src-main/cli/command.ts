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
