import assert from 'node:assert/strict';
import { at, evaluateFiles, only, plan, POLICY, VECTORS, withBase } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const evalPlan = (text: string, asOf = AS_OF, extra: Record<string, string> = {}) => {
  const e = evaluateFiles(withBase({ 'p.plan.yaml': text, ...extra }), asOf);
  return { e, p: e.plans[0] };
};
const complete = (completed: string) =>
  `waves:\n  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-11-19T18:00, completed: ${completed} }`;

describe('sla: clock start and deadline', () => {
  it('tested: testing.completed (local time) + within', () => {
    const { p } = evalPlan(plan());
    assert.equal(p.clockStartKind, 'tested');
    assert.equal(iso(p.clockStart), '2026-11-19T21:00:00.000Z'); // 15:00 (-06:00)
    assert.equal(iso(p.deadline), '2026-11-22T21:00:00.000Z'); // + 72 h
  });

  it('a 72 h deadline across the DST change is 72 elapsed hours', () => {
    const { p } = evalPlan(plan({ testing: 'testing: { status: passed, completed: 2026-10-31T12:00 }' }), '2026-11-01T00:00:00Z');
    assert.equal(iso(p.clockStart), '2026-10-31T17:00:00.000Z'); // 12:00 (-05:00)
    assert.equal(iso(p.deadline), '2026-11-03T17:00:00.000Z'); // 11:00 (-06:00) local
  });

  it('a date without offset is midnight in the workspace time zone', () => {
    const policy = POLICY.replace('clock_start: tested', 'clock_start: discovered');
    const { p } = evalPlan(plan({ vulns: `  - { id: CVE-1, cvss: "${VECTORS.critical}", discovered: 2026-11-18 }` }), AS_OF, { 'standard.sla.yaml': policy });
    assert.equal(iso(p.clockStart), '2026-11-18T06:00:00.000Z');
  });

  it('discovered: the earliest discovery among vulnerabilities in scope; offsets are kept', () => {
    const policy = POLICY.replace('clock_start: tested', 'clock_start: discovered');
    const vulns = `  - { id: CVE-1, cvss: "${VECTORS.critical}", discovered: "2026-11-18T09:00:00Z" }\n  - { id: CVE-2, cvss: "${VECTORS.low}", discovered: "2026-11-17T09:00:00+01:00" }`;
    const { p } = evalPlan(plan({ vulns }), AS_OF, { 'standard.sla.yaml': policy });
    assert.equal(iso(p.clockStart), '2026-11-17T08:00:00.000Z');
  });

  it('published: the earliest publication, else the earliest discovery', () => {
    const policy = POLICY.replace('clock_start: tested', 'clock_start: published');
    const withPublished = `  - { id: CVE-1, cvss: "${VECTORS.critical}", published: 2026-11-10, discovered: 2026-11-18 }`;
    assert.equal(iso(evalPlan(plan({ vulns: withPublished }), AS_OF, { 'standard.sla.yaml': policy }).p.clockStart), '2026-11-10T06:00:00.000Z');
    const without = `  - { id: CVE-1, cvss: "${VECTORS.critical}", discovered: 2026-11-18 }`;
    assert.equal(iso(evalPlan(plan({ vulns: without }), AS_OF, { 'standard.sla.yaml': policy }).p.clockStart), '2026-11-18T06:00:00.000Z');
  });

  it('a tier may override the clock start', () => {
    const policy = POLICY.replace('critical: { within: 72h }', 'critical: { within: 72h, clock_start: discovered }');
    const { p } = evalPlan(plan(), AS_OF, { 'standard.sla.yaml': policy });
    assert.equal(p.clockStartKind, 'discovered');
    assert.equal(iso(p.deadline), '2026-11-21T15:00:00.000Z'); // 2026-11-18T09:00 (-06:00) + 72h
  });

  it('cycle: the first start S with S − cutoff ≥ clock start; deadline S + window', () => {
    // medium on pilot (medium impact) → medium tier → monthly: 2nd Tuesday 18:00, cutoff 3d, window 7d
    const vulns = `  - { id: CVE-1, cvss: "${VECTORS.medium}", discovered: 2026-11-18 }`;
    const { p } = evalPlan(plan({ vulns, affects: '[pilot]' }));
    assert.equal(p.tier, 'medium');
    // testing passed 2026-11-19 → the 2026-11-10 cycle is past → 2026-12-08 18:00 (-06:00) + 7d
    assert.equal(iso(p.deadline), '2026-12-16T00:00:00.000Z');
    assert.equal(p.state, 'on_track');
  });

  it('cycle cutoff boundary: exactly at S − cutoff joins S; a minute later goes to the next', () => {
    const vulns = `  - { id: CVE-1, cvss: "${VECTORS.medium}", discovered: 2026-11-18 }`;
    const exactly = evalPlan(
      plan({ vulns, affects: '[pilot]', testing: 'testing: { status: passed, completed: 2026-12-05T18:00 }' }),
      '2026-12-06T00:00:00Z',
    ).p;
    assert.equal(iso(exactly.deadline), '2026-12-16T00:00:00.000Z');
    const later = evalPlan(plan({ vulns, affects: '[pilot]', testing: 'testing: { status: passed, completed: 2026-12-05T18:01 }' }), '2026-12-06T00:00:00Z').p;
    assert.equal(iso(later.deadline), '2027-01-20T00:00:00.000Z'); // 2027-01-12 18:00 (-06:00) + 7d
  });

  it('testing_within: a plan still in testing is on the clock from discovery', () => {
    const { e, p } = evalPlan(plan({ testing: 'testing: { status: in_progress }' }));
    assert.equal(p.deadlineIsTesting, true);
    assert.equal(iso(p.deadline), '2026-11-20T15:00:00.000Z'); // 2026-11-18T09:00 (-06:00) + 48h
    assert.equal(p.state, 'breached');
    assert.match(only(e.diagnostics, 'sla.breached')[0].message, /testing must pass within 2d of discovery/);
  });

  it('without testing_within, a plan whose clock starts at testing is awaiting test', () => {
    const policy = POLICY.replace('testing_within: 48h\n', '');
    const { e, p } = evalPlan(plan({ testing: 'testing: { status: pending }' }), AS_OF, { 'standard.sla.yaml': policy });
    assert.equal(p.state, 'awaiting_test');
    assert.equal(p.deadline, null);
    assert.equal(only(e.diagnostics, 'sla.breached').length, 0);
  });
});

