import type { StepType } from '../../state/document/types';

/** An entry of a drag-and-drop zone: a step by id, or a palette block that becomes a new step. */
export interface ZoneItem {
  id: string;
  paletteType?: StepType;
  isDndShadowItem?: boolean;
}

/** All step zones share one type, so blocks move between the chain, loop bodies and the palette. */
export const STEP_ZONE = 'strategy-step';
export const FLIP_MS = 150;

export const PALETTE_PREFIX = 'palette:';

/** Blocks being dragged get this class (global style in app.css) instead of inline style objects. */
export const DROP_TARGET_CLASSES = ['dnd-drop-target'];
