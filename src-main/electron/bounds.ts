/** Pure window-bounds logic (no Electron import) so it is unit-tested under Node. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const MIN_WINDOW = { width: 900, height: 600 } as const;
export const DEFAULT_WINDOW = { width: 1280, height: 820 } as const;

function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Places remembered bounds on the current displays: kept as they are when enough of the window
 * is visible on some display (its title bar reachable), otherwise centred on the primary display
 * and shrunk to fit. Displays change between runs (a laptop undocked), hence the check.
 */
export function fitBoundsToDisplays(
  saved: Rect | null,
  workAreas: readonly Rect[],
  primary: Rect,
): Rect {
  const size = {
    width: Math.min(saved?.width ?? DEFAULT_WINDOW.width, primary.width),
    height: Math.min(saved?.height ?? DEFAULT_WINDOW.height, primary.height),
  };
  if (saved) {
    const titleBar: Rect = { x: saved.x, y: saved.y, width: saved.width, height: 40 };
    const visible = workAreas.some(
      (area) =>
        overlapArea(titleBar, area) >= Math.min(100 * 40, saved.width * 40) &&
        overlapArea(saved, area) >= 0.25 * saved.width * saved.height,
    );
    if (visible) {
      return {
        x: saved.x,
        y: saved.y,
        width: Math.max(saved.width, MIN_WINDOW.width),
        height: Math.max(saved.height, MIN_WINDOW.height),
      };
    }
  }
  return {
    x: Math.round(primary.x + (primary.width - size.width) / 2),
    y: Math.round(primary.y + (primary.height - size.height) / 2),
    ...size,
  };
}
