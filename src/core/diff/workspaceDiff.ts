// What a change to the workspace does (docs/cli.md#diff): two evaluations of the same as-of — the
// base (a branch, a tag, a commit) and the head (another one, or the working tree) — compared plan
// by plan and exception by exception. Both sides are computed at one instant, so whatever differs
// comes from the files, never from the passing of time. The shape is the JSON `patchops diff`
// prints; the text and Markdown renderers read it.
import type { DiagnosticCode } from '../model/diagnostic';
import type { Evaluation, ExceptionResult, PlanResult } from '../model/evaluation';
import type { ApprovalState, ExceptionState, Kpis, PlanState, Tier } from '../model/vocabulary';
import type { WorkspaceModel } from '../model/workspace';
import { explainDeadline } from '../present/deadlineExplanation';
import { compareText, exceptionsWorstFirst, plansWorstFirst } from '../present/labels';
import { toIso } from '../time/instants';

/** One side as the caller read and evaluated it. */
export interface DiffSide {
  /** What the user named: `origin/main`, `HEAD~2`, or `working tree`. */
  label: string;
  /** The commit it resolved to; null for the working tree. */
  commit: string | null;
  evaluation: Evaluation;
  /** No workspace there (e.g. the branch that adds it): evaluated as no files, everything on the other side is new. */
  absent?: boolean;
}

export interface DiffSideSummary {
  label: string;
  commit: string | null;
  absent: boolean;
  workspace: string;
  timezone: string;
  plans: number;
  exceptions: number;
  /**
   * Error and warning diagnostics of the side's files. `fileErrors`, `fileWarnings`: those but the
   * deadline codes (a plan past or near its deadline or at risk, an exception past or near its
   * revisit date: states the diff shows as such); a side with file errors may have plans computed
   * from what could be read.
   */
  diagnostics: { errors: number; fileErrors: number; warnings: number; fileWarnings: number };
  kpis: Kpis;
}

/** A plan as one side computes it. Instants are ISO 8601 UTC. */
export interface PlanView {
  file: string;
  title: string;
  policy: string | null;
  tier: Tier | null;
  state: PlanState;
  deadline: string | null;
  atRisk: boolean;
  /** Why its deadline is what it is (present/deadlineExplanation.ts). */
  explanation: string[];
}

export type PlanField = 'file' | 'tier' | 'deadline' | 'state' | 'atRisk';

export interface PlanChange {
  id: string;
  change: 'added' | 'removed' | 'changed';
  base: PlanView | null;
  head: PlanView | null;
  /** What differs between the sides (empty for an added or removed plan). */
  changed: PlanField[];
  /** Which of the plan's inputs differ, in words: its file, its policy, its groups, exceptions, the settings. */
  causes: string[];
}

export interface ExceptionView {
  file: string;
  state: ExceptionState;
  effective: boolean;
  approval: ApprovalState;
  detail: string | null;
  approvedBy: string | null;
  approvedOn: string | null;
  revisitOn: string | null;
  /** The approval commit git review found, when it found one. */
  commit: string | null;
}

export type ExceptionField = 'file' | 'state' | 'effective' | 'approval' | 'revisitOn';

/** What an exception becomes at the head: its new state, its approval's new verdict, or whether it now exempts. */
export type ExceptionOutcome = ExceptionState | 'effective' | 'not_effective' | 'removed' | `approval_${ApprovalState}`;

export interface ExceptionChange {
  id: string;
  change: 'added' | 'removed' | 'changed';
  base: ExceptionView | null;
  head: ExceptionView | null;
  changed: ExceptionField[];
  becomes: ExceptionOutcome[];
}

/** An approval written at the head that the base does not have (or has by someone else, or on another date). */
export interface ApprovalAdded {
  exception: string;
  file: string;
  approvedBy: string;
  approvedOn: string | null;
  /** What git review says of it at the head. */
  approval: ApprovalState;
  detail: string | null;
  commit: string | null;
}

export interface PlanRef {
  id: string;
  file: string;
  title: string;
  deadline: string | null;
}

