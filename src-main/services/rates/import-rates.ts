import { basename } from 'node:path';
import type { Database } from 'better-sqlite3';
import { parseRateFile, type ParsedRateFile, type RateFileLayout } from './parse-rate-file';
import { createRateRepository } from './rate-repository';
import type { RateSeriesKey } from './types';

export interface RateImportResult {
  layout: RateFileLayout;
  series: { key: RateSeriesKey; days: number; firstTs: number; lastTs: number }[];
  footer: ParsedRateFile['footer'];
}

/**
 * Imports a lending-rate file in one transaction (the whole file or nothing; re-importing changes nothing).
 * See parseRateFile for layouts and the refusal rule.
 */
export async function importRateFile(
  db: Database,
  input: { filePath: string; asset?: string; chain?: string; source?: string },
  parse: (input: {
    filePath: string;
    asset?: string;
    chain?: string;
  }) => Promise<ParsedRateFile> = parseRateFile,
): Promise<RateImportResult> {
  const { source: _source, ...parseInput } = input;
  const parsed = await parse(parseInput);
  writeParsedRates(db, parsed, input.source ?? `file:${basename(input.filePath)}`);
  return {
    layout: parsed.layout,
    series: parsed.series.map((s) => ({
      key: s.key,
      days: s.rows.length,
      firstTs: s.rows[0]?.ts as number,
      lastTs: s.rows.at(-1)?.ts as number,
    })),
    footer: parsed.footer,
  };
}

/** Writes parsed series in one transaction (nested inside the caller's when there is one). */
export function writeParsedRates(db: Database, parsed: ParsedRateFile, source: string): void {
  const repo = createRateRepository(db);
  db.transaction(() => {
    for (const s of parsed.series) repo.writeSeries({ key: s.key, source, rows: s.rows });
  })();
}
