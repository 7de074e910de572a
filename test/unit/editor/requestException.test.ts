// "Request an exception" from a breach (src/core/fixes/requestException.ts): the pending request
// the breach points at, the next free id, and a new request that validates as written.
import assert from 'node:assert/strict';
import { nextFreeId } from '../../../src/core/templates/templates';
import {
  exceptionRequestFor,
  localDate,
  pendingExceptionFor,
  pendingExceptionRelated,
  pendingRequestsByFile,
  requestExceptionTitle,
} from '../../../src/core/fixes/requestException';
import { evaluateFiles, plan, VECTORS, withBase, type Files } from '../../support/workspace';

const AS_OF = '2026-11-25T12:00:00Z'; // PLAN-1's critical deadline (2026-11-22 15:00 CST) has passed

function exception(id: string, o: { plan?: string; vulns?: string; groups?: string; approval?: boolean } = {}): string {
  return [
    `id: ${id}`,
    `vulnerabilities: [${o.vulns ?? 'CVE-2026-0001'}]`,
    `groups: [${o.groups ?? 'payroll'}]`,
    o.plan ? `plan: ${o.plan}` : '',
    'requested_by: alice@example.com',
    'requested_on: 2026-11-23',
    'reason: The vendor fix breaks payroll exports',
    'compensating_controls: [Firewall]',
    'revisit_on: 2026-12-10',
    o.approval ? 'approval: { approved_by: carol@example.com, approved_on: 2026-11-24 }' : '',
  ]
    .filter(Boolean)
    .join('\n');
}

function run(extra: Files = {}) {
  const e = evaluateFiles(withBase({ 'p.plan.yaml': plan(), 'other.plan.yaml': plan({ id: 'PLAN-2', affects: '[kiosks]' }), ...extra }), AS_OF);
  const p = e.plans.find((x) => x.id === 'PLAN-1')!;
  assert.equal(p.state, 'breached');
  return { e, p };
}

