// A patch plan's SLA (docs/rules.md): scope after exceptions, tier, clock start, deadline and state.
import type { ExceptionResult, PairDeadline, PlanResult, VulnerabilityResult, WaveResult } from '../model/evaluation';
import type { AssetGroup, PlanFile, WorkspaceFile } from '../model/files';
import { maxImpact, maxSeverity, tierFor } from '../risk/tiers';
import { cycleDeadline } from '../time/cycles';
import { formatDuration } from '../time/durations';
import { formatInstantLocal } from '../time/instants';
import type { RuleContext } from './context';
import { forecastPlan } from './forecast';
import { checkPlanReferences } from './planReferences';
import type { ResolvedPolicy, TierRule } from './policies';
import type { ScoredVulnerabilities } from './vulnerabilities';
import { checkPresetInputs } from './presetChecks';
import { sharedText } from './sharedText';
import { presetDeadlines } from './presetDeadlines';
import { evaluateWaves, round1 } from './waves';
import type { ClockStartKind, Impact, PlanState, SeverityBand, Tier } from '../model/vocabulary';
import type { Entity } from '../model/workspace';

/** A plan's SLA policy, or why it has none (then the plan has no deadline: state `unknown`). */
export interface PlanPolicy {
  policy?: ResolvedPolicy;
  problem?: string;
  /** The policy id the answer is about, where one is named (`default_sla`). */
  id?: string;
}

export interface PlanInputs {
  teams: WorkspaceFile['teams'];
  groups: ReadonlyMap<string, Entity<AssetGroup>>;
  brokenGroups: ReadonlyMap<string, string>;
  policy: PlanPolicy;
  scored: ScoredVulnerabilities;
  /** Effective exceptions by the vulnerability ids they name. */
  exemptions: ReadonlyMap<string, readonly ExceptionResult[]>;
  /** The workspace's maintenance windows and freezes, for the forecast. */
  calendar?: Pick<WorkspaceFile, 'maintenance_windows' | 'freezes'>;
}

const HOUR = 3_600_000;
/** The one empty list results share for no pairs and no exemptions (20,000 lists fewer at 10,000 plans). */
const NONE: readonly never[] = Object.freeze([]);

