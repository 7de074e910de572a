/**
 * Scheduled cycles (SLA policy `cycles`, docs/file-formats.md#cycles): cycle starts are the occurrences of an RFC 5545
 * rrule, each at local time `at` in the workspace zone; work whose clock starts at `C` belongs to
 * the first start `S` with `S - cutoff >= C`, and its deadline is `S + window`.
 *
 * How the rrule is read:
 * - It is evaluated in "floating" time: rrule sees wall-clock dates on a UTC scale, and each
 *   occurrence is then converted to an instant in the zone. Results do not depend on the machine's
 *   TZ, and DST is right (18:00 in Chicago is 00:00Z in winter, 23:00Z in summer).
 * - `RRULE:` prefix optional. An optional `DTSTART:YYYYMMDD[THHMMSS]` line (no TZID, no `Z`: cycles
 *   always run in the workspace zone) gives the first date. Without it the rule is anchored at
 *   2000-01-01: a fixed anchor keeps INTERVAL>1 deterministic (FREQ=MONTHLY;INTERVAL=2 means
 *   January, March, May…), and RFC 5545 defaults come from it (FREQ=MONTHLY alone is the 1st of
 *   each month, FREQ=YEARLY alone January 1). FREQ=WEEKLY without BYDAY and without DTSTART is
 *   refused, as the anchor's weekday (a Saturday) would be an accident.
 * - Time of day: `at`, else the DTSTART time, else 00:00. So only FREQ=DAILY…YEARLY are accepted,
 *   and BYHOUR/BYMINUTE/BYSECOND are refused (use `at`).
 * - UNTIL is a local wall-clock value too (a trailing `Z` is tolerated); a date-only UNTIL
 *   includes that whole day.
 * - rrule's own parser accepts nonsense silently (`BYDAY=XX` is dropped, `INTERVAL=abc` kept as
 *   text, no FREQ means yearly), so the text is checked here first, with messages that say what
 *   to write instead; names and values are case-insensitive, as in RFC 5545.
 * - The search is bounded: a start more than 20 years after the clock start is not looked for,
 *   and the answer never depends on what earlier calls happened to cache.
 */
import { RRule, type Frequency, type Options } from 'rrule';
import { DAY_MS, parseDuration } from './durations';
import { daysInMonth, formatInstantLocal, isValidZone, wallClockMs, wallClockToInstant } from './instants';

export interface CycleSpec {
  rrule: string;
  at?: string;
  window?: string;
  cutoff?: string;
}
export type CycleResult = { ok: true; start: number; deadline: number } | { ok: false; message: string };

const CYCLE_SEARCH_YEARS = 20;
const YEAR_MS = 365.2425 * DAY_MS;
const SEARCH_MS = Math.round(CYCLE_SEARCH_YEARS * YEAR_MS);
/** checkCycle calls a rule "never occurring" when it has no start this long after its anchor. */
const CHECK_YEARS = 100;
/** Evaluate this far past the clock start first; only a rule with no start by then is run further. */
const FIRST_LOOK_MS = Math.round(2 * YEAR_MS);
/** Hard cap on the starts kept per rule (a daily rule until about year 2270). */
const MAX_STARTS = 100_000;
/** Wall clock minus instant (the UTC offset) is under a day in any zone: a safe margin between them. */
const ZONE_MARGIN_MS = 2 * DAY_MS;
/** Editing sessions create many rule texts; caches are dropped when they reach this size. */
const MAX_CACHED_SCHEDULES = 500;

const ANCHOR_DATE = { year: 2000, month: 1, day: 1 };

// ---------------------------------------------------------------------------------------------
// Public API

/** The cycle a clock start falls into and its deadline (both instants, epoch ms). */
export function cycleDeadline(cycle: CycleSpec, clockStart: number, zone: string): CycleResult {
  if (!Number.isFinite(clockStart)) return fail('the clock start is not a valid instant');
  if (!isValidZone(zone)) return fail(`unknown time zone \`${zone}\``);
  const window = optionalDuration('window', cycle.window);
  if (typeof window === 'string') return fail(window);
  const cutoff = optionalDuration('cutoff', cycle.cutoff);
  if (typeof cutoff === 'string') return fail(cutoff);

  const schedule = scheduleFor(cycle.rrule, cycle.at, zone);
  if (typeof schedule === 'string') return fail(schedule);

  const earliest = clockStart + cutoff; // S - cutoff >= clockStart
  const latest = earliest + SEARCH_MS;
  const start = firstStartBetween(schedule, earliest, latest);
  if (start !== undefined) return { ok: true, start, deadline: start + window };
  return fail(noStartMessage(cycle.rrule, schedule, earliest, latest));
}

