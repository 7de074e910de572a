// Deployment waves (pilot → departments → organization): progress, and the gate each wave must
// pass before the next may start.
import type { WaveResult } from '../model/evaluation';
import type { AssetGroup, DeploymentWave, PlanFile } from '../model/files';
import { formatDuration } from '../time/durations';
import { formatInstantLocal } from '../time/instants';
import type { RuleContext } from './context';
import { sharedText } from './sharedText';
import type { Entity } from '../model/workspace';

export interface WaveInputs {
  groups: ReadonlyMap<string, Entity<AssetGroup>>;
  /** When testing passed; null while it has not. */
  testingPassedAt: number | null;
  /** False for cancelled plans: their waves are shown but not judged. */
  judge: boolean;
}

export function evaluateWaves(ctx: RuleContext, plan: Entity<PlanFile>, inputs: WaveInputs): WaveResult[] {
  const waves = plan.data.waves ?? [];
  const results: WaveResult[] = waves.map((wave, i) => waveProgress(ctx, plan, wave, i, inputs));
  const soaks = waves.map((wave, i) => ctx.duration(plan, ['waves', i, 'gate', 'soak'], wave.gate?.soak));
  for (let i = 0; i < results.length; i++) {
    const current = results[i];
    const started = hasStarted(waves[i]);
    const blockers: string[] = [];
    if (i > 0) blockers.push(...gateBlockers(ctx, waves[i - 1], results[i - 1], soaks[i - 1], current));
    if (i > 0 && inputs.testingPassedAt === null) blockers.push('testing has not passed');
    if (!started) {
      current.blockedBy = blockers.length ? sharedText(blockers.join('; ')) : null;
      continue;
    }
    if (i === 0) continue;
    const testingLate = inputs.testingPassedAt !== null && current.started !== null && current.started < inputs.testingPassedAt;
    const early: string[] = blockers.filter((b) => b !== 'testing has not passed');
    if (inputs.testingPassedAt === null) early.unshift('testing had not passed');
    else if (testingLate) early.unshift(`testing passed only ${formatInstantLocal(inputs.testingPassedAt, ctx.zone)}`);
    current.startedEarly = early.length ? sharedText(early.join('; ')) : null;
    if (!inputs.judge) continue;
    if (inputs.testingPassedAt === null || testingLate) {
      ctx.report(
        plan,
        ['waves', i, 'name'],
        'error',
        'testing.required',
        testingLate
          ? `wave \`${current.name}\` started ${formatInstantLocal(current.started!, ctx.zone)}, before testing passed (${formatInstantLocal(inputs.testingPassedAt!, ctx.zone)}): only the first wave may run before testing passes`
          : `wave \`${current.name}\` has started but testing has not passed: only the first (pilot) wave may run before testing passes`,
      );
    }
    const gate = blockers.filter((b) => b !== 'testing has not passed');
    if (gate.length) {
      ctx.report(plan, ['waves', i, 'name'], 'warning', 'wave.gate', `wave \`${current.name}\` started before its gate was met: ${gate.join('; ')}`);
    }
  }
  return results;
}

function waveProgress(ctx: RuleContext, plan: Entity<PlanFile>, wave: DeploymentWave, i: number, inputs: WaveInputs): WaveResult {
  const targets = wave.targets ?? sumEndpoints(wave.groups ?? [], inputs.groups);
  const patched = wave.patched ?? 0;
  const failed = wave.failed ?? 0;
  const status = wave.status ?? 'planned';
  // More patched and failed than targeted is impossible: no percentage is made of it.
  const possible = targets !== null && patched + failed <= targets;
  const result: WaveResult = {
    index: i,
    name: wave.name,
    status,
    targets,
    patched,
    failed,
    percent: possible && targets ? round1((patched / targets) * 100) : null,
    started: ctx.instant(plan, ['waves', i, 'started'], wave.started) ?? null,
    completed: ctx.instant(plan, ['waves', i, 'completed'], wave.completed) ?? null,
    blockedBy: null,
    startedEarly: null,
  };
  if (!inputs.judge) return result;
  if (targets !== null && patched + failed > targets) {
    ctx.report(
      plan,
      ['waves', i, 'patched'],
      'error',
      'wave.progress',
      `wave \`${wave.name}\`: patched ${patched} + failed ${failed} = ${patched + failed} is more than its ${targets} targets`,
    );
  }
  if (status === 'complete' && wave.completed === undefined) {
    ctx.report(plan, ['waves', i, 'status'], 'error', 'wave.progress', `wave \`${wave.name}\` is complete but has no \`completed\` time: add when it finished`);
  }
  return result;
}

/** What the previous wave still owes before `current` may start. */
function gateBlockers(ctx: RuleContext, prevWave: DeploymentWave, prev: WaveResult, soak: number | undefined, current: WaveResult): string[] {
  if (prev.status !== 'complete') return [`\`${prev.name}\` is ${prev.status.replace('_', ' ')}, not complete`];
  const blockers: string[] = [];
  const minSuccess = prevWave.gate?.min_success;
  if (minSuccess !== undefined && prev.percent === null) {
    // Unknown targets or impossible numbers: the gate cannot be shown to be met (and 0% would be untrue).
    blockers.push(
      `\`${prev.name}\` success is unknown (its targets are unknown or its numbers impossible), so its gate of ${minSuccess}% is not shown to be met`,
    );
  } else if (minSuccess !== undefined && prev.percent !== null && prev.percent < minSuccess) {
    blockers.push(`\`${prev.name}\` success ${prev.percent}% is below its gate of ${minSuccess}%`);
  }
  if (soak !== undefined && prev.completed !== null) {
    const soakEnd = prev.completed + soak;
    const early = current.started !== null ? current.started < soakEnd : !ctx.reached(soakEnd);
    if (early) {
      blockers.push(
        current.started !== null
          ? `it started ${formatDuration(soakEnd - current.started)} before \`${prev.name}\`'s ${prevWave.gate!.soak} soak ended`
          : `\`${prev.name}\` soaks until ${formatInstantLocal(soakEnd, ctx.zone)}`,
      );
    }
  }
  return blockers;
}

function hasStarted(wave: DeploymentWave): boolean {
  return (wave.status ?? 'planned') !== 'planned' || wave.started !== undefined;
}

function sumEndpoints(ids: readonly string[], groups: ReadonlyMap<string, Entity<AssetGroup>>): number | null {
  let sum = 0;
  for (const id of ids) {
    const group = groups.get(id);
    if (!group) return null;
    sum += group.data.endpoints;
  }
  return ids.length ? sum : null;
}

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
