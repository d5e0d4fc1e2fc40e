import { processIo, type CliCommand, type CliIo } from './command';

/**
 * `yieldplan <command> [options]`. Commands load lazily so `evaluate` does not pay for the
 * backtest or Monte Carlo modules. To add a command: create `commands/<name>.ts` exporting
 * `command: CliCommand` and add one line here.
 */
const COMMANDS: Record<string, () => Promise<{ command: CliCommand }>> = {
  evaluate: () => import('./commands/evaluate'),
  backtest: () => import('./commands/backtest'),
  scenarios: () => import('./commands/scenarios'),
  simulate: () => import('./commands/simulate'),
  stress: () => import('./commands/stress'),
  report: () => import('./commands/report'),
  compare: () => import('./commands/compare'),
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(await helpText());
    return name ? 0 : 1;
  }
  const load = COMMANDS[name];
  if (!load) {
    io.err(`yieldplan: unknown command "${name}"\n\n${await helpText()}`);
    return 1;
  }
  const { command } = await load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    io.err(`yieldplan ${name}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

async function helpText(): Promise<string> {
  const lines = ['Usage: yieldplan <command> [options]', '', 'Commands:'];
  for (const [name, load] of Object.entries(COMMANDS)) {
    const { command } = await load();
    lines.push(`  ${name.padEnd(12)} ${command.summary}`);
  }
  lines.push('', 'Run `yieldplan <command> --help` for its options.');
  return lines.join('\n');
}
