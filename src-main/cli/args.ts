import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { BacktestOptionsInput, RateMode } from '../backtest/types';
import type { CliIo } from './command';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * The front every `yieldplan <command> <strategy.json> [options]` shares: parse the options (unknown
 * ones throw, reported by the dispatcher), `--help`/`-h` prints the usage, anything but exactly one
 * file (or values `valid` refuses) prints the usage on stderr, then the file is read as JSON.
 * Resolves to the parsed values and document, or to the exit code when the command should stop.
 */
export async function strategyCommandArgs<const O extends ParseArgsOptionsConfig>(p: {
  args: string[];
  options: O;
  usage: string;
  io: CliIo;
  valid?: (values: OptionValues<O>) => boolean;
}): Promise<{ values: OptionValues<O>; document: unknown } | number> {
  const { values, positionals } = parseArgs({
    args: p.args,
    options: { ...p.options, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if ((values as { help?: boolean }).help) {
    p.io.out(p.usage);
    return 0;
  }
  const options = values as OptionValues<O>;
  const [file] = positionals;
  if (!file || positionals.length > 1 || (p.valid && !p.valid(options))) {
    p.io.err(p.usage);
    return 1;
  }
  const document = await readStrategyFile(file, p.io);
  return document === undefined ? 1 : { values: options, document };
}

/** What `parseArgs` gives for `options` (strings, booleans, and their defaults). */
export type OptionValues<O extends ParseArgsOptionsConfig> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true }>
>['values'];

async function readStrategyFile(file: string, io: CliIo): Promise<unknown | undefined> {
  try {
    // A byte-order mark (Windows editors write one) is not JSON but not an error either.
    return JSON.parse((await readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    io.err(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
}

function ruleOption(
  text: string | undefined,
  name: string,
): { triggerHealthFactor: number; targetHealthFactor: number } | undefined {
  if (text === undefined) return undefined;
  const m = /^(\d+(?:\.\d+)?):(\d+(?:\.\d+)?)$/.exec(text);
  if (!m) throw new Error(`--${name} expects <hf>:<target>, e.g. 1.3:1.8`);
  return { triggerHealthFactor: Number(m[1]), targetHealthFactor: Number(m[2]) };
}

/** `--rates`, `--deleverage`, `--releverage`: shared by `backtest`, `scenarios` and `simulate`. */
export function automationOptions(
  values: { rates?: string; deleverage?: string; releverage?: string },
  marketIds: readonly string[],
): BacktestOptionsInput {
  const mode = values.rates ?? 'model';
  if (mode !== 'model' && mode !== 'history') throw new Error('--rates expects model or history');
  const deleverage = ruleOption(values.deleverage, 'deleverage');
  const releverage = ruleOption(values.releverage, 'releverage');
  return {
    rateModes: Object.fromEntries(marketIds.map((id) => [id, mode as RateMode])),
    ...(deleverage || releverage
      ? {
          automation: {
            ...(deleverage ? { deleverage } : {}),
            ...(releverage ? { releverage } : {}),
          },
        }
      : {}),
  };
}

export function marketIdsOf(document: unknown): string[] {
  const markets = (document as { markets?: unknown } | null)?.markets;
  return Array.isArray(markets)
    ? markets.flatMap((m) => (typeof m?.id === 'string' ? [m.id as string] : []))
    : [];
}
