// Which instants `patchops history` looks at: period boundaries in the workspace's zone (the 1st
// of each month, each Monday, at 00:00 local time, so a DST change inside the range moves the
// instant, not the wall clock), and which commit the workspace is read from at each.
import { DAY_MS } from '../time/durations';
import { instantToWallClock, wallClockMs, wallClockToInstant } from '../time/instants';

/**
 * `since`, every month or week boundary strictly between, and `until`: the points of a range.
 * A boundary is the 1st of the month or the Monday at 00:00 in `zone`.
 */
export function periodInstants(since: number, until: number, every: 'month' | 'week', zone: string): number[] {
  const out = [since];
  for (let boundary = nextBoundary(since, every, zone); boundary < until; boundary = nextBoundary(boundary, every, zone)) out.push(boundary);
  if (until > since) out.push(until);
  return out;
}

/** The first boundary strictly after `ms`. */
function nextBoundary(ms: number, every: 'month' | 'week', zone: string): number {
  // The wall clock's fields; shifted by one 400-year cycle as wallClockMs does, so years 0–99 stay.
  const wall = new Date(instantToWallClock(ms, zone) + GREGORIAN_CYCLE_MS);
  const [year, month, day] = [wall.getUTCFullYear() - 400, wall.getUTCMonth() + 1, wall.getUTCDate()];
  const monday = day - ((wall.getUTCDay() + 6) % 7);
  // Date.UTC carries a month 13 or a day 35 over, so the next boundary is one step further.
  const boundary = (step: number) =>
    wallClockToInstant(every === 'month' ? wallClockMs(year, month + step, 1) : wallClockMs(year, month, monday + 7 * step), zone);
  let step = 0;
  while (boundary(step) <= ms) step++;
  return boundary(step);
}

const GREGORIAN_CYCLE_MS = 146_097 * DAY_MS;

/** A commit as the history reads it: its id and committer time. */
export interface TimedCommit {
  commit: string;
  committedMs: number;
}

/**
 * The commit the workspace is read from at `at`: walking the first-parent chain from the tip
 * (`chain`, newest first), the first commit committed at or before `at` — what the branch held
 * then. Undefined when none was.
 */
export function commitAt(chain: readonly TimedCommit[], at: number): TimedCommit | undefined {
  return chain.find((c) => c.committedMs <= at);
}
