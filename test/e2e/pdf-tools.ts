import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Poppler's command-line tools (pdfinfo, pdftotext, pdfimages, pdftoppm) as the report tests use them. */

export function pdfPages(file: string): { pages: number; width: number; height: number } {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  return { pages, width: Number(size?.[1]), height: Number(size?.[2]) };
}

/** The text of one page (1-based) or of the whole file, whitespace collapsed to single spaces. */
export function pdfText(file: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)];
  return execFileSync('pdftotext', ['-layout', ...range, file, '-'], { encoding: 'utf8' })
    .replace(/\s+/g, ' ')
    .trim();
}

export interface Pnm {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Buffer;
}

/** Binary PPM (P6) or PGM (P5), as pdfimages and pdftoppm write them. */
export function readPnm(file: string): Pnm {
  const b = fs.readFileSync(file);
  const tokens: string[] = [];
  let pos = 0;
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(b[pos]!))) pos++;
    const start = pos;
    while (!/\s/.test(String.fromCharCode(b[pos]!))) pos++;
    tokens.push(b.toString('latin1', start, pos));
  }
  pos++;
  const [magic, w, h] = tokens;
  return {
    width: Number(w),
    height: Number(h),
    channels: magic === 'P6' ? 3 : 1,
    data: b.subarray(pos),
  };
}

export interface ChartImage {
  width: number;
  height: number;
  /** Share of pixels drawn: not white (the print canvas is opaque, painted white). */
  coverage: number;
  /** Share of pixels in a saturated colour: the data series (axes, grid and text are grey). */
  dataShare: number;
}

/** The canvas images on one page, as pdfimages extracts them (soft masks, if any, skipped). */
export function chartImages(file: string, page: number, dir: string): ChartImage[] {
  fs.mkdirSync(dir, { recursive: true });
  const prefix = path.join(dir, `p${page}`);
  const range = ['-f', String(page), '-l', String(page)];
  const types = execFileSync('pdfimages', ['-list', ...range, file], { encoding: 'utf8' })
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => l.trim().split(/\s+/)[2]);
  execFileSync('pdfimages', [...range, file, prefix]);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`p${page}-`))
    .sort();
  const out: ChartImage[] = [];
  files.forEach((f, i) => {
    if (types[i] !== 'image') return;
    const img = readPnm(path.join(dir, f));
    if (img.channels !== 3) return;
    let drawn = 0;
    let data = 0;
    const n = img.width * img.height;
    for (let p = 0; p < n; p++) {
      const r = img.data[p * 3]!;
      const g = img.data[p * 3 + 1]!;
      const b = img.data[p * 3 + 2]!;
      if (Math.min(r, g, b) < 240) drawn++;
      if (Math.max(r, g, b) - Math.min(r, g, b) > 60) data++;
    }
    out.push({ width: img.width, height: img.height, coverage: drawn / n, dataShare: data / n });
  });
  for (const f of files) fs.rmSync(path.join(dir, f));
  return out;
}

/** The first `pages` pages as PNGs beside the PDF (for a person to look at). */
export function pagePngs(file: string, pages: number): string[] {
  const prefix = file.replace(/\.pdf$/, '-page');
  execFileSync('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', String(pages), file, prefix]);
  const dir = path.dirname(file);
  const base = path.basename(prefix);
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(base) && f.endsWith('.png'))
    .map((f) => path.join(dir, f));
}
