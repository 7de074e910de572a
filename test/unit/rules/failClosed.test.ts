// The numbers of docs/rules.md exactly, and the rules that keep a plan from looking better than it is.
import assert from 'node:assert/strict';
import { renderHtml } from '../../../src/core/report/html';
import { buildReport } from '../../../src/core/report/reportJson';
import { evaluateFiles, instant, plan, withBase } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';
const HOUR = 3_600_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

describe('fail closed: exact numbers and states', () => {
  it('a plan whose vulnerabilities all score CVSS 0.0 has severity low ("none counts as low")', () => {
    const vulns = '  - { id: CVE-2026-0001, cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N", discovered: 2026-11-18T09:00 }';
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ vulns }) }), AS_OF);
    assert.equal(e.plans[0].vulnerabilities[0].severity, 'none');
    assert.deepEqual([e.plans[0].severity, e.plans[0].tier], ['low', 'medium']); // payroll is high impact: matrix[high][low]
    assert.notEqual(e.plans[0].state, 'unknown');
  });

  it('mean time to patch averages exact durations and rounds once', () => {
    // Clock start: testing passed 2026-11-19 15:00; remediated 62, 62 and 65 minutes later.
    const done = (hhmm: string) =>
      `waves:\n  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-11-19T15:30, completed: 2026-11-19T${hhmm} }`;
    const e = evaluateFiles(
      withBase({
        'a.plan.yaml': plan({ id: 'A', waves: done('16:02') }),
        'b.plan.yaml': plan({ id: 'B', waves: done('16:02') }),
        'c.plan.yaml': plan({ id: 'C', waves: done('16:05') }),
      }),
      AS_OF,
    );
    const exact = e.plans.map((p) => p.remediatedAt! - p.clockStart!);
    assert.deepEqual(
      exact.map((ms) => ms / 60_000),
      [62, 62, 65],
    );
    const expected = round1(exact.reduce((a, b) => a + b, 0) / exact.length / HOUR);
    const averagedRounded = round1(e.plans.reduce((a, p) => a + p.timeToPatchHours!, 0) / e.plans.length);
    assert.notEqual(expected, averagedRounded, 'the case tells the two ways apart');
    assert.equal(e.kpis.meanTimeToPatchHours.critical, expected);
  });

  it('exemptedBy lists every effective exception that covers the plan', () => {
    const exception = (id: string) => `id: ${id}
vulnerabilities: [CVE-2026-0001]
groups: [payroll]
requested_by: alice@example.com
requested_on: 2026-11-20
reason: Vendor fix pending
revisit_on: 2026-12-10
approval: { approved_by: carol@example.com, approved_on: 2026-11-21 }
`;
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan(), 'a.exception.yaml': exception('EXC-A'), 'b.exception.yaml': exception('EXC-B') }), AS_OF);
    assert.deepEqual(
      e.exceptions.map((x) => [x.id, x.effective]),
      [
        ['EXC-A', true],
        ['EXC-B', true],
      ],
    );
    assert.deepEqual([e.plans[0].state, e.plans[0].exemptedBy], ['exempt', ['EXC-A', 'EXC-B']]);
  });

  it('a duplicate exception id: both are evaluated and listed', () => {
    const text = `id: EXC-1\nvulnerabilities: [CVE-2026-0001]\ngroups: [kiosks]\nrequested_by: alice@example.com\nrequested_on: 2026-11-20\nreason: r\nrevisit_on: 2026-12-10\n`;
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan(), 'a.exception.yaml': text, 'b.exception.yaml': text }), AS_OF);
    assert.deepEqual(
      e.exceptions.map((x) => [x.entity.source.file, x.state]),
      [
        ['a.exception.yaml', 'pending'],
        ['b.exception.yaml', 'pending'],
      ],
    );
    assert.equal(e.kpis.exceptionsByState.pending, 2);
  });

  it('an affected group that is unknown counts as high impact, even beside a known low one', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ affects: '[kiosks, kiosk-typo]' }) }), AS_OF);
    assert.equal(e.plans[0].impact, 'high');
  });

  it('a tier rule that cannot be used (its duration is out of range): no deadline, and says why', () => {
    const files = withBase({ 'p.plan.yaml': plan() });
    files['standard.sla.yaml'] = files['standard.sla.yaml'].replace('critical: { within: 72h }', 'critical: { within: 99999999d }');
    const e = evaluateFiles(files, AS_OF);
    assert.equal(e.plans[0].state, 'unknown');
    assert.match(e.plans[0].unknownReason!, /critical tier of SLA policy `standard` has no usable deadline rule/);
  });

  it('a remediated plan whose deadline cannot be computed is not "met"', () => {
    const waves = 'waves:\n  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-11-19T15:30, completed: 2026-11-20T10:00 }';
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ extra: 'sla: missing', waves }) }), AS_OF);
    assert.equal(e.plans[0].state, 'unknown');
    assert.equal(e.kpis.slaCompliancePercent, 0, 'unknown counts as not met');
  });

  it('testing that cannot be read has not passed: with testing_within the earlier deadline holds', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ testing: 'testing: { status: pased, completed: 2026-11-19T15:00 }' }) }), AS_OF);
    const p = e.plans[0];
    assert.deepEqual([p.state, p.deadlineIsTesting, p.deadline], ['breached', true, instant('2026-11-20T09:00')]); // discovered + 48h
    assert.ok(e.diagnostics.some((d) => d.code === 'schema' && /did you mean `passed`/.test(d.message)));
  });
});

