/**
 * One CSV cell, RFC 4180 quoted when needed, and neutralised against spreadsheet formula injection
 * (OWASP "CSV Injection"): a cell that is not a number and begins with = + - @ TAB or CR gets a
 * leading apostrophe, so Excel, LibreOffice and Sheets show it as text instead of running it.
 * Numbers (including negative ones such as "-0.25") are left as they are, so exported series stay
 * numeric. null and undefined are empty cells.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (FORMULA_START.test(text) && !NUMERIC.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
