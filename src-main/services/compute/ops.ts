import type { Database } from 'better-sqlite3';
import type { BacktestOptionsInput } from '../../backtest/types';
import { evaluate } from '../../engine/evaluate';
import type { ProtocolRisk } from '../../engine/format/schema';
import type { StressAxis } from '../../risk/stress';
import { integrityCheck } from '../../db/backups';
import { BacktestService } from '../backtest';
import { parsePriceCsv, type ParsedPriceCsv } from '../prices/parse-price-csv';
import { parseRateFile, type ParsedRateFile } from '../rates/parse-rate-file';
import { RiskService } from '../risk';
import { firstNonFinite } from './finite';

/**
 * Everything the app computes, by name: the one implementation, run in a worker thread by the app
 * and the loopback server (compute-pool.ts) and in the calling thread by the CLI and unit tests
 * (InlineCompute). Inputs are the contract's parsed inputs; outputs are structured-cloneable.
 */
export interface ComputeInputs {
  'engine.evaluate': { strategy: unknown };
  'backtest.run': {
    strategy: unknown;
    from: string;
    to: string;
    options?: Record<string, unknown>;
  };
  'scenarios.run': { strategy: unknown; options?: Record<string, unknown> };
  'risk.stress': { strategy: unknown; axes: StressAxis[] };
  'risk.protocol': { strategy: unknown; overrides?: Record<string, ProtocolRisk> };
  'prices.parse': { filePath: string };
  'rates.parse': { filePath: string; asset?: string; chain?: string };
  'db.integrityCheck': Record<string, never>;
}

export interface ComputeOutputs {
  'engine.evaluate': ReturnType<typeof evaluate>;
  'backtest.run': ReturnType<BacktestService['backtest']>;
  'scenarios.run': ReturnType<BacktestService['scenarios']>;
  'risk.stress': ReturnType<RiskService['stress']>;
  'risk.protocol': ReturnType<RiskService['protocol']>;
  'prices.parse': ParsedPriceCsv;
  'rates.parse': ParsedRateFile;
  'db.integrityCheck': { problems: string[] };
}

export type ComputeKind = keyof ComputeInputs;

/** Which results are engine-shaped (`{ok, errors}`) and so checked for non-finite figures. */
const ENGINE_SHAPED = new Set<ComputeKind>([
  'engine.evaluate',
  'backtest.run',
  'scenarios.run',
  'risk.stress',
  'risk.protocol',
]);

/** The operations over one (read) database connection, opened on first need. */
export function createComputeOps(openDb: () => Database) {
  let db: Database | null = null;
  let history: BacktestService | null = null;
  let risk: RiskService | null = null;
  const historyService = () => (history ??= BacktestService.fromDatabase((db ??= openDb())));
  // Stress and protocol risk need no history and no threads; the pool inside is never started.
  const riskService = () => (risk ??= RiskService.fromDatabase((db ??= openDb())));
  const options = (o: Record<string, unknown> | undefined) => o as BacktestOptionsInput | undefined;

  async function compute<K extends ComputeKind>(
    kind: K,
    input: ComputeInputs[K],
  ): Promise<ComputeOutputs[K]> {
    const result = await run(kind, input);
    if (ENGINE_SHAPED.has(kind)) {
      const at = firstNonFinite(result);
      if (at !== null) {
        return {
          ok: false,
          errors: [
            {
              code: 'RESULT_NOT_FINITE',
              message: `a figure came out infinite or not a number (${at}); check for extreme amounts, prices or rates`,
              field: at,
            },
          ],
        } as ComputeOutputs[K];
      }
    }
    return result as ComputeOutputs[K];
  }

  function run(kind: ComputeKind, raw: unknown): unknown {
    switch (kind) {
      case 'engine.evaluate':
        return evaluate((raw as ComputeInputs['engine.evaluate']).strategy);
      case 'backtest.run': {
        const input = raw as ComputeInputs['backtest.run'];
        return historyService().backtest({ ...input, options: options(input.options) });
      }
      case 'scenarios.run': {
        const input = raw as ComputeInputs['scenarios.run'];
        return historyService().scenarios({ ...input, options: options(input.options) });
      }
      case 'risk.stress':
        return riskService().stress(raw as ComputeInputs['risk.stress']);
      case 'risk.protocol':
        return riskService().protocol(raw as ComputeInputs['risk.protocol']);
      case 'prices.parse':
        return parsePriceCsv(raw as ComputeInputs['prices.parse']);
      case 'rates.parse':
        return parseRateFile(raw as ComputeInputs['rates.parse']);
      case 'db.integrityCheck':
        return { problems: integrityCheck((db ??= openDb())) };
    }
  }

  return {
    compute,
    close(): void {
      void risk?.close();
      if (db?.open) db.close();
    },
  };
}

/** Runs compute kinds: a worker pool in the app, the calling thread in the CLI and unit tests. */
export interface ComputeRunner {
  run<K extends ComputeKind>(
    kind: K,
    input: ComputeInputs[K],
    options?: { signal?: AbortSignal; budgetMs?: number },
  ): Promise<ComputeOutputs[K]>;
  close(): Promise<void>;
}

/** The same operations in the calling thread, over the caller's connection (no budget, no worker). */
export class InlineCompute implements ComputeRunner {
  readonly #ops: ReturnType<typeof createComputeOps>;

  constructor(db: Database) {
    this.#ops = createComputeOps(() => db);
  }

  run<K extends ComputeKind>(kind: K, input: ComputeInputs[K]): Promise<ComputeOutputs[K]> {
    return this.#ops.compute(kind, input);
  }

  close(): Promise<void> {
    return Promise.resolve(); // the connection belongs to the caller
  }
}
