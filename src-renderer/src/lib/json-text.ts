/** A JSON parse failure in plain words, with the line and column it was found at (1-based). */
export interface JsonProblem {
  message: string;
  line: number;
  column: number;
}

const PLAIN: [RegExp, string][] = [
  [/Unexpected end of JSON input/i, 'the text ends too early: a closing } or ] or " is missing'],
  [/Expected ',' or '}' after property value/i, 'a comma or a closing } is missing after a value'],
  [/Expected ',' or '\]' after array element/i, 'a comma or a closing ] is missing after an item'],
  [
    /Expected double-quoted property name/i,
    'a name in double quotes is expected here (a trailing comma?)',
  ],
  [/Expected ':' after property name/i, 'a colon is missing after a name'],
  [
    /Bad control character in string literal/i,
    'a text value contains a line break or tab: close it with "',
  ],
  [/Unterminated string/i, 'a text value is not closed with "'],
  [/Unexpected token '?(.)'?/i, 'the character "$1" is not expected here'],
  [/Unexpected non-whitespace character after JSON/i, 'there is more text after the document ends'],
];

/** Line and column (1-based) of a character offset. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** Parses JSON text; on failure says what is wrong and where, in plain words. */
export function parseJson(
  text: string,
): { ok: true; value: unknown } | { ok: false; problem: JsonProblem } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(raw);
    const offset = position ? Number(position[1]) : text.length;
    const where = lineColumn(text, offset);
    let message = raw.replace(/\s*(in JSON )?at position \d+.*$/s, '');
    for (const [pattern, plain] of PLAIN) {
      const match = pattern.exec(raw);
      if (match) {
        message = plain.replace('$1', match[1] ?? '');
        break;
      }
    }
    return { ok: false, problem: { message, ...where } };
  }
}
