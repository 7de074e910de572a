// SLA policies resolved once per evaluation: durations in ms, cycles checked, references checked.
import type { SlaFile, WorkspaceFile } from '../model/files';
import type { EpssRaise, RiskMatrix } from '../risk/tiers';
import { checkCycle, type CycleSpec } from '../time/cycles';
import type { RuleContext } from './context';
import { resolvePreset, type ResolvedPreset } from './presetPolicy';
import { TIERS, type ClockStartKind, type Tier } from '../model/vocabulary';
import type { Entity } from '../model/workspace';

export interface TierRule {
  clockStart: ClockStartKind;
  /** Deadline = clock start + within … */
  within?: number;
  /** … or the cycle rule; absent when the named cycle is unknown or broken. */
  cycle?: { name: string; spec: CycleSpec };
}

export interface ResolvedPolicy {
  readonly id: string;
  readonly entity: Entity<SlaFile>;
  readonly warnBefore: number;
  readonly testingWithin?: number;
  readonly tiers: Record<Tier, TierRule>;
  /** The risk model of record (`risk.model`), absent for the matrix; `unusable` when its settings have errors. */
  readonly preset?: ResolvedPreset | 'unusable';
  /** The clock start a preset uses (the policy's `clock_start`, default discovered). */
  readonly clockStart: ClockStartKind;
  readonly matrix?: RiskMatrix;
  readonly kevRaise: number;
  /** `risk.epss_raise`, when the policy has one. */
  readonly epssRaise?: EpssRaise;
  readonly exceptions: {
    readonly approvers: readonly string[];
    readonly maxDuration: Partial<Record<Tier, number>>;
    readonly warnBefore: number;
    readonly requireGitReview: boolean;
    readonly requireSigned: boolean;
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export function resolvePolicy(ctx: RuleContext, entity: Entity<SlaFile>, teams: WorkspaceFile['teams']): ResolvedPolicy {
  const sla = entity.data;
  const defaultStart = sla.clock_start ?? 'discovered';
  const cycles = sla.cycles ?? {};
  const checkedCycles = new Map<string, CycleSpec | undefined>();
  for (const [name, cycle] of Object.entries(cycles)) {
    if (!cycle) continue;
    const problem = checkCycle(cycle);
    if (problem) ctx.report(entity, ['cycles', name, 'rrule'], 'error', 'cycle.invalid', `cycle \`${name}\`: ${problem}`);
    checkedCycles.set(name, problem ? undefined : cycle);
  }

  const tiers = {} as Record<Tier, TierRule>;
  for (const tier of TIERS) {
    // A model of record needs no tiers: each then counts from the clock start with no rule of its own.
    const rule = sla.tiers?.[tier] ?? {};
    const resolved: TierRule = { clockStart: rule.clock_start ?? defaultStart };
    if (rule.within !== undefined) resolved.within = ctx.duration(entity, ['tiers', tier, 'within'], rule.within);
    if (rule.cycle !== undefined) {
      // Own names only: `constructor` or `toString` must not find Object.prototype.
      if (!Object.hasOwn(cycles, rule.cycle)) {
        const known = Object.keys(cycles);
        ctx.report(
          entity,
          ['tiers', tier, 'cycle'],
          'error',
          'ref.unknown',
          `unknown cycle \`${rule.cycle}\`: ${known.length ? `the cycles are ${known.join(', ')}` : 'define it under `cycles`'}`,
        );
      } else {
        const spec = checkedCycles.get(rule.cycle);
        if (spec) resolved.cycle = { name: rule.cycle, spec };
      }
    }
    tiers[tier] = resolved;
  }

  const rules = sla.exceptions ?? {};
  const approvers = rules.approvers ?? [];
  approvers.forEach((team, i) => {
    if (!teamOf(teams, team)) {
      ctx.report(entity, ['exceptions', 'approvers', i], 'error', 'ref.unknown', unknownTeam(team, teams));
    }
  });
  const maxDuration: Partial<Record<Tier, number>> = {};
  for (const tier of TIERS) {
    const text = rules.max_duration?.[tier];
    const ms = ctx.duration(entity, ['exceptions', 'max_duration', tier], text);
    if (ms !== undefined) maxDuration[tier] = ms;
  }

  const cycleNamed = (path: (string | number)[], name: string) => {
    if (!Object.hasOwn(cycles, name)) {
      const known = Object.keys(cycles);
      ctx.report(
        entity,
        path,
        'error',
        'ref.unknown',
        `unknown cycle \`${name}\`: ${known.length ? `the cycles are ${known.join(', ')}` : 'define it under `cycles`'}`,
      );
      return undefined;
    }
    const spec = checkedCycles.get(name);
    return spec ? { name, spec } : undefined;
  };
  const preset = resolvePreset(ctx, entity, cycleNamed);

  return {
    id: sla.id,
    entity,
    preset,
    clockStart: defaultStart,
    warnBefore: ctx.duration(entity, ['warn_before'], sla.warn_before) ?? DAY,
    testingWithin: ctx.duration(entity, ['testing_within'], sla.testing_within),
    tiers,
    matrix: sla.risk?.matrix,
    kevRaise: sla.risk?.kev_raise ?? 0,
    epssRaise: sla.risk?.epss_raise ? { threshold: sla.risk.epss_raise.threshold, steps: sla.risk.epss_raise.steps ?? 1 } : undefined,
    exceptions: {
      approvers,
      maxDuration,
      warnBefore: ctx.duration(entity, ['exceptions', 'warn_before'], rules.warn_before) ?? 14 * DAY,
      requireGitReview: rules.require_git_review ?? false,
      requireSigned: rules.require_signed ?? false,
    },
  };
}

/**
 * The team named `id`, or undefined. Own properties only: a name like `constructor` or `toString`
 * must not find Object.prototype's member (a file names teams; it does not reach into JavaScript).
 */
export function teamOf(teams: WorkspaceFile['teams'], id: string): WorkspaceFile['teams'][string] | undefined {
  return Object.hasOwn(teams, id) ? teams[id] : undefined;
}

export function unknownTeam(team: string, teams: WorkspaceFile['teams']): string {
  const known = Object.keys(teams);
  return `unknown team \`${team}\`: ${known.length ? `the teams in patchops.yaml are ${known.join(', ')}` : 'patchops.yaml defines no teams'}`;
}
