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
      testing: 'testing: { status: passed, completed: 2026-10-30T06:00 }', // deadline +72h: 2026-11-02 05:00 CST
      waves: 'waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }',
      asOf: '2026-10-30T12:00:00Z',
    });
    // Windows: Oct 30 22:00 CDT (03:00Z) – 02:00 CDT; Oct 31 22:00 CDT (03:00Z) – Nov 1 01:00 CST (07:00Z);
    // Nov 1 22:00 CST (Nov 2 04:00Z) – 08:00Z.
    assert.equal(iso(p.waves[0].forecast!.start), '2026-10-31T03:00:00.000Z');
    assert.equal(iso(p.waves[0].forecast!.finish), '2026-11-02T08:00:00.000Z');
    assert.equal(iso(p.deadline), '2026-11-02T11:00:00.000Z');
    assert.deepEqual(p.forecast, { finish: Date.parse('2026-11-02T08:00:00.000Z'), slackHours: 3, limitedBy: 'window', unknownReason: null });
    assert.deepEqual(only(e.diagnostics, 'sla.at-risk'), []);
  });

  it('a freeze across the deadline: sla.at-risk names the wave, the finish, the lateness and the freeze', () => {
    const { e, p } = run({
      settings: YEAR_END,
      testing: 'testing: { status: passed, completed: 2026-12-11T09:00 }', // deadline 2026-12-14 09:00 CST
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
    assert.equal(d.message, 'SLA at risk: `Organization` wave finishes 2027-01-03 09:00 CST, 20d after the 2026-12-14 09:00 CST deadline: ' +
      'the 2026-12-15 00:00 CST – 2027-01-02 00:00 CST freeze (Year-end freeze) blocks it');
    assert.equal(at(d), '11:13'); // the Organization wave's name
    assert.equal(e.kpis.atRisk, 1);
    const report = buildReport(e).plans[0];
    assert.deepEqual(report.forecast, { finish: '2027-01-03T15:00:00.000Z', slackHours: -480, limitedBy: 'freeze', atRisk: true, unknownReason: null });
    assert.deepEqual(report.waves[1].forecast, { start: '2026-12-13T15:00:00.000Z', finish: '2027-01-03T15:00:00.000Z' });
  });

  it('a rate-based wave half done projects the rest at the rate observed, not the rate written', () => {
    const { p } = run({
      testing: 'testing: { status: passed, completed: 2026-11-21T15:00 }', // deadline 2026-11-24 15:00 CST
      waves: 'waves:\n  - { name: Pilot, groups: [kiosks], rate: 40, patched: 20, status: in_progress, started: 2026-11-20T09:00 }',
      asOf: '2026-11-22T15:00:00Z',
    });
    // 20 of 40 in the 48h since the start: the other 20 take 48h more.
    assert.equal(iso(p.forecast!.finish), '2026-11-24T15:00:00.000Z');
    assert.equal(p.forecast!.slackHours, 6);
    assert.equal(p.forecast!.limitedBy, 'progress');
  });
});
