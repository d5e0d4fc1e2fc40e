/**
 * The path of the first number in `value` that is NaN or ±Infinity (e.g. `rows.3.equityUsd`), or
 * null. Figures the app shows must be finite; typed arrays are scanned too.
 */
export function firstNonFinite(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? null : path || '(result)';
  if (typeof value !== 'object' || value === null || depth > 32) return null;
  if (ArrayBuffer.isView(value)) {
    if (!(value instanceof Float64Array || value instanceof Float32Array)) return null;
    for (let i = 0; i < value.length; i++) {
      if (!Number.isFinite(value[i])) return join(path, String(i));
    }
    return null;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const at = firstNonFinite(value[i], join(path, String(i)), depth + 1);
      if (at !== null) return at;
    }
    return null;
  }
  for (const [key, item] of Object.entries(value)) {
    const at = firstNonFinite(item, join(path, key), depth + 1);
    if (at !== null) return at;
  }
  return null;
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}
