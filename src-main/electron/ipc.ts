import { ipcMain, type WebContents, type WebFrameMain } from 'electron';
import { dispatch, type Handlers } from '../contract/dispatch';
import type { Envelope } from '../contract/errors';
import { eventChannel, opChannel, type ContractEvents, type EventName } from '../contract/events';
import { OP_NAMES } from '../contract/index';

/**
 * One ipcMain.handle per contract op. The sender is checked first, then contract/dispatch
 * validates the input with the op's zod schema and turns failures into the one error shape.
 */
export function registerIpc(options: {
  handlers: Handlers;
  isTrustedSender: (frame: WebFrameMain | null) => boolean;
  onInternalError: (op: string, error: unknown) => void;
  onRefused: (op: string, url: string | undefined) => void;
}): void {
  for (const op of OP_NAMES) {
    ipcMain.handle(opChannel(op), (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!options.isTrustedSender(event.senderFrame)) {
        options.onRefused(op, event.senderFrame?.url);
        return Promise.resolve({
          ok: false,
          error: { code: 'FORBIDDEN', message: 'IPC refused: sender is not the app' },
        });
      }
      return dispatch(options.handlers, op, input, { transport: 'ipc' }, options);
    });
  }
}

/** Pushes a typed event to one renderer (e.g. a menu command). */
export function emit<E extends EventName>(
  contents: WebContents,
  event: E,
  payload: ContractEvents[E],
): void {
  if (!contents.isDestroyed()) contents.send(eventChannel(event), payload);
}
