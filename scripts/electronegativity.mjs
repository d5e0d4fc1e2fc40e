#!/usr/bin/env node
/**
 * `npm run test:security`: runs @doyensec/electronegativity over the Electron shell and fails on
 * any finding that is not in the allow-list table of docs/security.md
 * (rows: `| CHECK_NAME | file.ts | why it is acceptable |`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const ELECTRON_VERSION = JSON.parse(
  fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
).version;

/** Minimal RFC-4180 CSV reader (quoted fields, doubled quotes). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field.trim());
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field.trim());
      if (row.some((f) => f !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field.trim());
  if (row.some((f) => f !== '')) rows.push(row);
  return rows;
}

/** Allow-list rows from the "Electronegativity allow-list" table in docs/security.md. */
function allowList() {
  const doc = fs.readFileSync(path.join(root, 'docs', 'security.md'), 'utf8');
  const section = doc.split(/^## Electronegativity allow-list\s*$/m)[1] ?? '';
  const allowed = new Set();
  for (const line of section.split('\n')) {
    if (/^##\s/.test(line)) break;
    const cells = line.split('|').map((c) => c.trim().replace(/`/g, ''));
    if (cells.length >= 4 && /^[A-Z_]+$/.test(cells[1] ?? ''))
      allowed.add(`${cells[1]} ${cells[2]}`);
  }
  return allowed;
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'electronegativity-'));
const csv = path.join(dir, 'findings.csv');
try {
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'electronegativity'),
    ['-i', path.join(root, 'src-main', 'electron'), '-e', ELECTRON_VERSION, '-r', '-o', csv],
    { encoding: 'utf8', cwd: root },
  );
  if (result.status !== 0 || !fs.existsSync(csv)) {
    console.error(result.stdout, result.stderr);
    console.error('test:security: electronegativity did not produce a report');
    process.exit(1);
  }
  const [header, ...rows] = parseCsv(fs.readFileSync(csv, 'utf8'));
  const col = (name) => header.indexOf(name);
  const allowed = allowList();
  const findings = rows.map((r) => ({
    issue: r[col('issue')],
    file: path.basename(r[col('filename')] ?? ''),
    location: r[col('location')],
    description: r[col('description')],
  }));
  const unexpected = findings.filter((f) => !allowed.has(`${f.issue} ${f.file}`));
  for (const f of findings) {
    const mark = unexpected.includes(f) ? 'FAIL ' : 'allow';
    console.log(`${mark} ${f.issue} ${f.file}:${f.location} ${f.description}`);
  }
  if (unexpected.length > 0) {
    console.error(
      `test:security: ${unexpected.length} electronegativity finding(s) not in docs/security.md`,
    );
    process.exit(1);
  }
  console.log(`test:security: ${findings.length} finding(s), all documented in docs/security.md`);
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
