import { describe, expect, it } from 'vitest';
import { ContractError } from '../../src-main/contract/errors';
import { JobRegistry } from '../../src-main/services/jobs';

const tick = () => new Promise((r) => setTimeout(r, 5));
async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !check(); i++) await tick();
}

describe('JobRegistry', () => {
  it('reports progress, then the result', async () => {
    const jobs = new JobRegistry();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { jobId } = jobs.start('demo', async ({ progress }) => {
      progress(0.25);
      await gate;
      return { answer: 42 };
    });
    await until(() => jobs.status(jobId).progress === 0.25);
    expect(jobs.status(jobId)).toMatchObject({ state: 'running', progress: 0.25 });
    release();
    await until(() => jobs.status(jobId).state !== 'running');
    expect(jobs.status(jobId)).toEqual({
      jobId,
      kind: 'demo',
      state: 'done',
      progress: 1,
      result: { answer: 42 },
    });
  });

  it('cancels a running job through its abort signal', async () => {
    const jobs = new JobRegistry();
    let sawAbort = false;
    const { jobId } = jobs.start('demo', ({ signal, progress }) => {
      progress(0.5);
      return new Promise((_, reject) =>
        signal.addEventListener('abort', () => {
          sawAbort = true;
          reject(new Error('stopped'));
        }),
      );
    });
    await until(() => jobs.status(jobId).progress === 0.5);
    expect(jobs.cancel(jobId)).toMatchObject({ state: 'cancelled', progress: 0.5 });
    await until(() => sawAbort);
    expect(sawAbort).toBe(true);
    await tick();
    expect(jobs.status(jobId).state).toBe('cancelled');
  });

  it('never starts a job cancelled before it ran', async () => {
    const jobs = new JobRegistry();
    let ran = false;
    const { jobId } = jobs.start('demo', async () => {
      ran = true;
    });
    jobs.cancel(jobId);
    await tick();
    expect(ran).toBe(false);
    expect(jobs.status(jobId).state).toBe('cancelled');
  });

  it('keeps a failure as an error shape, never a throw at the poller', async () => {
    const jobs = new JobRegistry();
    const { jobId } = jobs.start('demo', async () => {
      throw new ContractError('DATA_REJECTED', 'no prices for that window');
    });
    await until(() => jobs.status(jobId).state !== 'running');
    expect(jobs.status(jobId)).toMatchObject({
      state: 'failed',
      error: { code: 'DATA_REJECTED', message: 'no prices for that window' },
    });
  });

  it('answers NOT_FOUND for an unknown job', () => {
    expect(() => new JobRegistry().status('00000000-0000-4000-8000-000000000000')).toThrow(
      ContractError,
    );
  });
});
