import assert from 'node:assert/strict';
import { at, evaluateFiles, only, plan, withBase } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';
const run = (waves: string, testing?: string) => {
  const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ waves, testing }) }), AS_OF);
  return { e, p: e.plans[0] };
};
const PILOT_DONE =
  '  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-11-19T18:00, completed: 2026-11-20T10:00, gate: { min_success: 95, soak: 24h } }';

describe('waves: progress, gates and the testing gate', () => {
  it('targets default to the sum of the groups; percent = patched / targets', () => {
    const { p } = run(`waves:\n  - { name: Pilot, groups: [pilot, payroll], patched: 11 }\n  - { name: All, targets: 40, patched: 10, failed: 2 }`);
    assert.deepEqual(
      p.waves.map((w) => [w.targets, w.percent]),
      [
        [22, 50],
        [40, 25],
      ],
    );
    assert.deepEqual(p.endpoints, { targets: 62, patched: 21, failed: 2 });
    assert.equal(p.endpointsPercent, 33.9);
  });

  it('wave.progress: patched + failed beyond targets, on patched', () => {
    const { e } = run(`waves:\n  - { name: Pilot, targets: 10, patched: 9, failed: 2, status: in_progress }`);
    const [d] = only(e.diagnostics, 'wave.progress');
    assert.match(d.message, /patched 9 \+ failed 2 = 11 is more than its 10 targets/);
    assert.equal(at(d), '10:42');
  });

  it('wave.progress: complete without a completed time, on status', () => {
    const { e } = run(`waves:\n  - { name: Pilot, targets: 10, patched: 10, status: complete }`);
    assert.match(only(e.diagnostics, 'wave.progress')[0].message, /complete but has no `completed` time/);
  });

  it('wave.gate: a wave started before the previous one completed, on its name', () => {
    const { e } = run(
      `waves:\n  - { name: Pilot, groups: [pilot], patched: 3, status: in_progress }\n  - { name: Departments, groups: [payroll], status: in_progress, started: 2026-11-21T09:00 }`,
    );
    const [d] = only(e.diagnostics, 'wave.gate');
    assert.equal(d.severity, 'warning');
    assert.match(d.message, /`Departments` started before its gate was met: `Pilot` is in progress, not complete/);
    assert.equal(at(d), '11:13');
  });

  it('wave.gate: the previous wave below min_success', () => {
    const pilot = PILOT_DONE.replace('patched: 10', 'patched: 9');
    const { e } = run(`waves:\n${pilot}\n  - { name: Departments, groups: [payroll], status: in_progress, started: 2026-11-22T09:00 }`);
    assert.match(only(e.diagnostics, 'wave.gate')[0].message, /`Pilot` success 90% is below its gate of 95%/);
  });

  it('wave.gate: started before the soak ended', () => {
    const { e } = run(`waves:\n${PILOT_DONE}\n  - { name: Departments, groups: [payroll], status: in_progress, started: 2026-11-21T04:00 }`);
    assert.match(only(e.diagnostics, 'wave.gate')[0].message, /started 6h before `Pilot`'s 24h soak ended/);
  });

  it('no gate problem when every condition holds', () => {
    const { e } = run(`waves:\n${PILOT_DONE}\n  - { name: Departments, groups: [payroll], status: in_progress, started: 2026-11-21T10:00 }`);
    assert.deepEqual(only(e.diagnostics, 'wave.gate'), []);
  });

  it('a planned wave says what blocks it', () => {
    const soaking = run(`waves:\n${PILOT_DONE.replace('soak: 24h', 'soak: 5d')}\n  - { name: Departments, groups: [payroll] }`).p;
    assert.equal(soaking.waves[1].blockedBy, '`Pilot` soaks until 2026-11-25 10:00 (-06:00)');
    const open = run(`waves:\n${PILOT_DONE}\n  - { name: Departments, groups: [payroll] }`).p;
    assert.equal(open.waves[1].blockedBy, null);
    const untested = run(`waves:\n${PILOT_DONE}\n  - { name: Departments, groups: [payroll] }`, 'testing: { status: in_progress }').p;
    assert.equal(untested.waves[1].blockedBy, 'testing has not passed');
  });

  it('testing.required: a wave after the pilot started while testing has not passed', () => {
    const { e } = run(
      `waves:\n${PILOT_DONE}\n  - { name: Departments, groups: [payroll], status: in_progress, started: 2026-11-21T10:00 }`,
      'testing: { status: in_progress }',
    );
    const [d] = only(e.diagnostics, 'testing.required');
    assert.equal(d.severity, 'error');
    assert.equal(at(d), '11:13');
  });

  it('testing.required: a wave that started before testing passed', () => {
    const { e } = run(
      `waves:\n${PILOT_DONE}\n  - { name: Departments, groups: [payroll], status: in_progress, started: 2026-11-21T10:00 }`,
      'testing: { status: passed, completed: 2026-11-22T10:00 }',
    );
    assert.match(only(e.diagnostics, 'testing.required')[0].message, /before testing passed/);
  });

  it('the pilot may run before testing passes', () => {
    const { e } = run(`waves:\n  - { name: Pilot, groups: [pilot], status: in_progress, started: 2026-11-19T18:00 }`, 'testing: { status: in_progress }');
    assert.deepEqual(only(e.diagnostics, 'testing.required'), []);
  });
});

describe('rollback', () => {
  it('missing on a critical-tier plan is an error on the id, with a quick-fix hint', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ rollback: null }) }), AS_OF);
    const [d] = only(e.diagnostics, 'rollback.missing');
    assert.equal(d.severity, 'error');
    assert.equal(at(d), '1:5');
    assert.deepEqual(d.fix, { kind: 'add-rollback' });
  });

  it('missing on a low-tier plan is a warning', () => {
    const vulns = '  - { id: CVE-1, severity: low, discovered: 2026-11-18 }';
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ rollback: null, vulns, affects: '[kiosks]' }) }), AS_OF);
    assert.equal(e.plans[0].tier, 'low');
    assert.equal(only(e.diagnostics, 'rollback.missing')[0].severity, 'warning');
  });

  it('a rollback without who decides, executes or communicates names what is missing', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ rollback: 'rollback:\n  decided_by: infosec\n  steps: [Revert]' }) }), AS_OF);
    const [d] = only(e.diagnostics, 'rollback.missing');
    assert.match(d.message, /lacks `executed_by`, `communication`/);
  });
});