describe('request an exception from a breach (core)', () => {
  it('no pending exception: the title offers a request', () => {
    const { e, p } = run();
    assert.equal(pendingExceptionFor(e, p), undefined);
    assert.equal(requestExceptionTitle(p.id, pendingExceptionFor(e, p)), 'Request an exception for PLAN-1');
  });

  it('a pending exception naming the plan is found, and the breach points at its id', () => {
    const { e, p } = run({ 'x.exception.yaml': exception('EXC-2026-004', { plan: 'PLAN-1' }) });
    const pending = pendingExceptionFor(e, p);
    assert.equal(pending?.id, 'EXC-2026-004');
    assert.equal(requestExceptionTitle(p.id, pending), 'Open pending exception EXC-2026-004 (awaiting approval)');
    const related = pendingExceptionRelated(pending);
    assert.equal(related.file, 'x.exception.yaml');
    assert.deepEqual(related.range, { start: { line: 0, character: 4 }, end: { line: 0, character: 16 } });
    assert.match(related.message, /^exception EXC-2026-004 is requested for this plan and awaits approval/);
  });

  it('without `plan:`, one of its vulnerabilities on one of its groups; another plan or group is not it', () => {
    assert.equal(pendingExceptionFor(...both(run({ 'x.exception.yaml': exception('EXC-2026-007') })))?.id, 'EXC-2026-007');
    assert.equal(pendingExceptionFor(...both(run({ 'x.exception.yaml': exception('EXC-2026-007', { groups: 'kiosks' }) }))), undefined);
    assert.equal(pendingExceptionFor(...both(run({ 'x.exception.yaml': exception('EXC-2026-007', { vulns: 'CVE-2026-9999' }) }))), undefined);
    assert.equal(pendingExceptionFor(...both(run({ 'x.exception.yaml': exception('EXC-2026-007', { plan: 'PLAN-2' }) }))), undefined);
  });

  it('an approved exception is not pending (and exempts the plan); of two pending ones the lowest id', () => {
    const approved = evaluateFiles(
      withBase({ 'p.plan.yaml': plan(), 'x.exception.yaml': exception('EXC-2026-004', { plan: 'PLAN-1', approval: true }) }),
      AS_OF,
    );
    assert.equal(approved.plans[0].state, 'exempt');
    assert.equal(pendingExceptionFor(approved, approved.plans[0]), undefined);
    const { e, p } = run({
      'b.exception.yaml': exception('EXC-2026-009', { plan: 'PLAN-1' }),
      'a.exception.yaml': exception('EXC-2026-012', { plan: 'PLAN-1' }),
    });
    assert.equal(pendingExceptionFor(e, p)?.id, 'EXC-2026-009');
  });

  it('pendingRequestsByFile: the file of each breached plan points at its pending request (the lowest id); none without one', () => {
    assert.deepEqual(pendingRequestsByFile(run().e), new Map());
    const { e } = run({
      'b.exception.yaml': exception('EXC-2026-009', { plan: 'PLAN-1' }),
      'a.exception.yaml': exception('EXC-2026-012', { plan: 'PLAN-1' }),
      'c.exception.yaml': exception('EXC-2026-002', { plan: 'PLAN-2' }),
    });
    const byFile = pendingRequestsByFile(e);
    assert.deepEqual([...byFile.keys()], ['p.plan.yaml'], 'PLAN-2 is not breached: its request belongs to no breach');
    assert.equal(byFile.get('p.plan.yaml')?.file, 'b.exception.yaml');
    assert.match(byFile.get('p.plan.yaml')!.message, /^exception EXC-2026-009 is requested/);
  });

  it('pendingRequestsByFile finds what pendingExceptionFor finds for every breached plan (by plan, by vulnerability and group, the same id twice)', () => {
    const plans: Files = {};
    // Odd: CVE-2026-0001 like PLAN-1; even: CVE-2026-0002, and PLAN-8 CVE-2026-0003 (no request names it).
    for (let i = 3; i <= 8; i++) {
      const cve = i % 2 ? 'CVE-2026-0001' : i === 8 ? 'CVE-2026-0003' : 'CVE-2026-0002';
      plans[`p${i}.plan.yaml`] = plan({ id: `PLAN-${i}`, vulns: `  - { id: ${cve}, cvss: "${VECTORS.critical}", discovered: 2026-11-18T09:00 }` });
    }
    const { e } = run({
      ...plans,
      'a.exception.yaml': exception('EXC-2026-020'),
      'b.exception.yaml': exception('EXC-2026-010', { vulns: 'CVE-2026-0002', groups: 'kiosks' }),
      'g.exception.yaml': exception('EXC-2026-030', { vulns: 'CVE-2026-0002, CVE-2026-0004' }),
      'c.exception.yaml': exception('EXC-2026-015', { plan: 'PLAN-3' }),
      'd.exception.yaml': exception('EXC-2026-015', { plan: 'PLAN-3', vulns: 'CVE-2026-7777' }),
      'e.exception.yaml': exception('EXC-2026-005', { vulns: 'CVE-2026-9999' }),
      'f.exception.yaml': exception('EXC-2026-001', { plan: 'PLAN-6', vulns: 'CVE-2026-8888', approval: true }),
    });
    const breached = e.plans.filter((p) => p.state === 'breached');
    assert.ok(breached.length >= 4, `breached plans: ${breached.map((p) => p.id).join(', ')}`);
    const expected = new Map(
      breached.flatMap((p) => {
        const pending = pendingExceptionFor(e, p);
        return pending ? [[p.entity.source.file, pendingExceptionRelated(pending)] as const] : [];
      }),
    );
    assert.ok(
      expected.size >= 3 && expected.size < breached.length,
      `some breached plans have a request and some have none: ${[...expected.keys()].join(', ')}`,
    );
    assert.deepEqual(pendingRequestsByFile(e), expected);
  });

  it('nextFreeId: after the highest number of the year, whatever the case of the ids taken', () => {
    assert.equal(nextFreeId('EXC', 2026, []), 'EXC-2026-001');
    assert.equal(nextFreeId('EXC', 2026, ['EXC-2026-001', 'exc-2026-009', 'EXC-2026-004', 'EXC-2025-013', 'EXC-2026-7a']), 'EXC-2026-010');
    assert.equal(nextFreeId('EXC', 2026, ['EXC-2026-999']), 'EXC-2026-1000');
    assert.equal(nextFreeId('EXC', 2027, ['EXC-2025-001']), 'EXC-2027-001');
  });

  it('localDate: the date in the workspace zone, not in UTC', () => {
    assert.equal(localDate(Date.UTC(2026, 11, 1, 3, 0), 'America/Chicago'), '2026-11-30');
    assert.equal(localDate(Date.UTC(2026, 11, 1, 3, 0), 'UTC'), '2026-12-01');
  });

  it('a new request: the next free id, the plan and its in-scope pairs, dated as of the evaluation; it loads as a pending exception', () => {
    const { e, p } = run({ 'x.exception.yaml': exception('EXC-2026-001', { plan: 'PLAN-2', groups: 'kiosks' }) });
    const request = exceptionRequestFor(e, p, 'bob@example.com');
    assert.equal(request.id, 'EXC-2026-002');
    assert.equal(request.file, 'exceptions/EXC-2026-002.exception.yaml');
    assert.match(
      request.text,
      /^id: EXC-2026-002\nvulnerabilities: \[CVE-2026-0001\]\ngroups: \[payroll\]\nplan: PLAN-1\nrequested_by: bob@example.com\nrequested_on: 2026-11-25\n/,
    );
    const after = evaluateFiles(withBase({ 'p.plan.yaml': plan(), [request.file]: request.text }), AS_OF);
    assert.deepEqual(
      after.diagnostics.filter((d) => d.file === request.file && d.severity === 'error'),
      [],
    );
    assert.equal(after.exceptions[0].state, 'pending');
    assert.equal(pendingExceptionFor(after, after.plans[0])?.id, 'EXC-2026-002');
  });

  it('a vulnerability another exception already exempts is not asked for again', () => {
    const vulns = `  - { id: CVE-2026-0001, cvss: "${VECTORS.critical}", discovered: 2026-11-18T09:00 }\n  - { id: CVE-2026-0002, cvss: "${VECTORS.critical}", discovered: 2026-11-18T09:00 }`;
    const e = evaluateFiles(
      withBase({ 'p.plan.yaml': plan({ vulns }), 'x.exception.yaml': exception('EXC-2026-001', { vulns: 'CVE-2026-0002', approval: true }) }),
      AS_OF,
    );
    assert.equal(e.plans[0].state, 'breached');
    assert.match(exceptionRequestFor(e, e.plans[0], 'bob@example.com').text, /^vulnerabilities: \[CVE-2026-0001\]$/m);
  });
});

function both(r: ReturnType<typeof run>): [ReturnType<typeof run>['e'], ReturnType<typeof run>['p']] {
  return [r.e, r.p];
}
