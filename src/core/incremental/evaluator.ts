// The workspace as of an instant, kept up to date edit by edit. Stages, in dependency order:
// policies → each plan's policy → scored vulnerabilities → the vulnerability index → exceptions
// → what effective exceptions exempt → plans → KPIs and diagnostics by file. Each rule runs per
// entity in a cell (cells.ts) whose reads of the shared inputs are tracked (tracked.ts): after
// one file changes, only the cells that read something it changed are computed again, the
// derived maps change only where those cells did, and only the touched files' diagnostics are
// sorted again. A fresh Evaluator computes everything; `evaluate()` is exactly that, so the
// one-shot and the incremental answers come from the same code.
import type { ApprovalCheck, ApprovalChecks } from '../approvals/approvalCheck';
import { computeKpis } from '../kpis';
import { compareDiagnostics, type Diagnostic } from '../model/diagnostic';
import type { Evaluation, ExceptionResult, PlanResult } from '../model/evaluation';
import type { AssetGroup, ExceptionFile, PlanFile, SlaFile, WorkspaceFile } from '../model/files';
import { RuleContext } from '../rules/context';
import { checkCalendars } from '../rules/calendar';
import { evaluateException } from '../rules/exceptions';
import { evaluatePlan, type PlanPolicy } from '../rules/plans';
import { resolvePolicy, type ResolvedPolicy } from '../rules/policies';
import { scoreVulnerabilities, type IndexedVulnerability, type ScoredVulnerability } from '../rules/vulnerabilities';
import { isValidZone } from '../time/instants';
import { CellMaker, type Cell } from './cells';
import { TrackedMap } from './tracked';
import { VulnerabilityIndex } from './vulnerabilityIndex';
import type { Entity, LoadedFile, WorkspaceModel } from '../model/workspace';

export interface EvaluateOptions {
  /** The "as of" instant, epoch milliseconds. There is no default: callers decide what "now" is. */
  asOf: number;
  /** Git review results by exception file; without them approvals are `unchecked`. */
  approvals?: ApprovalChecks;
}

/** How much work (about one cell each) an evaluation does between two pauses of `steps()`: the caller decides by the clock whether to go on, so pauses are many and cheap. */
const WORK_PER_STEP = 20;

const EMPTY: ReadonlyMap<string, string> = new Map();
const DEFAULT = 'default';

/** A plan's cells: its policy, its scored vulnerabilities, its result. */
interface PlanRow {
  policy: Cell<PlanPolicy>;
  scored: Cell<ScoredVulnerability[]>;
  result?: Cell<PlanResult>;
  seen: number;
}

interface Row<T> {
  cell: Cell<T>;
  seen: number;
}

/** Everything kept between evaluations; replaced whole when the time zone or patchops.yaml changes. */
class State {
  readonly policies = new TrackedMap<string, ResolvedPolicy>();
  readonly brokenPolicies = new TrackedMap<string, string>();
  readonly defaultPolicy = new TrackedMap<string, PlanPolicy>();
  readonly planPolicies = new TrackedMap<string, ResolvedPolicy | undefined>();
  readonly brokenPlans = new TrackedMap<string, string>();
  readonly groups = new TrackedMap<string, Entity<AssetGroup>>();
  readonly brokenGroups = new TrackedMap<string, string>();
  readonly vulnerabilities = new TrackedMap<string, IndexedVulnerability>();
  readonly exemptions = new TrackedMap<string, readonly ExceptionResult[]>();
  readonly approvals = new TrackedMap<string, ApprovalCheck>();
  readonly index = new VulnerabilityIndex();
  readonly cells: CellMaker;

  /** The evaluation count: rows the latest one did not see belong to entities gone. */
  generation = 0;
  readonly planRows = new Map<Entity<PlanFile>, PlanRow>();
  readonly policyRows = new Map<Entity<SlaFile>, Row<ResolvedPolicy>>();
  readonly exceptionRows = new Map<Entity<ExceptionFile>, Row<ExceptionResult>>();
  /** Policy id → what it was resolved from, and the resolved policy the rules see. */
  readonly policyById = new Map<string, { data: SlaFile; policy: ResolvedPolicy }>();
  /** Effective exception results of the latest evaluation, to tell which exemptions changed. */
  effective = new Set<ExceptionResult>();

