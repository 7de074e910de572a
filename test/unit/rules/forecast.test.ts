// Forecasts against hand-computed schedules (docs/rules.md#forecast). The zone is America/Chicago:
// CDT is UTC-5 until 2026-11-01 02:00, CST is UTC-6 after.
import assert from 'node:assert/strict';
import { buildReport } from '../../../src/core/report/reportJson';
import { at, evaluateFiles, only, plan, SETTINGS, withBase, type Files } from '../../support/workspace';

const NIGHTLY = 'maintenance_windows:\n  - { rrule: "DTSTART:20260101T220000\\nRRULE:FREQ=DAILY", duration: 4h }\n';
const YEAR_END = 'freezes:\n  - { from: 2026-12-15, to: 2027-01-02, reason: Year-end freeze }\n';
const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? ms : new Date(ms).toISOString());

function run(o: { settings?: string; waves: string; testing?: string; asOf: string; files?: Files }) {
  const files = withBase({ 'patchops.yaml': SETTINGS + (o.settings ?? ''), 'p.plan.yaml': plan({ waves: o.waves, testing: o.testing }), ...o.files });
  const e = evaluateFiles(files, o.asOf);
  return { e, p: e.plans[0] };
}

describe('forecast: each plan projected against its deadline', () => {
  it('nightly windows across the DST change: 12h of window time take three nights, the last one an hour later in UTC', () => {
    const { e, p } = run({
      settings: NIGHTLY,
      testing: 'testing: { status: passed, completed: 2026-10-30T06:00 }', // deadline +72h: 2026-11-02 05:00 (-06:00)
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }',
      asOf: '2026-10-30T12:00:00Z',
    });
    // Windows: Oct 30 22:00 (-05:00) (03:00Z) – 02:00 (-05:00); Oct 31 22:00 (-05:00) (03:00Z) – Nov 1 01:00 (-06:00) (07:00Z);
    // Nov 1 22:00 (-06:00) (Nov 2 04:00Z) – 08:00Z.
    assert.equal(iso(p.waves[0].forecast!.start), '2026-10-31T03:00:00.000Z');
    assert.equal(iso(p.waves[0].forecast!.finish), '2026-11-02T08:00:00.000Z');
    assert.equal(iso(p.deadline), '2026-11-02T11:00:00.000Z');
    assert.deepEqual(p.forecast, { finish: Date.parse('2026-11-02T08:00:00.000Z'), slackHours: 3, limitedBy: 'window', unknownReason: null, freezes: [] });
    assert.deepEqual(only(e.diagnostics, 'sla.at-risk'), []);
  });

  it('a freeze across the deadline: sla.at-risk names the wave, the finish, the lateness and the freeze', () => {
    const { e, p } = run({
      settings: YEAR_END,
      testing: 'testing: { status: passed, completed: 2026-12-11T09:00 }', // deadline 2026-12-14 09:00 (-06:00)
      waves: [
        'waves:',
        '  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-12-11T10:00, completed: 2026-12-12T09:00, gate: { min_success: 90, soak: 24h } }',
        '  - { name: Organization, groups: [kiosks], duration: 3d }',
      ].join('\n'),
      asOf: '2026-12-12T18:00:00Z',
    });
    // Soak ends Dec 13 09:00; 39h of work until the freeze at Dec 15 00:00, the other 33h from Jan 2 00:00.
    assert.equal(iso(p.waves[1].forecast!.start), '2026-12-13T15:00:00.000Z');
    assert.equal(iso(p.forecast!.finish), '2027-01-03T15:00:00.000Z');
    assert.equal(p.forecast!.slackHours, -480);
    assert.equal(p.forecast!.limitedBy, 'freeze');
    assert.equal(p.state, 'on_track');
    const [d] = only(e.diagnostics, 'sla.at-risk');
    assert.equal(d.severity, 'warning');
    assert.equal(
      d.message,
      'SLA at risk: `Organization` wave finishes 2027-01-03 09:00 (-06:00), 20d after the 2026-12-14 09:00 (-06:00) deadline: ' +
        'the 2026-12-15 00:00 (-06:00) – 2027-01-02 00:00 (-06:00) freeze (Year-end freeze) blocks it',
    );
    assert.equal(at(d), '11:13'); // the Organization wave's name
    assert.equal(e.kpis.atRisk, 1);
    const report = buildReport(e).plans[0];
    assert.deepEqual(report.forecast, {
      finish: '2027-01-03T15:00:00.000Z',
      slackHours: -480,
      limitedBy: 'freeze',
      atRisk: true,
      unknownReason: null,
      freezes: [{ from: '2026-12-15T06:00:00.000Z', to: '2027-01-02T06:00:00.000Z', reason: 'Year-end freeze' }],
    });
    assert.deepEqual(report.waves[1].forecast, { start: '2026-12-13T15:00:00.000Z', finish: '2027-01-03T15:00:00.000Z' });
  });

  it('a rate-based wave half done projects the rest at the rate observed, not the rate written', () => {
    const { p } = run({
      testing: 'testing: { status: passed, completed: 2026-11-21T15:00 }', // deadline 2026-11-24 15:00 (-06:00)
      waves: 'waves:\n  - { name: Pilot, groups: [kiosks], rate: 40, patched: 20, status: in_progress, started: 2026-11-20T09:00 }',
      asOf: '2026-11-22T15:00:00Z',
    });
    // 20 of 40 in the 48h since the start: the other 20 take 48h more.
    assert.equal(iso(p.forecast!.finish), '2026-11-24T15:00:00.000Z');
    assert.equal(p.forecast!.slackHours, 6);
    assert.equal(p.forecast!.limitedBy, 'progress');
  });

  it('no schedule inputs: no forecast, no forecast diagnostic, nothing at risk', () => {
    const { e, p } = run({
      settings: NIGHTLY + YEAR_END,
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], status: planned }',
      asOf: '2026-11-20T12:00:00Z',
    });
    assert.equal(p.forecast, undefined);
    assert.equal(p.waves[0].forecast, undefined);
    assert.deepEqual(
      e.diagnostics.filter((d) => d.code === 'sla.at-risk' || d.code === 'wave.window'),
      [],
    );
    assert.equal(e.kpis.atRisk, 0);
    assert.equal('forecast' in buildReport(e).plans[0], false);
  });

  it('fails closed: after the pilot nothing is projected while testing has not passed', () => {
    const { e, p } = run({
      testing: 'testing: { status: in_progress }',
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }\n  - { name: All, groups: [kiosks], duration: 1d }',
      asOf: '2026-11-20T12:00:00Z',
    });
    assert.equal(p.forecast!.finish, null);
    assert.equal(p.forecast!.slackHours, null);
    assert.equal(p.forecast!.limitedBy, 'testing');
    assert.match(p.forecast!.unknownReason!, /testing has not passed/);
    assert.equal(p.waves[0].forecast!.finish, Date.parse('2026-11-21T12:00:00Z'));
    assert.equal(p.waves[1].forecast!.finish, null);
    assert.deepEqual(only(e.diagnostics, 'sla.at-risk'), []);
  });

  it('fails closed: a wave with neither duration nor rate, and a paused wave', () => {
    const none = run({
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }\n  - { name: All, groups: [kiosks] }',
      asOf: '2026-11-20T12:00:00Z',
    }).p;
    assert.equal(none.forecast!.finish, null);
    assert.match(none.forecast!.unknownReason!, /wave `All`: it has no `duration` or `rate`/);
    const paused = run({
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d, status: paused, started: 2026-11-19T09:00 }',
      asOf: '2026-11-20T12:00:00Z',
    }).p;
    assert.equal(paused.forecast!.limitedBy, 'status');
    assert.equal(paused.forecast!.finish, null);
  });

  it('a later wave waits for the gate and soak of the one before, and for its planned start', () => {
    const { p } = run({
      testing: 'testing: { status: passed, completed: 2026-11-19T15:00 }', // deadline 2026-11-22 15:00 (-06:00)
      waves: [
        'waves:',
        '  - { name: Pilot, groups: [pilot], duration: 12h, gate: { soak: 24h } }',
        '  - { name: Departments, groups: [payroll], duration: 6h, planned_start: 2026-11-21T09:00 }',
        '  - { name: All, groups: [kiosks], duration: 2d }',
      ].join('\n'),
      asOf: '2026-11-20T00:30:00Z',
    });
    // Pilot from the next full hour, 01:00Z, to 13:00Z; soak to Nov 21 13:00Z (07:00 (-06:00)); planned 09:00 (-06:00) = 15:00Z.
    assert.deepEqual(
      p.waves.map((w) => [iso(w.forecast!.start), iso(w.forecast!.finish)]),
      [
        ['2026-11-20T01:00:00.000Z', '2026-11-20T13:00:00.000Z'],
        ['2026-11-21T15:00:00.000Z', '2026-11-21T21:00:00.000Z'],
        ['2026-11-21T21:00:00.000Z', '2026-11-23T21:00:00.000Z'],
      ],
    );
    assert.equal(p.forecast!.limitedBy, 'planned_start');
    assert.equal(p.forecast!.slackHours, -24); // the deadline is Nov 22 15:00 (-06:00), 21:00Z
  });

  it('wave.window: a planned start inside a freeze, and one outside every window', () => {
    const frozen = run({
      settings: YEAR_END,
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d, planned_start: 2026-12-20T09:00 }',
      asOf: '2026-12-01T12:00:00Z',
    }).e;
    const [f] = only(frozen.diagnostics, 'wave.window');
    assert.equal(
      f.message,
      'planned start 2026-12-20 09:00 (-06:00) is inside the 2026-12-15 00:00 (-06:00) – 2027-01-02 00:00 (-06:00) freeze (Year-end freeze): plan it for 2027-01-02 00:00 (-06:00) or later',
    );
    assert.equal(at(f), '10:66'); // on the planned_start value
    const closed = run({
      settings: NIGHTLY,
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1h, planned_start: 2026-12-02T09:00 }',
      asOf: '2026-12-01T12:00:00Z',
    }).e;
    assert.equal(
      only(closed.diagnostics, 'wave.window')[0].message,
      'planned start 2026-12-02 09:00 (-06:00) is outside every maintenance window: the next one opens 2026-12-02 22:00 (-06:00)',
    );
    // Checked on every wave, also one after a wave that cannot be projected (testing has not passed).
    const later = run({
      settings: YEAR_END,
      testing: 'testing: { status: in_progress }',
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }\n  - { name: All, groups: [kiosks], duration: 1d, planned_start: 2026-12-24 }',
      asOf: '2026-12-01T12:00:00Z',
    });
    assert.equal(later.p.forecast!.finish, null);
    assert.match(
      only(later.e.diagnostics, 'wave.window')[0].message,
      /^planned start 2026-12-24 00:00 \(-06:00\) is inside the 2026-12-15 00:00 \(-06:00\) – 2027-01-02 00:00 \(-06:00\) freeze/,
    );
    const inside = run({
      settings: NIGHTLY,
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1h, planned_start: 2026-12-02T23:00 }',
      asOf: '2026-12-01T12:00:00Z',
    }).e;
    assert.deepEqual(only(inside.diagnostics, 'wave.window'), []);
  });

  it("a group's own windows replace the workspace's; its freezes add to them", () => {
    const groups =
      [
        'groups:',
        '  - { id: payroll, impact: high, endpoints: 12 }',
        '  - { id: kiosks, impact: low, endpoints: 40 }',
        '  - id: pilot',
        '    impact: medium',
        '    endpoints: 10',
        '    maintenance_windows: [{ rrule: "DTSTART:20260101T060000\\nRRULE:FREQ=DAILY", duration: 2h }]',
        '    freezes: [{ from: 2026-12-02, to: 2026-12-03 }]',
      ].join('\n') + '\n';
    const { e, p } = run({
      settings: NIGHTLY,
      files: { 'groups.assets.yaml': groups },
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 3h }',
      asOf: '2026-12-01T18:00:00Z',
    });
    assert.deepEqual(
      e.diagnostics.filter((d) => d.code === 'wave.window' || d.code === 'schema'),
      [],
    );
    // Its own 06:00-08:00 window: Dec 2 is frozen, so Dec 3 06:00-08:00 and Dec 4 06:00-07:00 (-06:00).
    assert.equal(iso(p.waves[0].forecast!.start), '2026-12-03T12:00:00.000Z');
    assert.equal(iso(p.waves[0].forecast!.finish), '2026-12-04T13:00:00.000Z');
  });

  describe('bad input: a precise diagnostic, never a hang', () => {
    it('rate 0 is a schema error and no forecast', () => {
      const { e, p } = run({ waves: 'waves:\n  - { name: Pilot, groups: [pilot], rate: 0 }', asOf: '2026-11-20T12:00:00Z' });
      const schema = only(e.diagnostics, 'schema').filter((d) => d.file === 'p.plan.yaml');
      assert.equal(schema.length, 1);
      assert.match(schema[0].message, /rate/);
      assert.equal(p.forecast?.finish ?? null, null);
    });

    it('duration and rate both: an error on rate', () => {
      const { e, p } = run({ waves: 'waves:\n  - { name: Pilot, groups: [pilot], rate: 5, duration: 1d }', asOf: '2026-11-20T12:00:00Z' });
      assert.ok(e.diagnostics.some((d) => d.code === 'schema' && /has both `duration` and `rate`/.test(d.message)));
      assert.equal(p.forecast!.finish, null);
    });

    it('a freeze ending before it starts', () => {
      const { e, p } = run({
        settings: 'freezes:\n  - { from: 2026-12-20, to: 2026-12-10 }\n',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }',
        asOf: '2026-11-20T12:00:00Z',
      });
      const [d] = only(e.diagnostics, 'wave.window');
      assert.equal(d.file, 'patchops.yaml');
      assert.equal(d.severity, 'error');
      assert.equal(d.message, 'freeze 1 ends (2026-12-10 00:00 (-06:00)) before it starts (2026-12-20 00:00 (-06:00)): `to` must be after `from`');
      assert.equal(at(d), '8:29'); // on the `to` value
      assert.equal(p.forecast!.finish, null);
      assert.match(p.forecast!.unknownReason!, /cannot be used/);
    });

    it('a freeze date that does not exist is date.invalid, and the calendar is not used', () => {
      const { e, p } = run({
        settings: 'freezes:\n  - { from: 2026-02-30, to: 2026-03-10 }\n',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }',
        asOf: '2026-11-20T12:00:00Z',
      });
      const [d] = only(e.diagnostics, 'date.invalid');
      assert.equal(d.file, 'patchops.yaml');
      assert.match(d.message, /^freeze 1: `from`: /);
      assert.equal(p.forecast!.finish, null);
    });

    it('a window that never occurs, and an invalid rrule', () => {
      const never = run({
        settings: 'maintenance_windows:\n  - { rrule: "FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30", duration: 4h }\n',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }',
        asOf: '2026-11-20T12:00:00Z',
      });
      assert.match(
        only(never.e.diagnostics, 'wave.window')[0].message,
        /^maintenance window 1: rrule `FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30` .*no cycle start|never/,
      );
      assert.equal(never.p.forecast!.finish, null);
      const invalid = run({
        settings: 'maintenance_windows:\n  - { rrule: "FREQ=HOURLY", duration: 4h }\n',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }',
        asOf: '2026-11-20T12:00:00Z',
      });
      assert.match(only(invalid.e.diagnostics, 'wave.window')[0].message, /^maintenance window 1: invalid rrule `FREQ=HOURLY`/);
    });

    it('a window longer than its period, and two windows that overlap: warnings, the open time merged', () => {
      const long = run({
        settings: 'maintenance_windows:\n  - { rrule: "DTSTART:20260101T220000\\nRRULE:FREQ=DAILY", duration: 25h }\n',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 1d }',
        asOf: '2026-11-20T12:00:00Z',
      });
      const [d] = only(long.e.diagnostics, 'wave.window');
      assert.equal(d.severity, 'warning');
      assert.match(d.message, /^maintenance window 1 is open 1d 1h, longer than the time between two of its occurrences/);
      // Always open: the window of Nov 19 22:00 (-06:00) holds the as-of and the next opens before it closes.
      assert.equal(long.p.forecast!.finish, Date.parse('2026-11-21T12:00:00Z'));
      const two = run({
        settings:
          'maintenance_windows:\n  - { rrule: "DTSTART:20260101T220000\\nRRULE:FREQ=DAILY", duration: 4h }\n  - { rrule: "DTSTART:20260101T230000\\nRRULE:FREQ=DAILY", duration: 4h }\n',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 5h }',
        asOf: '2026-11-20T12:00:00Z',
      });
      assert.match(only(two.e.diagnostics, 'wave.window')[0].message, /^maintenance windows 1 and 2 overlap \(both open at 2026-11-20 23:00 \(-06:00\)\)/);
      // Merged: 22:00-03:00 local is one 5h window.
      assert.equal(two.p.forecast!.finish, Date.parse('2026-11-21T09:00:00Z'));
    });
  });
});
