import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { createComputeOps, type ComputeKind } from './ops';
import { serializeError, transferablesOf, type ComputeReply, type ComputeRequest } from './wire';

/**
 * Compute worker thread: runs ComputeKinds one at a time over its own READ-ONLY connection to the
 * app's database (WAL lets it read while main writes). The main thread only routes messages.
 */
export interface ComputeWorkerData {
  dbPath: string;
  nativeBinding?: string;
  /** The Monte Carlo worker entry (href) when bundled; default: the TS source via tsx. */
  riskWorkerUrl?: string;
}

const port = parentPort;
if (port) {
  const data = ((workerData as { data?: ComputeWorkerData } | null)?.data ??
    null) as ComputeWorkerData | null;
  const ops = createComputeOps(
    () => {
      if (!data) throw new Error('compute worker started without a database');
      const db = new Database(data.dbPath, {
        readonly: true,
        fileMustExist: true,
        ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}),
      });
      db.pragma('busy_timeout = 5000');
      return db;
    },
    data?.riskWorkerUrl ? { riskWorkerUrl: new URL(data.riskWorkerUrl) } : {},
  );
  port.on('message', (message: ComputeRequest) => {
    const progress = (fraction: number) => {
      const reply: ComputeReply = { id: message.id, progress: fraction };
      port.postMessage(reply);
    };
    void ops.compute(message.kind as ComputeKind, message.input as never, { progress }).then(
      (value) => {
        const reply: ComputeReply = { id: message.id, ok: true, value };
        port.postMessage(reply, transferablesOf(value));
      },
      (error: unknown) => {
        const reply: ComputeReply = { id: message.id, ok: false, error: serializeError(error) };
        port.postMessage(reply);
      },
    );
  });
  // Loaded: from now on the pool counts this thread's time against each request's budget.
  const ready: ComputeReply = { id: 0, ready: true };
  port.postMessage(ready);
}
