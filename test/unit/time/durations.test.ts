import assert from 'assert/strict';
import { formatDuration, MAX_DURATION_MS, parseDuration } from '../../../src/core/time/durations';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe('time/durations', () => {
  describe('parseDuration', () => {
    it('reads each unit as elapsed milliseconds', () => {
      assert.equal(parseDuration('30m'), 30 * 60 * 1000);
      assert.equal(parseDuration('72h'), 72 * 3600 * 1000);
      assert.equal(parseDuration('7d'), 7 * 24 * 3600 * 1000);
      assert.equal(parseDuration('2w'), 14 * 24 * 3600 * 1000);
    });

    it('accepts zero and leading zeros (they are still integers)', () => {
      assert.equal(parseDuration('0m'), 0);
      assert.equal(parseDuration('0d'), 0);
      assert.equal(parseDuration('072h'), 72 * HOUR);
    });

    it('rejects signs, decimals, spaces, other units and upper case', () => {
      for (const text of ['', '5', 'h', '-5h', '+5h', '1.5h', '5 h', ' 5h', '5h ', '5H', '5s', '5y', '5hh', '1e3h', '0x10h', '5h30m', 'Infinityh', '٣h']) {
        assert.equal(parseDuration(text), undefined, `expected ${JSON.stringify(text)} to be rejected`);
      }
    });

    it('rejects sizes beyond 10,000 years (a deadline past them would not fit in a Date)', () => {
      assert.equal(parseDuration('99999999999999w'), undefined);
      assert.equal(parseDuration('150119987579m'), undefined, 'safe as an integer, but no Date can hold an instant that far');
      assert.equal(parseDuration('99999999d'), undefined);
      // 10,000 × 365 days = 3,650,000 d: the last one accepted; one more minute is not.
      assert.equal(parseDuration('3650000d'), MAX_DURATION_MS);
      assert.equal(parseDuration('5256000000m'), MAX_DURATION_MS);
      assert.equal(parseDuration('5256000001m'), undefined);
    });
  });

  describe('formatDuration', () => {
    it('uses minutes below an hour, rounding down', () => {
      assert.equal(formatDuration(0), '0m');
      assert.equal(formatDuration(59_999), '0m');
      assert.equal(formatDuration(45 * MIN), '45m');
      assert.equal(formatDuration(59 * MIN + 59_999), '59m');
    });

    it('uses hours and minutes below a day, dropping a zero second unit', () => {
      assert.equal(formatDuration(HOUR), '1h');
      assert.equal(formatDuration(3 * HOUR), '3h');
      assert.equal(formatDuration(3 * HOUR + 20 * MIN), '3h 20m');
      assert.equal(formatDuration(23 * HOUR + 59 * MIN), '23h 59m');
    });

    it('uses days and hours from a day on, at most two units, never weeks', () => {
      assert.equal(formatDuration(DAY), '1d');
      assert.equal(formatDuration(2 * DAY + 4 * HOUR), '2d 4h');
      assert.equal(formatDuration(2 * DAY + 4 * HOUR + 59 * MIN), '2d 4h');
      assert.equal(formatDuration(13 * DAY + 23 * HOUR), '13d 23h');
      assert.equal(formatDuration(14 * DAY), '14d');
      assert.equal(formatDuration(30 * DAY), '30d');
      assert.equal(formatDuration(365 * DAY + 12 * HOUR + 30 * MIN), '365d 12h');
    });

    it('formats the absolute value (callers add "overdue by" / "due in")', () => {
      assert.equal(formatDuration(-3 * HOUR), '3h');
      assert.equal(formatDuration(-(2 * DAY + 4 * HOUR)), '2d 4h');
    });

    it('round-trips what parseDuration reads for single-unit values', () => {
      for (const text of ['45m', '3h', '2d', '13d', '30d', '365d']) {
        assert.equal(formatDuration(parseDuration(text) as number), text);
      }
    });

    it('refuses non-finite input', () => {
      assert.throws(() => formatDuration(Number.NaN), RangeError);
      assert.throws(() => formatDuration(Infinity), RangeError);
    });
  });
});