export interface WorkspaceDiff {
  asOf: string;
  /** The zone times are shown in: the head's. */
  timezone: string;
  base: DiffSideSummary;
  head: DiffSideSummary;
  /** Plans breached at the head that were not at the base (new plans included). */
  newBreaches: PlanRef[];
  /** Plans with no computable deadline at the head that had one at the base: they may be late. */
  newNoDeadline: PlanRef[];
  /** Plans projected to finish after their deadline at the head that were not at the base. */
  newAtRisk: PlanRef[];
  /** Added, removed and changed plans, worst first by their head state. */
  plans: PlanChange[];
  exceptions: ExceptionChange[];
  approvalsAdded: ApprovalAdded[];
  /** Matched plans and exceptions whose outcome is the same on both sides. */
  unchanged: { plans: number; exceptions: number };
}

/** The diff of two evaluations of the same as-of. */
export function diffWorkspaces(base: DiffSide, head: DiffSide): WorkspaceDiff {
  if (base.evaluation.asOf !== head.evaluation.asOf) throw new Error('diffWorkspaces: both sides must be evaluated as of the same instant');
  const zone = head.evaluation.timezone;
  const planPairs = matchById(
    base.evaluation.plans,
    head.evaluation.plans,
    (p) => p.id,
    (p) => p.entity.source.file,
  );
  const exceptionPairs = matchById(
    base.evaluation.exceptions,
    head.evaluation.exceptions,
    (e) => e.id,
    (e) => e.entity.source.file,
  );

  const plans: PlanChange[] = [];
  let unchangedPlans = 0;
  for (const [b, h] of planPairs) {
    const change = planChange(b, h, base.evaluation, head.evaluation, zone);
    if (change) plans.push(change);
    else unchangedPlans++;
  }
  const exceptions: ExceptionChange[] = [];
  const approvalsAdded: ApprovalAdded[] = [];
  let unchangedExceptions = 0;
  for (const [b, h] of exceptionPairs) {
    const change = exceptionChange(b, h);
    if (change) exceptions.push(change);
    else unchangedExceptions++;
    const added = h && approvalAdded(b, h);
    if (added) approvalsAdded.push(added);
  }

  const became = (state: PlanState) => planPairs.filter(([b, h]) => h !== null && h.state === state && b?.state !== state).map(([, h]) => planRef(h!));
  const newAtRisk = planPairs.filter(([b, h]) => h?.atRisk === true && b?.atRisk !== true).map(([, h]) => planRef(h!));

  return {
    asOf: toIso(head.evaluation.asOf),
    timezone: zone,
    base: summary(base),
    head: summary(head),
    newBreaches: orderRefs(became('breached')),
    newNoDeadline: orderRefs(became('unknown')),
    newAtRisk: orderRefs(newAtRisk),
    plans: plansWorstFirst(plans, (c) => {
      const view = (c.head ?? c.base)!;
      return { state: view.state, deadline: view.deadline === null ? null : Date.parse(view.deadline), id: c.id, file: view.file };
    }),
    exceptions: exceptionsWorstFirst(exceptions, (c) => {
      const view = (c.head ?? c.base)!;
      return { state: c.head ? view.state : 'removed', revisitOn: view.revisitOn === null ? null : Date.parse(view.revisitOn), id: c.id, file: view.file };
    }),
    approvalsAdded: approvalsAdded.sort((a, b) => compareText(a.exception, b.exception) || compareText(a.file, b.file)),
    unchanged: { plans: unchangedPlans, exceptions: unchangedExceptions },
  };
}

/**
 * The codes the passing of a date alone brings, with no file changed (the `file: false` rows of the
 * CLI's --fail-on gates; a test holds the two together).
 */
export const DEADLINE_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'sla.breached',
  'sla.due-soon',
  'sla.missed',
  'sla.at-risk',
  'exception.expired',
  'exception.expiring',
]);

