// Period boundaries in the workspace's zone (DST inside the range moves the instant, not the wall
// clock) and which commit the workspace is read from at an instant.
import assert from 'node:assert/strict';
import { commitAt, periodInstants } from '../../../src/core/history/periods';

const iso = (list: number[]) => list.map((ms) => new Date(ms).toISOString());
const ms = (text: string) => Date.parse(text);

describe('history: periods', () => {
  it('weeks start on Monday 00:00 local time, before and after the end of DST (America/Chicago, 2026-11-01)', () => {
    const points = periodInstants(ms('2026-10-21T12:00:00Z'), ms('2026-11-12T00:00:00Z'), 'week', 'America/Chicago');
    assert.deepEqual(iso(points), [
      '2026-10-21T12:00:00.000Z',
      '2026-10-26T05:00:00.000Z', // Monday 00:00 CDT (UTC−5)
      '2026-11-02T06:00:00.000Z', // Monday 00:00 CST (UTC−6)
      '2026-11-09T06:00:00.000Z',
      '2026-11-12T00:00:00.000Z',
    ]);
  });

  it('months start on the 1st at 00:00 local time, across the start of DST (Europe/Berlin) and a year end', () => {
    const points = periodInstants(ms('2026-02-10T00:00:00Z'), ms('2026-04-15T00:00:00Z'), 'month', 'Europe/Berlin');
    assert.deepEqual(iso(points), ['2026-02-10T00:00:00.000Z', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z', '2026-04-15T00:00:00.000Z']);
    const yearEnd = periodInstants(ms('2026-12-01T00:00:00Z'), ms('2027-01-01T00:00:00Z'), 'month', 'UTC');
    assert.deepEqual(iso(yearEnd), ['2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'], 'a boundary equal to the end is the end, once');
  });

  it('a range starting on a boundary does not repeat it; an empty range is one point', () => {
    assert.deepEqual(iso(periodInstants(ms('2026-11-01T00:00:00Z'), ms('2026-12-15T00:00:00Z'), 'month', 'UTC')), [
      '2026-11-01T00:00:00.000Z',
      '2026-12-01T00:00:00.000Z',
      '2026-12-15T00:00:00.000Z',
    ]);
    assert.deepEqual(iso(periodInstants(ms('2026-11-05T00:00:00Z'), ms('2026-11-05T00:00:00Z'), 'week', 'UTC')), ['2026-11-05T00:00:00.000Z']);
  });

  it('the commit at an instant is the newest of the first-parent chain committed at or before it', () => {
    const chain = [
      { commit: 'c3', committedMs: ms('2026-11-20T00:00:00Z') },
      { commit: 'c2', committedMs: ms('2026-11-10T00:00:00Z') },
      { commit: 'c1', committedMs: ms('2026-11-01T00:00:00Z') },
    ];
    assert.equal(commitAt(chain, ms('2026-11-15T00:00:00Z'))?.commit, 'c2');
    assert.equal(commitAt(chain, ms('2026-11-10T00:00:00Z'))?.commit, 'c2', 'committed at the instant: included');
    assert.equal(commitAt(chain, ms('2026-10-31T23:59:59Z')), undefined);
  });
});
