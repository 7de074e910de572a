// A plan's deadline under a risk model of record (docs/rules.md#risk-models): one deadline per
// in-scope vulnerability × affected group, the plan's is the earliest, and the pair that sets it
// is named with its explanation and the inputs that were assumed.
import type { PlanFile, AssetGroup } from '../model/files';
import { presetAnswer } from '../risk/models/registry';
import type { Exploitation, Exposure, ModelAnswer, PairFacts, TechnicalImpact } from '../risk/models/types';
import { maxTier } from '../risk/tiers';
import { cycleDeadline } from '../time/cycles';
import { daysInMonth, formatInstantLocal, instantToWallClock, wallClockMs, wallClockToInstant } from '../time/instants';
import type { RuleContext } from './context';
import type { ResolvedPolicy } from './policies';
import type { ResolvedPreset, ResolvedRule } from './presetPolicy';
import type { ScoredVulnerabilities } from './vulnerabilities';
import type { ClockStartKind, SeverityBand, Tier } from '../model/vocabulary';
import type { Entity } from '../model/workspace';
import type { ExceptionResult, PairDeadline } from '../model/evaluation';

export interface PresetOutcome {
  tier: Tier | null;
  deadline: number | null;
  clockStart: number | null;
  clockStartKind: ClockStartKind | null;
  /** The pair that sets the deadline (null when no pair has one). */
  deadlineBy: PairDeadline | null;
  pairs: PairDeadline[];
  problem: string | null;
}

export interface PresetInputs {
  scored: ScoredVulnerabilities;
  /** The in-scope vulnerabilities' indexes in the plan's list. */
  inScope: readonly number[];
  groups: ReadonlyMap<string, Entity<AssetGroup>>;
  exemptions: ReadonlyMap<string, readonly ExceptionResult[]>;
  testedAt: number | null;
}

const EXPOSURES: readonly string[] = ['public', 'internal', 'unknown'];

export function presetDeadlines(ctx: RuleContext, plan: Entity<PlanFile>, policy: ResolvedPolicy, preset: ResolvedPreset, inputs: PresetInputs): PresetOutcome {
  const p = plan.data;
  const out: PresetOutcome = { tier: null, deadline: null, clockStart: null, clockStartKind: null, deadlineBy: null, pairs: [], problem: null };
  const local = (ms: number) => formatInstantLocal(ms, ctx.zone);
  const scored = inputs.scored;
  for (const i of inputs.inScope) {
    const raw = p.vulnerabilities[i] as unknown as Record<string, unknown>;
    const id = scored.id(i);
    // Nothing affected can be read: the pair has an unknown group (the worst is assumed).
    const groups: (string | null)[] = p.affects.length === 0 ? [null] : p.affects;
    for (const g of groups) {
      if (g !== null && inputs.exemptions.get(id)?.some((e) => e.entity.data.groups.includes(g))) continue;
      const group = g === null ? undefined : inputs.groups.get(g)?.data;
      const facts = factsOf(raw, scored.severity(i), group);
      const answer = presetAnswer(preset.settings, facts);
      const kind: ClockStartKind = answer.clockStart ?? policy.clockStart;
      const start =
        kind === 'tested'
          ? inputs.testedAt
          : kind === 'published'
            ? (scored.date(i, 'published') ?? scored.date(i, 'discovered') ?? null)
            : (scored.date(i, 'discovered') ?? null);
      const pair: PairDeadline = {
        vulnerability: id,
        group: g,
        outcome: answer.outcome,
        inputs: answer.inputs,
        assumed: answer.assumed,
        tier: answer.tier,
        clockStart: start,
        clockStartKind: kind,
        deadline: null,
        kevDue: null,
        forensicTriage: answer.forensicTriage === true,
        explanation: '',
      };
      let problem: string | null = null;
      if (start === null) {
        if (kind !== 'tested')
          problem = `\`${id}\` has no \`${kind === 'published' ? 'published` or `discovered' : 'discovered'}\` date, so its SLA clock cannot start`;
      } else {
        const d = deadlineFrom(ctx, preset, answer, start);
        if (typeof d === 'string') problem = `${id} on ${g ?? 'an unknown group'}: ${d}`;
        else pair.deadline = d;
      }
      // The KEV catalog's due date caps the deadline where the preset says so.
      if (answer.kevCap && scored.kev(i)) {
        const due = ctx.instant(plan, ['vulnerabilities', i, 'kev_due'], raw.kev_due as string | undefined);
        if (due === undefined)
          problem ??= `\`${id}\` is in KEV but its catalog due date (\`kev_due\`) is unknown, and under ${preset.settings.model} it caps the deadline: run \`patchops enrich\` or write it`;
        else {
          pair.kevDue = due;
          if (pair.deadline === null || due < pair.deadline) pair.deadline = due;
        }
      }
      const capped = pair.kevDue !== null && pair.deadline === pair.kevDue ? `, capped by the KEV due date ${local(pair.kevDue)}` : '';
      pair.explanation =
        `${answer.inputs} → ${answer.outcome}` + (start !== null ? `, from ${local(start)} (${kind === 'tested' ? 'testing passed' : kind})` : '') + capped;
      out.pairs.push(pair);
      out.tier = maxTier(out.tier ?? undefined, answer.tier);
      if (problem !== null) out.problem ??= problem;
      if (pair.deadline !== null && (out.deadline === null || pair.deadline < out.deadline)) {
        out.deadline = pair.deadline;
        out.deadlineBy = pair;
        out.clockStart = pair.clockStart;
        out.clockStartKind = pair.clockStartKind;
      }
    }
  }
  return out;
}

