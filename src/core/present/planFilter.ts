// The filter of the editor's plan views (Plans, SLA status): by state, owner and tier. Within a
// kind any chosen value matches, across kinds all must; an empty kind does not filter. A filtered
// view says so, with how many plans it hides: a filter must never read as "all clear".
import type { PlanResult } from '../model/evaluation';
import { PLAN_STATES, TIERS } from '../model/vocabulary';
import { compareText, inText, NO_TIER, planStateLabel, tierLabel } from './labels';
import { AT_RISK_LABEL } from './planRows';

/** `at_risk` beside the states: projected to finish after the deadline, whatever the state. */
const FILTER_STATES: readonly string[] = [...PLAN_STATES, 'at_risk'];

export interface PlanFilter {
  /** Plan states, and `at_risk`. */
  states: string[];
  owners: string[];
  /** Tiers; `none` for plans whose tier cannot be computed. */
  tiers: string[];
}

export const NO_FILTER: PlanFilter = { states: [], owners: [], tiers: [] };

/** What a plan is filtered on. */
type FilterablePlan = Pick<PlanResult, 'state' | 'tier' | 'atRisk'> & { entity: { data: { owner?: unknown } } };

export function isFiltering(filter: PlanFilter): boolean {
  return filter.states.length + filter.owners.length + filter.tiers.length > 0;
}

export function matchesFilter(plan: FilterablePlan, filter: PlanFilter): boolean {
  const states = filter.states;
  if (states.length && !states.includes(plan.state) && !(plan.atRisk && states.includes('at_risk'))) return false;
  const owner = plan.entity.data.owner;
  if (filter.owners.length && !(typeof owner === 'string' && filter.owners.includes(owner))) return false;
  if (filter.tiers.length && !filter.tiers.includes(plan.tier ?? 'none')) return false;
  return true;
}

/**
 * A filter read back from storage (someone may have edited it, an older version may have
 * written it): only known states and tiers and string owners are kept.
 */
export function readFilter(value: unknown): PlanFilter {
  const o = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const strings = (v: unknown) => (Array.isArray(v) ? [...new Set(v.filter((x): x is string => typeof x === 'string'))] : []);
  return {
    states: strings(o.states).filter((s) => FILTER_STATES.includes(s)),
    owners: strings(o.owners),
    tiers: strings(o.tiers).filter((t) => t === 'none' || (TIERS as readonly string[]).includes(t)),
  };
}

/** The words for one filter value ("breached", "at risk", "owner it-ops", "tier critical", "no tier"). */
function valueWords(kind: 'state' | 'owner' | 'tier', value: string): string {
  if (kind === 'state') return inText(value === 'at_risk' ? AT_RISK_LABEL : planStateLabel(value));
  if (kind === 'owner') return `owner ${value}`;
  return value === 'none' ? inText(NO_TIER) : `tier ${inText(tierLabel(value))}`;
}

/** "breached or due soon; owner it-ops; tier critical" — what the filter lets through. */
export function filterText(filter: PlanFilter): string {
  const part = (kind: 'state' | 'owner' | 'tier', values: string[]) => values.map((v) => valueWords(kind, v)).join(' or ');
  return [part('state', filter.states), part('owner', filter.owners), part('tier', filter.tiers)].filter(Boolean).join('; ');
}

/**
 * What a filtered view says. `description` beside its title ("filtered: 2 of 10 plans"),
 * `message` above its rows: what the filter is and how many plans it hides, or that none match.
 * Nothing when the filter is off.
 */
export function filterSummary(filter: PlanFilter, shown: number, total: number): { description: string; message: string } | undefined {
  if (!isFiltering(filter)) return undefined;
  const hidden = total - shown;
  const what = filterText(filter);
  return {
    description: `filtered: ${shown} of ${total} plan${total === 1 ? '' : 's'}`,
    message:
      shown === 0
        ? `No plan matches the filter (${what}); ${hidden} plan${hidden === 1 ? ' is' : 's are'} hidden. Clear the filter to see them.`
        : `Filtered (${what}): ${hidden} plan${hidden === 1 ? ' is' : 's are'} hidden.`,
  };
}

/** The owners the plans name, in code-unit order (the filter's choices). */
export function ownersOf(plans: readonly FilterablePlan[]): string[] {
  return [...new Set(plans.map((p) => p.entity.data.owner).filter((o): o is string => typeof o === 'string' && o !== ''))].sort(compareText);
}

/** One value the filter offers: its section, label, and how many plans have it now. */
export interface FilterChoice {
  section: 'State' | 'Owner' | 'Tier';
  kind: keyof PlanFilter;
  value: string;
  label: string;
  /** "3 plans". */
  description: string;
}

/** Every value the filter offers for these plans: each state (and at risk), each owner they name, each tier (and no tier). */
export function filterChoices(plans: readonly FilterablePlan[]): FilterChoice[] {
  const count = (test: (p: FilterablePlan) => boolean) => {
    const n = plans.filter(test).length;
    return `${n} plan${n === 1 ? '' : 's'}`;
  };
  return [
    ...FILTER_STATES.map((s): FilterChoice => ({
      section: 'State',
      kind: 'states',
      value: s,
      label: s === 'at_risk' ? AT_RISK_LABEL : planStateLabel(s),
      description: count((p) => (s === 'at_risk' ? p.atRisk === true : p.state === s)),
    })),
    ...ownersOf(plans).map((o): FilterChoice => ({
      section: 'Owner',
      kind: 'owners',
      value: o,
      label: o,
      description: count((p) => p.entity.data.owner === o),
    })),
    ...[...TIERS, 'none'].map((t): FilterChoice => ({
      section: 'Tier',
      kind: 'tiers',
      value: t,
      label: t === 'none' ? NO_TIER : tierLabel(t),
      description: count((p) => (p.tier ?? 'none') === t),
    })),
  ];
}
