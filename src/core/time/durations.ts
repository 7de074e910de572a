/**
 * Durations as written in PatchOps files: `<integer><unit>`, unit m, h, d (24 h) or w (7 d).
 * A duration is elapsed time in milliseconds; DST never stretches it (docs/file-formats.md#durations).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
const WEEK_MS = 7 * DAY_MS;

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: WEEK_MS };

// Strict on purpose: no sign, no decimals, no spaces, lower-case units (same as the schema).
const DURATION_RE = /^(\d+)([mhdw])$/;

/**
 * The longest duration read: 10,000 years. Timestamps have four-digit years, so an instant plus a
 * few such durations (a deadline, a cycle window, a cutoff) stays well inside the range a
 * JavaScript Date can hold (±275,760 years around 1970); `99999999d` would not, and every date
 * formatted from it would throw.
 */
export const MAX_DURATION_MS = 10_000 * 365 * DAY_MS;

/** Milliseconds for `72h`, `7d`, `2w`, `30m`; undefined for anything else or longer than MAX_DURATION_MS. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_RE.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  return ms <= MAX_DURATION_MS ? ms : undefined;
}

/**
 * Compact text for the absolute value of a duration, for messages ("due in 2d 4h").
 *
 * Rule: whole minutes (rounded down, an "at least" reading), the two largest of d/h/m, largest
 * first, a zero second unit dropped. No weeks: policies are written in days (`30d`, `90d`), so
 * "30d" reads better than "4w 2d", and the reports format durations the same way.
 * Examples: `0m`, `45m`, `3h`, `3h 20m`, `1d`, `2d 4h`, `13d`, `30d`, `52d 18h`.
 * The sign is ignored (callers say "overdue by" / "due in").
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDuration: not a finite duration: ${ms}`);
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return twoUnits(hours, 'h', minutes % 60, 'm');
  return twoUnits(Math.floor(hours / 24), 'd', hours % 24, 'h');
}

function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit} ${minor}${minorUnit}`;
}

/**
 * For how many ms `formatDuration(ms)` keeps its text while `ms` moves at unit speed in
 * `direction` (+1: grows, -1: shrinks): the text has minute steps below a day, hour steps above.
 * Lets an evaluation say until when a message such as "due in 2d 4h" stays true to the letter.
 */
export function durationTextHolds(ms: number, direction: 1 | -1): number {
  const a = Math.abs(ms);
  const growing = ms === 0 || Math.sign(ms) === direction;
  const unit = a < DAY_MS ? MINUTE_MS : HOUR_MS;
  const bucketStart = Math.floor(a / unit) * unit;
  return growing ? bucketStart + unit - a : a - bucketStart + 1;
}