function factsOf(raw: Record<string, unknown>, severity: SeverityBand | null, group: AssetGroup | undefined): PairFacts {
  const g = group;
  const oneOf = <T extends string>(value: unknown, allowed: readonly string[]) =>
    typeof value === 'string' && allowed.includes(value) ? (value as T) : undefined;
  return {
    kev: typeof raw.kev === 'boolean' ? raw.kev : undefined,
    exploitation: oneOf<Exploitation>(raw.exploitation, ['none', 'poc', 'active']),
    automatable: raw.automatable === 'yes' ? true : raw.automatable === 'no' ? false : undefined,
    technicalImpact: oneOf<TechnicalImpact>(raw.technical_impact, ['partial', 'total']),
    severity: severity ?? undefined,
    impact: g?.impact,
    exposure: oneOf<Exposure>(g?.exposure, EXPOSURES),
    missionImpact: g?.mission_impact,
    pain: typeof g?.pain === 'number' && Number.isInteger(g.pain) && g.pain >= 1 && g.pain <= 5 ? g.pain : undefined,
  };
}

/** The deadline from `start`, null for no timeframe, or why there can be none. */
function deadlineFrom(ctx: RuleContext, preset: ResolvedPreset, answer: ModelAnswer, start: number): number | null | string {
  const rule = answer.rule;
  switch (rule.kind) {
    case 'within':
      return start + rule.ms;
    case 'months':
      return addMonths(start, rule.months, ctx.zone);
    case 'routine':
      return null;
    case 'upgrade-cycle':
      if (!preset.upgradeCycle) return 'the outcome is the next scheduled major upgrade or rebuild, and the policy names no usable `risk.upgrade_cycle`';
      return fromRule(ctx, { cycle: preset.upgradeCycle }, start, 'risk.upgrade_cycle');
    case 'outcome': {
      const r = preset.outcomes[rule.outcome];
      if (!r) return `SSVC outcome ${answer.outcome} has no usable deadline under \`risk.outcomes.${rule.outcome}\``;
      return fromRule(ctx, r, start, `risk.outcomes.${rule.outcome}`);
    }
    case 'cycle':
      // PCI DSS: the entity's own timeframe (`risk.others`).
      if (!preset.others) return "the policy's `risk.others` cannot be used (see the errors in its file)";
      return fromRule(ctx, preset.others, start, 'risk.others');
  }
}

function fromRule(ctx: RuleContext, r: ResolvedRule, start: number, where: string): number | string {
  if (r.within !== undefined) return start + r.within;
  const cycle = cycleDeadline(r.cycle!.spec, start, ctx.zone);
  return cycle.ok ? cycle.deadline : `cycle \`${r.cycle!.name}\` (${where}) ${cycle.message}`;
}

/** The same wall-clock time `months` calendar months later (the last day when the month is shorter). */
function addMonths(start: number, months: number, zone: string): number {
  const wall = new Date(instantToWallClock(start, zone));
  const total = wall.getUTCFullYear() * 12 + wall.getUTCMonth() + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const day = Math.min(wall.getUTCDate(), daysInMonth(year, month));
  return wallClockToInstant(wallClockMs(year, month, day, wall.getUTCHours(), wall.getUTCMinutes(), wall.getUTCSeconds(), wall.getUTCMilliseconds()), zone);
}