export function evaluatePlan(ctx: RuleContext, plan: Entity<PlanFile>, inputs: PlanInputs): PlanResult {
  const p = plan.data;
  const cancelled = p.status === 'cancelled';
  // A file that cannot be read at all has its own errors; nothing in it is judged.
  const unreadableFile = plan.damaged?.includes('') ?? false;
  if (!unreadableFile) checkPlanReferences(ctx, plan, inputs);

  const scope = scopeOf(plan, inputs);
  const testingPassedAt = testingPassed(ctx, plan);
  const waves = evaluateWaves(ctx, plan, { groups: inputs.groups, testingPassedAt, judge: !cancelled });
  const endpoints = sumEndpoints(waves);
  const remediatedAt = remediatedAtOf(waves);
  const policy = inputs.policy.policy;

  const result = listingVulnerabilities(scope, {
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
    unknownReason: null,
    clockStartKind: null,
    clockStart: null,
    deadline: null,
    deadlineIsTesting: false,
    deadlineOrigin: null,
    remediatedAt,
    timeToPatchHours: null,
    timeToPatchMs: null,
    endpoints,
    endpointsPercent: endpoints.targets ? round1((endpoints.patched / endpoints.targets) * 100) : null,
    waves,
    exemptedBy: scope.exemptedBy,
    testing: p.testing?.status ?? null,
    riskModel: policy?.entity.data.risk?.model ?? 'matrix',
    deadlineBy: null,
    pairs: NONE,
  });

  // Why no deadline can be computed: the first reason found; null while nothing stands in the way.
  let problem = unreadable(plan);
  if (scope.exempt && problem === null) {
    result.state = cancelled ? 'cancelled' : 'exempt';
    result.severity = result.impact = null;
    return result;
  }
  if (problem === null && !policy) problem = inputs.policy.problem ?? 'no SLA policy applies';
  if (policy?.preset !== undefined) {
    // A model of record: a deadline per vulnerability × group, the earliest wins (presetDeadlines.ts).
    if (policy.preset === 'unusable') problem ??= `the risk model of SLA policy \`${policy.id}\` cannot be used (see the errors in its file)`;
    else if (!cancelled) {
      const preset = presetDeadlines(ctx, plan, policy, policy.preset, {
        scored: scope.scored,
        inScope: scope.inScopeIndexes,
        groups: inputs.groups,
        exemptions: inputs.exemptions,
        testedAt: testingPassedAt,
      });
      Object.assign(result, { tier: preset.tier, deadline: preset.deadline, clockStart: preset.clockStart, clockStartKind: preset.clockStartKind });
      Object.assign(result, { deadlineBy: preset.deadlineBy, pairs: preset.pairs });
      result.deadlineOrigin = presetOrigin(result.riskModel, preset.deadlineBy);
      if (!unreadableFile) checkPresetInputs(ctx, plan, policy.preset, preset.pairs, inputs.groups);
      problem ??= preset.problem;
      if (
        problem === null &&
        preset.deadline === null &&
        preset.pairs.some((x) => x.clockStartKind === 'tested' && x.clockStart === null) &&
        testingPassedAt === null
      ) {
        result.clockStartKind = 'tested';
      }
    }
    return finish(ctx, plan, inputs, result, policy, problem, cancelled, unreadableFile, testingPassedAt);
  }
  if (problem === null && scope.unknownSeverity && scope.severity !== 'critical') {
    problem = `the severity of \`${scope.unknownSeverity}\` is unknown: give it a valid \`cvss\` vector or a \`severity\``;
  }
  if (policy && scope.severity) {
    result.tier = tierFor(scope.severity, scope.impact ?? 'high', scope.kev, policy.matrix, policy.kevRaise, {
      probability: scope.epss,
      rule: policy.epssRaise,
    });
    if (problem === null && scope.unreadableRaise && result.tier !== 'critical')
      problem = `\`${scope.unreadableRaise}\` cannot be read, and it may raise the tier`;
  }
  if (policy && result.tier && !cancelled) {
    const rule = policy.tiers[result.tier];
    result.clockStartKind = rule.clockStart;
    result.clockStart = clockStartOf(rule.clockStart, scope, testingPassedAt);
    if (problem === null) problem = unreadableClock(plan, rule.clockStart, scope, policy.testingWithin !== undefined, testingPassedAt);
    if (problem === null && rule.within === undefined && !rule.cycle) {
      problem = `the ${result.tier} tier of SLA policy \`${policy.id}\` has no usable deadline rule (see the errors in its file)`;
    }
    if (problem === null) {
      const deadline = deadlineOf(ctx, policy, result.tier, result.clockStart);
      if (typeof deadline === 'string') problem = deadline;
      else result.deadline = deadline;
      result.deadlineOrigin = sharedText(tierOrigin(result.tier, rule, policy.entity.data.tiers?.[result.tier]?.within));
    }
    if (problem === null && result.clockStart === null && rule.clockStart !== 'tested') {
      problem = `no vulnerability in scope has a \`${rule.clockStart === 'published' ? 'published` or `discovered' : 'discovered'}\` date, so the SLA clock cannot start`;
    }
    if (result.deadline === null && rule.clockStart === 'tested' && testingPassedAt === null && policy.testingWithin !== undefined) {
      const discovered = earliestOf(scope, 'discovered');
      if (discovered !== null) {
        result.deadline = discovered + policy.testingWithin;
        result.deadlineIsTesting = true;
        result.deadlineOrigin = sharedText(`testing must pass within ${asWritten(policy.entity.data.testing_within, policy.testingWithin)} of discovery`);
      }
    }
  }
  return finish(ctx, plan, inputs, result, policy, problem, cancelled, unreadableFile, testingPassedAt);
}

