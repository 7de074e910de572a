// A patch plan's SLA (SPEC §1): scope after exceptions, tier, clock start, deadline and state.
import type { ExceptionResult, PlanResult, VulnerabilityResult, WaveResult } from '../model/evaluation';
import type { AssetGroup, PlanFile, WorkspaceFile } from '../model/files';
import type { Impact, PlanState, SeverityBand, Tier } from '../report/reportModel';
import { maxImpact, maxSeverity, tierFor } from '../risk/tiers';
import { cycleDeadline } from '../time/cycles';
import { formatDuration } from '../time/durations';
import { formatInstantLocal } from '../time/instants';
import type { Entity } from '../workspace/model';
import type { RuleContext } from './context';
import { checkPlanReferences } from './planReferences';
import type { ClockStartKind, ResolvedPolicy } from './policies';
import type { ScoredVulnerability } from './vulnerabilities';
import { evaluateWaves, round1 } from './waves';

export interface PlanInputs {
  teams: WorkspaceFile['teams'];
  groups: ReadonlyMap<string, Entity<AssetGroup>>;
  brokenGroups: ReadonlySet<string>;
  /** The plan's policy; undefined when it names an unknown one or none exists. */
  policy?: ResolvedPolicy;
  scored: ScoredVulnerability[];
  /** Effective exceptions by the vulnerability ids they name. */
  exemptions: ReadonlyMap<string, readonly ExceptionResult[]>;
}

const HOUR = 3_600_000;

export function evaluatePlan(ctx: RuleContext, plan: Entity<PlanFile>, inputs: PlanInputs): PlanResult {
  const p = plan.data;
  const cancelled = p.status === 'cancelled';
  checkPlanReferences(ctx, plan, inputs);

  const scope = scopeOf(p, inputs);
  const testingPassedAt = testingPassed(ctx, plan);
  const waves = evaluateWaves(ctx, plan, { groups: inputs.groups, testingPassedAt, judge: !cancelled });
  const endpoints = sumEndpoints(waves);
  const remediatedAt = remediatedAtOf(waves);
  const policy = inputs.policy;

  const result: PlanResult = {
    entity: plan,
    id: p.id,
    title: p.title,
    policyId: policy?.id ?? null,
    status: cancelled ? 'cancelled' : 'active',
    severity: scope.severity ?? null,
    impact: scope.impact ?? null,
    kev: scope.kev,
    tier: null,
    state: 'on_track',
    clockStartKind: null,
    clockStart: null,
    deadline: null,
    deadlineIsTesting: false,
    remediatedAt,
    timeToPatchHours: null,
    endpoints,
    endpointsPercent: endpoints.targets ? round1((endpoints.patched / endpoints.targets) * 100) : null,
    vulnerabilities: scope.vulnerabilities,
    waves,
    exemptedBy: scope.exemptedBy,
    testing: p.testing?.status ?? null,
  };

  if (scope.exempt) {
    result.state = cancelled ? 'cancelled' : 'exempt';
    result.severity = result.impact = null;
    return result;
  }
  if (policy && scope.severity) {
    result.tier = tierFor(scope.severity, scope.impact ?? 'high', scope.kev, policy.matrix, policy.kevRaise, { probability: scope.epss, rule: policy.epssRaise });
  }
  if (policy && result.tier && !cancelled) {
    const rule = policy.tiers[result.tier];
    result.clockStartKind = rule.clockStart;
    result.clockStart = clockStartOf(rule.clockStart, scope.inScope, testingPassedAt);
    result.deadline = deadlineOf(ctx, plan, policy, result.tier, result.clockStart);
    if (result.deadline === null && rule.clockStart === 'tested' && testingPassedAt === null && policy.testingWithin !== undefined) {
      const discovered = earliest(scope.inScope.map((v) => v.discovered));
      if (discovered !== null) {
        result.deadline = discovered + policy.testingWithin;
        result.deadlineIsTesting = true;
      }
    }
  }
  if (remediatedAt !== null && result.clockStart !== null) {
    result.timeToPatchHours = round1((remediatedAt - result.clockStart) / HOUR);
  }
  result.state = cancelled ? 'cancelled' : stateOf(ctx, result, policy, testingPassedAt);

  if (!cancelled) {
    reportSla(ctx, plan, result, policy);
    checkRollback(ctx, plan, result.tier);
  }
  return result;
}

