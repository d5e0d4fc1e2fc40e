import type { Locator } from 'playwright-core';

export interface Problem {
  what: string;
  element: string;
  text: string;
}

/**
 * Every visible element inside `pane` that is cut: text-overflow ellipsis with hidden text,
 * clipped content (overflow hidden/clip narrower than its content), content wider than its own
 * box, or a box reaching outside the pane. Canvases and screen-reader-only text are skipped.
 */
export function findOverflow(pane: Locator): Promise<Problem[]> {
  return pane.evaluate((root) => {
    const problems: { what: string; element: string; text: string }[] = [];
    const paneRect = root.getBoundingClientRect();
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? '';
      return `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().replace(/\s+/g, '.')}` : ''}${id ? `[${id}]` : ''}`;
    };
    const text = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 80);
    for (const el of root.querySelectorAll('*')) {
      if (!(el instanceof HTMLElement) || el instanceof HTMLCanvasElement) continue;
      if (el.closest('.sr-only')) continue;
      const style = getComputedStyle(el);
      // visually hidden on purpose (a stacked table's header row, read by screen readers)
      let hidden = false;
      for (let up: Element | null = el; up && up !== root; up = up.parentElement)
        if (getComputedStyle(up).clipPath.startsWith('inset')) hidden = true;
      if (hidden) continue;
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0) continue;
      const wider = el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0;
      if (style.textOverflow === 'ellipsis' && wider)
        problems.push({ what: 'ellipsis', element: describe(el), text: text(el) });
      else if ((style.overflowX === 'hidden' || style.overflowX === 'clip') && wider)
        problems.push({ what: 'clipped', element: describe(el), text: text(el) });
      else if (style.overflowX === 'visible' && wider && style.display !== 'inline')
        problems.push({
          what: 'content wider than its box',
          element: describe(el),
          text: text(el),
        });
      if (rect.right > paneRect.right + 1 || rect.left < paneRect.left - 1)
        problems.push({ what: 'outside the pane', element: describe(el), text: text(el) });
    }
    return problems;
  });
}

/**
 * Visible boxes that overlap a sibling (two cards, a table over a chart): siblings laid out in
 * flow, neither positioned out of flow, whose boxes intersect by more than a pixel both ways.
 */
export function findOverlaps(pane: Locator): Promise<Problem[]> {
  return pane.evaluate((root) => {
    const problems: { what: string; element: string; text: string }[] = [];
    const describe = (el: Element) => {
      const id = el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? '';
      return `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).trim().replace(/\s+/g, '.')}` : ''}${id ? `[${id}]` : ''}`;
    };
    const text = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60);
    const inFlow = (el: Element) => {
      if (!(el instanceof HTMLElement) || el.closest('.sr-only')) return false;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') return false;
      if (style.position === 'absolute' || style.position === 'fixed') return false;
      // inline boxes that wrap over two lines have a bounding box across both: not an overlap
      if (style.display === 'inline') return false;
      if (style.clipPath.startsWith('inset')) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0;
    };
    for (const parent of [root, ...root.querySelectorAll('*')]) {
      const kids = [...parent.children].filter(inFlow);
      const rects = kids.map((k) => k.getBoundingClientRect());
      for (let i = 0; i < kids.length; i++) {
        for (let j = i + 1; j < kids.length; j++) {
          const a = rects[i]!;
          const b = rects[j]!;
          const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
          const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
          if (x > 1 && y > 1) {
            problems.push({
              what: 'overlaps a sibling',
              element: `${describe(kids[i]!)} × ${describe(kids[j]!)}`,
              text: `${text(kids[i]!)} | ${text(kids[j]!)}`,
            });
          }
        }
      }
    }
    return problems;
  });
}
