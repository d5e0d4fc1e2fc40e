import type { Database } from 'better-sqlite3';
import type { AppInfo } from '../contract/app';
import { schemaVersion } from '../db/open-database';

/** Facts only the host knows (Electron or the loopback server), passed in at start-up. */
export interface HostInfo {
  name: string;
  version: string;
  electron: string | null;
  chrome: string | null;
  dbPath: string;
}

export function getAppInfo(db: Database, host: HostInfo, transport: AppInfo['transport']): AppInfo {
  const { sqlite } = db.prepare('SELECT sqlite_version() AS sqlite').get() as { sqlite: string };
  return {
    name: host.name,
    version: host.version,
    transport,
    versions: { node: process.versions.node, electron: host.electron, chrome: host.chrome, sqlite },
    platform: process.platform,
    dbPath: host.dbPath,
    schemaVersion: schemaVersion(db),
  };
}
