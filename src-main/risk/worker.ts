import { parentPort } from 'node:worker_threads';
import { workerRun, type WorkerRequest } from './shared-run';

/** Worker thread entry: one message per run (`workerRun`, shared-run.ts). */
const port = parentPort;
if (port)
  port.on('message', (request: WorkerRequest) => workerRun(request, (r) => port.postMessage(r)));
