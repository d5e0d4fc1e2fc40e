/** App commands reachable from the keyboard, in the browser and in the desktop app alike. */
export type ShortcutCommand =
  'new' | 'import' | 'export' | 'rename' | 'removeStep' | 'undo' | 'redo';

const isMacPlatform = (): boolean =>
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Where typing happens: Delete and F2 keep their text meaning there. */
function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLTextAreaElement ||
    (target instanceof HTMLInputElement &&
      !['checkbox', 'radio', 'button'].includes(target.type)) ||
    target instanceof HTMLSelectElement
  );
}

/** The command a key press means, or null. Notes keep the browser's own text undo. */
export function shortcutFor(event: KeyboardEvent, isMac = isMacPlatform()): ShortcutCommand | null {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const key = event.key.toLowerCase();
  if (mod && !event.altKey) {
    if (key === 'n' && !event.shiftKey) return 'new';
    if (key === 'o' && !event.shiftKey) return 'import';
    if (key === 's' && event.shiftKey) return 'export';
    const nativeUndo =
      event.target instanceof HTMLElement && event.target.closest('[data-native-undo]') !== null;
    if (nativeUndo) return null;
    if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
    if (key === 'y' && !isMac && !event.shiftKey) return 'redo';
  }
  if (event.key === 'F2' && !mod) return 'rename';
  if (event.key === 'Delete' && !mod && !inTextField(event.target)) return 'removeStep';
  return null;
}
