import type { Attachment } from 'svelte/attachments';

interface Fit {
  shown: HTMLElement;
  spoken: HTMLElement;
  full: string;
  compact: string | undefined;
}

const fits = new WeakMap<Element, Fit>();
let observer: ResizeObserver | undefined;

const overflows = (element: Element): boolean => element.scrollWidth > element.clientWidth + 0.5;

/**
 * Fits every box the observer reports at once, reads and writes in separate passes: measuring a
 * box after writing another forces a layout of the whole page each time, and a changed figure
 * re-creates its box (FigureGrid keys it), so one evaluation used to cost a layout per figure.
 */
function fitAll(entries: ResizeObserverEntry[]): void {
  const boxes = entries.flatMap((entry) => {
    const fit = fits.get(entry.target);
    return fit ? [{ element: entry.target as HTMLElement, fit }] : [];
  });
  for (const { element, fit } of boxes) {
    if (fit.shown.textContent !== fit.full) fit.shown.textContent = fit.full;
    element.classList.remove('wrap');
    element.removeAttribute('title');
    fit.spoken.textContent = '';
    fit.shown.removeAttribute('aria-hidden');
  }
  const tooWide = boxes.filter(({ element }) => overflows(element));
  for (const { element, fit } of tooWide) {
    if (!fit.compact || fit.compact === fit.full) continue;
    fit.shown.textContent = fit.compact;
    fit.shown.setAttribute('aria-hidden', 'true');
    fit.spoken.textContent = fit.full;
    element.title = fit.full;
  }
  const stillTooWide = tooWide.filter(({ element }) => overflows(element));
  for (const { element } of stillTooWide) element.classList.add('wrap');
}

/**
 * Keeps a figure's text inside its box without cutting it: the element shows `full`; when that is
 * wider than the box it shows `compact` (the full text stays in `title` and for screen readers);
 * if even that does not fit, the text may wrap. Checked when the box first gets its size and
 * whenever it is resized, by one shared ResizeObserver: after layout, before the frame is painted.
 */
export function fitText(full: string, compact: string | undefined): Attachment<HTMLElement> {
  return (element) => {
    const shown = element.querySelector<HTMLElement>('[data-fit="shown"]');
    const spoken = element.querySelector<HTMLElement>('[data-fit="spoken"]');
    if (!shown || !spoken) return;
    fits.set(element, { shown, spoken, full, compact });
    observer ??= new ResizeObserver(fitAll);
    observer.observe(element);
    return () => {
      observer?.unobserve(element);
      fits.delete(element);
    };
  };
}