function summary(side: DiffSide): DiffSideSummary {
  const e = side.evaluation;
  const count = (severity: string) => e.diagnostics.filter((d) => d.severity === severity).length;
  const ofFiles = (severity: string) => e.diagnostics.filter((d) => d.severity === severity && !DEADLINE_CODES.has(d.code)).length;
  return {
    label: side.label,
    commit: side.commit,
    absent: side.absent === true,
    workspace: e.workspaceName,
    timezone: e.timezone,
    plans: e.plans.length,
    exceptions: e.exceptions.length,
    diagnostics: { errors: count('error'), fileErrors: ofFiles('error'), warnings: count('warning'), fileWarnings: ofFiles('warning') },
    kpis: e.kpis,
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : toIso(ms));

/**
 * Pairs by id. Ids should be unique, but the evaluator keeps duplicates (each with its error):
 * within one id, the same file pairs first; then a single one left on each side pairs whatever its
 * file (a renamed file); anything else left is added or removed.
 */
function matchById<T>(base: readonly T[], head: readonly T[], id: (x: T) => string, file: (x: T) => string): [T | null, T | null][] {
  const byId = (items: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(id(item), [...(map.get(id(item)) ?? []), item]);
    return map;
  };
  const baseById = byId(base);
  const headById = byId(head);
  const pairs: [T | null, T | null][] = [];
  const ids = [...new Set([...baseById.keys(), ...headById.keys()])].sort(compareText);
  for (const key of ids) {
    const bs = [...(baseById.get(key) ?? [])];
    const hs = [...(headById.get(key) ?? [])];
    for (let i = bs.length - 1; i >= 0; i--) {
      const j = hs.findIndex((h) => file(h) === file(bs[i]));
      if (j < 0) continue;
      pairs.push([bs[i], hs[j]]);
      bs.splice(i, 1);
      hs.splice(j, 1);
    }
    if (bs.length === 1 && hs.length === 1) pairs.push([bs[0], hs[0]]);
    else {
      for (const b of bs) pairs.push([b, null]);
      for (const h of hs) pairs.push([null, h]);
    }
  }
  return pairs;
}

function planView(p: PlanResult, zone: string): PlanView {
  return {
    file: p.entity.source.file,
    title: p.title,
    policy: p.policyId,
    tier: p.tier,
    state: p.state,
    deadline: iso(p.deadline),
    atRisk: p.atRisk === true,
    explanation: explainDeadline(p, zone),
  };
}

function planRef(p: PlanResult): PlanRef {
  return { id: p.id, file: p.entity.source.file, title: p.title, deadline: iso(p.deadline) };
}

function orderRefs(refs: PlanRef[]): PlanRef[] {
  return refs.sort((a, b) => compareText(a.id, b.id) || compareText(a.file, b.file));
}

function planChange(b: PlanResult | null, h: PlanResult | null, baseEval: Evaluation, headEval: Evaluation, zone: string): PlanChange | null {
  const id = (h ?? b)!.id;
  if (b === null) return { id, change: 'added', base: null, head: planView(h!, zone), changed: [], causes: [] };
  if (h === null) return { id, change: 'removed', base: planView(b, zone), head: null, changed: [], causes: [] };
  const before = planView(b, zone);
  const after = planView(h, zone);
  const changed: PlanField[] = [];
  if (before.file !== after.file) changed.push('file');
  if (before.tier !== after.tier) changed.push('tier');
  if (before.deadline !== after.deadline) changed.push('deadline');
  if (before.state !== after.state) changed.push('state');
  if (before.atRisk !== after.atRisk) changed.push('atRisk');
  if (changed.length === 0) return null;
  return { id, change: 'changed', base: before, head: after, changed, causes: planCauses(b, h, baseEval.model, headEval.model) };
}

/** The plan's inputs that differ between the sides, in words: what a reviewer looks at to see why. */
function planCauses(b: PlanResult, h: PlanResult, baseModel: WorkspaceModel, headModel: WorkspaceModel): string[] {
  const causes: string[] = [];
  if (b.entity.source.file !== h.entity.source.file) causes.push(`moved from ${b.entity.source.file}`);
  const planKeys = changedKeys(b.entity.data, h.entity.data);
  if (planKeys.length) causes.push(`the plan's ${planKeys.join(', ')} changed`);

  if (b.policyId !== h.policyId) causes.push(`policy ${b.policyId ?? 'none'} → ${h.policyId ?? 'none'}`);
  else if (h.policyId !== null) {
    const keys = changedKeys(baseModel.policies.get(h.policyId)?.data, headModel.policies.get(h.policyId)?.data);
    if (keys.length) causes.push(`policy ${h.policyId}: ${keys.join(', ')} changed`);
  }

  const groups = [...new Set([...groupsOf(b), ...groupsOf(h)])].sort(compareText);
  for (const g of groups) {
    const before = baseModel.groups.get(g)?.data;
    const after = headModel.groups.get(g)?.data;
    if (before === undefined && after !== undefined) causes.push(`asset group ${g} added`);
    else if (before !== undefined && after === undefined) causes.push(`asset group ${g} removed`);
    else {
      const keys = changedKeys(before, after);
      if (keys.length) causes.push(`asset group ${g}: ${keys.join(', ')} changed`);
    }
  }

  const exempted = h.exemptedBy.filter((x) => !b.exemptedBy.includes(x));
  const released = b.exemptedBy.filter((x) => !h.exemptedBy.includes(x));
  if (exempted.length) causes.push(`now exempted by ${exempted.join(', ')}`);
  if (released.length) causes.push(`no longer exempted by ${released.join(', ')}`);

  const settings = changedKeys(baseModel.settings?.data, headModel.settings?.data).filter((k) => k === 'timezone' || k === 'default_sla');
  if (settings.length) causes.push(`workspace ${settings.join(', ')} changed`);
  return causes;
}

function groupsOf(p: PlanResult): string[] {
  const affects: unknown = (p.entity.data as { affects?: unknown }).affects;
  return Array.isArray(affects) ? affects.filter((g): g is string => typeof g === 'string') : [];
}

/** Top-level keys whose values differ (compared as JSON), in the order of the union of both. */
function changedKeys(before: unknown, after: unknown): string[] {
  const record = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const a = record(before);
  const b = record(after);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]));
}

