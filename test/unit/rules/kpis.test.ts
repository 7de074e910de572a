import assert from 'node:assert/strict';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

const AS_OF = '2026-11-23T12:00:00Z';
const done = (completed: string, patched = 10) =>
  `waves:\n  - { name: Pilot, groups: [pilot], patched: ${patched}, status: complete, started: 2026-11-19T18:00, completed: ${completed} }`;

describe('KPIs (docs/rules.md#kpis)', () => {
  it('no judged plans: compliance is null, not 0 or 100', () => {
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ testing: 'testing: { status: pending }' }) }), '2026-11-19T00:00:00Z');
    assert.equal(e.plans[0].state, 'on_track');
    assert.equal(e.kpis.slaCompliancePercent, null);
  });

  it('compliance = met / (met + missed + breached), one decimal; endpoints over active plans', () => {
    const e = evaluateFiles(
      withBase({
        'met.plan.yaml': plan({ id: 'MET', waves: done('2026-11-21T10:00') }), // 43 h after the clock start
        'missed.plan.yaml': plan({ id: 'MISSED', waves: done('2026-11-23T03:00', 7) }), // 84 h (03:00 (-06:00) = 09:00Z)
        'breached.plan.yaml': plan({ id: 'BREACHED' }),
        'cancelled.plan.yaml': plan({ id: 'CANCELLED', extra: 'status: cancelled', waves: done('2026-11-21T10:00', 2) }),
      }),
      AS_OF,
    );
    assert.deepEqual(Object.fromEntries(e.plans.map((p) => [p.id, p.state])), { BREACHED: 'breached', CANCELLED: 'cancelled', MET: 'met', MISSED: 'missed' });
    assert.equal(e.kpis.slaCompliancePercent, 33.3);
    // active plans: 10 + 7 + 0 patched of 10 + 10 + 10 targets; the cancelled plan does not count
    assert.equal(e.kpis.endpointsRemediatedPercent, 56.7);
    assert.deepEqual(e.kpis.meanTimeToPatchHours, { critical: 63.5, high: null, medium: null, low: null });
    assert.equal(e.kpis.openBreaches, 1);
    assert.deepEqual(e.kpis.plansByState, { met: 1, missed: 1, breached: 1, cancelled: 1 });
  });
});
