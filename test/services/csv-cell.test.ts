import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvCell } from '../../src-main/services/csv-cell';

/** RFC 4180 quoting plus OWASP formula-injection neutralising (see docs/reports.md). */
describe('csvCell', () => {
  it('neutralises cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(csvCell('+cmd')).toBe("'+cmd");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('\rx')).toBe(`"'\rx"`);
  });

  it('leaves numbers, including negative ones, as numbers', () => {
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('-0.25')).toBe('-0.25');
    expect(csvCell('+1e-7')).toBe('+1e-7');
    expect(csvCell(3000)).toBe('3000');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
  });

  it('reads back as the text (with its guard) through a CSV parser, for any string', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), (cells) => {
        const line = cells.map(csvCell).join(',');
        const parsed = Papa.parse<string[]>(line, { header: false, delimiter: ',', newline: '\n' })
          .data[0] ?? [''];
        const expected = cells.map((c) =>
          /^[=+\-@\t\r]/.test(c) && !/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(c)
            ? `'${c}`
            : c,
        );
        // a lone empty cell parses as an empty row
        if (cells.length === 1 && cells[0] === '') return;
        expect(parsed).toEqual(expected);
        for (const cell of parsed) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?![\d.])/);
      }),
    );
  });
});