function exceptionView(e: ExceptionResult): ExceptionView {
  const approval = e.entity.data.approval;
  return {
    file: e.entity.source.file,
    state: e.state,
    effective: e.effective,
    approval: e.approval,
    detail: e.detail,
    approvedBy: typeof approval?.approved_by === 'string' ? approval.approved_by : null,
    approvedOn: iso(e.approvedOn),
    revisitOn: iso(e.revisitOn),
    commit: e.commit?.commit ?? null,
  };
}

function exceptionChange(b: ExceptionResult | null, h: ExceptionResult | null): ExceptionChange | null {
  const id = (h ?? b)!.id;
  if (b === null) {
    const after = exceptionView(h!);
    return { id, change: 'added', base: null, head: after, changed: [], becomes: [after.state, ...(after.effective ? ['effective' as const] : [])] };
  }
  if (h === null) return { id, change: 'removed', base: exceptionView(b), head: null, changed: [], becomes: ['removed'] };
  const before = exceptionView(b);
  const after = exceptionView(h);
  const changed: ExceptionField[] = [];
  if (before.file !== after.file) changed.push('file');
  if (before.state !== after.state) changed.push('state');
  if (before.effective !== after.effective) changed.push('effective');
  if (before.approval !== after.approval) changed.push('approval');
  if (before.revisitOn !== after.revisitOn) changed.push('revisitOn');
  if (changed.length === 0) return null;
  const becomes: ExceptionOutcome[] = [];
  if (before.effective !== after.effective) becomes.push(after.effective ? 'effective' : 'not_effective');
  if (before.state !== after.state) becomes.push(after.state);
  if (before.approval !== after.approval) becomes.push(`approval_${after.approval}`);
  return { id, change: 'changed', base: before, head: after, changed, becomes };
}

function approvalAdded(b: ExceptionResult | null, h: ExceptionResult): ApprovalAdded | null {
  const after = h.entity.data.approval;
  if (typeof after?.approved_by !== 'string') return null;
  const before = b?.entity.data.approval;
  if (before && before.approved_by === after.approved_by && before.approved_on === after.approved_on) return null;
  return {
    exception: h.id,
    file: h.entity.source.file,
    approvedBy: after.approved_by,
    approvedOn: iso(h.approvedOn),
    approval: h.approval,
    detail: h.detail,
    commit: h.commit?.commit ?? null,
  };
}
