import assert from 'node:assert/strict';
import { planDescription, planLensTitle, waveLensTitle } from '../../../src/core/present/summaries';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

describe('summaries shown by lenses and trees', () => {
  const waves = `waves:
  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-11-19T18:00, completed: 2026-11-20T10:00, gate: { min_success: 95, soak: 5d } }
  - { name: Departments, groups: [payroll], patched: 4, failed: 1 }`;
  const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ waves }) }), '2026-11-23T12:00:00Z');
  const p = e.plans[0];

  it('plan lens: tier · local deadline · state · endpoints', () => {
    assert.equal(planLensTitle(p, e.asOf, e.timezone), 'critical · due 2026-11-22 15:00 CST · ⚠ SLA breached 15h ago · 63.6% of 22 endpoints');
  });

  it('wave lens: status · patched/targets · gate', () => {
    assert.equal(waveLensTitle(p.waves[0]), 'complete · 10/10 patched · first wave');
    assert.equal(waveLensTitle(p.waves[1]), 'planned · 4/12 patched, 1 failed · blocked: Pilot soaks until 2026-11-25 10:00 CST');
  });

  it('tree description: tier · state · percent', () => {
    assert.equal(planDescription(p), 'critical · breached · 63.6%');
  });
});
