// The short texts every surface shows for a plan or a wave (code lenses, tree items, status):
// computed once here so the editor and the CLI say the same thing. The words for states and
// tiers are the labels every surface uses (labels.ts).
import type { ExceptionResult, PlanResult, WaveResult } from '../model/evaluation';
import { formatDuration } from '../time/durations';
import { formatInstantLocal } from '../time/instants';
import { inText, tierLabel, waveStatusLabel } from './labels';

/** "⚠ SLA breached 3h ago", "due in 10h", "met", … relative to `asOf`. */
export function planStateText(plan: PlanResult, asOf: number): string {
  switch (plan.state) {
    case 'breached':
      return `⚠ SLA breached ${formatDuration(asOf - plan.deadline!)} ago`;
    case 'due_soon':
      return `⏰ SLA due in ${formatDuration(plan.deadline! - asOf)}`;
    case 'on_track':
      return plan.deadline !== null ? `on track, ${formatDuration(plan.deadline - asOf)} left` : 'on track';
    case 'awaiting_test':
      return 'awaiting test: the clock starts when testing passes';
    case 'met':
      return '✓ SLA met';
    case 'missed':
      return `SLA missed by ${formatDuration(plan.remediatedAt! - plan.deadline!)}`;
    case 'exempt':
      return `exempt (${plan.exemptedBy.join(', ')})`;
    case 'cancelled':
      return 'cancelled';
    case 'unknown':
      return `⚠ no deadline: ${plan.unknownReason}`;
  }
}

function endpointsText(plan: PlanResult): string {
  const { targets } = plan.endpoints;
  if (targets === null) return 'endpoints unknown';
  return targets ? `${plan.endpointsPercent}% of ${targets} endpoints` : 'no endpoints targeted';
}

/** The code lens above a plan's id: tier · deadline · state · endpoints (· forecast, when it has one). */
export function planLensTitle(plan: PlanResult, asOf: number, zone: string): string {
  const parts = [inText(tierLabel(plan.tier))];
  if (plan.deadline !== null) parts.push(`due ${formatInstantLocal(plan.deadline, zone)}`);
  parts.push(planStateText(plan, asOf), endpointsText(plan));
  const forecast = forecastText(plan, zone);
  if (forecast) parts.push(forecast);
  // A model of record: the pair that sets the deadline, and what was assumed (docs/rules.md#risk-models).
  const by = plan.deadlineBy;
  if (by) parts.push(`${by.vulnerability} on ${by.group ?? 'an unknown group'}: ${by.inputs} → ${by.outcome}`);
  const assumed = [...new Set(plan.pairs.flatMap((x) => x.assumed))];
  if (assumed.length) parts.push(`assumed ${assumed.join(', ')}`);
  return parts.join(' · ');
}

/**
 * The plan's forecast (docs/rules.md#forecast) in words: "projected finish 2026-12-12 09:00 (-06:00) ·
 * 2d to spare", "⚠ at risk: projected finish …, 3d after the deadline", "no forecast: why";
 * undefined for a plan without schedule inputs.
 */
export function forecastText(plan: PlanResult, zone: string): string | undefined {
  const f = plan.forecast;
  if (!f) return undefined;
  if (f.finish === null) return `no forecast: ${(f.unknownReason ?? 'it cannot be computed').replace(/`/g, '')}`;
  const finish = `projected finish ${formatInstantLocal(f.finish, zone)}`;
  if (plan.deadline === null || plan.deadlineIsTesting) return finish;
  const slack = plan.deadline - f.finish;
  if (plan.atRisk) return `⚠ at risk: ${finish}, ${formatDuration(-slack)} after the deadline`;
  return slack >= 0 ? `${finish} · ${formatDuration(slack)} to spare` : `${finish}, ${formatDuration(-slack)} after the deadline`;
}

/** The code lens above a wave: status · patched/targets · gate met or what blocks it (· its projection, given the zone). */
export function waveLensTitle(wave: WaveResult, zone?: string): string {
  const progress = `${wave.patched}/${wave.targets ?? '?'} patched${wave.failed ? `, ${wave.failed} failed` : ''}`;
  const gate = wave.blockedBy
    ? `blocked: ${wave.blockedBy.replace(/`/g, '')}`
    : wave.startedEarly
      ? `⚠ started before its gate: ${wave.startedEarly.replace(/`/g, '')}`
      : wave.index === 0
        ? 'first wave'
        : 'gate met';
  const forecast =
    wave.forecast && wave.status !== 'complete' && wave.forecast.finish !== null && wave.forecast.start !== null
      ? ` · projected ${formatInstantLocal(wave.forecast.start, zone ?? 'UTC')} → ${formatInstantLocal(wave.forecast.finish, zone ?? 'UTC')}`
      : '';
  return `${inText(waveStatusLabel(wave.status))} · ${progress} · ${gate}${zone ? forecast : ''}`;
}

export function waveDescription(wave: WaveResult): string {
  const pct = wave.percent === null ? '' : ` (${wave.percent}%)`;
  return `${inText(waveStatusLabel(wave.status))} · ${wave.patched}/${wave.targets ?? '?'}${pct}`;
}

/** The code lens above an exception's `approval:`: who committed it, when, and what git proves. */
export function approvalLensTitle(exception: ExceptionResult): string {
  const commit = exception.commit;
  const by = commit ? `committed by ${commit.author} on ${commit.date.slice(0, 10)} (${commit.commit.slice(0, 7)})` : '';
  const signature = commit && commit.signature !== 'unchecked' ? ` · signature ${commit.signature}` : '';
  switch (exception.approval) {
    case 'verified':
      return `✓ approval verified · ${by}${signature}`;
    case 'unverified':
      return `⚠ approval not verified: ${exception.detail ?? 'git does not show the approver committed it'}${by ? ` · last ${by}` : ''}`;
    case 'unchecked':
      return `approval not checked by git${exception.detail ? ` (${exception.detail})` : ''}`;
    case 'missing':
      return 'no approval yet';
  }
}
