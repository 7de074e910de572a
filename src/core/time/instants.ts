/**
 * Instants (epoch milliseconds) from the timestamps written in PatchOps files, and back to text.
 *
 * A timestamp without an offset is wall-clock time in the workspace zone (docs/file-formats.md#timestamps). Converting a
 * wall clock to an instant is done here rather than with luxon's `DateTime.fromObject`, because
 * luxon guesses the offset of an ambiguous local time from the *current* date, which would make
 * answers depend on when they are computed. Rules used here, on every machine, at any date:
 * - a local time inside a DST gap (spring forward) moves forward by the size of the gap, as luxon
 *   does: 2026-03-08 02:30 in America/Chicago is 03:30 CDT;
 * - an ambiguous local time (fall back) is the earlier of the two instants:
 *   2026-11-01 01:30 in America/Chicago is 01:30 CDT (06:30Z), not 01:30 CST.
 */
import { DateTime, IANAZone } from 'luxon';
import { DAY_MS, HOUR_MS, MINUTE_MS } from './durations';

export type InstantResult = { ok: true; ms: number } | { ok: false; message: string };

// Same shape as the schema's timestamp pattern; the fields are checked for sense below.
const TIMESTAMP_RE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

// 400 Gregorian years are exactly 146097 days (and a whole number of weeks).
const GREGORIAN_CYCLE_MS = 146_097 * DAY_MS;

const zoneCache = new Map<string, IANAZone | undefined>();

/** True for IANA zone names the runtime knows (`UTC`, `America/Chicago`), false otherwise. */
export function isValidZone(zone: string): boolean {
  return ianaZone(zone) !== undefined;
}

function ianaZone(zone: string): IANAZone | undefined {
  if (typeof zone !== 'string' || zone === '') return undefined;
  if (!zoneCache.has(zone)) zoneCache.set(zone, IANAZone.isValidZone(zone) ? IANAZone.create(zone) : undefined);
  return zoneCache.get(zone);
}

function requireZone(zone: string): IANAZone {
  const tz = ianaZone(zone);
  if (!tz) throw new RangeError(`unknown time zone \`${zone}\``);
  return tz;
}

/**
 * Parses an ISO 8601 date (`2026-11-20`, 00:00 local), a local date-time (`2026-11-18T09:00`,
 * `2026-11-18 09:00:30.5`) read in `zone`, or a date-time with `Z`/`±hh:mm`/`±hhmm`/`±hh`.
 * Fractions of a second beyond milliseconds are truncated.
 */
export function parseInstant(text: string, zone: string): InstantResult {
  const known = cachedInstant(text, zone);
  return typeof known === 'number' ? { ok: true, ms: known } : known;
}

/**
 * `text` as epoch milliseconds, or undefined when it is no instant (parseInstant says why). The
 * number is the one the cache holds: records that keep it share one boxed value, where a copy
 * each would cost 16 bytes per date (a plan lists hundreds of dates; 400,000 at 10,000 plans).
 */
export function instantMs(text: string, zone: string): number | undefined {
  const known = cachedInstant(text, zone);
  return typeof known === 'number' ? known : undefined;
}

/**
 * The same timestamps recur across thousands of files, and zone offsets cost an Intl call: each
 * is parsed once per zone. A map per zone, keyed by the text itself: a joined key would be a new
 * string to build and hash on every lookup.
 */
function cachedInstant(text: string, zone: string): number | InstantResult {
  const parsed = parsedByZone.of(zone);
  let known = parsed.get(text);
  if (known === undefined) {
    const result = parseUncached(text, zone);
    known = result.ok ? result.ms : result;
    parsedByZone.keep(parsed, text, known);
  }
  return known;
}

/**
 * A cache per time zone, bounded so that a long editing session cannot grow it without end: a
 * zone's map is emptied when it is full, all of them when there are too many zones.
 */
class ZoneCache<K, V> {
  private static readonly MAX_ZONES = 100;
  private static readonly MAX_ENTRIES = 100_000;
  private readonly byZone = new Map<string, Map<K, V>>();

  /** The zone's map, to look up in. */
  of(zone: string): Map<K, V> {
    let map = this.byZone.get(zone);
    if (map === undefined) {
      if (this.byZone.size >= ZoneCache.MAX_ZONES) this.byZone.clear();
      map = new Map();
      this.byZone.set(zone, map);
    }
    return map;
  }

  /** Keeps `value` in a zone's map (from `of`). */
  keep(map: Map<K, V>, key: K, value: V): void {
    if (map.size >= ZoneCache.MAX_ENTRIES) map.clear();
    map.set(key, value);
  }
}

/** Zone → text → the instant (a number), or the failed result. */
const parsedByZone = new ZoneCache<string, number | InstantResult>();