/**
 * The rule's occurrences (instants) with from <= start < to, ascending, for maintenance windows
 * (time/windows.ts); or what is wrong with the rule. The time of day comes from its DTSTART line.
 */
export function occurrencesBetween(rruleText: string, zone: string, from: number, to: number): number[] | string {
  if (!isValidZone(zone)) return `unknown time zone \`${zone}\``;
  const schedule = scheduleFor(rruleText, undefined, zone);
  if (typeof schedule === 'string') return schedule;
  ensureCovered(schedule, to + ZONE_MARGIN_MS);
  const starts: number[] = [];
  for (let i = lowerBound(schedule.walls, from - ZONE_MARGIN_MS); i < schedule.walls.length; i++) {
    const start = instantAt(schedule, i);
    if (start >= to) break; // one start a day at most, at the same local time: wall order is instant order
    if (start >= from) starts.push(start);
  }
  return starts;
}

const checkResults = new Map<string, string | undefined>();

/** undefined when the rrule text is usable and occurs; else a message about what is wrong. */
export function checkCycle(cycle: CycleSpec): string | undefined {
  if (!checkResults.has(cycle.rrule)) {
    if (checkResults.size >= MAX_CACHED_SCHEDULES) checkResults.clear();
    checkResults.set(cycle.rrule, computeCheck(cycle.rrule));
  }
  return checkResults.get(cycle.rrule);
}

function computeCheck(rruleText: string): string | undefined {
  // Whether a rule occurs does not depend on the zone or the time of day: check in floating UTC.
  const schedule = buildSchedule(rruleText, undefined, 'UTC');
  if (typeof schedule === 'string') return schedule;
  const run = occurrencesUntil(schedule.rule, schedule.anchorWall, schedule.anchorWall + CHECK_YEARS * YEAR_MS, 1);
  if (run.walls.length > 0) return undefined;
  return run.ended
    ? `rrule \`${rruleText}\` never produces a cycle start: its UNTIL comes before the first one (remove it, or set a later one)`
    : `rrule \`${rruleText}\` produces no cycle start in the ${CHECK_YEARS} years after ` +
        `${isoDate(schedule.anchorWall)}: check that its BY… parts can occur together`;
}

// ---------------------------------------------------------------------------------------------
// Schedules: a parsed rule plus the starts found so far, cached per (rrule, at, zone)

interface Schedule {
  rule: RRule;
  zone: string;
  anchorWall: number;
  /** Cycle starts as wall-clock (floating) ms, ascending; complete up to coveredToWall. */
  walls: number[];
  /** The same starts as instants, converted on first use (DST rules are in wallClockToInstant). */
  instants: (number | undefined)[];
  coveredToWall: number;
  /** COUNT/UNTIL ended the rule: walls is complete. */
  ended: boolean;
}

const schedules = new Map<string, Schedule | string>();

function scheduleFor(rruleText: string, at: string | undefined, zone: string): Schedule | string {
  const key = `${rruleText}\u0000${at ?? ''}\u0000${zone}`;
  let entry = schedules.get(key);
  if (entry === undefined) {
    if (schedules.size >= MAX_CACHED_SCHEDULES) schedules.clear();
    entry = buildSchedule(rruleText, at, zone);
    schedules.set(key, entry);
  }
  return entry;
}

function buildSchedule(rruleText: string, at: string | undefined, zone: string): Schedule | string {
  if (typeof rruleText !== 'string') return 'the rrule must be text, e.g. `FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2`';
  const parsed = parseRuleText(rruleText);
  if (typeof parsed === 'string') return `invalid rrule \`${rruleText}\`: ${parsed}`;
  const time = at === undefined ? (parsed.time ?? { hour: 0, minute: 0 }) : parseAt(at);
  if (time === undefined) return `\`at\` must be a local time HH:MM from 00:00 to 23:59, not \`${at}\``;
  const date = parsed.date ?? ANCHOR_DATE;
  const anchorWall = wallClockMs(date.year, date.month, date.day, time.hour, time.minute);
  let rule: RRule;
  try {
    rule = new RRule({ ...parsed.options, dtstart: new Date(anchorWall), tzid: null }, true);
  } catch (error) {
    return `invalid rrule \`${rruleText}\`: ${error instanceof Error ? error.message : String(error)}`;
  }
  return { rule, zone, anchorWall, walls: [], instants: [], coveredToWall: -Infinity, ended: false };
}

