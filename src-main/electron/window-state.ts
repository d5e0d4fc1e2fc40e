import fs from 'node:fs';
import path from 'node:path';
import { screen, type BrowserWindow } from 'electron';
import { z } from 'zod';
import { fitBoundsToDisplays, type Rect } from './bounds';

/** Window size, position and maximised flag, kept in <userData>/window-state.json. */
const WindowStateSchema = z.object({
  bounds: z.object({
    x: z.int(),
    y: z.int(),
    width: z.int().positive(),
    height: z.int().positive(),
  }),
  maximized: z.boolean(),
});
type WindowState = z.infer<typeof WindowStateSchema>;

export function stateFilePath(userData: string): string {
  return path.join(userData, 'window-state.json');
}

function load(file: string): WindowState | null {
  try {
    const parsed = WindowStateSchema.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null; // first run or unreadable file: fall back to defaults
  }
}

/** Remembered bounds, checked against the displays attached now. */
export function initialWindowState(file: string): { bounds: Rect; maximized: boolean } {
  const saved = load(file);
  const bounds = fitBoundsToDisplays(
    saved?.bounds ?? null,
    screen.getAllDisplays().map((d) => d.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  return { bounds, maximized: saved?.maximized ?? false };
}

/** Saves the normal (un-maximised) bounds when they settle and when the window closes. */
export function trackWindowState(win: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined;
  const save = () => {
    if (win.isDestroyed() || win.isMinimized()) return;
    const state: WindowState = { bounds: win.getNormalBounds(), maximized: win.isMaximized() };
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, JSON.stringify(state));
    } catch {
      // Losing the window position is harmless; never let it break closing the app.
    }
  };
  const later = () => {
    clearTimeout(timer);
    timer = setTimeout(save, 500);
  };
  win.on('resize', later);
  win.on('move', later);
  win.on('close', () => {
    clearTimeout(timer);
    save();
  });
}