/** Time to patch, the state, and the plan's SLA and rollback diagnostics. */
function finish(
  ctx: RuleContext,
  plan: Entity<PlanFile>,
  inputs: PlanInputs,
  result: PlanResult,
  policy: ResolvedPolicy | undefined,
  problem: string | null,
  cancelled: boolean,
  unreadableFile: boolean,
  testingPassedAt: number | null,
): PlanResult {
  const remediatedAt = result.remediatedAt;
  if (remediatedAt !== null && result.clockStart !== null) {
    result.timeToPatchMs = remediatedAt - result.clockStart;
    result.timeToPatchHours = round1(result.timeToPatchMs / HOUR);
  }
  if (cancelled) result.state = 'cancelled';
  else if (problem !== null) {
    result.state = 'unknown';
    result.unknownReason = problem;
    result.deadline = null;
    result.deadlineIsTesting = false;
  } else result.state = stateOf(ctx, result, policy, testingPassedAt);
  if (result.deadline === null || cancelled) result.deadlineOrigin = null;

  if (!cancelled && !unreadableFile) {
    const forecast = forecastPlan(ctx, plan, result, { groups: inputs.groups, workspace: inputs.calendar, testingPassedAt });
    if (forecast) result.forecast = forecast;
    reportSla(ctx, plan, result, policy);
    checkRollback(ctx, plan, result.tier);
  }
  return result;
}

interface Scope {
  /** The plan's vulnerabilities, scored. */
  scored: ScoredVulnerabilities;
  /** Each in-scope vulnerability's index in the plan's list. */
  inScopeIndexes: number[];
  /** The others' (all their groups covered by effective exceptions); null when there are none. */
  outOfScopeIndexes: number[] | null;
  exemptedBy: readonly string[];
  exempt: boolean;
  severity?: SeverityBand;
  /** An in-scope vulnerability whose severity is unknown (no usable vector or severity). */
  unknownSeverity?: string;
  /** A field of an in-scope vulnerability that could raise the tier but cannot be read. */
  unreadableRaise?: string;
  impact?: Impact;
  kev: boolean;
  /** The highest EPSS probability in scope. */
  epss?: number;
}

/**
 * (vulnerabilities × affected groups) minus the pairs an effective exception covers. A group
 * that is unknown or unusable counts as high impact: what it is cannot be told, so the worst.
 */
function scopeOf(plan: Entity<PlanFile>, inputs: PlanInputs): Scope {
  const p = plan.data;
  const exemptedBy = new Set<string>();
  const remainingGroups = new Set<string>();
  const inScopeIndexes: number[] = [];
  let outOfScopeIndexes: number[] | null = null;
  let severity: SeverityBand | undefined;
  let unknownSeverity: string | undefined;
  let unreadableRaise: string | undefined;
  let kev = false;
  let epss: number | undefined;
  // Nothing is made per vulnerability (indexed loops: not even an iterator step before the code is
  // optimized, as a one-shot run mostly is): plans list hundreds.
  const affects = p.affects;
  const scored = inputs.scored;
  for (let i = 0; i < scored.length; i++) {
    const id = scored.id(i);
    let remaining = affects.length === 0; // nothing affected can be read: keep the vulnerability in scope
    const exemptions = affects.length ? inputs.exemptions.get(id) : undefined;
    for (let k = 0; k < affects.length; k++) {
      const g = affects[k];
      let covered = false;
      if (exemptions) {
        for (const e of exemptions) {
          if (!e.entity.data.groups.includes(g)) continue;
          exemptedBy.add(e.id);
          covered = true;
        }
      }
      if (!covered) {
        remaining = true;
        remainingGroups.add(g);
      }
    }
    if (!remaining) {
      (outOfScopeIndexes ??= []).push(i);
      continue;
    }
    inScopeIndexes.push(i);
    const band = scored.severity(i);
    if (band) severity = maxSeverity(severity, band);
    else unknownSeverity ??= id;
    if (plan.damaged !== undefined) {
      for (const field of RAISE_FIELDS) {
        if (isFieldDamaged(plan, i, field)) unreadableRaise ??= `vulnerabilities[${i}].${field}`;
      }
    }
    kev ||= scored.kev(i);
    const probability = scored.epss(i);
    if (probability !== undefined) epss = Math.max(epss ?? 0, probability);
  }
  let impact: Impact | undefined;
  for (const g of remainingGroups) impact = maxImpact(impact, inputs.groups.get(g)?.data.impact ?? 'high');
  // "None counts as low" (docs/rules.md#severity): a plan's severity is at least low.
  if (severity === 'none') severity = 'low';
  return {
    scored,
    inScopeIndexes,
    outOfScopeIndexes,
    exemptedBy: exemptedBy.size ? [...exemptedBy].sort() : NONE,
    exempt: inScopeIndexes.length === 0,
    severity,
    unknownSeverity,
    unreadableRaise,
    impact,
    kev,
    epss,
  };
}

