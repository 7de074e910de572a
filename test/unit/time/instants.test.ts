import assert from 'assert/strict';
import { Settings } from 'luxon';
import { parseDuration } from '../../../src/core/time/durations';
import { formatInstantLocal, type InstantResult, instantMs, isValidZone, parseInstant, toIso, wallClockToInstant } from '../../../src/core/time/instants';

const CHICAGO = 'America/Chicago';

function ms(result: InstantResult): number {
  assert.ok(result.ok, `expected ok, got: ${result.ok ? '' : result.message}`);
  return result.ms;
}

function iso(text: string, zone = CHICAGO): string {
  return toIso(ms(parseInstant(text, zone)));
}

function message(result: InstantResult): string {
  assert.equal(result.ok, false, 'expected a failure');
  return result.ok ? '' : result.message;
}

describe('time/instants', () => {
  describe('parseInstant without an offset: local time in the zone', () => {
    it('reads a date alone as 00:00 local', () => {
      assert.equal(iso('2026-11-20'), '2026-11-20T06:00:00.000Z'); // CST = UTC-6
      assert.equal(iso('2026-07-01'), '2026-07-01T05:00:00.000Z'); // CDT = UTC-5
      assert.equal(iso('2026-11-20', 'UTC'), '2026-11-20T00:00:00.000Z');
    });

    it('reads date-times with T or a space, seconds and fractions optional', () => {
      assert.equal(iso('2026-11-18T09:00'), '2026-11-18T15:00:00.000Z');
      assert.equal(iso('2026-11-18 09:00'), '2026-11-18T15:00:00.000Z');
      assert.equal(iso('2026-11-18T09:00:30'), '2026-11-18T15:00:30.000Z');
      assert.equal(iso('2026-11-18T09:00:30.25'), '2026-11-18T15:00:30.250Z');
      assert.equal(iso('2026-11-18T09:00:30.123456'), '2026-11-18T15:00:30.123Z'); // truncated
    });

    it('uses the zone given, including half-hour and 45-minute offsets', () => {
      assert.equal(iso('2026-06-01T10:00', 'Asia/Kolkata'), '2026-06-01T04:30:00.000Z'); // +05:30
      assert.equal(iso('2026-01-15T12:00', 'Pacific/Chatham'), '2026-01-14T22:15:00.000Z'); // +13:45 (summer)
      assert.equal(iso('2026-07-15T12:00', 'Pacific/Chatham'), '2026-07-14T23:15:00.000Z'); // +12:45 (winter)
    });

    it('handles years below 100 (Date.UTC would map them to 19xx)', () => {
      assert.equal(ms(parseInstant('0050-01-01', 'UTC')), Date.parse('0050-01-01T00:00:00Z'));
    });

    it('fails clearly when the zone is unknown and the text needs it', () => {
      assert.match(message(parseInstant('2026-11-20', 'Mars/Olympus')), /unknown time zone `Mars\/Olympus`/);
    });
  });

  describe('parseInstant with an offset: that instant, whatever the zone', () => {
    it('reads Z, ±hh:mm, ±hhmm and ±hh', () => {
      assert.equal(iso('2026-11-18T09:00Z'), '2026-11-18T09:00:00.000Z');
      assert.equal(iso('2026-11-18T09:00:00Z'), '2026-11-18T09:00:00.000Z');
      assert.equal(iso('2026-11-18T09:00+05:30'), '2026-11-18T03:30:00.000Z');
      assert.equal(iso('2026-11-18T09:00-0600'), '2026-11-18T15:00:00.000Z');
      assert.equal(iso('2026-11-18T09:00+01'), '2026-11-18T08:00:00.000Z');
      assert.equal(iso('2026-11-18 09:00:00.5-00:00'), '2026-11-18T09:00:00.500Z');
    });

    it('does not need a valid zone', () => {
      assert.equal(iso('2026-11-18T09:00Z', 'Mars/Olympus'), '2026-11-18T09:00:00.000Z');
    });

    it('rejects an impossible offset', () => {
      assert.match(message(parseInstant('2026-11-18T09:00+25:00', CHICAGO)), /impossible UTC offset `\+25:00`/);
      assert.match(message(parseInstant('2026-11-18T09:00+05:75', CHICAGO)), /impossible UTC offset/);
    });
  });

  describe('parseInstant: impossible values and bad formats', () => {
    it('names the value and what is wrong with the date', () => {
      assert.equal(message(parseInstant('2026-02-30', CHICAGO)), '`2026-02-30` is not a real date: February 2026 has 28 days');
      assert.match(message(parseInstant('2024-02-30', CHICAGO)), /February 2024 has 29 days/);
      assert.match(message(parseInstant('1900-02-29', CHICAGO)), /February 1900 has 28 days/); // not leap
      assert.match(message(parseInstant('2026-04-31T10:00', CHICAGO)), /April 2026 has 30 days/);
      assert.match(message(parseInstant('2026-13-01', CHICAGO)), /^`2026-13-01` is not a real date: there is no month 13 \(months go from 01 to 12\)$/);
      assert.match(message(parseInstant('2026-00-10', CHICAGO)), /no month 0/);
      assert.match(message(parseInstant('2026-01-00', CHICAGO)), /days of the month start at 01/);
    });

    it('accepts real leap days', () => {
      assert.equal(iso('2024-02-29', 'UTC'), '2024-02-29T00:00:00.000Z');
      assert.equal(iso('2000-02-29', 'UTC'), '2000-02-29T00:00:00.000Z'); // divisible by 400
    });

    it('names the value and what is wrong with the time', () => {
      assert.match(message(parseInstant('2026-11-18T25:00', CHICAGO)), /^`2026-11-18T25:00` is not a real time: hours go from 00 to 23$/);
      assert.match(message(parseInstant('2026-11-18T24:00', CHICAGO)), /hours go from 00 to 23/);
      assert.match(message(parseInstant('2026-11-18T09:60', CHICAGO)), /minutes go from 00 to 59/);
      assert.match(message(parseInstant('2026-11-18T09:00:60', CHICAGO)), /seconds go from 00 to 59/);
    });

    it('rejects what is not ISO 8601, with an example of what to write', () => {
      for (const text of [
        '2026/11/20',
        '20261120',
        '2026-11-20T9:00',
        '2026-11-20T09',
        'tomorrow',
        '',
        '2026-11-20Z',
        '2026-11-20T09:00 Z',
        ' 2026-11-20',
        '26-11-20',
      ]) {
        const text2 = message(parseInstant(text, CHICAGO));
        assert.ok(text2.includes(`\`${text}\``) && text2.includes('`2026-11-20T09:00`'), text2);
      }
    });
  });

  describe('DST in America/Chicago (2026-03-08 spring forward, 2026-11-01 fall back)', () => {
    it('moves a local time inside the spring gap forward by the gap (02:30 -> 03:30 CDT)', () => {
      assert.equal(iso('2026-03-08T01:59'), '2026-03-08T07:59:00.000Z'); // still CST
      assert.equal(iso('2026-03-08T02:30'), '2026-03-08T08:30:00.000Z'); // = 03:30 CDT
      assert.equal(iso('2026-03-08T03:30'), '2026-03-08T08:30:00.000Z'); // the same instant
      assert.equal(iso('2026-03-08T03:00'), '2026-03-08T08:00:00.000Z'); // CDT
    });

    it('takes the earlier instant for an ambiguous fall-back time (01:30 CDT, not 01:30 CST)', () => {
      assert.equal(iso('2026-11-01T00:59'), '2026-11-01T05:59:00.000Z');
      assert.equal(iso('2026-11-01T01:30'), '2026-11-01T06:30:00.000Z');
      assert.equal(iso('2026-11-01T01:30-06:00'), '2026-11-01T07:30:00.000Z'); // the later one, explicitly
      assert.equal(iso('2026-11-01T02:00'), '2026-11-01T08:00:00.000Z'); // CST
    });

    it('takes the earlier instant in the southern hemisphere too (Sydney 2026-04-05 02:30)', () => {
      // Clocks go from 03:00 AEDT (+11) back to 02:00 AEST (+10): 02:30 AEDT is 15:30Z the day before.
      assert.equal(iso('2026-04-05T02:30', 'Australia/Sydney'), '2026-04-04T15:30:00.000Z');
    });

    it('gives the same answers whatever the current date is (luxon alone would not)', () => {
      const savedNow = Settings.now;
      try {
        for (const now of [Date.UTC(2026, 0, 15), Date.UTC(2026, 6, 15)]) {
          Settings.now = () => now;
          assert.equal(iso('2026-11-01T01:30'), '2026-11-01T06:30:00.000Z');
          assert.equal(iso('2026-03-08T02:30'), '2026-03-08T08:30:00.000Z');
        }
      } finally {
        Settings.now = savedNow;
      }
    });

    it('keeps a 72h deadline at exactly 72 elapsed hours across the fall-back', () => {
      const start = ms(parseInstant('2026-10-31T12:00', CHICAGO)); // CDT, 17:00Z
      const deadline = start + (parseDuration('72h') as number);
      assert.equal(deadline - start, 72 * 3_600_000);
      assert.equal(toIso(deadline), '2026-11-03T17:00:00.000Z');
      // Locally the clock shows 11:00, not 12:00: the fall-back gave the day an extra hour.
      assert.equal(formatInstantLocal(deadline, CHICAGO), '2026-11-03 11:00 (-06:00)');
      assert.equal(deadline, ms(parseInstant('2026-11-03T11:00', CHICAGO)));
    });
  });

  describe('wallClockToInstant', () => {
    it('converts a floating wall clock like parseInstant does', () => {
      assert.equal(wallClockToInstant(Date.UTC(2026, 10, 18, 9, 0), CHICAGO), Date.UTC(2026, 10, 18, 15, 0));
      assert.throws(() => wallClockToInstant(0, 'Mars/Olympus'), /unknown time zone/);
    });
  });

  describe('isValidZone', () => {
    it('accepts IANA names and UTC', () => {
      for (const zone of ['UTC', 'America/Chicago', 'Pacific/Chatham', 'Europe/Berlin', 'Etc/GMT+5']) {
        assert.equal(isValidZone(zone), true, zone);
      }
    });

    it('rejects unknown names, offsets and empty text', () => {
      for (const zone of ['Mars/Olympus', '', '+02:00', 'UTC+3', 'America/Chicag']) {
        assert.equal(isValidZone(zone), false, zone);
      }
    });
  });

  describe('formatInstantLocal and toIso', () => {
    it('shows local date, time and UTC offset', () => {
      assert.equal(formatInstantLocal(Date.UTC(2026, 10, 21, 0, 0), CHICAGO), '2026-11-20 18:00 (-06:00)');
      assert.equal(formatInstantLocal(Date.UTC(2026, 6, 1, 23, 0), CHICAGO), '2026-07-01 18:00 (-05:00)');
      assert.equal(formatInstantLocal(Date.UTC(2026, 10, 21, 0, 0), 'UTC'), '2026-11-21 00:00 (+00:00)');
      // Chatham: +13:45 in its summer, a zone without an English abbreviation.
      assert.equal(formatInstantLocal(Date.UTC(2026, 0, 14, 22, 15), 'Pacific/Chatham'), '2026-01-15 12:00 (+13:45)');
    });

    it('refuses an unknown zone', () => {
      assert.throws(() => formatInstantLocal(0, 'Mars/Olympus'), RangeError);
    });

    it('toIso is the UTC ISO string with milliseconds', () => {
      assert.equal(toIso(Date.UTC(2026, 10, 20, 6)), '2026-11-20T06:00:00.000Z');
      assert.equal(toIso(0), '1970-01-01T00:00:00.000Z');
    });
  });

  describe('the caches: one per zone, never answering for another', () => {
    const texts = ['2026-11-20', '2026-11-20T09:00', '2026-03-08T02:30', '2026-11-01T01:30', '2026-11-20T09:00:00Z', '2026-02-30', 'soon'];
    const zones = ['UTC', CHICAGO, 'Pacific/Chatham', 'Asia/Kolkata'];

    it('the same text in several zones, asked in turns, reads as each zone reads it', () => {
      for (let round = 0; round < 2; round++) {
        for (const text of texts) {
          for (const zone of zones) {
            const result = parseInstant(text, zone);
            const local = /T\d\d:\d\d$|^\d{4}-\d\d-\d\d$/.test(text);
            if (!result.ok) assert.equal(instantMs(text, zone), undefined, `${text} in ${zone}`);
            else {
              assert.equal(instantMs(text, zone), result.ms, `${text} in ${zone}`);
              // A local time is another instant in each of these zones; one with an offset is the same.
              if (local) assert.equal(zones.filter((z) => instantMs(text, z) === result.ms).length, 1, `${text} in ${zone}`);
            }
          }
        }
      }
      assert.equal(toIso(instantMs('2026-11-20T09:00', CHICAGO)!), '2026-11-20T15:00:00.000Z');
      assert.equal(toIso(instantMs('2026-11-20T09:00', 'Asia/Kolkata')!), '2026-11-20T03:30:00.000Z');
      assert.equal(instantMs('2026-02-30', 'UTC'), undefined);
    });

    it('the same instant formats in each zone as that zone shows it, asked in turns', () => {
      const at = Date.parse('2026-11-20T15:00:00Z');
      for (let round = 0; round < 2; round++) {
        assert.equal(formatInstantLocal(at, CHICAGO), '2026-11-20 09:00 (-06:00)');
        assert.equal(formatInstantLocal(at, 'UTC'), '2026-11-20 15:00 (+00:00)');
        assert.equal(formatInstantLocal(at, 'Asia/Kolkata'), '2026-11-20 20:30 (+05:30)');
      }
    });
  });
});
