// Will the plan make its deadline? (docs/rules.md#forecast) Each wave is projected: it starts no
// earlier than the as-of, its `planned_start`, testing having passed (after the pilot), the
// previous wave's gate and soak, and then at the next open instant of its maintenance windows
// outside any freeze; it takes its `duration`, or targets / `rate` days, of open time. An
// in-progress wave projects the rest at the rate it has shown. Fail closed: what cannot be
// projected says why, and is never shown as on time.
import type { AssetGroup, PlanFile, WorkspaceFile } from '../model/files';
import type { PlanForecast, PlanResult, WaveForecast } from '../model/evaluation';
import type { ForecastCause } from '../model/vocabulary';
import type { Entity } from '../model/workspace';
import { DAY_MS, formatDuration, HOUR_MS } from '../time/durations';
import { formatInstantLocal } from '../time/instants';
import { addOpenTime, freezeAt, freezeWithin, nextOpen, openTimeBetween, unionCalendars, type Calendar, type Freeze } from '../time/windows';
import { readCalendar } from './calendar';
import type { RuleContext } from './context';
import { round1 } from './waves';

export interface ForecastInputs {
  groups: ReadonlyMap<string, Entity<AssetGroup>>;
  /** The workspace's windows and freezes (patchops.yaml). */
  workspace: Pick<WorkspaceFile, 'maintenance_windows' | 'freezes'> | undefined;
  testingPassedAt: number | null;
}

/** Whether the plan has anything to forecast with: without, there is no forecast and no diagnostic. */
function hasScheduleInputs(plan: PlanFile): boolean {
  return (plan.waves ?? []).some((w) => w.planned_start !== undefined || w.duration !== undefined || w.rate !== undefined);
}

interface Step {
  start: number;
  finish: number;
  cause: ForecastCause;
  /** The freeze that delayed the start or interrupted the work. */
  freeze?: Freeze;
  /** What the cause waits for, in words, for the at-risk message. */
  detail: string;
}

/**
 * Projects the plan's waves (result.waves get their `forecast`), reports `wave.window` and
 * `sla.at-risk`, and returns the plan's forecast; null without schedule inputs.
 */