/** What each plan result lists its vulnerabilities' records from. */
const listings = new WeakMap<object, Pick<Scope, 'scored' | 'outOfScopeIndexes'>>();

/**
 * `result` with its `vulnerabilities`: an own, enumerable property whose records are made each
 * time it is read (a spread, JSON and a structured clone see plain data), so that an evaluation
 * keeps no record per vulnerability (rules/vulnerabilities.ts). Reports read them once a plan.
 */
function listingVulnerabilities(scope: Scope, result: Omit<PlanResult, 'vulnerabilities'>): PlanResult {
  listings.set(result, { scored: scope.scored, outOfScopeIndexes: scope.outOfScopeIndexes });
  return Object.defineProperty(result, 'vulnerabilities', { get: listedVulnerabilities, enumerable: true }) as PlanResult;
}

function listedVulnerabilities(this: object): VulnerabilityResult[] {
  const { scored, outOfScopeIndexes } = listings.get(this)!;
  const records: VulnerabilityResult[] = [];
  let next = 0; // the next out-of-scope index
  for (let i = 0; i < scored.length; i++) {
    if (outOfScopeIndexes !== null && outOfScopeIndexes[next] === i) {
      records.push(scored.outOfScopeRecord(i));
      next++;
    } else records.push(scored.record(i));
  }
  return records;
}

/** The fields of a vulnerability that may raise a plan's tier. */
const RAISE_FIELDS = ['kev', 'epss'] as const;

/** Whether the value at `pointer` (or what holds it) was set aside as unreadable. */
function isDamaged(plan: Entity<PlanFile>, pointer: string): boolean {
  return plan.damaged?.some((d) => pointer === d || pointer.startsWith(`${d}/`)) ?? false;
}

/** `isDamaged` for `/vulnerabilities/<i>/<field>`; the pointer is made only for a plan with something unreadable. */
function isFieldDamaged(plan: Entity<PlanFile>, i: number, field: string): boolean {
  return plan.damaged !== undefined && isDamaged(plan, `/vulnerabilities/${i}/${field}`);
}

/** Why nothing about the plan's SLA can be computed, or null. */
function unreadable(plan: Entity<PlanFile>): string | null {
  if (plan.damaged?.includes('')) return `${plan.source.file} cannot be read: fix the errors in it`;
  if (plan.damaged?.includes('/vulnerabilities')) return 'its `vulnerabilities` cannot be read';
  // A made-up CVE or severity must not give a deadline that looks real (model/placeholders.ts).
  const held = plan.placeholders?.find((p) => /^\/(vulnerabilities|affects)(\/|$)/.test(p));
  if (held)
    return `\`${held
      .slice(1)
      .replace(/\/(\d+)/g, '[$1]')
      .replace(/\//g, '.')}\` is still a template placeholder: fill it in`;
  return null;
}

/**
 * Why the clock start cannot be told: a date it depends on is unreadable (a schema error, or an
 * instant that does not exist). The other dates would give a later start, so a wrong deadline.
 */