/** The first start S with earliest <= S <= latest, evaluating the rule only as far as needed. */
function firstStartBetween(schedule: Schedule, earliest: number, latest: number): number | undefined {
  const wallLatest = latest + ZONE_MARGIN_MS;
  const firstLook = Math.min(earliest + ZONE_MARGIN_MS + FIRST_LOOK_MS, wallLatest);
  ensureCovered(schedule, firstLook);
  const start = scanFrom(schedule, earliest);
  if (start !== undefined || schedule.ended) return start !== undefined && start <= latest ? start : undefined;
  ensureCovered(schedule, wallLatest);
  const later = scanFrom(schedule, earliest);
  return later !== undefined && later <= latest ? later : undefined;
}

/** First start at or after `instant` among those evaluated so far. */
function scanFrom(schedule: Schedule, instant: number): number | undefined {
  // Starts are at most one a day at the same local time, so wall order is instant order.
  const from = lowerBound(schedule.walls, instant - ZONE_MARGIN_MS);
  for (let i = from; i < schedule.walls.length; i++) {
    const start = instantAt(schedule, i);
    if (start >= instant) return start;
  }
  return undefined;
}

function instantAt(schedule: Schedule, index: number): number {
  let instant = schedule.instants[index];
  if (instant === undefined) {
    instant = wallClockToInstant(schedule.walls[index], schedule.zone);
    schedule.instants[index] = instant;
  }
  return instant;
}

/** Makes `schedule.walls` complete up to wall-clock time `wallLimit` (unless the rule ended). */
function ensureCovered(schedule: Schedule, wallLimit: number): void {
  if (schedule.ended || schedule.coveredToWall >= wallLimit) return;
  // Go a little further than asked, so that the next plans rarely need another run.
  const target = wallLimit + FIRST_LOOK_MS;
  const run = occurrencesUntil(schedule.rule, schedule.anchorWall, target, MAX_STARTS);
  schedule.walls = run.walls;
  schedule.instants = [];
  schedule.ended = run.ended;
  schedule.coveredToWall = run.capped ? run.walls[run.walls.length - 1] : target;
}

interface Run {
  walls: number[];
  ended: boolean;
  capped: boolean;
}

/**
 * Up to `maxCount` occurrences (floating ms) from the anchor up to `target`. rrule 2.8 only checks
 * UNTIL/COUNT and our callback when a date matches, so a rule that never matches would scan to
 * year 9999 (11 s for FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30). Its loop reads `options.interval`
 * twice per period, so a getter that throws after a generous number of reads bounds the scan.
 */
function occurrencesUntil(rule: RRule, anchorWall: number, target: number, maxCount: number): Run {
  const walls: number[] = [];
  let passedTarget = false;
  let capped = false;
  const original = rule.options;
  rule.options = withReadLimit(original, 3 * periodsBetween(original, anchorWall, target) + 16);
  try {
    rule.all((date) => {
      const wall = date.getTime();
      if (wall > target) {
        passedTarget = true;
        return false;
      }
      walls.push(wall);
      capped = walls.length >= maxCount;
      return !capped;
    });
  } catch (error) {
    if (!(error instanceof ScanLimitReached)) throw error;
    passedTarget = true; // scanned more periods than reaching the target needs
  } finally {
    rule.options = original;
  }
  return { walls, ended: !passedTarget && !capped, capped };
}

class ScanLimitReached extends Error {}

function withReadLimit(options: RRule['options'], maxReads: number): RRule['options'] {
  let reads = 0;
  const interval = options.interval;
  const guarded = { ...options };
  Object.defineProperty(guarded, 'interval', {
    enumerable: true,
    get: () => {
      if (++reads > maxReads) throw new ScanLimitReached();
      return interval;
    },
  });
  return guarded;
}

