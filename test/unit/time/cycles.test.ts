import assert from 'assert/strict';
import { checkCycle, type CycleResult, type CycleSpec, cycleDeadline } from '../../../src/core/time/cycles';

const CHICAGO = 'America/Chicago';
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

/** The sample policy's cycle (docs/file-formats.md#sla-policies): second Tuesday of the month, 18:00 local, 7d window, 3d cutoff. */
const MONTHLY: CycleSpec = { rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', at: '18:00', window: '7d', cutoff: '3d' };
const SECOND_TUESDAY: CycleSpec = { rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', at: '18:00' };

const utc = (text: string): number => Date.parse(text);

function ok(result: CycleResult): { start: string; deadline: string } {
  assert.ok(result.ok, `expected ok, got: ${result.ok ? '' : result.message}`);
  return { start: new Date(result.start).toISOString(), deadline: new Date(result.deadline).toISOString() };
}

function failure(result: CycleResult): string {
  assert.equal(result.ok, false, `expected a failure, got ${JSON.stringify(result)}`);
  return result.ok ? '' : result.message;
}

// Calendar facts used below (2026): Nov 1 and Mar 1 are Sundays, Jul 1 is a Wednesday,
// Dec 1 a Tuesday, Apr 1 a Wednesday; Jan 1 2027 is a Friday. Second Tuesdays: 2026-03-10,
// 2026-04-14, 2026-07-14, 2026-11-10, 2026-12-08, 2027-01-12. Chicago is UTC-5 from
// 2026-03-08 to 2026-11-01 (CDT) and UTC-6 otherwise (CST).
describe('time/cycles', () => {
  describe('second Tuesday at 18:00 in America/Chicago', () => {
    it('is 00:00Z the next day in winter (CST)', () => {
      const r = ok(cycleDeadline(SECOND_TUESDAY, utc('2026-11-01T18:00:00Z'), CHICAGO));
      assert.equal(r.start, '2026-11-11T00:00:00.000Z'); // 2026-11-10 18:00 (-06:00)
    });

    it('is 23:00Z the same day in summer (CDT)', () => {
      const r = ok(cycleDeadline(SECOND_TUESDAY, utc('2026-07-01T05:00:00Z'), CHICAGO));
      assert.equal(r.start, '2026-07-14T23:00:00.000Z'); // 2026-07-14 18:00 (-05:00)
    });

    it('has deadline = start when there is no window', () => {
      const r = ok(cycleDeadline(SECOND_TUESDAY, utc('2026-07-01T05:00:00Z'), CHICAGO));
      assert.equal(r.deadline, r.start);
    });

    it('does not depend on the zone spelling of the machine (UTC zone gives 18:00Z)', () => {
      const r = ok(cycleDeadline(SECOND_TUESDAY, utc('2026-07-01T00:00:00Z'), 'UTC'));
      assert.equal(r.start, '2026-07-14T18:00:00.000Z');
    });
  });

  describe('cutoff and window (the sample cycle)', () => {
    it('puts a plan tested 2026-11-19 15:00 (the example plan of docs/file-formats.md) into the December cycle', () => {
      // November's cycle (Nov 10) has passed; Dec 8 18:00 (-06:00) - 3d = Dec 5 18:00 >= Nov 19 15:00.
      const r = ok(cycleDeadline(MONTHLY, utc('2026-11-19T21:00:00Z'), CHICAGO));
      assert.equal(r.start, '2026-12-09T00:00:00.000Z'); // 2026-12-08 18:00 (-06:00)
      assert.equal(r.deadline, '2026-12-16T00:00:00.000Z'); // + 7 days
    });

    it('keeps a clock start exactly at S - cutoff in S, and moves one a minute later to the next cycle', () => {
      const s = utc('2026-12-09T00:00:00Z'); // Dec 8 18:00 (-06:00)
      const atBoundary = ok(cycleDeadline(MONTHLY, s - 3 * DAY, CHICAGO));
      assert.equal(atBoundary.start, '2026-12-09T00:00:00.000Z');
      const minuteLater = ok(cycleDeadline(MONTHLY, s - 3 * DAY + MIN, CHICAGO));
      assert.equal(minuteLater.start, '2027-01-13T00:00:00.000Z'); // 2027-01-12 18:00 (-06:00)
      assert.equal(minuteLater.deadline, '2027-01-20T00:00:00.000Z');
    });

    it('with no cutoff, a clock start exactly at S belongs to S', () => {
      const s = utc('2026-11-11T00:00:00Z');
      assert.equal(ok(cycleDeadline(SECOND_TUESDAY, s, CHICAGO)).start, '2026-11-11T00:00:00.000Z');
      assert.equal(ok(cycleDeadline(SECOND_TUESDAY, s + 1, CHICAGO)).start, '2026-12-09T00:00:00.000Z');
    });

    it('measures the cutoff in elapsed time across the spring DST change', () => {
      // S = 2026-03-10 18:00 (-05:00) = 23:00Z; S - 72h = 2026-03-07 23:00Z = 17:00 (-06:00) (not 18:00).
      const boundary = utc('2026-03-07T23:00:00Z');
      assert.equal(ok(cycleDeadline(MONTHLY, boundary, CHICAGO)).start, '2026-03-10T23:00:00.000Z');
      assert.equal(ok(cycleDeadline(MONTHLY, boundary + MIN, CHICAGO)).start, '2026-04-14T23:00:00.000Z');
    });

    it('adds the window as elapsed time across the fall-back', () => {
      // Daily 18:00 cycle; 2026-10-31 18:00 (-05:00) = 23:00Z; + 72h = 2026-11-03 23:00Z = 17:00 (-06:00).
      const daily: CycleSpec = { rrule: 'FREQ=DAILY', at: '18:00', window: '72h' };
      const r = ok(cycleDeadline(daily, utc('2026-10-31T20:00:00Z'), CHICAGO));
      assert.equal(r.start, '2026-10-31T23:00:00.000Z');
      assert.equal(r.deadline, '2026-11-03T23:00:00.000Z');
    });

    it('defaults `at` to 00:00 local', () => {
      const r = ok(cycleDeadline({ rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2' }, utc('2026-11-01T12:00:00Z'), CHICAGO));
      assert.equal(r.start, '2026-11-10T06:00:00.000Z'); // 2026-11-10 00:00 (-06:00)
    });

    it('moves an `at` inside the DST gap forward, like timestamps', () => {
      const r = ok(cycleDeadline({ rrule: 'FREQ=DAILY', at: '02:30' }, utc('2026-03-08T06:00:00Z'), CHICAGO));
      assert.equal(r.start, '2026-03-08T08:30:00.000Z'); // 03:30 (-05:00)
    });
  });

  describe('rrule anchoring', () => {
    it('anchors INTERVAL=2 months at January 2000: odd months only', () => {
      const everyOther: CycleSpec = { rrule: 'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU;BYSETPOS=2', at: '18:00' };
      // After Nov 10, December is an even month and skipped: next is 2027-01-12.
      assert.equal(ok(cycleDeadline(everyOther, utc('2026-11-20T12:00:00Z'), CHICAGO)).start, '2027-01-13T00:00:00.000Z');
      // February is skipped too: 2026-02-01 goes to 2026-03-10 18:00 (-05:00).
      assert.equal(ok(cycleDeadline(everyOther, utc('2026-02-01T12:00:00Z'), CHICAGO)).start, '2026-03-10T23:00:00.000Z');
    });

    it('anchors INTERVAL=2 weeks at 2000-01-01 (WKST=MO)', () => {
      // First Wednesday on or after the anchor in its first period is 2000-01-12; then every 14 days.
      // 2000-01-12 .. 2026-01-07 is 26*365 + 7 leap days - 5 = 9492 days = 678 * 14: an occurrence.
      const biweekly: CycleSpec = { rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=WE' };
      assert.equal(ok(cycleDeadline(biweekly, utc('2026-01-07T00:00:00Z'), 'UTC')).start, '2026-01-07T00:00:00.000Z');
      assert.equal(ok(cycleDeadline(biweekly, utc('2026-01-08T00:00:00Z'), 'UTC')).start, '2026-01-21T00:00:00.000Z');
      const weekly: CycleSpec = { rrule: 'FREQ=WEEKLY;BYDAY=WE' };
      assert.equal(ok(cycleDeadline(weekly, utc('2026-01-08T00:00:00Z'), 'UTC')).start, '2026-01-14T00:00:00.000Z');
    });

    it('uses a DTSTART line as the anchor, and its time when there is no `at`', () => {
      const fromDtstart: CycleSpec = { rrule: 'DTSTART:20260114T090000\nRRULE:FREQ=WEEKLY;INTERVAL=2' };
      assert.equal(ok(cycleDeadline(fromDtstart, utc('2026-01-08T00:00:00Z'), 'UTC')).start, '2026-01-14T09:00:00.000Z');
      assert.equal(ok(cycleDeadline(fromDtstart, utc('2026-01-15T00:00:00Z'), 'UTC')).start, '2026-01-28T09:00:00.000Z');
      const withAt: CycleSpec = { ...fromDtstart, at: '18:00' };
      assert.equal(ok(cycleDeadline(withAt, utc('2026-01-08T00:00:00Z'), 'UTC')).start, '2026-01-14T18:00:00.000Z');
    });

    it('accepts an RRULE: prefix and lower case', () => {
      const t = utc('2026-11-01T18:00:00Z');
      const expected = '2026-11-11T00:00:00.000Z';
      assert.equal(ok(cycleDeadline({ ...SECOND_TUESDAY, rrule: 'RRULE:FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2' }, t, CHICAGO)).start, expected);
      assert.equal(ok(cycleDeadline({ ...SECOND_TUESDAY, rrule: 'freq=monthly;byday=tu;bysetpos=2' }, t, CHICAGO)).start, expected);
      assert.equal(ok(cycleDeadline({ ...SECOND_TUESDAY, rrule: 'FREQ=MONTHLY;BYDAY=2TU' }, t, CHICAGO)).start, expected);
    });
  });

  describe('rules that end or never occur', () => {
    it('follows COUNT and says when it is exhausted', () => {
      const three: CycleSpec = { rrule: 'DTSTART:20260101\nRRULE:FREQ=MONTHLY;COUNT=3' }; // Jan 1, Feb 1, Mar 1
      assert.equal(ok(cycleDeadline(three, utc('2026-02-15T00:00:00Z'), 'UTC')).start, '2026-03-01T00:00:00.000Z');
      assert.match(failure(cycleDeadline(three, utc('2026-03-02T00:00:00Z'), 'UTC')), /COUNT\/UNTIL ends.*2026-03-01 00:00 \(\+00:00\)/);
    });

    it('includes the whole day of a date-only UNTIL', () => {
      const until: CycleSpec = { rrule: 'FREQ=MONTHLY;BYMONTHDAY=15;UNTIL=20260615', at: '18:00' };
      assert.equal(ok(cycleDeadline(until, utc('2026-06-10T00:00:00Z'), 'UTC')).start, '2026-06-15T18:00:00.000Z');
      assert.match(failure(cycleDeadline(until, utc('2026-06-16T00:00:00Z'), 'UTC')), /no cycle start on or after 2026-06-16/);
    });

    it('gives ok:false for a rule that never occurs (a bounded search: an unbounded one never returns)', () => {
      for (const rrule of ['FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', 'FREQ=DAILY;BYMONTH=4;BYMONTHDAY=31', 'FREQ=MONTHLY;BYDAY=MO;BYMONTHDAY=31;BYMONTH=2']) {
        const message = failure(cycleDeadline({ rrule }, utc('2026-11-20T00:00:00Z'), CHICAGO));
        assert.match(message, /has no cycle start in the 20 years from 2026-11-19 18:00 \(-06:00\)/);
      }
    });

    it('gives ok:false when the cycle is more than 20 years away', () => {
      // February 29 on a Monday: 2044, then 2072 — more than 20 years after 2045.
      const rare: CycleSpec = { rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;BYDAY=MO' };
      assert.equal(ok(cycleDeadline(rare, utc('2026-01-01T00:00:00Z'), 'UTC')).start, '2044-02-29T00:00:00.000Z');
      assert.match(failure(cycleDeadline(rare, utc('2045-01-01T00:00:00Z'), 'UTC')), /no cycle start in the 20 years/);
    });
  });

  describe('invalid input', () => {
    const t = utc('2026-11-20T00:00:00Z');
    const cases: Array<[string, RegExp]> = [
      ['FREQ=MONTHY', /FREQ=MONTHY is not a frequency: use DAILY, WEEKLY, MONTHLY or YEARLY/],
      ['FREQ=MONTHLY;BYDAY=XX', /`XX` is not a weekday/],
      ['hello', /`HELLO` is not a NAME=VALUE rule part/],
      ['FREQ=MONTHLY;FOO=1', /unknown rule part `FOO`/],
      ['BYDAY=TU', /FREQ is missing/],
      ['', /empty/],
      ['FREQ=MONTHLY;;BYDAY=TU', /empty rule part/],
      ['FREQ=MONTHLY;BYDAY=TU;BYDAY=WE', /BYDAY appears more than once/],
      ['FREQ=HOURLY', /FREQ=HOURLY is not supported/],
      ['FREQ=DAILY;BYHOUR=9', /BYHOUR is not supported: set the time of day with `at`/],
      ['FREQ=MONTHLY;INTERVAL=0', /INTERVAL=0: must be a whole number from 1/],
      ['FREQ=MONTHLY;INTERVAL=abc', /INTERVAL=ABC/],
      ['FREQ=MONTHLY;COUNT=2;UNTIL=20270101', /COUNT or UNTIL, not both/],
      ['FREQ=MONTHLY;UNTIL=2027', /UNTIL=2027: write a date like 20271231/],
      ['FREQ=MONTHLY;BYMONTHDAY=40', /BYMONTHDAY=40: `40` is not in 1 to 31/],
      ['FREQ=YEARLY;BYMONTH=13', /BYMONTH=13/],
      ['FREQ=MONTHLY;BYSETPOS=2', /BYSETPOS needs another BY/],
      ['FREQ=WEEKLY;BYDAY=2TU', /numbered weekdays .* only work with FREQ=MONTHLY or YEARLY/],
      ['FREQ=MONTHLY;BYDAY=6TU', /must be numbered 1 to 5/],
      ['FREQ=WEEKLY', /FREQ=WEEKLY needs BYDAY/],
      ['EXDATE:20260101\nFREQ=MONTHLY', /EXDATE lines are not supported/],
      ['DTSTART;TZID=America/Chicago:20260101T180000\nRRULE:FREQ=MONTHLY', /TZID is not supported/],
      ['DTSTART:20260101T180000Z\nRRULE:FREQ=MONTHLY', /UTC .* not supported/],
      ['DTSTART:20260230\nRRULE:FREQ=MONTHLY', /DTSTART has an impossible day: 2026-02-30/],
      ['DTSTART:20260101', /no rule/],
    ];
    for (const [rrule, expected] of cases) {
      it(`rejects ${JSON.stringify(rrule)} in cycleDeadline and checkCycle`, () => {
        const message = failure(cycleDeadline({ rrule }, t, CHICAGO));
        assert.match(message, expected);
        assert.match(message, /^invalid rrule `/);
        assert.equal(checkCycle({ rrule }), message);
      });
    }

    it('rejects a bad `at`, window, cutoff, zone or clock start', () => {
      assert.match(failure(cycleDeadline({ ...SECOND_TUESDAY, at: '25:00' }, t, CHICAGO)), /`at` must be a local time HH:MM/);
      assert.match(failure(cycleDeadline({ ...SECOND_TUESDAY, at: '6pm' }, t, CHICAGO)), /`6pm`/);
      assert.match(failure(cycleDeadline({ ...SECOND_TUESDAY, window: '7 days' }, t, CHICAGO)), /`window` must be a duration/);
      assert.match(failure(cycleDeadline({ ...SECOND_TUESDAY, cutoff: '-3d' }, t, CHICAGO)), /`cutoff` must be a duration/);
      assert.match(failure(cycleDeadline(SECOND_TUESDAY, t, 'Mars/Olympus')), /unknown time zone `Mars\/Olympus`/);
      assert.match(failure(cycleDeadline(SECOND_TUESDAY, Number.NaN, CHICAGO)), /clock start/);
    });
  });

  describe('checkCycle', () => {
    it('accepts usable rules', () => {
      for (const rrule of [
        'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2',
        'RRULE:FREQ=WEEKLY;BYDAY=WE',
        'FREQ=DAILY',
        'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29',
        'DTSTART:20260101\nRRULE:FREQ=MONTHLY;COUNT=3',
      ]) {
        assert.equal(checkCycle({ rrule }), undefined, rrule);
      }
    });

    it('reports a rule that never occurs', () => {
      assert.match(checkCycle({ rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30' }) ?? '', /no cycle start in the 100 years/);
      assert.match(checkCycle({ rrule: 'FREQ=MONTHLY;BYDAY=5MO;BYMONTH=2;BYMONTHDAY=1,2,3,4,5,6,7' }) ?? '', /no cycle start/);
    });

    it('reports a rule whose UNTIL comes before its first start, and says what would be right', () => {
      assert.equal(
        checkCycle({ rrule: 'FREQ=DAILY;UNTIL=19990101T000000' }),
        'rrule `FREQ=DAILY;UNTIL=19990101T000000` never produces a cycle start: its UNTIL comes before the first one (remove it, or set a later one)',
      );
    });
  });

  describe('many plans on one rule', () => {
    // How fast is measured by `npm run bench` (every plan of its workspaces has a cycle policy).
    it('gives 10,000 plans spread over a year their cycle starts, in order, from the one cached rule', () => {
      const base = utc('2026-01-01T00:00:00Z');
      let last = 0;
      for (let i = 0; i < 10_000; i++) {
        const clockStart = base + i * 47 * MIN; // spread over ~11 months
        const r = cycleDeadline(MONTHLY, clockStart, CHICAGO);
        assert.ok(r.ok);
        assert.ok(r.start >= last, 'later clock starts never get earlier cycles');
        assert.ok(r.start - 3 * DAY >= clockStart, 'the cutoff holds');
        last = r.start;
      }
    });
  });
});
