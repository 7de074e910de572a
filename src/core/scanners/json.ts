// Small readers for untyped JSON: scanner reports are data from elsewhere, never trusted shapes.
export type Json = unknown;

const isObject = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
export const asArray = (v: Json): Json[] => (Array.isArray(v) ? v : []);
export const asObject = (v: Json): Record<string, Json> => (isObject(v) ? v : {});

/** A non-empty trimmed string, else undefined. */
export function str(v: Json): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

export function num(v: Json): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

/** An RFC 3339 time (any fractional precision) as ISO 8601 UTC without milliseconds when they are zero. */
export function isoTime(v: Json): string | undefined {
  const text = str(v);
  if (!text) return undefined;
  const trimmed = text.replace(/(\.\d{3})\d+/, '$1');
  const ms = Date.parse(trimmed);
  if (!Number.isFinite(ms) || !/^\d{4}-\d{2}-\d{2}/.test(trimmed)) return undefined;
  if (new Date(ms).getUTCFullYear() < 1970) return undefined; // Go's zero time and placeholders
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}
