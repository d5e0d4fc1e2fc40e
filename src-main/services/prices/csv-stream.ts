import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import Papa from 'papaparse';
import { DataError } from './errors';

/** Longest line accepted (the widest supported layout has a few hundred characters per line). */
export const MAX_LINE_CHARS = 64 * 1024;

/** One batch of raw CSV rows; `firstLine` is the 1-based file line of `rows[0]`. */
export interface CsvRowBatch {
  rows: string[][];
  firstLine: number;
}

/**
 * Streams a CSV file through papaparse (chunk mode) and hands raw string rows over in batches, so memory stays
 * flat and the caller can number lines. Blank lines come through as `['']` so line numbers stay exact (quoted
 * fields holding line breaks would shift them; none of the supported layouts quote). A byte-order mark is dropped.
 * Throwing from `onBatch` aborts the parse and rejects with that error.
 */
export function streamCsvRows(input: {
  filePath: string;
  onBatch: (batch: CsvRowBatch) => void;
}): Promise<{ lines: number }> {
  return new Promise((resolve, reject) => {
    let nextLine = 1;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    const file = createReadStream(input.filePath, { encoding: 'utf8', highWaterMark: 1 << 20 });
    file.on('error', (err: NodeJS.ErrnoException) =>
      fail(
        new DataError(
          'FILE_UNREADABLE',
          `cannot read ${basename(input.filePath)} (${err.code ?? 'read error'})`,
        ),
      ),
    );
    // A file without line breaks would become one row held whole in memory: refuse long lines.
    let sinceBreak = 0;
    const stream = new Transform({
      decodeStrings: false,
      encoding: 'utf8',
      transform(chunk: string, _encoding, done) {
        const lastBreak = chunk.lastIndexOf('\n');
        sinceBreak = lastBreak === -1 ? sinceBreak + chunk.length : chunk.length - lastBreak - 1;
        if (sinceBreak > MAX_LINE_CHARS) {
          const error = new DataError(
            'LINE_TOO_LONG',
            `a line is longer than ${MAX_LINE_CHARS.toLocaleString('en-US')} characters; this is not a price or rate file`,
          );
          fail(error);
          file.destroy();
          return done(error);
        }
        done(null, chunk);
      },
    });
    stream.on('error', fail);
    file.pipe(stream);
    // papaparse accepts a Node readable stream here; its typings only name browser inputs.
    Papa.parse<string[]>(stream as unknown as File, {
      header: false,
      dynamicTyping: false,
      skipEmptyLines: false,
      chunk: (results, parser) => {
        if (failed) return;
        const rows = results.data;
        if (rows.length === 0) return;
        const first = rows[0];
        if (nextLine === 1 && first?.[0]?.startsWith('\uFEFF')) first[0] = first[0].slice(1);
        try {
          input.onBatch({ rows, firstLine: nextLine });
        } catch (err) {
          fail(err); // before abort(): papaparse calls `complete` synchronously from it
          parser.abort();
          file.destroy();
          stream.destroy();
          return;
        }
        nextLine += rows.length;
      },
      complete: () => {
        if (!failed) resolve({ lines: nextLine - 1 });
      },
      error: fail,
    });
  });
}
