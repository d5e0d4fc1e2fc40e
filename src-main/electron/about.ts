import fs from 'node:fs';
import path from 'node:path';

/**
 * Texts of Help → About and Help → Report a problem, built from plain facts so they are tested
 * under Node (help-menu.ts shows them with Electron).
 */

export interface DataSource {
  /** The README's title, e.g. "Bundled daily price history (real data, US dollars)". */
  title: string;
  /** One line per bundled file: what it holds and the dates it covers. */
  series: string[];
  /** The README's "Sources" bullets. */
  sources: string[];
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim());
}

const plain = (text: string) => text.replace(/`/g, '').replace(/\*\*/g, '');

/**
 * Reads a bundled data README (resources/data/<kind>/README.md): its title, its table of files
 * (a "first day"/"last day" pair or a "period" column gives the range) and its Sources list.
 */
export function parseDataReadme(markdown: string): DataSource {
  const lines = markdown.split(/\r?\n/);
  const title = plain(
    lines
      .find((l) => l.startsWith('# '))
      ?.slice(2)
      .trim() ?? 'Bundled data',
  );
  const table = lines.filter((l) => l.trim().startsWith('|'));
  const header = table[0] ? cells(table[0]).map((c) => c.toLowerCase()) : [];
  const col = (name: string) => header.indexOf(name);
  const series: string[] = [];
  for (const row of table.slice(2).map(cells)) {
    const what = row[1] ?? '';
    const range =
      col('first day') >= 0 && col('last day') >= 0
        ? `${row[col('first day')]} to ${row[col('last day')]}`
        : col('period') >= 0
          ? (row[col('period')] ?? '')
          : '';
    series.push(plain(`${what}${range ? `: ${range}` : ''}`));
  }
  const sources: string[] = [];
  const start = lines.findIndex((l) => /^##\s+Sources/i.test(l));
  if (start >= 0) {
    for (const line of lines.slice(start + 1)) {
      if (line.startsWith('#')) break;
      if (/^\s*[-*]\s+/.test(line)) sources.push(plain(line.replace(/^\s*[-*]\s+/, '')));
      else if (line.trim() && sources.length === 0) sources.push(plain(line.trim()));
      else if (line.trim()) sources[sources.length - 1] += ` ${plain(line.trim())}`;
    }
  }
  return { title, series, sources };
}

/** Every resources/data/<kind>/README.md, in folder order; a missing folder gives none. */
export function readDataSources(resourcesRoot: string): DataSource[] {
  const dataDir = path.join(resourcesRoot, 'data');
  if (!fs.existsSync(dataDir)) return [];
  return fs
    .readdirSync(dataDir)
    .sort()
    .map((kind) => path.join(dataDir, kind, 'README.md'))
    .filter((file) => fs.existsSync(file))
    .map((file) => parseDataReadme(fs.readFileSync(file, 'utf8')));
}

export interface AboutFacts {
  name: string;
  version: string;
  licence: string;
  homepage?: string | undefined;
  versions: { electron?: string | undefined; chrome?: string | undefined; node: string };
  dataSources: DataSource[];
}

export function aboutText(facts: AboutFacts): { message: string; detail: string } {
  const { versions } = facts;
  const runtime = [
    versions.electron && `Electron ${versions.electron}`,
    versions.chrome && `Chromium ${versions.chrome}`,
    `Node ${versions.node}`,
  ].filter(Boolean);
  const lines = [`Licence: ${facts.licence}`, runtime.join(' · ')];
  if (facts.homepage) lines.push(facts.homepage);
  for (const source of facts.dataSources) {
    lines.push('', source.title, ...source.series.map((s) => `  • ${s}`));
    if (source.sources.length > 0)
      lines.push('  Sources:', ...source.sources.map((s) => `  – ${s}`));
  }
  return { message: `${facts.name} ${facts.version}`, detail: lines.join('\n') };
}

export interface DiagnosticFacts {
  name: string;
  version: string;
  packaged: boolean;
  versions: { electron: string | null; chrome: string | null; node: string; sqlite: string };
  schemaVersion: number;
  os: { platform: string; release: string; arch: string; version?: string };
  locale?: string;
}

/**
 * What Help → Report a problem copies: versions, schema, OS. No paths, names or strategy data,
 * so it can be pasted into a public report as is.
 */
export function diagnosticSummary(facts: DiagnosticFacts): string {
  const { versions, os } = facts;
  return [
    `${facts.name} ${facts.version}${facts.packaged ? '' : ' (development build)'}`,
    `Electron ${versions.electron ?? 'n/a'}, Chromium ${versions.chrome ?? 'n/a'}, Node ${versions.node}, SQLite ${versions.sqlite}`,
    `Database schema version ${facts.schemaVersion}`,
    `OS: ${os.platform} ${os.release} ${os.arch}${os.version ? ` (${os.version})` : ''}`,
    ...(facts.locale ? [`Locale: ${facts.locale}`] : []),
  ].join('\n');
}
