/**
 * Events main pushes to the renderer (one-way). Like ops, a typed map from name to payload.
 */
export const MENU_COMMANDS = [
  'draft.new',
  'draft.open',
  'draft.export',
  'draft.import',
  'edit.undo',
  'edit.redo',
  'report.export',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];

export interface ContractEvents {
  'menu.command': { command: MenuCommand };
  /** The window is closing: flush pending saves, then call `app.readyToClose`. */
  'app.beforeClose': Record<string, never>;
  /** Strategy files were opened (double-click, second launch…): call `files.takeOpened`. */
  'files.opened': Record<string, never>;
}

export type EventName = keyof ContractEvents;

/** Kept zod-free and tiny: the sandboxed preload imports it. */
export const EVENT_NAMES: readonly EventName[] = [
  'menu.command',
  'app.beforeClose',
  'files.opened',
];

/** IPC channel names are derived in one place so main and preload cannot drift apart. */
export const opChannel = (op: string): string => `yp:op:${op}`;
export const eventChannel = (event: string): string => `yp:event:${event}`;
/** The preload learns the op names from this argv switch (set by main from the contract). */
export const OPS_ARG_PREFIX = '--yieldplan-ops=';
