import path from 'node:path';
import { app } from 'electron';
import log from 'electron-log/main';

/** Where main.log lives (Help → Open Logs Folder). */
export function logsDir(): string {
  return path.join(app.getPath('userData'), 'logs');
}

/** Logs go to <userData>/logs/main.log (rotated by electron-log at 1 MB). */
export function initLog(): typeof log {
  log.transports.file.resolvePathFn = () => path.join(logsDir(), 'main.log');
  log.transports.file.maxSize = 1024 * 1024;
  log.transports.console.level = app.isPackaged ? false : 'info';
  log.errorHandler.startCatching({ showDialog: false });
  return log;
}

export { log };
