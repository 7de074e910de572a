// The pure diff of two evaluations of one as-of (src/core/diff/workspaceDiff.ts), on in-memory workspaces.
import assert from 'node:assert/strict';
import { diffWorkspaces, type DiffSide, type WorkspaceDiff } from '../../../src/core/diff/workspaceDiff';
import { kpiRows, planWhy } from '../../../src/core/diff/diffWords';
import { evaluateFiles, plan, POLICY, withBase, type Files } from '../../support/workspace';
import { exceptionFile } from './fixtures';

// PLAN-1 (critical, testing passed 2026-11-19 15:00 CST, clock from testing): due 2026-11-22 15:00 CST under 72h.
const AS_OF = '2026-11-21T12:00:00Z';

function side(label: string, files: Files, asOf = AS_OF): DiffSide {
  return { label, commit: null, evaluation: evaluateFiles(files, asOf) };
}

function diff(base: Files, head: Files, asOf = AS_OF): WorkspaceDiff {
  return diffWorkspaces(side('main', base, asOf), side('feature', head, asOf));
}

const tighter = POLICY.replace('critical: { within: 72h }', 'critical: { within: 24h }');

describe('diff: plans', () => {
  it('identical sides: nothing changed, every plan and exception counted unchanged', () => {
    const files = withBase({ 'p.plan.yaml': plan(), 'e.exception.yaml': exceptionFile({ approval: null }) });
    const d = diff(files, files);
    assert.deepEqual(d.plans, []);
    assert.deepEqual(d.exceptions, []);
    assert.deepEqual(d.newBreaches, []);
    assert.deepEqual(d.unchanged, { plans: 1, exceptions: 1 });
    assert.ok(kpiRows(d).every((r) => r.change === 'unchanged'));
  });

  it('a policy change that moves the deadline: old → new deadline and state, a new breach, the policy named as the cause', () => {
    const base = withBase({ 'p.plan.yaml': plan() });
    const d = diff(base, { ...base, 'standard.sla.yaml': tighter });
    assert.equal(d.plans.length, 1);
    const [c] = d.plans;
    assert.equal(c.change, 'changed');
    assert.deepEqual(c.changed, ['deadline', 'state']);
    assert.equal(c.base!.deadline, '2026-11-22T21:00:00.000Z');
    assert.equal(c.head!.deadline, '2026-11-20T21:00:00.000Z');
    assert.equal(c.base!.state, 'on_track');
    assert.equal(c.head!.state, 'breached');
    assert.deepEqual(c.causes, ['policy standard: tiers changed']);
    assert.deepEqual(
      d.newBreaches.map((p) => p.id),
      ['PLAN-1'],
    );
    const breaches = kpiRows(d).find((r) => r.measure === 'Open breaches')!;
    assert.deepEqual([breaches.base, breaches.head, breaches.change], ['0', '1', '+1']);
  });

  it('the reverse (a breach closed by a looser policy) is a change but no new breach', () => {
    const base = withBase({ 'p.plan.yaml': plan() });
    const d = diff({ ...base, 'standard.sla.yaml': tighter }, base);
    assert.deepEqual(d.newBreaches, []);
    assert.equal(d.plans[0].head!.state, 'on_track');
  });

  it('the tier and its reason: a new KEV vulnerability changes the plan, and why says what the plan changed', () => {
    const base = withBase({
      'p.plan.yaml': plan({
        affects: '[kiosks]',
        vulns: '  - { id: CVE-2026-0001, cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", discovered: 2026-11-18T09:00 }',
      }),
    });
    const head = { ...base, 'p.plan.yaml': base['p.plan.yaml'].replace('discovered: 2026-11-18T09:00 }', 'discovered: 2026-11-18T09:00, kev: true }') };
    const d = diff(base, head);
    const [c] = d.plans;
    assert.ok(c.changed.includes('tier'), JSON.stringify(c));
    assert.equal(`${c.base!.tier} → ${c.head!.tier}`, 'medium → high');
    assert.deepEqual(c.causes, ["the plan's vulnerabilities changed"]);
    const why = planWhy(c);
    assert.ok(
      why.some((l) => l.startsWith('was: matrix: high severity · low impact → medium tier')),
      why.join('\n'),
    );
    assert.ok(
      why.some((l) => l.startsWith('now: matrix: high severity · low impact · KEV → high tier')),
      why.join('\n'),
    );
  });

  it('a renamed plan file is the same plan, moved: not added and removed', () => {
    const base = withBase({ 'plans/old.plan.yaml': plan() });
    const head = withBase({ 'plans/new.plan.yaml': plan() });
    const d = diff(base, head);
    assert.equal(d.plans.length, 1);
    assert.equal(d.plans[0].change, 'changed');
    assert.deepEqual(d.plans[0].changed, ['file']);
    assert.deepEqual(d.plans[0].causes, ['moved from plans/old.plan.yaml']);
  });

  it('a moved plan that is breached on both sides is no new breach', () => {
    const base = withBase({ 'plans/old.plan.yaml': plan(), 'standard.sla.yaml': tighter });
    const head = withBase({ 'plans/new.plan.yaml': plan(), 'standard.sla.yaml': tighter });
    assert.deepEqual(diff(base, head).newBreaches, []);
  });

  it('added and removed plans; a new plan that is breached is a new breach', () => {
    const base = withBase({ 'a.plan.yaml': plan({ id: 'PLAN-A' }) });
    const head = withBase({ 'b.plan.yaml': plan({ id: 'PLAN-B' }), 'standard.sla.yaml': tighter });
    const d = diff(base, head);
    assert.deepEqual(
      d.plans.map((c) => `${c.id}:${c.change}`),
      ['PLAN-B:added', 'PLAN-A:removed'],
    );
    assert.deepEqual(
      d.newBreaches.map((p) => p.id),
      ['PLAN-B'],
    );
  });

  it('duplicate ids: matched by file, the extra one is removed', () => {
    const base = withBase({ 'a.plan.yaml': plan(), 'b.plan.yaml': plan() });
    const head = withBase({ 'a.plan.yaml': plan() });
    const d = diff(base, head);
    const removed = d.plans.filter((c) => c.change === 'removed');
    assert.deepEqual(
      removed.map((c) => c.base!.file),
      ['b.plan.yaml'],
    );
    assert.ok(!d.plans.some((c) => c.change === 'added'));
    assert.equal(d.base.diagnostics.errors > d.head.diagnostics.errors, true); // the duplicate was an error
  });

  it('a plan newly without a computable deadline is listed (it may be late)', () => {
    const base = withBase({ 'p.plan.yaml': plan() });
    const head = withBase({ 'p.plan.yaml': plan({ extra: 'sla: nope' }) });
    const d = diff(base, head);
    assert.equal(d.plans[0].head!.state, 'unknown');
    assert.deepEqual(
      d.newNoDeadline.map((p) => p.id),
      ['PLAN-1'],
    );
    assert.ok(d.head.diagnostics.errors > 0);
  });

  it('an absent base: every plan is new, its figures unknown', () => {
    const head = withBase({ 'p.plan.yaml': plan() });
    const d = diffWorkspaces({ label: 'main', commit: null, evaluation: evaluateFiles({}, AS_OF), absent: true }, side('feature', head));
    assert.equal(d.base.absent, true);
    assert.deepEqual(
      d.plans.map((c) => c.change),
      ['added'],
    );
    const compliance = kpiRows(d).find((r) => r.measure === 'Open breaches')!;
    assert.deepEqual([compliance.base, compliance.change], ['—', '—']);
  });

  it('sides of different instants are refused', () => {
    const files = withBase({ 'p.plan.yaml': plan() });
    assert.throws(() => diffWorkspaces(side('a', files), side('b', files, '2026-11-22T12:00:00Z')), /same instant/);
  });
});

