import assert from 'node:assert/strict';
import { codesOf, evaluateFiles, plan, VECTORS, withBase } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';

function exception(o: { id?: string; vulns?: string; groups?: string; approval?: string | null; revisit?: string } = {}): string {
  const approval = o.approval === null ? '' : (o.approval ?? 'approval:\n  approved_by: carol@example.com\n  approved_on: 2026-11-21\n');
  return `id: ${o.id ?? 'EXC-1'}
vulnerabilities: ${o.vulns ?? '[CVE-2026-0001]'}
groups: ${o.groups ?? '[payroll]'}
requested_by: bob@example.com
requested_on: 2026-11-20
reason: Vendor certifies builds quarterly
compensating_controls: [Lockdown mode]
revisit_on: ${o.revisit ?? '2026-12-15'}
${approval}`;
}
export { exception };

describe('scope: plan pairs minus effective exceptions', () => {
  const twoGroups = plan({ affects: '[payroll, kiosks]' });

  it('without exceptions every pair is in scope', () => {
    const p = evaluateFiles(withBase({ 'p.plan.yaml': twoGroups }), AS_OF).plans[0];
    assert.equal(p.impact, 'high');
    assert.equal(p.tier, 'critical');
    assert.deepEqual(p.exemptedBy, []);
  });

  it('results without exemptions or pairs share one frozen empty list: none is made per plan', () => {
    const plans = evaluateFiles(withBase({ 'a.plan.yaml': plan({ id: 'PLAN-A' }), 'b.plan.yaml': plan({ id: 'PLAN-B' }) }), AS_OF).plans;
    assert.equal(plans.length, 2);
    assert.equal(plans[0].exemptedBy, plans[1].exemptedBy);
    assert.equal(plans[0].pairs, plans[0].exemptedBy);
    assert.equal(plans[1].pairs, plans[0].exemptedBy);
    assert.ok(Object.isFrozen(plans[0].pairs));
  });

  it('a partial exemption lowers impact and tier to what remains', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': twoGroups, 'e.exception.yaml': exception() }), AS_OF);
    const p = e.plans[0];
    assert.equal(e.exceptions[0].effective, true);
    assert.equal(p.impact, 'low');
    assert.equal(p.tier, 'high'); // low × critical
    assert.deepEqual(p.exemptedBy, ['EXC-1']);
    assert.equal(p.vulnerabilities[0].inScope, true);
  });

  it('exempting a vulnerability everywhere removes it from severity', () => {
    const vulns = `  - { id: CVE-2026-0001, cvss: "${VECTORS.critical}", discovered: 2026-11-18 }\n  - { id: CVE-2026-0002, cvss: "${VECTORS.medium}", discovered: 2026-11-18 }`;
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ vulns }), 'e.exception.yaml': exception() }), AS_OF);
    const p = e.plans[0];
    assert.equal(p.severity, 'medium');
    assert.equal(p.tier, 'high'); // high × medium
    assert.deepEqual(
      p.vulnerabilities.map((v) => v.inScope),
      [false, true],
    );
  });

  it('a vulnerability exempted between two others: the list keeps every one, in order, each marked', () => {
    const vulns = [1, 2, 3].map((n) => `  - { id: CVE-2026-000${n}, cvss: "${VECTORS.medium}", discovered: 2026-11-1${n} }`).join('\n');
    const without = evaluateFiles(withBase({ 'p.plan.yaml': plan({ vulns }) }), AS_OF).plans[0];
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ vulns }), 'e.exception.yaml': exception({ vulns: '[CVE-2026-0002]' }) }), AS_OF);
    const p = e.plans[0];
    assert.deepEqual(
      p.vulnerabilities.map((v) => [v.id, v.inScope, v.score]),
      [
        ['CVE-2026-0001', true, 6.1],
        ['CVE-2026-0002', false, 6.1],
        ['CVE-2026-0003', true, 6.1],
      ],
    );
    assert.deepEqual(
      without.vulnerabilities.map((v) => [v.id, v.inScope]),
      [
        ['CVE-2026-0001', true],
        ['CVE-2026-0002', true],
        ['CVE-2026-0003', true],
      ],
    );
  });

  it('everything exempted: the plan is exempt, with no tier, deadline or SLA diagnostic', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan(), 'e.exception.yaml': exception() }), AS_OF);
    const p = e.plans[0];
    assert.equal(p.state, 'exempt');
    assert.equal(p.tier, null);
    assert.equal(p.deadline, null);
    assert.ok(!codesOf(e.diagnostics, 'p.plan.yaml').some((c) => c.startsWith('sla.')));
    assert.equal(e.kpis.plansByState.exempt, 1);
  });

  it('a pending exception exempts nothing', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': twoGroups, 'e.exception.yaml': exception({ approval: null }) }), AS_OF);
    assert.equal(e.exceptions[0].state, 'pending');
    assert.equal(e.plans[0].tier, 'critical');
    assert.deepEqual(e.plans[0].exemptedBy, []);
  });

  it('an expired exception exempts nothing', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': twoGroups, 'e.exception.yaml': exception({ revisit: '2026-11-22' }) }), AS_OF);
    assert.equal(e.exceptions[0].state, 'expired');
    assert.equal(e.plans[0].tier, 'critical');
  });
});
