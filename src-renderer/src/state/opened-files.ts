import type { OpenedFile } from '../../../src-main/contract/index';
import type { ApiClient } from '../lib/api';
import type { DraftsStore } from './drafts.svelte';
import type { Toasts } from './toasts.svelte';

/** The toast for one opened (or refused) strategy file. */
export function openedFileMessage(file: OpenedFile): string {
  // The message names the file already (it is also what main logs).
  if (!file.ok) return `Not opened: ${file.message}`;
  const problems =
    file.problems === 0
      ? ''
      : ` It has ${file.problems} problem${file.problems === 1 ? '' : 's'} to fix.`;
  return `Opened ${file.fileName} as the draft “${file.name}”.${problems}`;
}

/**
 * Collects the strategy files main has opened (double-click, second launch, File → Open
 * Strategy File…): each became a draft or was refused. Shows one toast per file and opens the
 * last draft. Called at start-up and on the `files.opened` event.
 */
export async function takeOpenedFiles(
  api: ApiClient,
  drafts: DraftsStore,
  toasts: Toasts,
): Promise<void> {
  const { files } = await api.call('files.takeOpened', {});
  for (const file of files) {
    if (file.ok) toasts.show(openedFileMessage(file));
    else toasts.error(openedFileMessage(file));
  }
  const last = files.filter((f) => f.ok).at(-1);
  if (last?.ok) await drafts.load(last.draftId);
}
