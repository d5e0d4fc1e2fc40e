import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ContractError } from '../../contract/errors';
import type { ReportPayload } from '../../contract/report';

/**
 * The report as ONE self-contained HTML file: the report view's bundle (built by
 * electron.vite.config.ts into out/report/ as a single script and stylesheet), its payload as a
 * JSON data block, and a CSP that allows exactly those inline blocks by hash and nothing else
 * (no network, no other script). The same file is what every printer loads, and what
 * `yieldplan report --html` writes.
 */

/**
 * The app's root folder (package.json beside resources/), found by walking up from this module:
 * the same from src-main/services/report/ (tsx, tests) and from a bundled out/cli/ or out/main/.
 */
export function appRoot(from: string = import.meta.dirname): string {
  let dir = from;
  for (let i = 0; i < 8; i++) {
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(path.join(dir, 'resources')))
      return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return path.resolve(from, '../../..');
}

/** Where the build puts the report bundle (CLI, tests; the app passes its own). */
export function defaultReportBundleDir(): string {
  return path.join(appRoot(), 'out', 'report');
}

export interface ReportBundle {
  script: string;
  style: string;
}

export function readReportBundle(dir: string = defaultReportBundleDir()): ReportBundle {
  const script = path.join(dir, 'report.js');
  const style = path.join(dir, 'report.css');
  if (!fs.existsSync(script) || !fs.existsSync(style)) {
    throw new ContractError(
      'UNAVAILABLE',
      `the report view is not built (${dir} has no report.js/report.css): run \`npm run build\``,
    );
  }
  return { script: fs.readFileSync(script, 'utf8'), style: fs.readFileSync(style, 'utf8') };
}

const sha256 = (text: string) =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** `</script` and `<!--` cannot end or confuse an inline block; JSON and JS read `<\/` as `</`. */
const inlineSafe = (text: string) =>
  text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
const jsonSafe = (json: string) =>
  json
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function reportHtml(
  payload: ReportPayload,
  bundle: ReportBundle = readReportBundle(),
): string {
  const script = inlineSafe(bundle.script);
  const style = inlineSafe(bundle.style);
  const csp = [
    "default-src 'none'",
    `script-src ${sha256(script)}`,
    `style-src ${sha256(style)}`,
    'img-src data:',
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="UTF-8" />
<meta http-equiv="Content-Security-Policy" content="${csp}" />
<meta name="viewport" content="width=device-width, initial-scale=1.0" />
<title>${escapeHtml(`${payload.strategy.name} — Yield Planner report`)}</title>
<style>${style}</style>
</head>
<body>
<div id="report"></div>
<script type="application/json" id="report-payload">${jsonSafe(JSON.stringify(payload))}</script>
<script type="module">${script}</script>
</body>
</html>
`;
}

/** "wstETH/ETH loop (Aave v3)" → "wsteth-eth-loop-aave-v3". */
export function reportFileStem(name: string): string {
  const stem = name
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, ' ')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '-')
    .slice(0, 60)
    .replace(/-+$/, '');
  return stem || 'strategy';
}