  /** Each file as last evaluated, and its sorted diagnostics (files without any are absent). */
  readonly files = new Map<string, LoadedFile>();
  readonly diagnostics = new Map<string, readonly Diagnostic[]>();
  /** Files with workspace-wide problems (duplicate ids, settings) last time. */
  wideFiles = new Set<string>();

  constructor(
    readonly zone: string,
    readonly settings: Entity<WorkspaceFile> | undefined,
    track: boolean,
  ) {
    this.cells = new CellMaker(zone, track);
  }
}

export class Evaluator {
  private state?: State;

  /** `once`: for single evaluations (the CLI): nothing is kept, so reads are not recorded. */
  constructor(private readonly once = false) {}

  /** Cells computed (not reused) by the latest evaluation: what an edit cost. */
  lastComputed = 0;

  evaluate(model: WorkspaceModel, options: EvaluateOptions): Evaluation {
    return runToEnd(this.steps(model, options));
  }

  /**
   * The same evaluation, pausing every WORK_PER_STEP cells' worth of work so that a caller can
   * give other work a turn. Run it to the end before starting another: the kept state is
   * consistent only then.
   */
  *steps(model: WorkspaceModel, options: EvaluateOptions): Generator<void, Evaluation> {
    const asOf = options.asOf;
    const zone = workspaceZone(model);
    if (this.once || this.state?.zone !== zone.zone || this.state.settings !== model.settings) this.state = new State(zone.zone, model.settings, !this.once);
    const s = this.state;
    const generation = ++s.generation;
    const teams: WorkspaceFile['teams'] = model.settings?.data.teams ?? {};
    const global = new RuleContext(asOf, zone.zone);
    const cells = s.cells;
    cells.computed = 0;
    let other = 0; // work besides computing cells
    let budget = WORK_PER_STEP;
    const pauseDue = (work = 0) => {
      other += work;
      if (cells.computed + other < budget) return false;
      budget = cells.computed + other + WORK_PER_STEP;
      return true;
    };
    /** Files whose diagnostics may differ from last time. */
    const touched = new Set<string>();

    // Policies, and the one that applies where a plan names none.
    const policies = new Map<string, ResolvedPolicy>();
    for (const [id, entity] of model.policies) {
      const row = s.policyRows.get(entity);
      const cell = cells.cell(row?.cell, asOf, (ctx) => resolvePolicy(ctx, entity, teams));
      if (cell !== row?.cell) touched.add(entity.source.file);
      s.policyRows.set(entity, { cell, seen: generation });
      // A policy file edited where it means nothing new (a comment, a blank line) keeps its
      // resolved policy, so the plans under it are not evaluated again.
      const before = s.policyById.get(id);
      const same = before !== undefined && (before.policy === cell.value || sameData(before.data, entity.data));
      const policy = same ? before.policy : cell.value;
      s.policyById.set(id, { data: entity.data, policy });
      policies.set(id, policy);
    }
    for (const id of s.policyById.keys()) if (!policies.has(id)) s.policyById.delete(id);
    sweep(s.policyRows, generation, (entity) => touched.add(entity.source.file));
    s.policies.update(policies);
    s.brokenPolicies.update(model.brokenIds.get('sla') ?? EMPTY);
    s.defaultPolicy.update(new Map([[DEFAULT, defaultPolicyOf(global, model, policies)]]), undefined, samePlanPolicy);
    // A re-parsed assets file makes new entities of every group in it; rules read groups' data only.
    s.groups.update(model.groups, undefined, (a, b) => a === b || sameData(a.data, b.data));
    s.brokenGroups.update(model.brokenIds.get('assets') ?? EMPTY);
    s.brokenPlans.update(model.brokenIds.get('plan') ?? EMPTY);
    s.approvals.update(options.approvals ?? new Map());
    checkCalendars(global, model.settings, model.groups.values());

    // Each plan's policy and scored vulnerabilities: an exception linked to a plan follows that
    // plan's policy, and its tier reads the vulnerability index.
    const removedLists: ScoredVulnerability[][] = [];
    const addedLists: ScoredVulnerability[][] = [];
    for (const plan of model.plans) {
      const row = s.planRows.get(plan);
      const policy = cells.cell(row?.policy, asOf, (ctx) => planPolicy(ctx, plan, s));
      const scored = cells.cell(row?.scored, asOf, (ctx) => scoreVulnerabilities(ctx, plan));
      if (!row || scored !== row.scored) {
        if (row) removedLists.push(row.scored.value);
        addedLists.push(scored.value);
      }
      if (row && (policy !== row.policy || scored !== row.scored)) touched.add(plan.source.file);
      if (row) {
        // The result reads its policy from this cell, not through a tracked map: a new policy
        // answer is a new result.
        if (!samePlanPolicy(policy.value, row.policy.value)) row.result = undefined;
        row.policy = policy;
        row.scored = scored;
        row.seen = generation;
      } else s.planRows.set(plan, { policy, scored, seen: generation });
      if (pauseDue()) yield;
    }
    sweep(s.planRows, generation, (plan, row) => {
      removedLists.push(row.scored.value);
      touched.add(plan.source.file);
    });
    // Plan id → policy, for the exceptions linked to a plan. A duplicated plan id is reported as
    // such; its first declaration (in file order) answers, as the model lists plans in that order.
    const planPolicyById = new Map<string, ResolvedPolicy | undefined>();
    for (const plan of model.plans) {
      if (!planPolicyById.has(plan.data.id)) planPolicyById.set(plan.data.id, s.planRows.get(plan)!.policy.value.policy);
    }
    if (pauseDue(model.plans.length / 100)) yield;
    s.planPolicies.update(planPolicyById);
    for (const list of removedLists) s.index.remove(list);
    for (const list of addedLists) {
      s.index.add(list);
      if (pauseDue(list.length / 100)) yield;
    }
    const named = new Set<string>();
    for (const e of model.exceptions) for (const id of e.data.vulnerabilities) named.add(id);
    s.index.want(named, function* () {
      for (const row of s.planRows.values()) yield row.scored.value;
    });
    const changedIds = s.index.takeChanged();
    // A first fill changes every id, but no cell has read any yet: nothing to tell.
    s.vulnerabilities.update(s.index.map, changedIds === 'all' ? [] : changedIds);

    const exceptions: ExceptionResult[] = [];
    for (const entity of model.exceptions) {
      const row = s.exceptionRows.get(entity);
      const cell = cells.cell(row?.cell, asOf, (ctx) =>
        evaluateException(ctx, entity, {
          teams,
          policies: s.policies,
          defaultPolicy: s.defaultPolicy.get(DEFAULT)?.policy,
          planPolicies: s.planPolicies,
          brokenPlans: s.brokenPlans,
          groups: s.groups,
          brokenGroups: s.brokenGroups,
          vulnerabilities: s.vulnerabilities,
          approvals: s.approvals,
        }),
      );
      if (cell !== row?.cell) touched.add(entity.source.file);
      s.exceptionRows.set(entity, { cell, seen: generation });
      exceptions.push(cell.value);
      if (pauseDue()) yield;
    }
    sweep(s.exceptionRows, generation, (entity) => touched.add(entity.source.file));
    updateExemptions(s, exceptions);

    const plans: PlanResult[] = [];
    for (const plan of model.plans) {
      const row = s.planRows.get(plan)!;
      const scored = row.scored.value;
      const kept = row.result;
      row.result = cells.cell(kept, asOf, (ctx) =>
        evaluatePlan(ctx, plan, { teams, groups: s.groups, brokenGroups: s.brokenGroups, policy: row.policy.value, scored, exemptions: s.exemptions, calendar: model.settings?.data }),
      );
      if (row.result !== kept) touched.add(plan.source.file);
      plans.push(row.result.value);
      if (pauseDue()) yield;
    }
    this.lastComputed = cells.computed;

    const diagnosticsByFile = yield* updateDiagnostics(s, model, touched, [...zone.diagnostics, ...global.diagnostics], pauseDue);
    return evaluationOf({
      asOf,
      workspaceName: model.settings?.data.name ?? '',
      timezone: zone.zone,
      model,
      plans,
      exceptions,
      kpis: computeKpis(plans, exceptions),
      diagnosticsByFile,
    });
  }
}

