// A policy's risk model of record (docs/rules.md#risk-models), resolved once: the preset's
// settings, and the durations and cycles its outcomes point at.
import type { SlaFile } from '../model/files';
import type { PresetSettings } from '../risk/models/registry';
import type { DeadlineRule, SsvcOutcome } from '../risk/models/types';
import { SSVC_OUTCOMES } from '../risk/models/ssvc';
import type { CycleSpec } from '../time/cycles';
import type { RuleContext } from './context';
import type { Entity } from '../model/workspace';

/** An outcome's deadline rule, resolved; undefined where the file's rule cannot be used (it has its error). */
export interface ResolvedRule {
  within?: number;
  cycle?: { name: string; spec: CycleSpec };
}

export interface ResolvedPreset {
  settings: PresetSettings;
  /** `ssvc`: each outcome's rule. */
  outcomes: Partial<Record<SsvcOutcome, ResolvedRule>>;
  /** `bod-26-04`: the cycle "next scheduled major upgrade or rebuild" means. */
  upgradeCycle?: { name: string; spec: CycleSpec };
  /** `pci-dss`: the entity's timeframe for what is not critical. */
  others?: ResolvedRule;
}

type OutcomeRule = { within?: string; cycle?: string };

/** The preset, or undefined for the matrix model (or a preset that cannot be used: its errors say why). */
export function resolvePreset(
  ctx: RuleContext,
  entity: Entity<SlaFile>,
  cycle: (path: (string | number)[], name: string) => { name: string; spec: CycleSpec } | undefined,
): ResolvedPreset | undefined | 'unusable' {
  const risk = entity.data.risk;
  const model = risk?.model ?? 'matrix';
  if (model === 'matrix') return undefined;
  const rule = (path: (string | number)[], r: OutcomeRule | undefined): ResolvedRule | undefined => {
    if (!r) return undefined;
    if (r.within !== undefined) {
      const within = ctx.duration(entity, [...path, 'within'], r.within);
      return within === undefined ? undefined : { within };
    }
    if (r.cycle !== undefined) {
      const c = cycle([...path, 'cycle'], r.cycle);
      return c ? { cycle: c } : undefined;
    }
    return undefined;
  };
  switch (model) {
    case 'bod-26-04': {
      const upgrade = risk!.upgrade_cycle;
      return { settings: { model }, outcomes: {}, upgradeCycle: upgrade === undefined ? undefined : cycle(['risk', 'upgrade_cycle'], upgrade) };
    }
    case 'ssvc': {
      const outcomes: Partial<Record<SsvcOutcome, ResolvedRule>> = {};
      for (const o of SSVC_OUTCOMES) {
        const r = rule(['risk', 'outcomes', o], risk!.outcomes?.[o]);
        if (r) outcomes[o] = r;
      }
      return { settings: { model }, outcomes };
    }
    case 'fedramp-vdr':
      // Without a class no row can be read: the schema error says so, and no plan gets a deadline.
      return risk!.class ? { settings: { model, class: risk!.class }, outcomes: {} } : 'unusable';
    case 'fedramp-rev5':
      return { settings: { model }, outcomes: {} };
    case 'pci-dss': {
      const others = rule(['risk', 'others'], risk!.others);
      const text = risk!.others === undefined ? 'three months' : (risk!.others.within ?? `cycle ${risk!.others.cycle}`);
      const resolved: DeadlineRule = risk!.others === undefined ? { kind: 'months', months: 3 } : { kind: 'cycle', name: 'others' };
      return { settings: { model, others: { rule: resolved, text } }, outcomes: {}, others };
    }
    default:
      return 'unusable';
  }
}
