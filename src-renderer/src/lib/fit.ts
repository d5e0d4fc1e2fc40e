import type { Attachment } from 'svelte/attachments';

/**
 * Keeps a figure's text inside its box without cutting it: the element shows `full`; when that is
 * wider than the box it shows `compact` (the full text stays in `title` and for screen readers);
 * if even that does not fit, the text may wrap. Re-checked whenever the box is resized.
 */
export function fitText(full: string, compact: string | undefined): Attachment<HTMLElement> {
  return (element) => {
    const shown = element.querySelector<HTMLElement>('[data-fit="shown"]');
    const spoken = element.querySelector<HTMLElement>('[data-fit="spoken"]');
    if (!shown || !spoken) return;
    const apply = () => {
      shown.textContent = full;
      element.classList.remove('wrap');
      element.removeAttribute('title');
      spoken.textContent = '';
      shown.removeAttribute('aria-hidden');
      if (element.scrollWidth <= element.clientWidth + 0.5) return;
      if (compact && compact !== full) {
        shown.textContent = compact;
        shown.setAttribute('aria-hidden', 'true');
        spoken.textContent = full;
        element.title = full;
      }
      if (element.scrollWidth > element.clientWidth + 0.5) element.classList.add('wrap');
    };
    apply();
    const observer = new ResizeObserver(apply);
    observer.observe(element);
    return () => observer.disconnect();
  };
}
