import { z } from 'zod';

/**
 * Strategy files the host was asked to open (double-click, command line, a second launch,
 * macOS `open-file`, File → Open Strategy File…). Main imports each as a draft and keeps the
 * outcomes until the renderer takes them, so none is lost if it arrives before the window.
 */
export const TakeOpenedInput = z.object({}).strict();

export type OpenedFile =
  | {
      ok: true;
      fileName: string;
      draftId: string;
      name: string;
      /** Problems the strategy still has (it opens anyway, as a half-typed draft would). */
      problems: number;
    }
  | { ok: false; fileName: string; code: string; message: string };

export interface TakeOpenedResult {
  files: OpenedFile[];
}