describe('diff: exceptions and approvals', () => {
  const planFile = plan();

  it('a deleted exception: removed, and the plan it exempted is no longer exempt (the cause says which)', () => {
    const base = withBase({ 'p.plan.yaml': planFile, 'e.exception.yaml': exceptionFile() });
    const head = withBase({ 'p.plan.yaml': planFile });
    const d = diff(base, head);
    assert.deepEqual(
      d.exceptions.map((c) => [c.id, c.change, c.becomes]),
      [['EXC-1', 'removed', ['removed']]],
    );
    const [p] = d.plans;
    assert.equal(p.base!.state, 'exempt');
    assert.equal(p.head!.state, 'on_track');
    assert.deepEqual(p.causes, ['no longer exempted by EXC-1']);
  });

  it('an approval added: the exception becomes effective and active, the approval is listed with its git review', () => {
    const base = withBase({ 'p.plan.yaml': planFile, 'e.exception.yaml': exceptionFile({ approval: null }) });
    const head = withBase({ 'p.plan.yaml': planFile, 'e.exception.yaml': exceptionFile() });
    const d = diff(base, head);
    const [c] = d.exceptions;
    assert.deepEqual(c.becomes, ['effective', 'active', 'approval_unchecked']);
    assert.deepEqual(
      d.approvalsAdded.map((a) => [a.exception, a.approvedBy, a.approvedOn, a.approval]),
      [['EXC-1', 'carol@example.com', '2026-11-21T06:00:00.000Z', 'unchecked']],
    );
    assert.equal(d.plans[0].head!.state, 'exempt');
    assert.deepEqual(d.plans[0].causes, ['now exempted by EXC-1']);
  });

  it('an exception that becomes invalid (self-approved) and one that expires', () => {
    const base = withBase({ 'p.plan.yaml': planFile, 'e.exception.yaml': exceptionFile(), 'f.exception.yaml': exceptionFile({ id: 'EXC-2' }) });
    const head = {
      ...base,
      'e.exception.yaml': exceptionFile({ approval: 'approval:\n  approved_by: bob@example.com\n  approved_on: 2026-11-21\n' }),
      'f.exception.yaml': exceptionFile({ id: 'EXC-2', revisit: '2026-11-21' }),
    };
    const d = diff(base, head);
    const by = new Map(d.exceptions.map((c) => [c.id, c.becomes]));
    assert.deepEqual(by.get('EXC-1'), ['not_effective', 'invalid']);
    assert.deepEqual(by.get('EXC-2'), ['not_effective', 'expired']);
    assert.deepEqual(
      d.approvalsAdded.map((a) => a.approvedBy),
      ['bob@example.com'],
    ); // approved by someone else: an approval the base did not have
  });

  it('the same approval on both sides is not an approval added', () => {
    const files = withBase({ 'p.plan.yaml': planFile, 'e.exception.yaml': exceptionFile() });
    const head = { ...files, 'e.exception.yaml': exceptionFile() + 'compensating_controls: [Lockdown mode]\n' };
    assert.deepEqual(diff(files, head).approvalsAdded, []);
  });
});
