// The Plans and SLA status views' filter: what it lets through, what a filtered view says (never
// "all clear"), what it offers, and what it keeps of a stored value.
import assert from 'node:assert/strict';
import { filterChoices, filterSummary, filterText, isFiltering, matchesFilter, NO_FILTER, ownersOf, readFilter } from '../../../src/core/present/planFilter';
import type { PlanResult } from '../../../src/core/model/evaluation';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

describe('present: the plan views’ filter', () => {
  // PLAN-1 critical, it-ops; PLAN-2 no deadline (unknown policy), owner infosec-ops; as of a breach of PLAN-1.
  const e = evaluateFiles(
    withBase({
      'a.plan.yaml': plan({ id: 'PLAN-1' }),
      'b.plan.yaml': plan({ id: 'PLAN-2', extra: 'sla: nope' }).replace('owner: it-ops', 'owner: night-shift'),
    }),
    '2026-11-23T12:00:00Z',
  );
  const [p1, p2] = ['PLAN-1', 'PLAN-2'].map((id) => e.plans.find((p) => p.id === id)!);
  const ids = (filter: Parameters<typeof matchesFilter>[1]) => e.plans.filter((p) => matchesFilter(p, filter)).map((p) => p.id);

  it('no filter lets every plan through; within a kind any value, across kinds all', () => {
    assert.equal(p1.state, 'breached');
    assert.equal(p2.state, 'unknown');
    assert.deepEqual(ids(NO_FILTER), ['PLAN-1', 'PLAN-2']);
    assert.deepEqual(ids({ ...NO_FILTER, states: ['breached'] }), ['PLAN-1']);
    assert.deepEqual(ids({ ...NO_FILTER, states: ['breached', 'unknown'] }), ['PLAN-1', 'PLAN-2']);
    assert.deepEqual(ids({ ...NO_FILTER, owners: ['night-shift'] }), ['PLAN-2']);
    assert.deepEqual(ids({ ...NO_FILTER, tiers: ['critical'] }), ['PLAN-1']);
    assert.deepEqual(ids({ ...NO_FILTER, tiers: ['none'] }), ['PLAN-2']);
    assert.deepEqual(ids({ states: ['breached'], owners: ['night-shift'], tiers: [] }), []);
  });

  it('"at risk" lets through plans projected to finish late, whatever their state', () => {
    const risky: PlanResult = { ...p2, state: 'on_track', atRisk: true };
    assert.ok(matchesFilter(risky, { ...NO_FILTER, states: ['at_risk'] }));
    assert.ok(!matchesFilter(p1, { ...NO_FILTER, states: ['at_risk'] }));
  });

  it('a filtered view says so, how many plans it hides, and never looks empty by accident', () => {
    assert.equal(filterSummary(NO_FILTER, 2, 2), undefined);
    assert.deepEqual(filterSummary({ ...NO_FILTER, states: ['breached', 'at_risk'], tiers: ['critical'] }, 1, 2), {
      description: 'filtered: 1 of 2 plans',
      message: 'Filtered (breached or at risk; tier critical): 1 plan is hidden.',
    });
    assert.deepEqual(filterSummary({ ...NO_FILTER, owners: ['nobody'] }, 0, 2), {
      description: 'filtered: 0 of 2 plans',
      message: 'No plan matches the filter (owner nobody); 2 plans are hidden. Clear the filter to see them.',
    });
    assert.equal(filterText({ states: ['unknown'], owners: [], tiers: ['none'] }), 'no deadline; no tier');
  });

  it('offers every state and at risk, the owners the plans name, every tier and no tier, with counts', () => {
    const choices = filterChoices(e.plans);
    const find = (kind: string, value: string) => choices.find((c) => c.kind === kind && c.value === value);
    assert.equal(find('states', 'breached')?.description, '1 plan');
    assert.equal(find('states', 'at_risk')?.label, 'At risk');
    assert.equal(find('states', 'on_track')?.description, '0 plans');
    assert.deepEqual(
      choices.filter((c) => c.kind === 'owners').map((c) => c.label),
      ['it-ops', 'night-shift'],
    );
    assert.deepEqual(ownersOf(e.plans), ['it-ops', 'night-shift']);
    assert.equal(find('tiers', 'none')?.label, 'No tier');
    assert.equal(find('tiers', 'none')?.description, '1 plan');
    assert.deepEqual([...new Set(choices.map((c) => c.section))], ['State', 'Owner', 'Tier']);
  });

  it('reads back only what it knows from storage', () => {
    assert.deepEqual(readFilter(undefined), NO_FILTER);
    assert.deepEqual(readFilter('breached'), NO_FILTER);
    assert.deepEqual(readFilter({ states: ['breached', 'late', 3, 'breached'], owners: ['it-ops', null], tiers: ['critical', 'urgent', 'none'] }), {
      states: ['breached'],
      owners: ['it-ops'],
      tiers: ['critical', 'none'],
    });
    assert.equal(isFiltering(readFilter({ states: ['late'] })), false);
  });
});