function unreadableClock(plan: Entity<PlanFile>, kind: ClockStartKind, scope: Scope, testingWithin: boolean, testedAt: number | null): string | null {
  const p = plan.data;
  if (kind === 'tested') {
    // Testing that cannot be read has not passed (nothing deploys before it reads `passed`):
    // with `testing_within` that gives the earlier deadline; without, no deadline at all.
    if (isDamaged(plan, '/testing/status') && !testingWithin) return '`testing.status` cannot be read, so the SLA clock start is unknown';
    if (p.testing?.status === 'passed' && testedAt === null) return '`testing.completed` is missing or cannot be read, so the SLA clock cannot start';
    if (!testingWithin || testedAt !== null) return null;
  }
  const fields = kind === 'published' ? PUBLISHED_FIELDS : DISCOVERED_FIELDS;
  for (const i of scope.inScopeIndexes) {
    for (const field of fields) {
      const written = p.vulnerabilities[i][field] !== undefined;
      const read = scope.scored.date(i, field) !== undefined;
      if (isFieldDamaged(plan, i, field) || (written && !read)) return `\`vulnerabilities[${i}].${field}\` cannot be read, so the SLA clock start is unknown`;
    }
  }
  return null;
}

/** The dates a clock start of each kind reads, in the order they are tried. */
const PUBLISHED_FIELDS = ['published', 'discovered'] as const;
const DISCOVERED_FIELDS = ['discovered'] as const;

function testingPassed(ctx: RuleContext, plan: Entity<PlanFile>): number | null {
  const testing = plan.data.testing;
  // Dates no rule needs are still checked: an impossible one is a mistake to point at.
  ctx.instant(plan, ['testing', 'started'], testing?.started);
  ctx.instant(plan, ['retrospective', 'held'], plan.data.retrospective?.held);
  if (testing?.status !== 'passed') return null;
  if (testing.completed === undefined) {
    ctx.report(
      plan,
      ['testing', 'status'],
      'error',
      'testing.completed-missing',
      'testing passed but `testing.completed` is missing: add when it passed (the SLA clock may start then)',
    );
    return null;
  }
  return ctx.instant(plan, ['testing', 'completed'], testing.completed) ?? null;
}

function clockStartOf(kind: ClockStartKind, scope: Scope, testedAt: number | null): number | null {
  switch (kind) {
    case 'tested':
      return testedAt;
    case 'published':
      return earliestOf(scope, 'published') ?? earliestOf(scope, 'discovered');
    case 'discovered':
      return earliestOf(scope, 'discovered');
  }
}

/** The deadline from the clock start, or why there can be none (a cycle that never occurs). */
function deadlineOf(ctx: RuleContext, policy: ResolvedPolicy, tier: Tier, clockStart: number | null): number | null | string {
  if (clockStart === null) return null;
  const rule = policy.tiers[tier];
  if (rule.within !== undefined) return clockStart + rule.within;
  const cycle = cycleDeadline(rule.cycle!.spec, clockStart, ctx.zone);
  return cycle.ok ? cycle.deadline : `cycle \`${rule.cycle!.name}\` of SLA policy \`${policy.id}\` ${cycle.message}`;
}

const CLOCK_START_WORDS: Readonly<Record<ClockStartKind, string>> = { tested: 'testing passed', published: 'publication', discovered: 'discovery' };

/** A duration as the policy wrote it (`72h`, not `3d`), or as computed when the text is not at hand. */
const asWritten = (text: unknown, ms: number): string => (typeof text === 'string' ? text : formatDuration(ms));

/** "critical tier: 72h from testing passed", "medium tier: cycle `monthly` after discovery". */
function tierOrigin(tier: Tier, rule: TierRule, written: unknown): string {
  const from = CLOCK_START_WORDS[rule.clockStart];
  return rule.within !== undefined
    ? `${tier} tier: ${asWritten(written, rule.within)} from ${from}`
    : `${tier} tier: cycle \`${rule.cycle!.name}\` after ${from}`;
}

