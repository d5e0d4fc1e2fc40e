import type { Database } from 'better-sqlite3';

/**
 * One migration: a version number (strictly increasing, never reused) and the change.
 * Append new migrations at the end of `migrations`; never edit a shipped one.
 */
export interface Migration {
  version: number;
  name: string;
  up: (db: Database) => void;
}

import { m001Init } from './001-init';
import { m002Prices } from './002-prices';
import { m003Rates } from './003-rates';
import { m004DraftUnparsedText } from './004-draft-unparsed-text';
import { m005AnalysisRuns } from './005-analysis-runs';

export const migrations: readonly Migration[] = [
  m001Init,
  m002Prices,
  m003Rates,
  m004DraftUnparsedText,
  m005AnalysisRuns,
];
