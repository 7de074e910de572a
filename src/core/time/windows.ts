/**
 * Maintenance windows and change freezes (docs/file-formats.md#maintenance-windows-and-freezes):
 * when deployment work may run. A window opens at each occurrence of its rrule (cycles.ts reads
 * the rule, in the workspace zone, so DST is exact) and stays open for its duration, which is
 * elapsed time. Without windows every instant is open. A freeze closes [from, to) whatever the
 * windows say. Every search is bounded: nothing is looked for more than WINDOW_SEARCH_YEARS ahead.
 */
import { occurrencesBetween } from './cycles';
import { DAY_MS } from './durations';

export interface MaintenanceWindow {
  rrule: string;
  durationMs: number;
}

export interface Freeze {
  from: number;
  to: number;
  reason?: string;
}

export interface Calendar {
  /** null: no windows, every instant outside a freeze is open. */
  windows: readonly MaintenanceWindow[] | null;
  freezes: readonly Freeze[];
}

/** [start, end), epoch ms. */
export type Interval = readonly [number, number];

const WINDOW_SEARCH_YEARS = 5;
const YEAR_MS = 365.2425 * DAY_MS;
const SEARCH_MS = Math.round(WINDOW_SEARCH_YEARS * YEAR_MS);
/** Open time is gathered a year at a time, so a busy calendar is not expanded further than needed. */
const CHUNK_MS = Math.round(YEAR_MS);

/** The open intervals within [from, to), ascending and disjoint; or what is wrong with a window's rule. */
function openIntervals(calendar: Calendar, zone: string, from: number, to: number): Interval[] | string {
  let open: Interval[];
  if (calendar.windows === null) open = from < to ? [[from, to]] : [];
  else {
    const all: [number, number][] = [];
    for (const w of calendar.windows) {
      // A window that opened before `from` may still be open at `from`.
      const starts = occurrencesBetween(w.rrule, zone, from - w.durationMs, to);
      if (typeof starts === 'string') return starts;
      for (const s of starts) {
        const a = Math.max(s, from);
        const b = Math.min(s + w.durationMs, to);
        if (a < b) all.push([a, b]);
      }
    }
    open = merge(all);
  }
  return subtract(open, calendar.freezes);
}

export type Found = { ok: true; at: number } | { ok: false; message: string };

/** The first open instant at or after t. */
export function nextOpen(calendar: Calendar, zone: string, t: number): Found {
  return addOpenTime(calendar, zone, t, 0);
}

/**
 * The instant at which `work` ms of open time since t have passed (for work 0: the first open
 * instant at or after t). It is always inside or at the end of an open interval, never in a freeze.
 */
export function addOpenTime(calendar: Calendar, zone: string, t: number, work: number): Found {
  let left = work;
  for (let from = t; from < t + SEARCH_MS; from += CHUNK_MS) {
    const to = Math.min(from + CHUNK_MS, t + SEARCH_MS);
    const open = openIntervals(calendar, zone, from, to);
    if (typeof open === 'string') return { ok: false, message: open };
    for (const [a, b] of open) {
      if (left === 0) return { ok: true, at: a };
      if (b - a >= left) return { ok: true, at: a + left };
      left -= b - a;
    }
  }
  return {
    ok: false,
    message:
      work === 0
        ? `no maintenance window opens outside a freeze within ${WINDOW_SEARCH_YEARS} years`
        : `the work does not fit in the maintenance-window time of the next ${WINDOW_SEARCH_YEARS} years`,
  };
}

/** Open time between a and b, in ms. */
export function openTimeBetween(calendar: Calendar, zone: string, a: number, b: number): number | string {
  if (b <= a) return 0;
  const open = openIntervals(calendar, zone, Math.max(a, b - SEARCH_MS), b);
  if (typeof open === 'string') return open;
  return open.reduce((sum, [x, y]) => sum + (y - x), 0);
}

/** The first freeze that overlaps [a, b), in calendar order. */
export function freezeWithin(calendar: Calendar, a: number, b: number): Freeze | undefined {
  return calendar.freezes.find((f) => f.from < b && f.to > a);
}

/** The freeze that holds instant t, if any. */
export function freezeAt(calendar: Calendar, t: number): Freeze | undefined {
  return calendar.freezes.find((f) => f.from <= t && t < f.to);
}

/** The union of calendars: open when any is open (windows), closed by every freeze of each. */
export function unionCalendars(calendars: readonly Calendar[]): Calendar {
  const always = calendars.some((c) => c.windows === null);
  const windows = always ? null : calendars.flatMap((c) => c.windows ?? []);
  const freezes: Freeze[] = [];
  for (const c of calendars) for (const f of c.freezes) if (!freezes.includes(f)) freezes.push(f);
  return { windows, freezes };
}

/**
 * Windows that overlap: a window longer than the time between two of its occurrences (`self`), or
 * two windows open at once, within [from, to). For warnings: the open time is merged either way.
 */
export function windowOverlaps(windows: readonly MaintenanceWindow[], zone: string, from: number, to: number): { index: number; other: number; at: number }[] {
  const found: { index: number; other: number; at: number }[] = [];
  const intervals: { index: number; start: number; end: number }[] = [];
  windows.forEach((w, index) => {
    const starts = occurrencesBetween(w.rrule, zone, from, to);
    if (typeof starts === 'string') return;
    for (const s of starts) intervals.push({ index, start: s, end: s + w.durationMs });
  });
  intervals.sort((x, y) => x.start - y.start || x.index - y.index);
  const seen = new Set<string>();
  let latest: { index: number; end: number } | undefined;
  for (const iv of intervals) {
    if (latest && iv.start < latest.end) {
      const key = `${latest.index}:${iv.index}`;
      if (!seen.has(key)) {
        seen.add(key);
        found.push({ index: latest.index, other: iv.index, at: iv.start });
      }
    }
    if (!latest || iv.end > latest.end) latest = { index: iv.index, end: iv.end };
  }
  return found;
}

function merge(intervals: [number, number][]): Interval[] {
  intervals.sort((x, y) => x[0] - y[0]);
  const out: [number, number][] = [];
  for (const [a, b] of intervals) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

function subtract(open: Interval[], freezes: readonly Freeze[]): Interval[] {
  if (freezes.length === 0) return open;
  const sorted = [...freezes].filter((f) => f.from < f.to).sort((x, y) => x.from - y.from);
  const out: Interval[] = [];
  for (const [a0, b] of open) {
    let a = a0;
    for (const f of sorted) {
      if (f.to <= a || f.from >= b) continue;
      if (f.from > a) out.push([a, f.from]);
      a = Math.max(a, f.to);
      if (a >= b) break;
    }
    if (a < b) out.push([a, b]);
  }
  return out;
}
