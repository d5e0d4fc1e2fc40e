/**
 * JSON with object keys sorted at every level: two documents that differ only in key order are
 * the same strategy. Mirrors `canonicalJson` in src-main/services/runs.ts (the renderer may not
 * import main's code), which hashes it to tell a kept run is stale.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    // null prototype: a "__proto__" key stays an ordinary key
    const sorted = Object.create(null) as Record<string, unknown>;
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}
