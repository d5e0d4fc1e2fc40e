import type { Database } from 'better-sqlite3';
import { SETTINGS_DEFAULTS, SettingsSchema, type Settings } from '../contract/settings';

type SettingKey = keyof Settings;

/**
 * Settings as one row per key holding JSON. Reads fall back to the default for a missing key or a
 * value that no longer matches its schema (e.g. written by an older version), so a bad row can
 * never stop the app from starting.
 */
export class SettingsService {
  readonly #db: Database;
  readonly #now: () => number;

  constructor(db: Database, options: { now?: () => number } = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
  }

  get(): Settings {
    const rows = this.#db.prepare('SELECT key, value FROM settings').all() as {
      key: string;
      value: string;
    }[];
    const result: Record<string, unknown> = { ...SETTINGS_DEFAULTS };
    for (const { key, value } of rows) {
      if (!Object.hasOwn(SETTINGS_DEFAULTS, key)) continue;
      const field = SettingsSchema.shape[key as SettingKey].safeParse(JSON.parse(value));
      if (field.success) result[key] = field.data;
    }
    return result as Settings;
  }

  set(patch: Partial<Settings>): Settings {
    const upsert = this.#db.prepare(
      `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    );
    const now = this.#now();
    this.#db.transaction(() => {
      for (const [key, value] of Object.entries(patch)) {
        if (value !== undefined) upsert.run(key, JSON.stringify(value), now);
      }
    })();
    return this.get();
  }
}
