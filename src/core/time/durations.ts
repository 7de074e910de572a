/**
 * Durations as written in PatchOps files: `<integer><unit>`, unit m, h, d (24 h) or w (7 d).
 * A duration is elapsed time in milliseconds; DST never stretches it (SPEC §1).
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const DAY_MS = 24 * HOUR_MS;
export const WEEK_MS = 7 * DAY_MS;

const UNIT_MS: Readonly<Record<string, number>> = { m: MINUTE_MS, h: HOUR_MS, d: DAY_MS, w: WEEK_MS };

// Strict on purpose: no sign, no decimals, no spaces, lower-case units (same as the schema).
const DURATION_RE = /^(\d+)([mhdw])$/;

/** Milliseconds for `72h`, `7d`, `2w`, `30m`; undefined for anything else or a size beyond safe integers. */
export function parseDuration(text: string): number | undefined {
  const match = DURATION_RE.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNIT_MS[match[2]];
  // Beyond MAX_SAFE_INTEGER the arithmetic on instants would silently lose precision.
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * Compact text for the absolute value of a duration, for messages ("due in 2d 4h").
 *
 * Rule: whole minutes (rounded down), at most two units, largest first, a zero second unit
 * dropped. Days are used up to 13d; weeks only from 14 days on, because "10d" reads better
 * than "1w 3d" while "5w 2d" reads better than "37d". Examples: `0m`, `45m`, `3h`, `3h 20m`,
 * `2d 4h`, `13d`, `2w`, `5w 2d`. The sign is ignored (callers say "overdue by" / "due in").
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatDuration: not a finite duration: ${ms}`);
  const minutes = Math.floor(Math.abs(ms) / MINUTE_MS);
  if (minutes < 60) return `${minutes}m`;
  if (minutes < 24 * 60) return twoUnits(Math.floor(minutes / 60), 'h', minutes % 60, 'm');
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days < 14) return twoUnits(days, 'd', hours % 24, 'h');
  return twoUnits(Math.floor(days / 7), 'w', days % 7, 'd');
}

function twoUnits(major: number, majorUnit: string, minor: number, minorUnit: string): string {
  return minor === 0 ? `${major}${majorUnit}` : `${major}${majorUnit} ${minor}${minorUnit}`;
}
