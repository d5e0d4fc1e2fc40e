import path from 'node:path';
import type { Database } from 'better-sqlite3';
import { dispatch, type Handlers } from '../../src-main/contract/dispatch';
import type { Envelope } from '../../src-main/contract/errors';
import type { OpInput, OpName, OpOutput } from '../../src-main/contract/index';
import { openDatabase } from '../../src-main/db/open-database';
import { createHandlers, type HostCapabilities } from '../../src-main/services/handlers';
import { seedBundledData } from '../../src-main/services/seed';
import { JobRegistry } from '../../src-main/services/jobs';
import { RiskService } from '../../src-main/services/risk';
import { tempDir } from '../db/temp-db';

/** Real handlers over a real temp database, called the way both transports call them. */
export function contractHarness(options: { capabilities?: HostCapabilities } = {}) {
  const tmp = tempDir();
  const dbPath = path.join(tmp.dir, 'contract.sqlite');
  const db: Database = openDatabase({ path: dbPath });
  const jobs = new JobRegistry();
  const risk = RiskService.fromDatabase(db);
  const handlers: Handlers = createHandlers({
    db,
    jobs,
    risk,
    host: { name: 'Yield Planner', version: '9.9.9', electron: null, chrome: null, dbPath },
    ...(options.capabilities ? { capabilities: options.capabilities } : {}),
  });
  const raw = (op: unknown, input: unknown) => dispatch(handlers, op, input, { transport: 'ipc' });
  return {
    db,
    dbPath,
    handlers,
    raw,
    /** Typed call that unwraps a success (and fails the test on an error envelope). */
    async ok<K extends OpName>(op: K, input: OpInput<K>): Promise<OpOutput<K>> {
      const envelope = (await raw(op, input)) as Envelope<OpOutput<K>>;
      if (!envelope.ok) throw new Error(`${op}: ${JSON.stringify(envelope.error)}`);
      return envelope.data;
    },
    async close() {
      jobs.cancelAll();
      await risk.close();
      db.close();
      tmp.cleanup();
    },
  };
}

/** The harness over a database seeded with the bundled market history, as on first launch. */
export async function seededHarness(options: { capabilities?: HostCapabilities } = {}) {
  const h = contractHarness(options);
  await seedBundledData(h.db);
  return h;
}