interface Scope {
  vulnerabilities: VulnerabilityResult[];
  inScope: ScoredVulnerability[];
  exemptedBy: string[];
  exempt: boolean;
  severity?: SeverityBand;
  impact?: Impact;
  kev: boolean;
  /** The highest EPSS probability in scope. */
  epss?: number;
}

/** (vulnerabilities × affected groups) minus the pairs an effective exception covers. */
function scopeOf(p: PlanFile, inputs: PlanInputs): Scope {
  const groups = p.affects.filter((id) => inputs.groups.has(id));
  const exemptedBy = new Set<string>();
  const remainingGroups = new Set<string>();
  const vulnerabilities: VulnerabilityResult[] = [];
  const inScope: ScoredVulnerability[] = [];
  let severity: SeverityBand | undefined;
  let kev = false;
  let epss: number | undefined;
  for (const v of inputs.scored) {
    let remaining = groups.length === 0; // unknown groups alone: keep the vulnerability in scope
    for (const g of groups) {
      const cover = inputs.exemptions.get(v.id)?.find((e) => e.entity.data.groups.includes(g));
      if (cover) exemptedBy.add(cover.id);
      else {
        remaining = true;
        remainingGroups.add(g);
      }
    }
    vulnerabilities.push(remaining ? v : { id: v.id, severity: v.severity, score: v.score, cvssVersion: v.cvssVersion, kev: v.kev, inScope: false });
    if (!remaining) continue;
    inScope.push(v);
    if (v.severity) severity = maxSeverity(severity, v.severity);
    kev ||= v.kev;
    if (v.epss !== undefined) epss = Math.max(epss ?? 0, v.epss);
  }
  let impact: Impact | undefined;
  for (const g of remainingGroups) impact = maxImpact(impact, inputs.groups.get(g)!.data.impact);
  return { vulnerabilities, inScope, exemptedBy: [...exemptedBy].sort(), exempt: inScope.length === 0, severity, impact, kev, epss };
}

function testingPassed(ctx: RuleContext, plan: Entity<PlanFile>): number | null {
  const testing = plan.data.testing;
  if (testing?.status !== 'passed') return null;
  if (testing.completed === undefined) {
    ctx.report(plan, ['testing', 'status'], 'error', 'schema', 'testing passed but `testing.completed` is missing: add when it passed (the SLA clock may start then)');
    return null;
  }
  return ctx.instant(plan, ['testing', 'completed'], testing.completed) ?? null;
}

function clockStartOf(kind: ClockStartKind, inScope: ScoredVulnerability[], testedAt: number | null): number | null {
  switch (kind) {
    case 'tested':
      return testedAt;
    case 'published':
      return earliest(inScope.map((v) => v.published)) ?? earliest(inScope.map((v) => v.discovered));
    case 'discovered':
      return earliest(inScope.map((v) => v.discovered));
  }
}

function deadlineOf(ctx: RuleContext, plan: Entity<PlanFile>, policy: ResolvedPolicy, tier: Tier, clockStart: number | null): number | null {
  if (clockStart === null) return null;
  const rule = policy.tiers[tier];
  if (rule.within !== undefined) return clockStart + rule.within;
  if (!rule.cycle) return null;
  const cycle = cycleDeadline(rule.cycle.spec, clockStart, ctx.zone);
  if (cycle.ok) return cycle.deadline;
  ctx.report(plan, ['id'], 'error', 'schema', `no deadline: cycle \`${rule.cycle.name}\` of policy \`${policy.id}\` ${cycle.message}`);
  return null;
}

