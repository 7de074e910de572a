// The bundled samples tell the seeds' story; their states at the README's as-of were worked out
// by hand from the rules (docs/rules.md: DST, cycle cutoff, testing_within, partial exemption) and are checked here,
// then the whole JSON report is compared with a reviewed golden file.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLES = path.join(ROOT, 'samples');
const GOLDEN = path.join(ROOT, 'test', 'golden', 'samples-report.json');
const AS_OF = '2026-11-23T12:00:00Z';

const report = () => runCli(['report', SAMPLES, '--as-of', AS_OF, '--format', 'json']).stdout;

describe('samples at the README as-of (2026-11-23T12:00:00Z)', () => {
  const doc = JSON.parse(report());
  const plan = (id: string) => doc.plans.find((p: { id: string }) => p.id === id);

  const expected: [string, string, string | null, string | null, string | null][] = [
    // id, state, tier, clock start, deadline — computed by hand
    ['PLAN-2026-031', 'met', 'critical', '2026-10-30T19:00:00.000Z', '2026-11-02T19:00:00.000Z'], // 72 h across the DST end
    ['PLAN-2026-032', 'missed', 'high', '2026-11-03T22:00:00.000Z', '2026-11-10T22:00:00.000Z'],
    ['PLAN-2026-033', 'exempt', null, null, null],
    ['PLAN-2026-034', 'on_track', 'medium', '2026-11-09T21:00:00.000Z', '2026-12-16T00:00:00.000Z'], // past the November cutoff
    ['PLAN-2026-035', 'cancelled', 'high', null, null],
    ['PLAN-2026-036', 'breached', 'critical', null, '2026-11-18T14:30:00.000Z'], // testing_within 48 h
    ['PLAN-2026-037', 'on_track', 'high', '2026-11-17T20:00:00.000Z', '2026-11-24T20:00:00.000Z'], // payroll exempted
    ['PLAN-2026-038', 'on_track', 'high', '2026-11-20T17:00:00.000Z', '2026-11-27T17:00:00.000Z'], // critical on kiosks
    ['PLAN-2026-039', 'due_soon', 'critical', '2026-11-20T22:00:00.000Z', '2026-11-23T22:00:00.000Z'], // high on payroll
    ['PLAN-2026-040', 'awaiting_test', 'medium', null, null],
  ];
  for (const [id, state, tier, clockStart, deadline] of expected) {
    it(`${id} is ${state}`, () => {
      const p = plan(id);
      assert.deepEqual([p.state, p.tier, p.clockStart, p.deadline], [state, tier, clockStart, deadline]);
    });
  }

  it('exceptions: two active, one expiring, one pending', () => {
    const states = Object.fromEntries(doc.exceptions.map((e: { id: string; state: string; approval: string }) => [e.id, `${e.state}/${e.approval}`]));
    assert.deepEqual(states, {
      'EXC-2026-009': 'active/unchecked',
      'EXC-2026-011': 'active/unchecked',
      'EXC-2026-014': 'expiring/unchecked',
      'EXC-2026-015': 'pending/missing',
    });
  });

  it('KPIs', () => {
    assert.equal(doc.kpis.slaCompliancePercent, 33.3);
    assert.equal(doc.kpis.endpointsRemediatedPercent, 49.3); // 994 of 2016 endpoints
    assert.deepEqual(doc.kpis.meanTimeToPatchHours, { critical: 70, high: 223.5, medium: null, low: null });
    assert.equal(doc.kpis.openBreaches, 1);
    assert.equal(doc.kpis.dueSoon, 1);
  });

  it('the JSON report matches the reviewed golden file (UPDATE_GOLDEN=1 rewrites it)', () => {
    const actual = report();
    if (process.env.UPDATE_GOLDEN) fs.writeFileSync(GOLDEN, actual);
    assert.equal(actual, fs.readFileSync(GOLDEN, 'utf8'));
  });
});
