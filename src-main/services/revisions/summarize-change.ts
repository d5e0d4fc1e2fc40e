/**
 * One line saying what changed between two saved states of a draft (the revision browser's
 * summary). Pure: it compares two strategy documents as JSON, naming markets and steps by id.
 */

type Json = unknown;
type Doc = Record<string, Json>;

export interface DraftState {
  name: string;
  notes: string;
  document: Record<string, unknown>;
}

/** The longest line the browser shows; further changes are counted ("and 3 more"). */
const MAX_PARTS = 3;

function isRecord(value: Json): value is Doc {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Order-independent for objects (a key order change is not a change), order-sensitive for arrays. */
export function sameJson(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => sameJson(x, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameJson(a[k], b[k])) return false;
  return true;
}

/** Top-level keys of two objects whose values differ, in a stable order. */
function changedKeys(a: Doc, b: Doc): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => !sameJson(a[k], b[k]));
}

interface Identified {
  id: string;
  value: Doc;
}

/** Items of a list that carry a string `id` (steps, markets); others are ignored here. */
function byId(list: Json): Identified[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((value) =>
    isRecord(value) && typeof value['id'] === 'string' ? [{ id: value['id'], value }] : [],
  );
}

const listOf = (ids: string[]) => ids.join(', ');

/** Added, removed, edited and reordered members of an id'd list, as phrases. */
function listChanges(noun: string, before: Json, after: Json): string[] {
  const a = byId(before);
  const b = byId(after);
  const aIds = new Set(a.map((x) => x.id));
  const bIds = new Set(b.map((x) => x.id));
  const added = b.filter((x) => !aIds.has(x.id)).map((x) => x.id);
  const removed = a.filter((x) => !bIds.has(x.id)).map((x) => x.id);
  const parts: string[] = [];
  if (added.length) parts.push(`added ${noun}${added.length > 1 ? 's' : ''} ${listOf(added)}`);
  if (removed.length)
    parts.push(`removed ${noun}${removed.length > 1 ? 's' : ''} ${listOf(removed)}`);
  for (const item of b) {
    const old = a.find((x) => x.id === item.id);
    if (!old || sameJson(old.value, item.value)) continue;
    const fields = changedKeys(old.value, item.value);
    parts.push(`${noun} ${item.id}: ${fields.join(', ')}`);
  }
  const keptA = a.filter((x) => bIds.has(x.id)).map((x) => x.id);
  const keptB = b.filter((x) => aIds.has(x.id)).map((x) => x.id);
  if (parts.length === 0 && !sameJson(keptA, keptB)) parts.push(`reordered ${noun}s`);
  if (parts.length === 0 && !sameJson(before, after)) parts.push(`changed ${noun}s`);
  return parts;
}

/** Phrases for each change of the strategy document, most telling first. */
function documentChanges(before: Doc, after: Doc): string[] {
  const parts: string[] = [];
  for (const key of changedKeys(before, after)) {
    switch (key) {
      case 'name':
        break; // said once, with the draft's name
      case 'steps':
        parts.push(...listChanges('step', before[key], after[key]));
        break;
      case 'markets':
        parts.push(...listChanges('market', before[key], after[key]));
        break;
      case 'horizonDays':
        parts.push(`horizon ${String(before[key])} → ${String(after[key])} days`);
        break;
      case 'prices': {
        const a = isRecord(before[key]) ? before[key] : {};
        const b = isRecord(after[key]) ? after[key] : {};
        const assets = changedKeys(a, b);
        parts.push(
          assets.length === 1 && a[assets[0]!] !== undefined && b[assets[0]!] !== undefined
            ? `price of ${assets[0]} ${String(a[assets[0]!])} → ${String(b[assets[0]!])}`
            : `prices of ${assets.join(', ')}`,
        );
        break;
      }
      default:
        parts.push(
          before[key] === undefined
            ? `added ${key}`
            : after[key] === undefined
              ? `removed ${key}`
              : `changed ${key}`,
        );
    }
  }
  return parts;
}

/**
 * What changed from `before` to `after`, in one line (`null` before: the draft's first state).
 * Examples: "Created", "Renamed to “Loop 2”", "added step borrow-2; step loop-1: targetLeverage".
 */
export function summarizeChange(before: DraftState | null, after: DraftState): string {
  if (before === null) return 'Created';
  const parts: string[] = [];
  if (before.name !== after.name) parts.push(`Renamed to “${after.name}”`);
  parts.push(...documentChanges(before.document, after.document));
  if (before.notes !== after.notes) parts.push('edited notes');
  if (parts.length === 0) return 'No change';
  const shown = parts.slice(0, MAX_PARTS);
  const more = parts.length - shown.length;
  const line = shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
  return line.charAt(0).toUpperCase() + line.slice(1);
}
