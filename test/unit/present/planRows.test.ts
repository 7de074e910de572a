// The time a plan has left, in the words the editor's trees and status-bar quick pick show:
// every state, each with an explicit as-of; nothing PatchOps cannot compute reads as fine.
import assert from 'node:assert/strict';
import type { PlanResult } from '../../../src/core/model/evaluation';
import { PLAN_STATES } from '../../../src/core/model/vocabulary';
import { planRow, timeLeftText } from '../../../src/core/present/planRows';
import { evaluateFiles, instant, plan, withBase } from '../../support/workspace';

/** The base plan: critical, testing passed 2026-11-19 15:00 CST, deadline 72h later (2026-11-22 15:00 CST = 21:00Z). */
function basePlan(asOf: string, options: Parameters<typeof plan>[0] = {}) {
  const e = evaluateFiles(withBase({ 'p.plan.yaml': plan(options) }), asOf);
  return { p: e.plans[0], asOf: e.asOf };
}

describe('present: a plan’s time left (trees, quick pick)', () => {
  it('breached: "overdue" and how long, in the two largest units', () => {
    const { p, asOf } = basePlan('2026-11-27T17:00:00Z');
    assert.equal(p.state, 'breached');
    assert.equal(timeLeftText(p, asOf), 'overdue 4d 20h');
  });

  it('due soon and on track: the time left, rounded down', () => {
    const due = basePlan('2026-11-22T11:59:30Z');
    assert.equal(due.p.state, 'due_soon');
    assert.equal(timeLeftText(due.p, due.asOf), '9h left');
    const track = basePlan('2026-11-20T12:00:00Z');
    assert.equal(track.p.state, 'on_track');
    assert.equal(timeLeftText(track.p, track.asOf), '2d 9h left');
  });

  it('a deadline set by testing_within says "to test", and "testing overdue" once passed', () => {
    const pending = { testing: 'testing: { status: pending }' };
    const before = basePlan('2026-11-20T12:00:00Z', pending);
    assert.equal(before.p.deadlineIsTesting, true);
    assert.equal(timeLeftText(before.p, before.asOf), '3h left to test');
    const after = basePlan('2026-11-21T15:00:00Z', pending);
    assert.equal(after.p.state, 'breached');
    assert.equal(timeLeftText(after.p, after.asOf), 'testing overdue 1d');
  });

  it('no deadline: says so and why, never a time or "on track"', () => {
    const { p, asOf } = basePlan('2026-11-20T12:00:00Z', { extra: 'sla: nope' });
    assert.equal(p.state, 'unknown');
    assert.equal(timeLeftText(p, asOf), 'no deadline: unknown SLA policy nope');
  });

  it('awaiting test (the clock has not started), met, missed by, exempt, cancelled', () => {
    const { p, asOf } = basePlan('2026-11-20T12:00:00Z');
    const as = (patch: Partial<PlanResult>) => timeLeftText({ ...p, ...patch }, asOf);
    assert.equal(as({ state: 'awaiting_test', deadline: null }), 'awaiting test: the clock has not started');
    assert.equal(as({ state: 'met', remediatedAt: p.deadline! - 3_600_000 }), 'met');
    assert.equal(as({ state: 'missed', remediatedAt: p.deadline! + 2 * 86_400_000 + 3 * 3_600_000 }), 'missed by 2d 3h');
    assert.equal(as({ state: 'missed', remediatedAt: null }), 'missed');
    assert.equal(as({ state: 'exempt' }), 'exempt');
    assert.equal(as({ state: 'cancelled' }), 'cancelled');
  });

  it('at risk: the time left never reads as fine on its own', () => {
    const { p, asOf } = basePlan('2026-11-20T12:00:00Z');
    assert.equal(timeLeftText({ ...p, atRisk: true }, asOf), '2d 9h left · ⚠ at risk');
    const late = basePlan('2026-11-27T17:00:00Z');
    assert.equal(timeLeftText({ ...late.p, atRisk: true }, late.asOf), 'overdue 4d 20h · ⚠ at risk');
  });

  it('a state with no deadline to count to says so, never a number', () => {
    const { p, asOf } = basePlan('2026-11-20T12:00:00Z');
    for (const state of ['on_track', 'due_soon'] as const) assert.equal(timeLeftText({ ...p, state, deadline: null }, asOf), 'no deadline yet');
    assert.equal(timeLeftText({ ...p, state: 'breached', deadline: null }, asOf), 'overdue');
  });

  it('every state has words, and only breached, due soon and on track show a duration', () => {
    const { p, asOf } = basePlan('2026-11-20T12:00:00Z');
    for (const state of PLAN_STATES) {
      const text = timeLeftText({ ...p, state, remediatedAt: state === 'met' || state === 'missed' ? p.deadline! + 60_000 : null }, asOf);
      assert.ok(text.length > 0, state);
      if (!['breached', 'due_soon', 'on_track', 'missed'].includes(state)) assert.doesNotMatch(text, /\d/, `${state}: ${text}`);
    }
  });

  it('row: the title as label; time left · tier · percent · id as description; the id when there is no title', () => {
    const { p, asOf } = basePlan('2026-11-27T17:00:00Z');
    assert.deepEqual(planRow(p, asOf), { label: 'Test plan', description: 'overdue 4d 20h · critical · 0% · PLAN-1' });
    assert.deepEqual(planRow({ ...p, title: '  ', tier: null, endpointsPercent: null }, asOf), { label: 'PLAN-1', description: 'overdue 4d 20h · — · —' });
    // The as-of is explicit: the same plan one hour later says one hour more.
    assert.equal(timeLeftText(p, asOf + 3_600_000), 'overdue 4d 21h');
    assert.equal(asOf, instant('2026-11-27T17:00:00Z', 'UTC'));
  });
});