/** Under a model of record, the pair that sets the deadline: its outcome, or the KEV catalog's due date when that caps it. */
function presetOrigin(model: string, by: PairDeadline | null): string | null {
  if (by === null || by.deadline === null) return null;
  const pair = `${by.vulnerability} on ${by.group ?? 'an unknown group'}`;
  return by.kevDue !== null && by.kevDue === by.deadline ? `${model}: KEV due date of ${by.vulnerability}` : `${model}: ${by.outcome} (${pair})`;
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
  const by = r.deadlineBy;
  // Under a model of record the deadline is the named pair's, explained.
  const tierText = by
    ? `${r.riskModel} deadline (${by.vulnerability} on ${by.group ?? 'an unknown group'}: ${by.inputs} → ${by.outcome})`
    : `${r.tier}-tier deadline`;
  const started = r.deadlineIsTesting
    ? `testing must pass within ${policy?.testingWithin !== undefined ? formatDuration(policy.testingWithin) : '?'} of discovery`
    : r.clockStart !== null
      ? `clock started ${local(r.clockStart)} (${r.clockStartKind === 'tested' ? 'testing passed' : r.clockStartKind})`
      : '';
  switch (r.state) {
    case 'breached':
      ctx.report(
        plan,
        ['id'],
        'error',
        'sla.breached',
        `SLA breached: ${tierText} ${local(r.deadline!)} passed ${ctx.since(r.deadline!)} ago; ${started}${progress}`,
      );
      break;
    case 'due_soon':
      ctx.report(
        plan,
        ['id'],
        'warning',
        'sla.due-soon',
        `SLA due soon: ${tierText} ${local(r.deadline!)}, ${ctx.until(r.deadline!)} left; ${started}${progress}`,
      );
      break;
    case 'missed':
      ctx.report(
        plan,
        ['id'],
        'info',
        'sla.missed',
        `SLA missed: remediated ${local(r.remediatedAt!)}, ${formatDuration(r.remediatedAt! - r.deadline!)} after its ${tierText} ${local(r.deadline!)}`,
      );
      break;
    case 'unknown':
      ctx.report(plan, ['id'], 'error', 'sla.unknown', `no deadline: ${r.unknownReason}; until that is fixed PatchOps cannot tell whether this plan is late`);
      break;
  }
}

function checkRollback(ctx: RuleContext, plan: Entity<PlanFile>, tier: Tier | null): void {
  const rollback = plan.data.rollback;
  const severity = tier === 'critical' || tier === 'high' ? 'error' : 'warning';
  const why = tier ? ` (required for a ${tier}-tier plan)` : '';
  if (!rollback) {
    ctx.report(
      plan,
      ['id'],
      severity,
      'rollback.missing',
      `no rollback procedure${why}: document who decides (decided_by), who executes (executed_by) and how it is communicated`,
      { fix: { kind: 'add-rollback' } },
    );
    return;
  }
  const missing = (['decided_by', 'executed_by', 'communication'] as const).filter((k) => rollback[k] === undefined);
  if (missing.length) {
    ctx.report(plan, ['rollback'], severity, 'rollback.missing', `rollback procedure lacks ${missing.map((k) => `\`${k}\``).join(', ')}${why}`, {
      part: 'key',
      fix: { kind: 'add-rollback' },
    });
  }
}

/** The earliest date in scope. */
function earliestOf(scope: Scope, field: 'published' | 'discovered'): number | null {
  let min: number | null = null;
  for (const i of scope.inScopeIndexes) {
    const v = scope.scored.date(i, field);
    if (v !== undefined && (min === null || v < min)) min = v;
  }
  return min;
}

/**
 * Endpoints over the plan's waves. A wave whose targets are unknown (an unknown group) or whose
 * numbers are impossible (more patched and failed than targets) makes the plan's figures unknown:
 * targets null, rather than a percentage no one could have reached.
 */
function sumEndpoints(waves: WaveResult[]): PlanResult['endpoints'] {
  const sum = { targets: 0 as number | null, patched: 0, failed: 0 };
  for (const w of waves) {
    if (w.targets === null || w.patched + w.failed > w.targets) sum.targets = null;
    else if (sum.targets !== null) sum.targets += w.targets;
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