/** Upper estimate of the rule's periods (years, months, weeks or days) between two wall times. */
function periodsBetween(options: RRule['options'], fromWall: number, toWall: number): number {
  const perYear: Record<number, number> = { [RRule.YEARLY]: 1, [RRule.MONTHLY]: 12, [RRule.WEEKLY]: 53, [RRule.DAILY]: 366 };
  const years = Math.max(0, (toWall - fromWall) / YEAR_MS) + 1;
  return Math.ceil((years * (perYear[options.freq] ?? 366)) / Math.max(1, options.interval));
}

function lowerBound(sorted: number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function noStartMessage(rruleText: string, schedule: Schedule, earliest: number, latest: number): string {
  const from = formatInstantLocal(earliest, schedule.zone);
  if (schedule.ended) {
    const count = schedule.walls.length;
    return count === 0
      ? `rrule \`${rruleText}\` never produces a cycle start: its UNTIL comes before the first one (remove it, or set a later one)`
      : `rrule \`${rruleText}\` has no cycle start on or after ${from}: its COUNT/UNTIL ends with ` +
          `the start on ${formatInstantLocal(instantAt(schedule, count - 1), schedule.zone)}`;
  }
  if (schedule.coveredToWall < latest + ZONE_MARGIN_MS) {
    return (
      `rrule \`${rruleText}\`: gave up looking for a cycle start on or after ${from} ` +
      `(more than ${MAX_STARTS} starts since ${isoDate(schedule.anchorWall)}; set a later DTSTART)`
    );
  }
  return `rrule \`${rruleText}\` has no cycle start in the ${CYCLE_SEARCH_YEARS} years from ${from}: ` + 'check that its BY… parts can occur together';
}

// ---------------------------------------------------------------------------------------------
// Reading the rrule text

interface ParsedRuleText {
  options: Partial<Options>;
  date?: { year: number; month: number; day: number };
  time?: { hour: number; minute: number };
}

function parseRuleText(text: string): ParsedRuleText | string {
  const lines = text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  if (lines.length === 0) return 'it is empty; write e.g. `FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2`';
  let dtstart: { date: ParsedRuleText['date']; time?: ParsedRuleText['time'] } | undefined;
  let ruleLine: string | undefined;
  for (const raw of lines) {
    const line = raw.toUpperCase(); // RFC 5545 names and values are case-insensitive
    if (/^(EXDATE|RDATE|EXRULE)[;:]/.test(line)) return `${line.split(/[;:]/)[0]} lines are not supported in a cycle`;
    if (/^DTSTART[;:]/.test(line)) {
      if (dtstart) return 'it has more than one DTSTART line';
      const parsed = parseDtstart(line);
      if (typeof parsed === 'string') return parsed;
      dtstart = parsed;
      continue;
    }
    if (ruleLine !== undefined) return 'it has more than one RRULE line';
    ruleLine = line.startsWith('RRULE:') ? line.slice('RRULE:'.length) : line;
  }
  if (ruleLine === undefined) return 'it has a DTSTART but no rule; add e.g. `RRULE:FREQ=MONTHLY`';
  const options = parseRuleParts(ruleLine, dtstart !== undefined);
  if (typeof options === 'string') return options;
  return { options, date: dtstart?.date, time: dtstart?.time };
}

function parseDtstart(line: string): { date: ParsedRuleText['date']; time?: ParsedRuleText['time'] } | string {
  if (line.includes('TZID=')) {
    return 'DTSTART with a TZID is not supported: cycles run in the workspace timezone; write e.g. `DTSTART:20260113T180000`';
  }
  const m = /^DTSTART(?:;VALUE=DATE(?:-TIME)?)?:(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/.exec(line);
  if (!m) return `\`${line}\` is not a DTSTART line like \`DTSTART:20260113\` or \`DTSTART:20260113T180000\``;
  if (m[7]) return 'DTSTART in UTC (ending in `Z`) is not supported: cycles run in the workspace timezone; drop the `Z`';
  const date = checkedDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (typeof date === 'string') return `DTSTART ${date}`;
  if (m[4] === undefined) return { date };
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (hour > 23 || minute > 59 || second > 59) return `DTSTART has an impossible time ${m[4]}:${m[5]}:${m[6]}`;
  if (second !== 0) return 'DTSTART seconds must be 00: cycles start on a whole minute';
  return { date, time: { hour, minute } };
}

function checkedDate(year: number, month: number, day: number): { year: number; month: number; day: number } | string {
  if (month < 1 || month > 12) return `has no month ${month}`;
  if (day < 1 || day > daysInMonth(year, month)) return `has an impossible day: ${year}-${pad(month)}-${pad(day)}`;
  return { year, month, day };
}

const FREQUENCIES: Record<string, Frequency> = {
  YEARLY: RRule.YEARLY,
  MONTHLY: RRule.MONTHLY,
  WEEKLY: RRule.WEEKLY,
  DAILY: RRule.DAILY,
};
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];
const KNOWN_PARTS = [
  'FREQ',
  'INTERVAL',
  'COUNT',
  'UNTIL',
  'BYDAY',
  'BYMONTHDAY',
  'BYYEARDAY',
  'BYWEEKNO',
  'BYMONTH',
  'BYSETPOS',
  'WKST',
  'BYHOUR',
  'BYMINUTE',
  'BYSECOND',
];

/** Checks `FREQ=…;…` strictly, then lets rrule build its options from the vetted text. */
function parseRuleParts(rule: string, hasDtstart: boolean): Partial<Options> | string {
  const parts = new Map<string, string>();
  for (const part of rule.split(';')) {
    const m = /^([A-Z]+)=(.+)$/.exec(part);
    if (!m) return part === '' ? 'it has an empty rule part (a stray `;`)' : `\`${part}\` is not a NAME=VALUE rule part`;
    if (!KNOWN_PARTS.includes(m[1])) return `unknown rule part \`${m[1]}\` (known: ${KNOWN_PARTS.join(', ')})`;
    if (parts.has(m[1])) return `${m[1]} appears more than once`;
    parts.set(m[1], m[2]);
  }
  const problem = rulePartsProblem(parts, hasDtstart);
  if (problem) return problem;

  const until = parts.get('UNTIL');
  parts.delete('UNTIL'); // read here: rrule's UNTIL parsing would not make a date inclusive
  const options = RRule.parseString([...parts].map(([name, value]) => `${name}=${value}`).join(';'));
  if (until !== undefined) options.until = new Date(untilWall(until));
  return options;
}

function rulePartsProblem(parts: Map<string, string>, hasDtstart: boolean): string | undefined {
  const freqText = parts.get('FREQ');
  if (freqText === undefined) return 'FREQ is missing (e.g. `FREQ=MONTHLY`)';
  if (['HOURLY', 'MINUTELY', 'SECONDLY'].includes(freqText)) {
    return `FREQ=${freqText} is not supported for cycles: use DAILY, WEEKLY, MONTHLY or YEARLY (set the time of day with \`at\`)`;
  }
  const freq = FREQUENCIES[freqText];
  if (freq === undefined) return `FREQ=${freqText} is not a frequency: use DAILY, WEEKLY, MONTHLY or YEARLY`;
  for (const name of ['BYHOUR', 'BYMINUTE', 'BYSECOND']) {
    if (parts.has(name)) return `${name} is not supported: set the time of day with \`at\``;
  }
  if (parts.has('COUNT') && parts.has('UNTIL')) return 'use COUNT or UNTIL, not both';
  for (const [name, value] of parts) {
    const problem = partValueProblem(name, value, freq);
    if (problem) return problem;
  }
  if (parts.has('BYSETPOS') && ![...parts.keys()].some((n) => n.startsWith('BY') && n !== 'BYSETPOS')) {
    return 'BYSETPOS needs another BY… part to pick from (e.g. `BYDAY=TU;BYSETPOS=2`)';
  }
  if (freq === RRule.WEEKLY && !parts.has('BYDAY') && !hasDtstart) {
    return 'FREQ=WEEKLY needs BYDAY (e.g. `BYDAY=WE`) or a DTSTART to say which day';
  }
  return undefined;
}

function partValueProblem(name: string, value: string, freq: Frequency): string | undefined {
  switch (name) {
    case 'FREQ':
      return undefined;
    case 'INTERVAL':
    case 'COUNT':
      return /^[1-9]\d{0,5}$/.test(value) ? undefined : `${name}=${value}: must be a whole number from 1`;
    case 'UNTIL':
      return untilProblem(value);
    case 'WKST':
      return WEEKDAYS.includes(value) ? undefined : `WKST=${value}: use one of ${WEEKDAYS.join(', ')}`;
    case 'BYDAY':
      return byDayProblem(value, freq);
    case 'BYMONTH':
      return intListProblem(name, value, 1, 12, false);
    case 'BYMONTHDAY':
      if (freq === RRule.WEEKLY) return 'BYMONTHDAY cannot be used with FREQ=WEEKLY';
      return intListProblem(name, value, 1, 31, true);
    case 'BYYEARDAY':
      if (freq !== RRule.YEARLY) return 'BYYEARDAY only works with FREQ=YEARLY';
      return intListProblem(name, value, 1, 366, true);
    case 'BYWEEKNO':
      if (freq !== RRule.YEARLY) return 'BYWEEKNO only works with FREQ=YEARLY';
      return intListProblem(name, value, 1, 53, true);
    case 'BYSETPOS':
      return intListProblem(name, value, 1, 366, true);
    default:
      return `unknown rule part \`${name}\``;
  }
}

function intListProblem(name: string, value: string, min: number, max: number, signed: boolean): string | undefined {
  const range = signed ? `${min} to ${max} or -${max} to -${min}` : `${min} to ${max}`;
  for (const item of value.split(',')) {
    const n = /^[+-]?\d{1,3}$/.test(item) ? Number(item) : NaN;
    const ok = Number.isInteger(n) && Math.abs(n) >= min && Math.abs(n) <= max && (signed || n > 0);
    if (!ok) return `${name}=${value}: \`${item}\` is not in ${range}`;
  }
  return undefined;
}

function byDayProblem(value: string, freq: Frequency): string | undefined {
  const maxOrdinal = freq === RRule.MONTHLY ? 5 : 53;
  for (const item of value.split(',')) {
    const m = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item);
    if (!m || !WEEKDAYS.includes(m[2])) {
      return `BYDAY=${value}: \`${item}\` is not a weekday like TU, 2TU or -1FR (days: ${WEEKDAYS.join(', ')})`;
    }
    if (m[1] === undefined) continue;
    if (freq !== RRule.MONTHLY && freq !== RRule.YEARLY) {
      return `BYDAY=${value}: numbered weekdays like \`${item}\` only work with FREQ=MONTHLY or YEARLY`;
    }
    const n = Math.abs(Number(m[1]));
    if (n < 1 || n > maxOrdinal) return `BYDAY=${value}: \`${item}\` must be numbered 1 to ${maxOrdinal} (or -1 to -${maxOrdinal})`;
  }
  return undefined;
}