export function forecastPlan(ctx: RuleContext, plan: Entity<PlanFile>, result: PlanResult, inputs: ForecastInputs): PlanForecast | null {
  const waves = plan.data.waves ?? [];
  if (!hasScheduleInputs(plan.data) || waves.length === 0) return null;
  const local = (ms: number) => formatInstantLocal(ms, ctx.zone);
  const steps: (Step | undefined)[] = [];
  let failure: { cause: ForecastCause | null; reason: string } | undefined;
  const fail = (cause: ForecastCause | null, reason: string) => (failure = { cause, reason });
  const freezes: Freeze[] = [];

  // Starts and observed rates are taken as of the next full hour, so an answer holds for up to an hour.
  const asOfHour = Math.ceil(ctx.asOf / HOUR_MS) * HOUR_MS;
  const now = () => {
    ctx.reached(asOfHour + 1);
    return asOfHour;
  };

  // Every planned start is read and checked against its wave's windows, projected or not.
  const plannedStarts = waves.map((w, i) => {
    const t = ctx.instant(plan, ['waves', i, 'planned_start'], w.planned_start);
    const calendar = t === undefined ? undefined : waveCalendar(w.groups ?? [], inputs, ctx.zone);
    if (t !== undefined && typeof calendar === 'object' && result.waves[i].status === 'planned') checkPlannedStart(ctx, plan, i, t, calendar);
    return t;
  });

  for (let i = 0; i < waves.length && !failure; i++) {
    const w = waves[i];
    const r = result.waves[i];
    const named = `wave \`${w.name}\``;
    const calendar = waveCalendar(w.groups ?? [], inputs, ctx.zone);
    if (typeof calendar === 'string') {
      fail(null, `${named}: ${calendar}`);
      break;
    }
    for (const f of calendar.freezes) if (!freezes.includes(f)) freezes.push(f);
    const plannedStart = plannedStarts[i];
    if (w.duration !== undefined && w.rate !== undefined) {
      ctx.report(plan, ['waves', i, 'rate'], 'error', 'schema', `${named} has both \`duration\` and \`rate\`: give one of them`);
      fail(null, `${named} has both \`duration\` and \`rate\``);
      break;
    }
    const duration = ctx.duration(plan, ['waves', i, 'duration'], w.duration);
    if (w.rate !== undefined && !(w.rate > 0)) {
      fail(null, `${named}: \`rate\` must be more than 0 endpoints a day`);
      break;
    }
    if (r.status === 'complete') {
      if (r.completed === null) {
        fail(null, `${named} is complete but has no readable \`completed\` time`);
        break;
      }
      steps.push({ start: r.started ?? r.completed, finish: r.completed, cause: 'done', detail: '' });
      continue;
    }
    if (r.status === 'paused' || r.status === 'rolled_back') {
      fail('status', `${named} is ${r.status.replace('_', ' ')}: when it goes on is not known`);
      break;
    }
    if (i > 0) {
      const prevWave = waves[i - 1];
      const prev = result.waves[i - 1];
      const minSuccess = prevWave.gate?.min_success;
      if (prev.status === 'complete' && minSuccess !== undefined && (prev.percent ?? 0) < minSuccess) {
        fail('gate', `\`${prev.name}\` finished at ${prev.percent ?? 0}%, below its gate of ${minSuccess}%: \`${w.name}\` cannot start`);
        break;
      }
    }
    const work = workOf(w.rate, duration, r.targets, r.patched + r.failed);
    if (r.status === 'in_progress') {
      if (r.started === null) {
        fail(null, `${named} is in progress but has no readable \`started\` time`);
        break;
      }
      if (r.targets === null) {
        fail(null, `${named}: its number of targets is not known`);
        break;
      }
      const asOf = now();
      const remaining = Math.max(0, r.targets - r.patched - r.failed);
      const done = r.patched + r.failed;
      const elapsed = openTimeBetween(calendar, ctx.zone, r.started, asOf);
      if (typeof elapsed === 'string') {
        fail(null, `${named}: ${elapsed}`);
        break;
      }
      let left: number;
      let detail: string;
      if (done > 0 && elapsed > 0) {
        left = Math.round((remaining * elapsed) / done);
        detail = `at the rate so far (${round1((done * DAY_MS) / elapsed)} endpoints a day of window time) its ${remaining} remaining endpoints take ${formatDuration(left)}`;
      } else if (typeof work === 'number') {
        left = w.rate !== undefined ? work : Math.max(0, work - elapsed);
        detail = `its remaining work takes ${formatDuration(left)} of window time`;
      } else {
        fail(null, `${named} has patched nothing yet and has no \`duration\` or \`rate\` to project it with`);
        break;
      }
      const from = nextOpen(calendar, ctx.zone, Math.max(asOf, r.started));
      const finish = from.ok ? addOpenTime(calendar, ctx.zone, from.at, left) : from;
      if (!finish.ok) {
        fail('window', `${named}: ${finish.message}`);
        break;
      }
      const freeze = freezeWithin(calendar, asOf, finish.at);
      steps.push({ start: r.started, finish: finish.at, cause: freeze ? 'freeze' : 'progress', freeze, detail });
      continue;
    }
    // A planned wave.
    if (typeof work === 'string') {
      fail(null, `${named}: ${work}`);
      break;
    }
    const constraints: [number, ForecastCause, string][] = [];
    if (plannedStart !== undefined) constraints.push([plannedStart, 'planned_start', `it is planned to start ${local(plannedStart)}`]);
    if (i > 0) {
      if (inputs.testingPassedAt === null) {
        fail('testing', `testing has not passed, so \`${w.name}\` cannot start and when it may is not known`);
        break;
      }
      constraints.push([inputs.testingPassedAt, 'testing', `testing passed only ${local(inputs.testingPassedAt)}`]);
      const prev = steps[i - 1]!;
      const soak = ctx.duration(plan, ['waves', i - 1, 'gate', 'soak'], waves[i - 1].gate?.soak) ?? 0;
      constraints.push(
        soak > 0
          ? [prev.finish + soak, 'soak', `\`${waves[i - 1].name}\` finishes ${local(prev.finish)} and soaks ${waves[i - 1].gate!.soak}`]
          : [prev.finish, 'previous_wave', `\`${waves[i - 1].name}\` finishes ${local(prev.finish)}`],
      );
    }
    // The latest constraint binds; ties go to the one written first above.
    let earliest = -Infinity;
    let cause: ForecastCause = 'as_of';
    let detail = '';
    for (const [t, c, d] of constraints) {
      if (t > earliest) [earliest, cause, detail] = [t, c, d];
    }
    // Not started and its constraints are past: it can start at the as-of at the earliest.
    if (ctx.reached(earliest)) {
      earliest = now();
      cause = 'as_of';
      detail = `it has not started as of ${local(earliest)}`;
    }
    const start = nextOpen(calendar, ctx.zone, earliest);
    if (!start.ok) {
      fail('window', `${named}: ${start.message}`);
      break;
    }
    let freeze = start.at > earliest ? freezeWithin(calendar, earliest, start.at) : undefined;
    if (start.at > earliest) {
      cause = freeze ? 'freeze' : 'window';
      if (!freeze) detail = `the next maintenance window opens ${local(start.at)}`;
    }
    const finish = addOpenTime(calendar, ctx.zone, start.at, work);
    if (!finish.ok) {
      fail('window', `${named}: ${finish.message}`);
      break;
    }
    if (!freeze) {
      freeze = freezeWithin(calendar, start.at, finish.at);
      if (freeze) cause = 'freeze';
    }
    steps.push({ start: start.at, finish: finish.at, cause, freeze, detail: detail || `it takes ${formatDuration(work)} of window time` });
  }

  result.waves.forEach((r, i) => {
    const s = steps[i];
    r.forecast = { start: s?.start ?? null, finish: s?.finish ?? null } satisfies WaveForecast;
  });
  freezes.sort((a, b) => a.from - b.from || a.to - b.to);
  if (failure) return { finish: null, slackHours: null, limitedBy: failure.cause, unknownReason: failure.reason, freezes };

  const last = steps[steps.length - 1]!;
  const forecast: PlanForecast = {
    finish: last.finish,
    slackHours: result.deadline !== null && !result.deadlineIsTesting ? round1((result.deadline - last.finish) / HOUR_MS) : null,
    limitedBy: limitedBy(steps as Step[]),
    unknownReason: null,
    freezes,
  };
  reportAtRisk(ctx, plan, result, steps as Step[]);
  return forecast;
}

