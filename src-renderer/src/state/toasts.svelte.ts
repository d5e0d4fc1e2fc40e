export interface ToastAction {
  label: string;
  run: () => void | Promise<void>;
}

export interface Toast {
  id: number;
  message: string;
  tone: 'info' | 'error';
  action: ToastAction | null;
}

/** Short-lived messages at the bottom of the window, optionally with one action (e.g. Undo). */
export class Toasts {
  items = $state<Toast[]>([]);
  #nextId = 1;
  // Timers are bookkeeping, not UI state, so a plain (non-reactive) Map is right here.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #timers = new Map<number, ReturnType<typeof setTimeout>>();

  show(
    message: string,
    options: { tone?: Toast['tone']; action?: ToastAction; timeoutMs?: number } = {},
  ): number {
    const id = this.#nextId++;
    this.items.push({
      id,
      message,
      tone: options.tone ?? 'info',
      action: options.action ?? null,
    });
    this.#timers.set(
      id,
      setTimeout(() => this.dismiss(id), options.timeoutMs ?? 8000),
    );
    return id;
  }

  error(message: string): number {
    return this.show(message, { tone: 'error' });
  }

  dismiss(id: number): void {
    clearTimeout(this.#timers.get(id));
    this.#timers.delete(id);
    this.items = this.items.filter((t) => t.id !== id);
  }

  async runAction(toast: Toast): Promise<void> {
    this.dismiss(toast.id);
    await toast.action?.run();
  }
}
