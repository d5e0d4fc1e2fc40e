import type { BrowserWindow } from 'electron';
import { emit } from './ipc';

/** Longest wait for the renderer's flush before the window closes anyway. */
const FLUSH_TIMEOUT_MS = 3000;

/**
 * A draft the user typed is never lost to closing the window: the first close is held back, the
 * renderer is asked to flush its debounced autosave (`app.beforeClose`) and answers with
 * `app.readyToClose`; a renderer that does not answer in time does not keep the window open.
 */
export function guardClose(win: BrowserWindow): { allowClose: () => boolean } {
  let allowed = false;
  const allowClose = (): boolean => {
    if (win.isDestroyed()) return false;
    allowed = true;
    win.close();
    return true;
  };
  win.on('close', (event) => {
    if (allowed) return;
    event.preventDefault();
    emit(win.webContents, 'app.beforeClose', {});
    setTimeout(allowClose, FLUSH_TIMEOUT_MS).unref();
  });
  return { allowClose };
}
