/**
 * One CSV cell, safe to open in a spreadsheet: RFC 4180 quoting (a cell holding `"`, `,`, CR or LF is
 * quoted, inner quotes doubled) plus OWASP's CSV-injection rule: a text cell that begins with
 * `=`, `+`, `-`, `@`, TAB or CR gets a leading `'`, because spreadsheets evaluate such a cell as a
 * formula even when it is quoted (https://owasp.org/www-community/attacks/CSV_Injection).
 *
 * Numbers stay numbers: a number, or a string that is a plain decimal (`-1.5`, `2e-7`), is written
 * as is, so a negative value re-imports unchanged. null/undefined is an empty cell.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A row of cells joined by commas (no line ending). */
export function csvRow(values: readonly (string | number | null | undefined)[]): string {
  return values.map(csvCell).join(',');
}

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const NEEDS_QUOTES = /[",\r\n]/;