describe('sla: plan states as of an instant', () => {
  it('breached: not remediated after the deadline, reported on the id with tier, deadline and clock start', () => {
    const { e, p } = evalPlan(plan());
    assert.equal(p.state, 'breached');
    const [d] = only(e.diagnostics, 'sla.breached');
    assert.equal(d.severity, 'error');
    assert.equal(at(d), '1:5');
    assert.match(d.message, /critical-tier deadline 2026-11-22 15:00 \(-06:00\) passed 15h ago; clock started 2026-11-19 15:00 \(-06:00\) \(testing passed\)/);
  });

  it('due_soon: within warn_before of the deadline, with the time left', () => {
    const { e, p } = evalPlan(plan(), '2026-11-22T01:00:00Z');
    assert.equal(p.state, 'due_soon');
    const [d] = only(e.diagnostics, 'sla.due-soon');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /20h left/);
  });

  it('on_track: before the warning window', () => {
    const { e, p } = evalPlan(plan(), '2026-11-21T20:59:00Z');
    assert.equal(p.state, 'on_track');
    assert.equal(e.diagnostics.filter((d) => d.code.startsWith('sla.')).length, 0);
  });

  it('the deadline instant itself is still due soon, one millisecond later breached', () => {
    assert.equal(evalPlan(plan(), '2026-11-22T21:00:00.000Z').p.state, 'due_soon');
    assert.equal(evalPlan(plan(), '2026-11-22T21:00:00.001Z').p.state, 'breached');
  });

  it('met: every wave complete by the deadline; time to patch from clock start', () => {
    const { e, p } = evalPlan(plan({ waves: complete('2026-11-21T10:00') }));
    assert.equal(p.state, 'met');
    assert.equal(iso(p.remediatedAt), '2026-11-21T16:00:00.000Z');
    assert.equal(p.timeToPatchHours, 43); // 2026-11-19T21:00Z → 2026-11-21T16:00Z
    assert.equal(e.diagnostics.filter((d) => d.code.startsWith('sla.')).length, 0);
  });

  it('missed: remediated after the deadline, an info diagnostic', () => {
    const { e, p } = evalPlan(plan({ waves: complete('2026-11-23T03:00') }));
    assert.equal(p.state, 'missed');
    const [d] = only(e.diagnostics, 'sla.missed');
    assert.equal(d.severity, 'info');
    assert.match(d.message, /remediated 2026-11-23 03:00 \(-06:00\), 12h after its critical-tier deadline/);
  });

  it('not remediated while a wave is still open', () => {
    const waves = `${complete('2026-11-20T10:00')}\n  - { name: Org, groups: [payroll], status: in_progress, started: 2026-11-21T12:00 }`;
    assert.equal(evalPlan(plan({ waves })).p.remediatedAt, null);
  });

  it('cancelled: no SLA, wave, testing or rollback diagnostics', () => {
    const text = plan({
      extra: 'status: cancelled',
      rollback: null,
      testing: 'testing: { status: pending }',
      waves: 'waves:\n  - { name: A, targets: 1 }\n  - { name: B, targets: 1, patched: 5, status: in_progress }',
    });
    const { e, p } = evalPlan(text);
    assert.equal(p.state, 'cancelled');
    assert.deepEqual(
      e.diagnostics.filter((d) => /^(sla|wave|testing|rollback)\./.test(d.code)),
      [],
    );
  });

  it('an exempt plan stays exempt whatever the clock says', () => {
    const policy = POLICY;
    const { p } = evalPlan(plan(), AS_OF, { 'standard.sla.yaml': policy });
    assert.notEqual(p.state, 'exempt');
  });
});
