import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Electron on Linux needs an X display. Uses $DISPLAY (e.g. under `xvfb-run`), else starts
 * Xvfb when it is installed. Resolves to the display to use, or a reason why there is none.
 */
export async function ensureDisplay(): Promise<
  { ok: true; env: Record<string, string>; stop: () => void } | { ok: false; reason: string }
> {
  if (process.platform !== 'linux') return { ok: true, env: {}, stop: () => {} };
  if (process.env['DISPLAY']) return { ok: true, env: {}, stop: () => {} };
  const xvfb = (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .map((dir) => path.join(dir, 'Xvfb'))
    .find((file) => fs.existsSync(file));
  if (!xvfb) return { ok: false, reason: 'no $DISPLAY and no Xvfb (apt-get install xvfb)' };
  for (let attempt = 0; attempt < 5; attempt++) {
    const display = 90 + Math.floor(Math.random() * 400);
    if (fs.existsSync(`/tmp/.X11-unix/X${display}`)) continue;
    const child: ChildProcess = spawn(
      xvfb,
      [`:${display}`, '-screen', '0', '1400x1000x24', '-nolisten', 'tcp'],
      {
        stdio: 'ignore',
      },
    );
    const started = await new Promise<boolean>((resolve) => {
      const deadline = Date.now() + 10_000;
      const poll = setInterval(() => {
        if (fs.existsSync(`/tmp/.X11-unix/X${display}`)) finish(true);
        else if (child.exitCode !== null || Date.now() > deadline) finish(false);
      }, 100);
      function finish(ok: boolean) {
        clearInterval(poll);
        resolve(ok);
      }
    });
    if (started) return { ok: true, env: { DISPLAY: `:${display}` }, stop: () => child.kill() };
    child.kill();
  }
  return { ok: false, reason: 'Xvfb did not start' };
}
