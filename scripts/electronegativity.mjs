#!/usr/bin/env node
/**
 * `npm run test:security`: runs @doyensec/electronegativity over the Electron shell and fails on
 * any finding that is not in the allow-list table of docs/security.md
 * (rows: `| CHECK_NAME | file.ts | why it is acceptable |`).
 *
 * The report is read as SARIF (JSON, written in one call). Its CSV output is written by two racing
 * async writes (header truncate vs row append), which sometimes garbles a row.
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
const report = path.join(dir, 'findings.sarif');
try {
  const result = spawnSync(
    path.join(root, 'node_modules', '.bin', 'electronegativity'),
    ['-i', path.join(root, 'src-main', 'electron'), '-e', ELECTRON_VERSION, '-r', '-o', report],
    { encoding: 'utf8', cwd: root },
  );
  if (result.status !== 0 || !fs.existsSync(report)) {
    console.error(result.stdout, result.stderr);
    console.error('test:security: electronegativity did not produce a report');
    process.exit(1);
  }
  const sarif = JSON.parse(fs.readFileSync(report, 'utf8'));
  const allowed = allowList();
  const findings = sarif.runs.flatMap((run) =>
    run.results.map((r) => {
      const where = r.locations?.[0]?.physicalLocation;
      return {
        issue: r.ruleId,
        file: path.basename(where?.artifactLocation?.uri ?? ''),
        location: `${where?.region?.startLine}:${where?.region?.startColumn}`,
        description: r.message?.text,
      };
    }),
  );
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
