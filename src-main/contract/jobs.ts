import { z } from 'zod';
import type { ErrorCode } from './errors';

export const JobIdInput = z.object({ jobId: z.uuid() }).strict();

export interface JobStarted {
  jobId: string;
}

/** Where a long-running job is; `result` is typed by the op that started it (see contract/index.ts). */
export type JobStatus =
  | { jobId: string; kind: string; state: 'running'; progress: number }
  | { jobId: string; kind: string; state: 'done'; progress: 1; result: unknown }
  | { jobId: string; kind: string; state: 'cancelled'; progress: number }
  | {
      jobId: string;
      kind: string;
      state: 'failed';
      progress: number;
      error: { code: ErrorCode; message: string };
    };