function stateOf(ctx: RuleContext, r: PlanResult, policy: ResolvedPolicy | undefined, testedAt: number | null): PlanState {
  if (r.remediatedAt !== null) return r.deadline === null || r.remediatedAt <= r.deadline ? 'met' : 'missed';
  if (r.deadline === null) return r.clockStartKind === 'tested' && testedAt === null ? 'awaiting_test' : 'on_track';
  if (ctx.reached(r.deadline + 1)) return 'breached';
  if (ctx.reached(r.deadline - (policy?.warnBefore ?? 0))) return 'due_soon';
  return 'on_track';
}

function reportSla(ctx: RuleContext, plan: Entity<PlanFile>, r: PlanResult, policy: ResolvedPolicy | undefined): void {
  const local = (ms: number) => formatInstantLocal(ms, ctx.zone);
  const progress = r.endpoints.targets ? `; ${r.endpoints.patched} of ${r.endpoints.targets} endpoints patched` : '';
  const tierText = `${r.tier}-tier deadline`;
  const started = r.deadlineIsTesting
    ? `testing must pass within ${policy?.testingWithin !== undefined ? formatDuration(policy.testingWithin) : '?'} of discovery`
    : r.clockStart !== null
      ? `clock started ${local(r.clockStart)} (${r.clockStartKind === 'tested' ? 'testing passed' : r.clockStartKind})`
      : '';
  switch (r.state) {
    case 'breached':
      ctx.report(plan, ['id'], 'error', 'sla.breached', `SLA breached: ${tierText} ${local(r.deadline!)} passed ${ctx.since(r.deadline!)} ago; ${started}${progress}`);
      break;
    case 'due_soon':
      ctx.report(plan, ['id'], 'warning', 'sla.due-soon', `SLA due soon: ${tierText} ${local(r.deadline!)}, ${ctx.until(r.deadline!)} left; ${started}${progress}`);
      break;
    case 'missed':
      ctx.report(plan, ['id'], 'info', 'sla.missed', `SLA missed: remediated ${local(r.remediatedAt!)}, ${formatDuration(r.remediatedAt! - r.deadline!)} after its ${tierText} ${local(r.deadline!)}`);
      break;
    case 'on_track':
      if (r.deadline === null && r.tier !== null && r.clockStartKind !== 'tested') {
        ctx.report(plan, ['id'], 'warning', 'schema', `no SLA clock start: no vulnerability in scope has a \`${r.clockStartKind === 'published' ? 'published` or `discovered' : 'discovered'}\` date`);
      }
      break;
  }
}

function checkRollback(ctx: RuleContext, plan: Entity<PlanFile>, tier: Tier | null): void {
  const rollback = plan.data.rollback;
  const severity = tier === 'critical' || tier === 'high' ? 'error' : 'warning';
  const why = tier ? ` (required for a ${tier}-tier plan)` : '';
  if (!rollback) {
    ctx.report(plan, ['id'], severity, 'rollback.missing', `no rollback procedure${why}: document who decides (decided_by), who executes (executed_by) and how it is communicated`, { fix: { kind: 'add-rollback' } });
    return;
  }
  const missing = (['decided_by', 'executed_by', 'communication'] as const).filter((k) => rollback[k] === undefined);
  if (missing.length) {
    ctx.report(plan, ['rollback'], severity, 'rollback.missing', `rollback procedure lacks ${missing.map((k) => `\`${k}\``).join(', ')}${why}`, { part: 'key', fix: { kind: 'add-rollback' } });
  }
}

function earliest(values: (number | undefined)[]): number | null {
  let min: number | null = null;
  for (const v of values) if (v !== undefined && (min === null || v < min)) min = v;
  return min;
}

function sumEndpoints(waves: WaveResult[]) {
  const sum = { targets: 0, patched: 0, failed: 0 };
  for (const w of waves) {
    sum.targets += w.targets ?? 0;
    sum.patched += w.patched;
    sum.failed += w.failed;
  }
  return sum;
}

/** The latest wave completion, once every wave is complete. */
function remediatedAtOf(waves: WaveResult[]): number | null {
  if (waves.length === 0 || waves.some((w) => w.status !== 'complete' || w.completed === null)) return null;
  return Math.max(...waves.map((w) => w.completed!));
}
