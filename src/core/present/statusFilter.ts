// `patchops status --state --tier --owner --group --due-within --sort`: which plans a filtered
// view keeps, in which order, and the line that says a filter is on (a filtered table must never
// read as "all clear"). Filters combine with AND; the values of one filter with OR. Fail closed: a
// plan whose deadline or tier is unknown may be due or critical, so `--due-within` keeps it and the
// deadline and tier orders put it first.
import type { PlanResult } from '../model/evaluation';
import type { WorkspaceModel } from '../model/workspace';
import { PLAN_STATES, TIERS, type PlanState } from '../model/vocabulary';
import { formatDuration, parseDuration } from '../time/durations';
import { compareText, orderPlanResults } from './labels';
import { matchesFilter, type PlanFilter } from './planFilter';

/** The state names `--state` takes: the plan states as status prints them, hyphenated, and `at-risk` (a forecast, not a state). */
export const STATUS_STATE_NAMES: readonly string[] = [...PLAN_STATES.map((s) => s.replace(/_/g, '-')), 'no-deadline', 'at-risk'];
/** `--tier`: the tiers, and `none` for a plan whose tier cannot be computed. */
export const STATUS_TIER_NAMES: readonly string[] = [...TIERS, 'none'];
export const STATUS_SORT_KEYS = ['state', 'deadline', 'tier', 'id'] as const;
export type StatusSortKey = (typeof STATUS_SORT_KEYS)[number];

/** A filter as given on the command line, checked: absent fields do not filter. */
export interface StatusFilter {
  states?: string[];
  tiers?: string[];
  owner?: string;
  group?: string;
  /** As written (`7d`); checked to be a duration. */
  dueWithin?: string;
}

/** The values `--state` or `--tier` gives, or why they are wrong ("unknown state 'x': use …"). */
export function parseNames(flag: 'state' | 'tier', text: string): { ok: true; names: string[] } | { ok: false; message: string } {
  const known = flag === 'state' ? STATUS_STATE_NAMES : STATUS_TIER_NAMES;
  const names = text.split(',').map((s) => s.trim().toLowerCase().replace(/[_ ]/g, '-'));
  const bad = names.find((n) => !known.includes(n));
  if (bad !== undefined) return { ok: false, message: `unknown ${flag} '${bad}' for --${flag}: use ${known.join(', ')} (several: separated by commas)` };
  return { ok: true, names: [...new Set(names)] };
}

/** `--due-within` in the files' duration syntax, or why not. */
export function checkDueWithin(text: string): string | undefined {
  return parseDuration(text) === undefined ? `--due-within '${text}' is not a duration: use a whole number and m, h, d or w, e.g. 72h, 7d, 2w` : undefined;
}

/** An `--owner` or `--group` the workspace does not declare, said with those it does; undefined when known. */
export function unknownFilterReference(filter: StatusFilter, model: WorkspaceModel): string | undefined {
  if (filter.owner !== undefined) {
    const teams = Object.keys(model.settings?.data.teams ?? {});
    if (!teams.includes(filter.owner)) return `unknown team '${filter.owner}' for --owner: the teams are ${teams.join(', ') || '(none)'}`;
  }
  if (filter.group !== undefined) {
    const groups = [...model.groups.keys()].sort(compareText);
    if (!groups.includes(filter.group)) return `unknown asset group '${filter.group}' for --group: the groups are ${groups.join(', ') || '(none)'}`;
  }
  return undefined;
}

const OPEN_STATES: readonly PlanState[] = ['breached', 'unknown', 'due_soon', 'awaiting_test', 'on_track'];

/** The editor's filter for `--state`, `--tier` and `--owner`: one matcher for both (planFilter.ts). */
function asPlanFilter(filter: StatusFilter): PlanFilter {
  const state = (name: string) => (name === 'no-deadline' ? 'unknown' : name.replace(/-/g, '_'));
  return { states: (filter.states ?? []).map(state), owners: filter.owner !== undefined ? [filter.owner] : [], tiers: filter.tiers ?? [] };
}

/** The plans the filter keeps. */
export function filterPlans(plans: readonly PlanResult[], filter: StatusFilter, asOf: number): PlanResult[] {
  const within = filter.dueWithin !== undefined ? parseDuration(filter.dueWithin) : undefined;
  const matching = asPlanFilter(filter);
  return plans.filter((p) => {
    if (!matchesFilter(p, matching)) return false;
    if (filter.group !== undefined && !(p.entity.data.affects ?? []).includes(filter.group)) return false;
    if (within !== undefined) {
      if (!OPEN_STATES.includes(p.state) || p.remediatedAt !== null) return false;
      if (p.deadline !== null && p.deadline > asOf + within) return false;
    }
    return true;
  });
}

/** The plans in `--sort` order; ties keep the most-urgent-first order. */
export function sortPlans(plans: readonly PlanResult[], key: StatusSortKey): PlanResult[] {
  const urgent = orderPlanResults(plans);
  const rank = new Map(urgent.map((p, i) => [p, i]));
  const tierRank = (p: PlanResult) => (p.tier === null ? -1 : TIERS.indexOf(p.tier));
  const compare: Record<StatusSortKey, (a: PlanResult, b: PlanResult) => number> = {
    state: () => 0,
    deadline: (a, b) => (a.deadline === null ? -Infinity : a.deadline) - (b.deadline === null ? -Infinity : b.deadline) || 0,
    tier: (a, b) => tierRank(a) - tierRank(b),
    id: (a, b) => compareText(a.id, b.id),
  };
  return [...urgent].sort((a, b) => compare[key](a, b) || rank.get(a)! - rank.get(b)!);
}

export function isFiltered(filter: StatusFilter | undefined): filter is StatusFilter {
  return filter !== undefined && Object.values(filter).some((v) => v !== undefined);
}

/**
 * The line under the KPIs of a filtered view: what the filter is and how many plans it shows of
 * how many, so an empty table reads as "none match", not as "nothing to do".
 */
export function filterLine(filter: StatusFilter, shown: number, total: number): string {
  const parts = [
    filter.states && `state ${filter.states.join(' or ')}`,
    filter.tiers && `tier ${filter.tiers.join(' or ')}`,
    filter.owner !== undefined && `owner ${filter.owner}`,
    filter.group !== undefined && `group ${filter.group}`,
    filter.dueWithin !== undefined && `due within ${formatDuration(parseDuration(filter.dueWithin) ?? 0)} (overdue and no deadline included)`,
  ].filter((p): p is string => typeof p === 'string');
  return `Filtered (${parts.join(', ')}): ${shown} of ${total} plan${total === 1 ? '' : 's'} shown; the figures above are the whole workspace's; exceptions not listed`;
}
