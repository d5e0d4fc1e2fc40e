import { z } from 'zod';

export const AppInfoInput = z.object({}).strict();

export interface AppInfo {
  name: string;
  version: string;
  /** Which transport served this call: the Electron bridge or the loopback HTTP server. */
  transport: 'ipc' | 'loopback';
  versions: { node: string; electron: string | null; chrome: string | null; sqlite: string };
  platform: string;
  dbPath: string;
  schemaVersion: number;
}

export const ReadyToCloseInput = z.object({}).strict();
