import assert from 'node:assert/strict';
import { at, evaluateFiles, only, plan, POLICY, SETTINGS, withBase } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';

describe('references, duplicate ids and roles', () => {
  it('an unknown group in affects is ref.unknown on that item, listing the known groups', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ affects: '[payroll, kiosk]' }) }), AS_OF);
    const [d] = only(e.diagnostics, 'ref.unknown');
    assert.equal(d.message, 'unknown asset group `kiosk`: no *.assets.yaml declares it (known groups: payroll, kiosks, pilot)');
    assert.equal(at(d), '7:20');
  });

  it('an unknown SLA policy, team and rollback team', () => {
    const text = plan({ extra: 'sla: fast', rollback: 'rollback:\n  decided_by: secops\n  executed_by: it-ops\n  communication: x' }).replace(
      'owner: it-ops',
      'owner: it-opps',
    );
    const e = evaluateFiles(withBase({ 'p.plan.yaml': text }), AS_OF);
    const messages = only(e.diagnostics, 'ref.unknown').map((d) => d.message.split(':')[0]);
    assert.deepEqual(messages.sort(), ['unknown SLA policy `fast`', 'unknown team `it-opps`', 'unknown team `secops`']);
  });

  it('ref.role: the owner must be an executor team, the validator a validator team', () => {
    const text = plan().replace('owner: it-ops', 'owner: infosec').replace('validator: infosec', 'validator: it-ops');
    const e = evaluateFiles(withBase({ 'p.plan.yaml': text }), AS_OF);
    const roles = only(e.diagnostics, 'ref.role');
    assert.equal(roles.length, 2);
    assert.match(roles[0].message, /owner `infosec` is a validator team; it must be an executor team \(IT executes\): it-ops/);
    assert.match(roles[1].message, /validator `it-ops` is an executor team; it must be a validator team/);
  });

  it('testing.validated_by must be in the validator team', () => {
    const inTeam = evaluateFiles(
      withBase({ 'p.plan.yaml': plan({ testing: 'testing: { status: passed, completed: 2026-11-19T15:00, validated_by: carol@example.com }' }) }),
      AS_OF,
    );
    assert.deepEqual([...only(inTeam.diagnostics, 'ref.role'), ...only(inTeam.diagnostics, 'ref.unknown')], []);
    const itPerson = evaluateFiles(
      withBase({ 'p.plan.yaml': plan({ testing: 'testing: { status: passed, completed: 2026-11-19T15:00, validated_by: alice@example.com }' }) }),
      AS_OF,
    );
    assert.match(only(itPerson.diagnostics, 'ref.role')[0].message, /not in the plan's validator team `infosec`/);
    const stranger = evaluateFiles(
      withBase({ 'p.plan.yaml': plan({ testing: 'testing: { status: passed, completed: 2026-11-19T15:00, validated_by: eve@example.com }' }) }),
      AS_OF,
    );
    assert.match(only(stranger.diagnostics, 'ref.unknown')[0].message, /unknown person `eve@example.com`/);
  });

  it('a duplicate plan id: both files are told about each other, and both plans are evaluated', () => {
    const e = evaluateFiles(withBase({ 'a.plan.yaml': plan(), 'b.plan.yaml': plan() }), AS_OF);
    const found = only(e.diagnostics, 'ref.duplicate-id');
    assert.deepEqual(
      found.map((d) => [d.file, at(d), d.related?.map((r) => r.file)]),
      [
        ['a.plan.yaml', '1:5', ['b.plan.yaml']],
        ['b.plan.yaml', '1:5', ['a.plan.yaml']],
      ],
    );
    assert.match(found[1].message, /duplicate plan id `PLAN-1`: it is also declared in a\.plan\.yaml/);
    assert.deepEqual(
      e.plans.map((p) => [p.entity.source.file, p.id]),
      [
        ['a.plan.yaml', 'PLAN-1'],
        ['b.plan.yaml', 'PLAN-1'],
      ],
    );
  });

  it('a duplicate group id inside one file and across files: every declaration is told, and the id is unusable', () => {
    const e = evaluateFiles(
      withBase({ 'more.assets.yaml': 'groups:\n  - { id: kiosks, impact: high, endpoints: 1 }\n', 'p.plan.yaml': plan({ affects: '[kiosks]' }) }),
      AS_OF,
    );
    const found = only(e.diagnostics, 'ref.duplicate-id');
    assert.deepEqual(
      found.map((d) => [d.file, at(d), d.related?.[0].file]),
      [
        ['groups.assets.yaml', '3:11', 'more.assets.yaml'],
        ['more.assets.yaml', '2:11', 'groups.assets.yaml'],
      ],
    );
    // Which `kiosks` is meant cannot be told: it is not reported as unknown, and counts as high impact.
    assert.deepEqual(only(e.diagnostics, 'ref.unknown'), []);
    assert.equal(e.plans[0].impact, 'high');
  });

  it('an unknown default_sla, cycle and approver team', () => {
    const policy = POLICY.replace('medium: { cycle: monthly }', 'medium: { cycle: weekly }').replace('approvers: [infosec]', 'approvers: [secops]');
    const settings = { 'patchops.yaml': SETTINGS.replace('default_sla: standard', 'default_sla: standrd') };
    const e = evaluateFiles(withBase({ 'standard.sla.yaml': policy, ...settings }), AS_OF);
    const messages = only(e.diagnostics, 'ref.unknown').map((d) => `${d.file} ${d.message.split(':')[0]}`);
    assert.deepEqual(messages.sort(), [
      'patchops.yaml unknown SLA policy `standrd`',
      'standard.sla.yaml unknown cycle `weekly`',
      'standard.sla.yaml unknown team `secops`',
    ]);
  });

  it('an unknown time zone is reported and UTC is used', () => {
    const e = evaluateFiles(withBase({ 'patchops.yaml': SETTINGS.replace('America/Chicago', 'Mars/Olympus_Mons') }), AS_OF);
    const d = e.diagnostics.find((x) => /time zone/.test(x.message))!;
    assert.equal(d.code, 'timezone.unknown');
    assert.equal(at(d), '2:11');
    assert.equal(e.timezone, 'UTC');
  });

  it('an impossible date is reported on its value and read as absent', () => {
    const text = plan({ testing: 'testing: { status: passed, completed: 2026-02-30 }' });
    const e = evaluateFiles(withBase({ 'p.plan.yaml': text }), AS_OF);
    const d = e.diagnostics.find((x) => x.code === 'date.invalid')!;
    assert.match(d.message, /^`completed`: `2026-02-30` is not a real date: February 2026 has 28 days$/);
    assert.equal(at(d), '8:39');
    assert.equal(e.plans[0].clockStart, null);
  });
});
