// How strategy files reach the shell: argv on first launch, a second launch's argv through the
// single-instance lock, macOS open-file events before `ready`. Pure parts, tested under Node.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { OpenRequestQueue, strategyPathsFromArgv } from '../../src-main/electron/open-requests';

const cwd = path.resolve('/home/ana/plans');

describe('strategyPathsFromArgv', () => {
  it('takes strategy files from a packaged launch (Windows/Linux double-click)', () => {
    const exe = path.resolve('/opt/Yield Planner/yield-planner');
    expect(strategyPathsFromArgv([exe, path.resolve('/tmp/a.yieldplan')], cwd)).toEqual([
      path.resolve('/tmp/a.yieldplan'),
    ]);
  });

  it('skips the executable, the unpackaged app folder, switches and --db with its value', () => {
    const argv = [
      '/usr/bin/electron',
      '.',
      '--db',
      'other.yieldplan',
      '--enable-logging',
      '--inspect=9229',
      'loop.yieldplan',
      'notes.txt',
      'plain.json',
    ];
    expect(strategyPathsFromArgv(argv, cwd)).toEqual([path.join(cwd, 'loop.yieldplan')]);
  });

  it('resolves relative paths against the launching directory (second-instance cwd)', () => {
    const argv = ['/app/yield-planner', '../exports/Old export.yieldplan.json'];
    expect(strategyPathsFromArgv(argv, cwd)).toEqual([
      path.resolve(cwd, '../exports/Old export.yieldplan.json'),
    ]);
  });

  it('reads file:// URLs (Linux desktop entries pass %U) and ignores other schemes', () => {
    const file = path.resolve('/tmp/with space.yieldplan');
    const argv = ['/app/yp', pathToFileURL(file).href, 'https://example.com/x.yieldplan'];
    expect(strategyPathsFromArgv(argv, cwd)).toEqual([file]);
  });

  it('lists a file named twice once, in argument order', () => {
    const argv = ['/app/yp', 'b.yieldplan', 'a.yieldplan', './b.yieldplan'];
    expect(strategyPathsFromArgv(argv, cwd)).toEqual([
      path.join(cwd, 'b.yieldplan'),
      path.join(cwd, 'a.yieldplan'),
    ]);
  });

  it('finds nothing in a plain launch or a second launch without files', () => {
    expect(strategyPathsFromArgv(['/app/yp'], cwd)).toEqual([]);
    expect(strategyPathsFromArgv([], cwd)).toEqual([]);
    expect(
      strategyPathsFromArgv(
        ['/app/yp', '--allow-file-access-from-files', '--original-process-start-time=1'],
        cwd,
      ),
    ).toEqual([]);
  });
});

describe('OpenRequestQueue', () => {
  it('holds requests that arrive before start (open-file before ready), then opens them first', async () => {
    const queue = new OpenRequestQueue();
    queue.add(['/a.yieldplan']);
    queue.add([]);
    queue.add(['/b.yieldplan']);
    const batches: string[][] = [];
    queue.start(async (paths) => {
      batches.push(paths);
    });
    queue.add(['/c.yieldplan']);
    await queue.idle();
    expect(batches).toEqual([['/a.yieldplan', '/b.yieldplan'], ['/c.yieldplan']]);
  });

  it('opens one batch at a time, in arrival order, even when an open is slow or fails', async () => {
    const queue = new OpenRequestQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    queue.start(async (paths) => {
      log.push(`start ${paths.join()}`);
      if (paths[0] === '/slow') await gate;
      if (paths[0] === '/fails') throw new Error('disk full');
      log.push(`end ${paths.join()}`);
    });
    queue.add(['/slow']);
    queue.add(['/fails']);
    queue.add(['/last']);
    await Promise.resolve();
    expect(log).toEqual(['start /slow']);
    release();
    await queue.idle();
    expect(log).toEqual(['start /slow', 'end /slow', 'start /fails', 'start /last', 'end /last']);
  });
});