describe('fail closed: exceptions', () => {
  const exception = (o: { vulns?: string; groups?: string; approvedOn?: string; revisit?: string } = {}) => `id: EXC-1
vulnerabilities: ${o.vulns ?? '[CVE-2026-0001]'}
groups: ${o.groups ?? '[payroll]'}
requested_by: alice@example.com
requested_on: 2026-11-20
reason: Vendor fix pending
revisit_on: ${o.revisit ?? '2026-12-10'}
approval: { approved_by: carol@example.com, approved_on: ${o.approvedOn ?? '2026-11-21'} }
`;

  it('a tier that cannot be computed takes the strictest max_duration, never none', () => {
    // CVE-2026-0009 is in no plan and payroll-typo is no group: critical severity, high impact (30d).
    const e = evaluateFiles(
      withBase({ 'p.plan.yaml': plan(), 'x.exception.yaml': exception({ vulns: '[CVE-2026-0009]', groups: '[payroll-typo]', revisit: '2027-06-01' }) }),
      AS_OF,
    );
    const x = e.exceptions[0];
    assert.deepEqual([x.tier, x.effective, x.state], ['critical', false, 'invalid']);
    assert.ok(e.diagnostics.some((d) => d.code === 'exception.too-long'));
  });

  it('an approval date that does not exist: the exception is not effective', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan(), 'x.exception.yaml': exception({ approvedOn: '2026-11-31' }) }), AS_OF);
    const x = e.exceptions[0];
    assert.deepEqual([x.effective, x.state], [false, 'invalid']);
    assert.match(x.detail!, /approval date is not a valid date/);
    assert.equal(e.plans[0].state, 'breached', 'the plan keeps its breach');
  });
});

describe('fail closed: wave gates', () => {
  it('a gate after a wave with impossible numbers is not met, and no untrue percentage is printed', () => {
    const waves = `waves:
  - { name: Pilot, groups: [pilot], patched: 12, status: complete, started: 2026-11-19T16:00, completed: 2026-11-20T10:00, gate: { min_success: 95 } }
  - { name: Broad, groups: [payroll], status: planned }`;
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ waves }) }), AS_OF);
    const [pilot, broad] = e.plans[0].waves;
    assert.equal(pilot.percent, null);
    assert.match(broad.blockedBy!, /`Pilot` success is unknown .* gate of 95% is not shown to be met/);
    assert.doesNotMatch(broad.blockedBy!, /0%/);
  });
});

describe('fail closed: a key field of the wrong type', () => {
  it('a wave named by a number and a vulnerability id that is a list get readable stand-ins, and every output renders', () => {
    const vulns = `  - { id: [CVE-2026-0001], cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", discovered: 2026-11-18T09:00 }`;
    const waves = 'waves:\n  - { name: Pilot, groups: [pilot], status: planned }\n  - { name: 0, groups: [pilot], status: planned }';
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ vulns, waves }) }), AS_OF);
    const p = e.plans[0];
    assert.deepEqual(
      p.waves.map((w) => w.name),
      ['Pilot', 'Wave 2'],
    );
    assert.deepEqual(
      p.vulnerabilities.map((v) => v.id),
      ['(vulnerability 1)'],
    );
    assert.ok(e.diagnostics.some((d) => d.code === 'schema' && d.severity === 'error'));
    assert.ok(renderHtml(buildReport(e)).includes('Wave 2'));
  });
});
