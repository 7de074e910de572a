// `status --state`: the CLI's names (hyphenated, `no-deadline`, `at-risk`) reach the editor's
// matcher (planFilter.ts) as the states they name; a plan without a deadline is found by both.
import assert from 'node:assert/strict';
import { filterPlans } from '../../../src/core/present/statusFilter';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

describe('status --state names', () => {
  // PLAN-2: a severity no policy knows, so no deadline can be computed.
  const e = evaluateFiles(
    withBase({
      'a.plan.yaml': plan({ id: 'PLAN-1' }),
      'b.plan.yaml': plan({ id: 'PLAN-2', vulns: '  - { id: CVE-2026-0002, severity: catastrophic, discovered: 2026-11-18T09:00 }' }),
    }),
    '2026-11-21T12:00:00Z',
  );
  const ids = (states: string[]) => filterPlans(e.plans, { states }, e.asOf).map((p) => p.id);

  it('no-deadline and unknown keep the plan without a deadline; other states do not', () => {
    assert.deepEqual(
      e.plans.map((p) => [p.id, p.state]),
      [
        ['PLAN-1', 'on_track'],
        ['PLAN-2', 'unknown'],
      ],
    );
    assert.deepEqual(ids(['no-deadline']), ['PLAN-2']);
    assert.deepEqual(ids(['unknown']), ['PLAN-2']);
    assert.deepEqual(ids(['on-track']), ['PLAN-1']);
    assert.deepEqual(ids(['breached']), []);
  });
});