/** Walks back the chain of waves that waited on the one before: the first other cause limits the plan. */
function limitedBy(steps: Step[]): ForecastCause {
  for (let i = steps.length - 1; i >= 0; i--) {
    const c = steps[i].cause;
    if (c !== 'previous_wave' && c !== 'soak') return c;
    if (c === 'soak') return 'soak';
  }
  return 'done';
}

function reportAtRisk(ctx: RuleContext, plan: Entity<PlanFile>, result: PlanResult, steps: Step[]): void {
  const deadline = result.deadline;
  if (deadline === null || result.deadlineIsTesting || (result.state !== 'on_track' && result.state !== 'due_soon')) return;
  const i = steps.findIndex((s) => s.finish > deadline);
  if (i < 0) return;
  const local = (ms: number) => formatInstantLocal(ms, ctx.zone);
  const s = steps[i];
  result.atRisk = true;
  const why = s.freeze ? `the ${local(s.freeze.from)} – ${local(s.freeze.to)} freeze${s.freeze.reason ? ` (${s.freeze.reason})` : ''} blocks it` : s.detail;
  ctx.report(
    plan,
    ['waves', i, 'name'],
    'warning',
    'sla.at-risk',
    `SLA at risk: \`${result.waves[i].name}\` wave finishes ${local(s.finish)}, ${formatDuration(s.finish - deadline)} after the ${local(deadline)} deadline: ${why}`,
  );
}

function checkPlannedStart(ctx: RuleContext, plan: Entity<PlanFile>, i: number, t: number, calendar: Calendar): void {
  const local = (ms: number) => formatInstantLocal(ms, ctx.zone);
  const freeze = freezeAt(calendar, t);
  if (freeze) {
    ctx.report(
      plan,
      ['waves', i, 'planned_start'],
      'warning',
      'wave.window',
      `planned start ${local(t)} is inside the ${local(freeze.from)} – ${local(freeze.to)} freeze${freeze.reason ? ` (${freeze.reason})` : ''}: plan it for ${local(freeze.to)} or later`,
    );
    return;
  }
  const open = nextOpen(calendar, ctx.zone, t);
  if (open.ok && open.at > t) {
    ctx.report(
      plan,
      ['waves', i, 'planned_start'],
      'warning',
      'wave.window',
      `planned start ${local(t)} is outside every maintenance window: the next one opens ${local(open.at)}`,
    );
  }
}

/** The open time a wave needs, or why it cannot be told. */
function workOf(rate: number | undefined, duration: number | undefined, targets: number | null, done: number): number | string {
  if (duration !== undefined) return duration;
  if (rate === undefined) return 'it has no `duration` or `rate`, so how long it takes is not known';
  if (targets === null) return 'its number of targets is not known, so `rate` cannot give a duration';
  return Math.round((Math.max(0, targets - done) / rate) * DAY_MS);
}

/** The union of the wave's groups' calendars (a group's own windows replace the workspace's; freezes add up). */
function waveCalendar(groupIds: readonly string[], inputs: ForecastInputs, zone: string): Calendar | string {
  const workspace = readCalendar(inputs.workspace ?? {}, zone);
  if (!workspace.calendar) return 'the maintenance windows or freezes in patchops.yaml cannot be used (see the errors there)';
  const calendars: Calendar[] = [];
  for (const id of groupIds) {
    const group = inputs.groups.get(id);
    if (!group || (group.data.maintenance_windows === undefined && group.data.freezes === undefined)) {
      calendars.push(workspace.calendar);
      continue;
    }
    const own = readCalendar(group.data, zone);
    if (!own.calendar) return `the maintenance windows or freezes of group \`${id}\` cannot be used (see the errors there)`;
    calendars.push({
      windows: group.data.maintenance_windows !== undefined ? own.calendar.windows : workspace.calendar.windows,
      freezes: [...workspace.calendar.freezes, ...own.calendar.freezes],
    });
  }
  return calendars.length ? unionCalendars(calendars) : workspace.calendar;
}
