import { DataError, type RowIssue } from '../prices/errors';
import type { RateImportResult } from './import-rates';
import type { RateFileParser } from './rate-service';

/**
 * What importing a rate file would store, without writing: its series and spans, or the rows that
 * would refuse it. A refused file is a normal answer of a preview, so it comes back as `ok: false`
 * with the lines rather than as a failed call.
 */
export type RateFilePreview =
  | ({ ok: true } & RateImportResult)
  | { ok: false; code: string; message: string; errors: RowIssue[]; errorCount: number };

export async function previewRateFile(
  input: { filePath: string; asset?: string; chain?: string },
  parse: RateFileParser,
): Promise<RateFilePreview> {
  try {
    const parsed = await parse(input);
    return {
      ok: true,
      layout: parsed.layout,
      series: parsed.series.map((s) => ({
        key: s.key,
        days: s.rows.length,
        firstTs: s.rows[0]?.ts as number,
        lastTs: s.rows.at(-1)?.ts as number,
      })),
      footer: parsed.footer,
    };
  } catch (error) {
    if (!(error instanceof DataError)) throw error;
    return {
      ok: false,
      code: error.code,
      message: error.message,
      errors: error.issues.slice(0, 200),
      errorCount: error.issueCount,
    };
  }
}