const UNTIL_RE = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/;

function untilProblem(value: string): string | undefined {
  const m = UNTIL_RE.exec(value);
  if (!m) return `UNTIL=${value}: write a date like 20271231 or a date-time like 20271231T235900`;
  const date = checkedDate(Number(m[1]), Number(m[2]), Number(m[3]));
  if (typeof date === 'string') return `UNTIL=${value} ${date}`;
  if (m[4] !== undefined && (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 59)) {
    return `UNTIL=${value} has an impossible time`;
  }
  return undefined;
}

/** UNTIL as a wall-clock value; a date alone means the end of that day. */
function untilWall(value: string): number {
  const m = UNTIL_RE.exec(value) as RegExpExecArray; // vetted by untilProblem
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (m[4] === undefined) return wallClockMs(year, month, day, 23, 59, 59, 999);
  return wallClockMs(year, month, day, Number(m[4]), Number(m[5]), Number(m[6]));
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function parseAt(at: string): { hour: number; minute: number } | undefined {
  const m = typeof at === 'string' ? /^([01]\d|2[0-3]):([0-5]\d)$/.exec(at) : null;
  return m ? { hour: Number(m[1]), minute: Number(m[2]) } : undefined;
}

/** The duration in ms (0 when absent), or a message. */
function optionalDuration(name: string, text: string | undefined): number | string {
  if (text === undefined) return 0;
  const ms = typeof text === 'string' ? parseDuration(text) : undefined;
  return ms ?? `\`${name}\` must be a duration like \`7d\` or \`72h\`, not \`${text}\``;
}

function fail(message: string): CycleResult {
  return { ok: false, message };
}

function isoDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
