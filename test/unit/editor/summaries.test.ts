import assert from 'node:assert/strict';
import { planRow } from '../../../src/core/present/planRows';
import { planLensTitle, waveLensTitle } from '../../../src/core/present/summaries';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

describe('summaries shown by lenses and trees', () => {
  const waves = `waves:
  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-11-19T18:00, completed: 2026-11-20T10:00, gate: { min_success: 95, soak: 5d } }
  - { name: Departments, groups: [payroll], patched: 4, failed: 1 }`;
  const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ waves }) }), '2026-11-23T12:00:00Z');
  const p = e.plans[0];

  it('plan lens: tier · local deadline · state · endpoints', () => {
    assert.equal(planLensTitle(p, e.asOf, e.timezone), 'critical · due 2026-11-22 15:00 (-06:00) · ⚠ SLA breached 15h ago · 63.6% of 22 endpoints');
  });

  it('wave lens: status · patched/targets · gate', () => {
    assert.equal(waveLensTitle(p.waves[0]), 'complete · 10/10 patched · first wave');
    assert.equal(waveLensTitle(p.waves[1]), 'planned · 4/12 patched, 1 failed · blocked: Pilot soaks until 2026-11-25 10:00 (-06:00)');
  });

  it('wave lens: a wave that started before its gate was met never says "gate met"', () => {
    const early = waves.replace(
      '{ name: Departments, groups: [payroll], patched: 4, failed: 1 }',
      '{ name: Departments, groups: [payroll], patched: 4, status: in_progress, started: 2026-11-21T09:00 }',
    );
    const r = evaluateFiles(withBase({ 'p.plan.yaml': plan({ waves: early }) }), '2026-11-23T12:00:00Z');
    assert.ok(
      r.diagnostics.some((d) => d.code === 'wave.gate'),
      'the diagnostic says the gate was not met',
    );
    const lens = waveLensTitle(r.plans[0].waves[1]);
    assert.equal(lens, "in progress · 4/12 patched · ⚠ started before its gate: it started 4d 1h before Pilot's 5d soak ended");
    assert.doesNotMatch(lens, /gate met/);
  });

  it('plan lens and tree: no deadline says why; unknown endpoints are not a percentage', () => {
    const text = plan({ extra: 'sla: nope', waves: 'waves:\n  - { name: Pilot, groups: [nowhere], patched: 3, status: in_progress }' });
    const r = evaluateFiles(withBase({ 'p.plan.yaml': text }), '2026-11-23T12:00:00Z');
    assert.equal(planLensTitle(r.plans[0], r.asOf, r.timezone), 'no tier · ⚠ no deadline: unknown SLA policy `nope` · endpoints unknown');
    assert.deepEqual(planRow(r.plans[0], r.asOf), { label: 'Test plan', description: 'no deadline: unknown SLA policy nope · — · — · PLAN-1' });
  });

  it('tree row: the title; time left · tier · percent · id', () => {
    assert.deepEqual(planRow(p, e.asOf), { label: 'Test plan', description: 'overdue 15h · critical · 63.6% · PLAN-1' });
  });
});
