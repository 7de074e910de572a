// Maintenance windows and freezes as written (patchops.yaml, asset groups) → a Calendar, and the
// problems in them. Reading is pure and cached per written object, so every plan's forecast
// reuses it; the problems are reported once, on the file that holds them (checkCalendars).
import type { AssetGroup, WorkspaceFile } from '../model/files';
import type { YamlPath } from '../model/source';
import type { Entity } from '../model/workspace';
import { checkCycle } from '../time/cycles';
import { formatDuration, parseDuration } from '../time/durations';
import { formatInstantLocal, parseInstant } from '../time/instants';
import { windowOverlaps, type Calendar, type Freeze, type MaintenanceWindow } from '../time/windows';
import type { RuleContext } from './context';

type Written = Pick<WorkspaceFile, 'maintenance_windows' | 'freezes'>;

export interface CalendarProblem {
  path: YamlPath;
  message: string;
  /** A date that does not exist is `date.invalid`, like everywhere; the rest is the calendar's own. */
  code: 'wave.window' | 'date.invalid';
}

export interface ReadCalendar {
  /** Undefined when a window or freeze cannot be used: then no forecast can be made with it. */
  calendar?: Calendar;
  problems: CalendarProblem[];
}

const cache = new WeakMap<object, Map<string, ReadCalendar>>();

/** The calendar written in `data`; `fallback` gives the windows when it names none (a group takes the workspace's). */
export function readCalendar(data: Written, zone: string): ReadCalendar {
  let byZone = cache.get(data);
  if (!byZone) cache.set(data, (byZone = new Map<string, ReadCalendar>()));
  let read = byZone.get(zone);
  if (!read) byZone.set(zone, (read = computeCalendar(data, zone)));
  return read;
}

function computeCalendar(data: Written, zone: string): ReadCalendar {
  const problems: CalendarProblem[] = [];
  let windows: MaintenanceWindow[] | null = null;
  if (data.maintenance_windows !== undefined) {
    windows = [];
    data.maintenance_windows.forEach((w, i) => {
      const durationMs = parseDuration(w.duration);
      if (durationMs === undefined || durationMs === 0) {
        problems.push({
          code: 'wave.window',
          path: ['maintenance_windows', i, 'duration'],
          message: `maintenance window ${i + 1}: \`duration\` must be a positive duration such as \`4h\`, not \`${w.duration}\``,
        });
        return;
      }
      const wrong = checkCycle({ rrule: w.rrule });
      if (wrong !== undefined) {
        problems.push({ code: 'wave.window', path: ['maintenance_windows', i, 'rrule'], message: `maintenance window ${i + 1}: ${wrong}` });
        return;
      }
      windows!.push({ rrule: w.rrule, durationMs });
    });
  }
  const freezes: Freeze[] = [];
  (data.freezes ?? []).forEach((f, i) => {
    const from = parseInstant(f.from, zone);
    const to = parseInstant(f.to, zone);
    if (!from.ok) problems.push({ code: 'date.invalid', path: ['freezes', i, 'from'], message: `freeze ${i + 1}: \`from\`: ${from.message}` });
    if (!to.ok) problems.push({ code: 'date.invalid', path: ['freezes', i, 'to'], message: `freeze ${i + 1}: \`to\`: ${to.message}` });
    if (!from.ok || !to.ok) return;
    if (to.ms <= from.ms) {
      problems.push({
        code: 'wave.window',
        path: ['freezes', i, 'to'],
        message: `freeze ${i + 1} ends (${formatInstantLocal(to.ms, zone)}) before it starts (${formatInstantLocal(from.ms, zone)}): \`to\` must be after \`from\``,
      });
      return;
    }
    freezes.push({ from: from.ms, to: to.ms, ...(f.reason !== undefined ? { reason: f.reason } : {}) });
  });
  return problems.length ? { problems } : { calendar: { windows, freezes }, problems };
}

/** How far ahead of the as-of overlapping windows are looked for. */
const OVERLAP_CHECK_MS = 366 * 24 * 3_600_000;

/**
 * Reports the problems of the workspace's and each group's windows and freezes: errors for what
 * makes a calendar unusable, warnings for windows that overlap (their open time is merged).
 */
export function checkCalendars(ctx: RuleContext, settings: Entity<WorkspaceFile> | undefined, groups: Iterable<Entity<AssetGroup>>): void {
  const check = (entity: Entity<Written>) => {
    const read = readCalendar(entity.data, ctx.zone);
    for (const p of read.problems) ctx.report(entity, p.path, 'error', p.code, p.message);
    const windows = read.calendar?.windows;
    if (!windows || windows.length === 0) return;
    for (const o of windowOverlaps(windows, ctx.zone, ctx.asOf, ctx.asOf + OVERLAP_CHECK_MS)) {
      const w = windows[o.index];
      const message =
        o.index === o.other
          ? `maintenance window ${o.index + 1} is open ${formatDuration(w.durationMs)}, longer than the time between two of its occurrences (the one at ` +
            `${formatInstantLocal(o.at, ctx.zone)} opens while the one before is still open): shorten \`duration\` or space the occurrences out`
          : `maintenance windows ${o.index + 1} and ${o.other + 1} overlap (both open at ${formatInstantLocal(o.at, ctx.zone)}): merge them into one window or move one`;
      ctx.report(entity, ['maintenance_windows', o.other, 'duration'], 'warning', 'wave.window', message);
    }
  };
  if (settings) check(settings);
  for (const g of groups) if (g.data.maintenance_windows !== undefined || g.data.freezes !== undefined) check(g);
}