/** What `steps()` pauses on, run without pausing. */
export function runToEnd<T>(steps: Generator<void, T>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/**
 * The evaluation with its flat diagnostics made on first use. Built out here: a getter made
 * inside `steps` would share its scope, and so keep the whole evaluator state alive.
 */
function evaluationOf(fields: Omit<Evaluation, 'diagnostics'>): Evaluation {
  let flat: Diagnostic[] | undefined;
  const byFile = fields.diagnosticsByFile;
  return {
    ...fields,
    get diagnostics() {
      flat ??= [...byFile.keys()].sort(compareFiles).flatMap((file) => byFile.get(file)!);
      return flat;
    },
  };
}

/** Drop the rows the evaluation did not see (their entity was deleted or replaced). */
function sweep<E, R extends { seen: number }>(rows: Map<E, R>, generation: number, gone: (entity: E, row: R) => void): void {
  let seen = 0;
  for (const row of rows.values()) if (row.seen === generation) seen++;
  if (seen === rows.size) return;
  for (const [entity, row] of rows) {
    if (row.seen === generation) continue;
    rows.delete(entity);
    gone(entity, row);
  }
}

/**
 * Bring the sorted diagnostics of every touched file up to date: files that changed, files with
 * a cell computed anew, and files with workspace-wide problems now or last time.
 */
function* updateDiagnostics(
  s: State,
  model: WorkspaceModel,
  touched: Set<string>,
  workspaceWide: Diagnostic[],
  pauseDue: (work: number) => boolean,
): Generator<void, ReadonlyMap<string, readonly Diagnostic[]>> {
  const files = s.files;
  for (const file of model.files) {
    if (files.get(file.file) === file) continue;
    files.set(file.file, file);
    touched.add(file.file);
  }
  if (files.size > model.files.length) {
    const now = new Set(model.files.map((f) => f.file));
    for (const file of files.keys()) {
      if (now.has(file)) continue;
      files.delete(file);
      touched.add(file);
    }
  }

  const wide = new Map<string, Diagnostic[]>();
  for (const d of [...model.duplicates, ...(model.misnamed ?? []), ...workspaceWide]) {
    const list = wide.get(d.file);
    if (list) list.push(d);
    else wide.set(d.file, [d]);
  }
  for (const file of [...s.wideFiles, ...wide.keys()]) touched.add(file);
  s.wideFiles = new Set(wide.keys());

  for (const file of touched) {
    const loaded = files.get(file);
    const list = loaded ? [...loaded.diagnostics, ...(wide.get(file) ?? []), ...loaded.entities.flatMap((e) => cellDiagnostics(s, e))] : [];
    if (!loaded) list.push(...(wide.get(file) ?? [])); // not a PatchOps file: only a misnamed file's warning
    if (list.length) s.diagnostics.set(file, list.sort(compareDiagnostics));
    else s.diagnostics.delete(file);
    if (pauseDue(0.2)) yield;
  }
  return new Map(s.diagnostics);
}

/** What the cells of one entity reported, in the order the stages ran. */
function cellDiagnostics(s: State, entity: Entity<unknown>): readonly Diagnostic[] {
  const plan = s.planRows.get(entity as Entity<PlanFile>);
  if (plan) return [...plan.policy.diagnostics, ...plan.scored.diagnostics, ...plan.result!.diagnostics];
  return s.exceptionRows.get(entity as Entity<ExceptionFile>)?.cell.diagnostics ?? s.policyRows.get(entity as Entity<SlaFile>)?.cell.diagnostics ?? [];
}

/** Same parsed data: plain JSON values from YAML, compared by their JSON text. */
function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function compareFiles(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The whole workspace as of an instant, from nothing. Pure: same model + same as-of = same answers. */
export function evaluate(model: WorkspaceModel, options: EvaluateOptions): Evaluation {
  return new Evaluator(true).evaluate(model, options);
}

/** A plan's policy, or why it has none: a plan without a usable policy has no deadline. */
function planPolicy(ctx: RuleContext, plan: Entity<PlanFile>, s: State): PlanPolicy {
  const id = plan.data.sla;
  if (plan.damaged?.includes('/sla')) return { problem: 'its `sla` cannot be read' };
  if (id === undefined) {
    const fallback = s.defaultPolicy.get(DEFAULT)!;
    if (!fallback.policy && fallback.id === undefined) {
      ctx.report(plan, ['id'], 'error', 'ref.unknown', `no SLA policy applies to plan \`${plan.data.id}\`: name one with \`sla\`, or set \`default_sla\` in patchops.yaml`);
    }
    return fallback;
  }
  const policy = s.policies.get(id);
  if (policy) return { policy };
  const broken = s.brokenPolicies.get(id);
  if (broken) return { problem: `SLA policy \`${id}\` cannot be used: ${broken}` };
  ctx.report(plan, ['sla'], 'error', 'ref.unknown', unknownPolicy(id, s.policies));
  return { problem: `unknown SLA policy \`${id}\`` };
}

/** Effective exceptions by the vulnerability ids they name; the changed ids are those of exceptions that changed. */
function updateExemptions(s: State, exceptions: readonly ExceptionResult[]): void {
  const effective = new Set(exceptions.filter((e) => e.effective));
  const changed = new Set<string>();
  for (const e of effective) if (!s.effective.has(e)) e.entity.data.vulnerabilities.forEach((id) => changed.add(id));
  for (const e of s.effective) if (!effective.has(e)) e.entity.data.vulnerabilities.forEach((id) => changed.add(id));
  s.effective = effective;
  const exemptions = new Map<string, ExceptionResult[]>();
  for (const e of effective) {
    for (const id of e.entity.data.vulnerabilities) {
      const list = exemptions.get(id);
      if (list) list.push(e);
      else exemptions.set(id, [e]);
    }
  }
  s.exemptions.update(exemptions, changed);
}

function workspaceZone(model: WorkspaceModel): { zone: string; diagnostics: Diagnostic[] } {
  const settings = model.settings;
  const zone = settings?.data.timezone ?? 'UTC';
  if (isValidZone(zone)) return { zone, diagnostics: [] };
  return {
    zone: 'UTC',
    diagnostics: [
      {
        file: settings!.source.file,
        range: settings!.source.rangeOf(['timezone']),
        severity: 'error',
        code: 'schema',
        message: `unknown time zone \`${zone}\`: use an IANA name like America/Chicago or Europe/Berlin (UTC is used meanwhile)`,
      },
    ],
  };
}

/** The policy for plans that name none: `default_sla`, else the only policy there is. */
function defaultPolicyOf(ctx: RuleContext, model: WorkspaceModel, policies: Map<string, ResolvedPolicy>): PlanPolicy {
  const settings = model.settings;
  const id = settings?.data.default_sla;
  if (id !== undefined) {
    const policy = policies.get(id);
    if (policy) return { policy, id };
    const broken = model.brokenIds.get('sla')?.get(id);
    if (broken) return { problem: `the default SLA policy \`${id}\` cannot be used: ${broken}`, id };
    ctx.report(settings!, ['default_sla'], 'error', 'ref.unknown', unknownPolicy(id, policies));
    return { problem: `the default SLA policy \`${id}\` is unknown`, id };
  }
  if (settings?.damaged?.includes('/default_sla')) return { problem: '`default_sla` in patchops.yaml cannot be read' };
  // With a single policy there is no doubt which one applies.
  if (policies.size === 1) return { policy: [...policies.values()][0] };
  return { problem: policies.size ? 'it names no `sla` and patchops.yaml sets no `default_sla`' : 'no SLA policy is defined (*.sla.yaml)' };
}

function samePlanPolicy(a: PlanPolicy, b: PlanPolicy): boolean {
  return a.policy === b.policy && a.problem === b.problem && a.id === b.id;
}

function unknownPolicy(id: string, policies: ReadonlyMap<string, unknown>): string {
  return `unknown SLA policy \`${id}\`: ${policies.size ? `the policies are ${[...policies.keys()].join(', ')}` : 'no *.sla.yaml declares it'}`;
}