function parseUncached(text: string, zone: string): InstantResult {
  const m = TIMESTAMP_RE.exec(text);
  if (!m) {
    return fail(`\`${text}\` is not an ISO 8601 date or date-time: write e.g. \`2026-11-20\`, ` + '`2026-11-20T09:00` (local time) or `2026-11-20T09:00:00Z`');
  }
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  const millis = Number((m[7] ?? '').padEnd(3, '0').slice(0, 3));
  const problem = dateProblem(year, month, day) ?? timeProblem(hour, minute, second);
  if (problem) return fail(`\`${text}\` is not a real ${problem}`);

  const wallMs = wallClockMs(year, month, day, hour, minute, second, millis);
  const offset = m[8];
  if (offset !== undefined) {
    const offsetMs = parseOffset(offset);
    if (offsetMs === undefined) return fail(`\`${text}\` has an impossible UTC offset \`${offset}\``);
    return { ok: true, ms: wallMs - offsetMs };
  }
  const tz = ianaZone(zone);
  if (!tz) return fail(`cannot read \`${text}\` as local time: unknown time zone \`${zone}\``);
  return { ok: true, ms: wallClockToInstantIn(wallMs, tz) };
}

function fail(message: string): InstantResult {
  return { ok: false, message };
}

function dateProblem(year: number, month: number, day: number): string | undefined {
  if (month < 1 || month > 12) return `date: there is no month ${month} (months go from 01 to 12)`;
  if (day < 1) return 'date: days of the month start at 01';
  const days = daysInMonth(year, month);
  if (day > days) return `date: ${MONTH_NAMES[month - 1]} ${year} has ${days} days`;
  return undefined;
}

function timeProblem(hour: number, minute: number, second: number): string | undefined {
  if (hour > 23) return 'time: hours go from 00 to 23';
  if (minute > 59) return 'time: minutes go from 00 to 59';
  if (second > 59) return 'time: seconds go from 00 to 59';
  return undefined;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** `Z`, `+05:30`, `-0600`, `+01` → milliseconds east of UTC; undefined when out of range. */
function parseOffset(text: string): number | undefined {
  if (text === 'Z') return 0;
  const sign = text[0] === '-' ? -1 : 1;
  const digits = text.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return undefined;
  return sign * (hours * HOUR_MS + minutes * MINUTE_MS);
}

/**
 * Wall-clock fields as milliseconds on a UTC-based scale ("floating" time).
 * Date.UTC maps years 0–99 to 1900–1999, so compute 400 years later and step back one cycle.
 */
export function wallClockMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, millis = 0): number {
  return Date.UTC(year + 400, month - 1, day, hour, minute, second, millis) - GREGORIAN_CYCLE_MS;
}

/** The instant at which clocks in `zone` show `wallMs` (see the gap/overlap rules above). */
export function wallClockToInstant(wallMs: number, zone: string): number {
  return wallClockToInstantIn(wallMs, requireZone(zone));
}

/** The wall clock (floating milliseconds) that `zone` shows at instant `ms`. */
export function instantToWallClock(ms: number, zone: string): number {
  return ms + requireZone(zone).offset(ms) * MINUTE_MS;
}

function wallClockToInstantIn(wallMs: number, tz: IANAZone): number {
  // Offsets in force a little before and after; DST transitions are months apart.
  const before = tz.offset(wallMs - 2 * DAY_MS);
  const after = tz.offset(wallMs + 2 * DAY_MS);
  const fits = (offsetMin: number) => tz.offset(wallMs - offsetMin * MINUTE_MS) === offsetMin;
  if (before === after && fits(before)) return wallMs - before * MINUTE_MS;

  const candidates = [...new Set([before, after, tz.offset(wallMs)])];
  const valid = candidates.filter(fits).map((o) => wallMs - o * MINUTE_MS);
  // Overlap: two valid instants, take the earlier one.
  if (valid.length > 0) return Math.min(...valid);
  // Gap: read the wall clock with the offset before the jump (the smaller one), i.e. move forward.
  return wallMs - Math.min(...candidates) * MINUTE_MS;
}

/**
 * `2026-11-20 18:00 (-06:00)`: local date and time in `zone` with its UTC offset at that instant. Every
 * surface that shows a time to people (status, diagnostics, lenses, trees, reports) prints it so:
 * an offset says which instant it is everywhere, where abbreviations (CST) are ambiguous or missing.
 */
export function formatInstantLocal(ms: number, zone: string): string {
  if (!Number.isFinite(ms)) throw new RangeError(`formatInstantLocal: not an instant: ${ms}`);
  // Cached per zone and instant: a diagnostic, a lens and a report line show the same few deadlines.
  const byMs = formattedByZone.of(zone);
  let text = byMs.get(ms);
  if (text === undefined) {
    text = DateTime.fromMillis(ms, { zone: requireZone(zone), locale: 'en-US' }).toFormat("yyyy-MM-dd HH:mm '('ZZ')'");
    formattedByZone.keep(byMs, ms, text);
  }
  return text;
}

const formattedByZone = new ZoneCache<number, string>();

/** ISO 8601 in UTC with milliseconds, e.g. `2026-11-20T00:00:00.000Z` (for JSON output). */
export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}
