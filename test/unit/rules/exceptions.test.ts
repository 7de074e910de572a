import assert from 'node:assert/strict';
import { evaluate } from '../../../src/core/evaluate';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { at, evaluateFiles, only, plan, POLICY, withBase } from '../../support/workspace';
import { exception } from './scope.test';

const AS_OF = '2026-11-23T12:00:00Z';
const run = (exc: string, extra: Record<string, string> = {}, asOf = AS_OF) => {
  const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ affects: '[payroll, kiosks]' }), 'e.exception.yaml': exc, ...extra }), asOf);
  return { e, x: e.exceptions[0] };
};

describe('exceptions: states and approval rules', () => {
  it('active: approved by an InfoSec member, before revisit; approval unchecked without git review', () => {
    const { e, x } = run(exception());
    assert.equal(x.state, 'active');
    assert.equal(x.effective, true);
    assert.equal(x.approval, 'unchecked');
    assert.equal(x.tier, 'critical'); // critical vulnerability on payroll (high impact)
    assert.deepEqual(
      e.diagnostics.filter((d) => d.file === 'e.exception.yaml'),
      [],
    );
  });

  it('pending: no approval, an info diagnostic on the id, approval missing', () => {
    const { e, x } = run(exception({ approval: null }));
    assert.equal(x.state, 'pending');
    assert.equal(x.approval, 'missing');
    assert.equal(x.effective, false);
    const [d] = only(e.diagnostics, 'exception.pending');
    assert.equal(d.severity, 'info');
    assert.equal(at(d), '1:5');
  });

  it('expired: as-of at revisit_on, an error on revisit_on', () => {
    const { e, x } = run(exception({ revisit: '2026-11-23T06:00' })); // = 12:00Z
    assert.equal(x.state, 'expired');
    const [d] = only(e.diagnostics, 'exception.expired');
    assert.equal(d.severity, 'error');
    assert.equal(at(d), '8:13');
  });

  it('expiring: within the policy warn_before (14d) of revisit_on', () => {
    const { e, x } = run(exception({ revisit: '2026-12-07' }));
    assert.equal(x.state, 'expiring');
    assert.equal(x.effective, true);
    const [d] = only(e.diagnostics, 'exception.expiring');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /expires in 13d 18h/);
    assert.equal(run(exception({ revisit: '2026-12-08' })).x.state, 'active'); // 14d 18h away
  });

  it('self-approved: invalid, an error on approved_by', () => {
    const { e, x } = run(
      exception({ approval: 'approval:\n  approved_by: bob@example.com\n  approved_on: 2026-11-21\n' }).replace(
        'requested_by: bob@example.com',
        'requested_by: Bob@Example.com',
      ),
    );
    assert.equal(x.state, 'invalid');
    assert.equal(x.effective, false);
    const [d] = only(e.diagnostics, 'exception.self-approved');
    assert.equal(at(d), '10:16');
  });

  it('unauthorized: the approver is not in an approver team', () => {
    const { e, x } = run(exception({ approval: 'approval:\n  approved_by: alice@example.com\n  approved_on: 2026-11-21\n' }));
    assert.equal(x.state, 'invalid');
    assert.match(only(e.diagnostics, 'exception.unauthorized')[0].message, /approvers are the members of `infosec`/);
    assert.equal(e.plans[0].tier, 'critical', 'an invalid exception does not change the plan');
  });

  it('too long: revisit_on − approved_on beyond max_duration for its tier', () => {
    const { e, x } = run(exception({ revisit: '2026-12-22' })); // 31 days after 2026-11-21, critical allows 30d
    assert.equal(x.state, 'invalid');
    const [d] = only(e.diagnostics, 'exception.too-long');
    assert.equal(d.severity, 'error');
    assert.equal(at(d), '8:13');
    assert.match(d.message, /a critical-tier exception may run at most 30d/);
  });

  it('the tier of an exception follows what it exempts (lower impact → longer allowed)', () => {
    const { x } = run(exception({ groups: '[kiosks]', revisit: '2027-02-01' })); // high tier: 90d
    assert.equal(x.tier, 'high');
    assert.equal(x.state, 'active');
  });

  it('an unknown vulnerability, group or plan is ref.unknown on that item', () => {
    const text = exception({ vulns: '[CVE-2026-0001, CVE-9999-0001]', groups: '[payroll, nowhere]' }) + 'plan: PLAN-404\n';
    const { e } = run(text);
    const refs = only(e.diagnostics, 'ref.unknown').filter((d) => d.file === 'e.exception.yaml');
    assert.deepEqual(refs.map((d) => d.message.split(':')[0]).sort(), [
      'unknown asset group `nowhere`',
      'unknown plan `PLAN-404`',
      'unknown vulnerability `CVE-9999-0001`',
    ]);
  });

  it('require_git_review: approvals stay unchecked until git review is wired in, and still count', () => {
    const policy = POLICY.replace('warn_before: 14d', 'warn_before: 14d\n  require_git_review: true');
    const { x } = run(exception(), { 'standard.sla.yaml': policy });
    assert.equal(x.approval, 'unchecked');
    assert.equal(x.effective, true);
  });

  it('an unverified approval (from a git check) is invalid and reported on approved_by', () => {
    const policy = POLICY.replace('warn_before: 14d', 'warn_before: 14d\n  require_git_review: true');
    const files = withBase({ 'p.plan.yaml': plan(), 'e.exception.yaml': exception(), 'standard.sla.yaml': policy });
    const model = assembleModel(Object.entries(files).map(([f, t]) => loadFile(f, t)));
    const approvals = new Map([['e.exception.yaml', { state: 'unverified' as const, reason: 'committed by bob@example.com, not the approver' }]]);
    const e = evaluate(model, { asOf: Date.parse(AS_OF), approvals });
    assert.equal(e.exceptions[0].approval, 'unverified');
    assert.equal(e.exceptions[0].state, 'invalid');
    assert.equal(e.plans[0].state, 'breached', 'the plan is not exempted');
    const [d] = only(e.diagnostics, 'exception.unverified');
    assert.match(d.message, /committed by bob@example.com/);
    assert.equal(at(d), '10:16');
  });
});
