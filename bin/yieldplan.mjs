#!/usr/bin/env node
// The `yieldplan` command line. Runs the built CLI (out/cli/, `npm run build`); in a source
// checkout whose build is missing or older than src-main/, runs the TypeScript sources through
// tsx instead (a dev dependency), so `npx yieldplan …` works straight after `npm install`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const built = path.join(root, 'out', 'cli', 'index.js');
const sources = path.join(root, 'src-main');

function newestMtime(entry) {
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of fs.readdirSync(entry))
    newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

function builtIsCurrent() {
  if (!fs.existsSync(built)) return false;
  if (!fs.existsSync(sources)) return true;
  return fs.statSync(built).mtimeMs >= newestMtime(sources);
}

async function loadTsx() {
  try {
    return await import('tsx/esm/api');
  } catch {
    return null;
  }
}

let cli;
const tsx = builtIsCurrent() ? null : await loadTsx();
if (tsx) {
  tsx.register();
  cli = await import(pathToFileURL(path.join(sources, 'cli', 'index.ts')).href);
} else if (fs.existsSync(built)) {
  cli = await import(pathToFileURL(built).href);
} else {
  console.error('yieldplan: the command line is not built; run `npm run build` first.');
  process.exit(1);
}
process.exitCode = await cli.main(process.argv.slice(2));
