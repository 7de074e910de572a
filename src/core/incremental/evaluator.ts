// The workspace as of an instant, kept up to date edit by edit. `steps` runs the stages in
// dependency order; most run a rule (rules/) per entity in a cell (cells.ts), kept in a table
// per rule (cellTable.ts), whose reads of the shared inputs are tracked (tracked.ts): after one
// file changes, only the cells that read something it changed are computed again, the derived
// maps change only where those cells did, and only the touched files' diagnostics are sorted
// again. A fresh Evaluator computes everything; `evaluate()` is exactly that, so the one-shot and
// the incremental answers come from the same code.
import type { ApprovalCheck, ApprovalChecks } from '../approvals/approvalCheck';
import { computeKpis } from '../kpis';
import { compareDiagnostics, type Diagnostic } from '../model/diagnostic';
import type { Evaluation, ExceptionResult, PlanResult } from '../model/evaluation';
import type { AssetGroup, ExceptionFile, PlanFile, SlaFile, WorkspaceFile } from '../model/files';
import { RuleContext } from '../rules/context';
import { checkCalendars } from '../rules/calendar';
import { evaluateException } from '../rules/exceptions';
import { DEFAULT_POLICY, defaultPolicyOf, planPolicy, samePlanPolicy, type PlanPolicyInputs } from '../rules/planPolicy';
import { evaluatePlan, type PlanPolicy } from '../rules/plans';
import { resolvePolicy, type ResolvedPolicy } from '../rules/policies';
import { scoreVulnerabilities, type IndexedVulnerability, type ScoredVulnerabilities } from '../rules/vulnerabilities';
import { workspaceZone } from '../rules/workspaceZone';
import { CellMaker } from './cells';
import { CellTable } from './cellTable';
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

/** Everything kept between evaluations; replaced whole when the time zone or patchops.yaml changes. */
class State {
  // The shared inputs of the cells, tracked.
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
  readonly planPolicyInputs: PlanPolicyInputs = { policies: this.policies, brokenPolicies: this.brokenPolicies, defaultPolicy: this.defaultPolicy };
  readonly index = new VulnerabilityIndex();

  // The cells, a table per rule, in the order the stages compute them.
  readonly cells: CellMaker;
  readonly policyCells: CellTable<Entity<SlaFile>, ResolvedPolicy>;
  readonly planPolicyCells: CellTable<Entity<PlanFile>, PlanPolicy>;
  readonly scoredCells: CellTable<Entity<PlanFile>, ScoredVulnerabilities>;
  readonly exceptionCells: CellTable<Entity<ExceptionFile>, ExceptionResult>;
  readonly planCells: CellTable<Entity<PlanFile>, PlanResult>;

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
    this.policyCells = new CellTable(this.cells);
    this.planPolicyCells = new CellTable(this.cells);
    this.scoredCells = new CellTable(this.cells);
    this.exceptionCells = new CellTable(this.cells);
    this.planCells = new CellTable(this.cells);
  }

  /** Start an evaluation: nothing computed, no cell seen yet. */
  begin(): void {
    this.cells.computed = 0;
    for (const table of [this.policyCells, this.planPolicyCells, this.scoredCells, this.exceptionCells, this.planCells]) table.begin();
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
    const zone = workspaceZone(model.settings);
    if (this.once || this.state?.zone !== zone.zone || this.state.settings !== model.settings) this.state = new State(zone.zone, model.settings, !this.once);
    const run = new Run(this.state, model, options.asOf);
    run.policies();
    run.inputs(options.approvals);
    const scores = yield* run.planPoliciesAndScores();
    yield* run.vulnerabilityIndex(scores);
    const exceptions = yield* run.exceptions();
    run.exemptions(exceptions);
    const plans = yield* run.plans();
    this.lastComputed = this.state.cells.computed;
    const diagnosticsByFile = yield* run.diagnostics(zone.diagnostics);
    return evaluationOf({
      asOf: options.asOf,
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

/** What the index must take out and put in: the score lists of plans changed or gone, and of plans changed or new. */
interface ScoreChanges {
  removed: ScoredVulnerabilities[];
  added: ScoredVulnerabilities[];
}

/** One evaluation: its stages, and what they share while it runs. */
class Run {
  private readonly teams: WorkspaceFile['teams'];
  /** Where the workspace-wide rules (the default policy) report. */
  private readonly global: RuleContext;
  /**
   * Files whose diagnostics may differ from last time: files that changed, files with a cell new
   * or gone, and files with workspace-wide problems now or last time.
   */
  private readonly touched = new Set<string>();
  /** Work besides computing cells, and the amount of work at which the next pause is due. */
  private other = 0;
  private budget = WORK_PER_STEP;

  constructor(
    private readonly s: State,
    private readonly model: WorkspaceModel,
    private readonly asOf: number,
  ) {
    s.begin();
    this.teams = model.settings?.data.teams ?? {};
    this.global = new RuleContext(asOf, s.zone);
  }

  /** A cell of the entity is new or gone: its file's diagnostics are sorted again. */
  private readonly touch = (entity: Entity<unknown>): void => {
    const file = entity.source.file;
    if (file === this.lastTouched) return; // a plan's cells come in turns: one look at the set each
    this.lastTouched = file;
    this.touched.add(file);
  };
  private lastTouched: string | undefined;

  /** Whether to pause now: after WORK_PER_STEP cells computed or units of other `work` done. */
  private pauseDue(work = 0): boolean {
    this.other += work;
    const done = this.s.cells.computed + this.other;
    if (done < this.budget) return false;
    this.budget = done + WORK_PER_STEP;
    return true;
  }

  /** Each policy resolved, and the one for plans that name none → the tracked policy maps that plan policies and exceptions read. */
  policies(): void {
    const { s, model, asOf, teams } = this;
    const policies = new Map<string, ResolvedPolicy>();
    for (const [id, entity] of model.policies) {
      const cell = s.policyCells.cell(entity, asOf, (ctx) => resolvePolicy(ctx, entity, teams), this.touch);
      // A policy file edited where it means nothing new (a comment, a blank line) keeps its
      // resolved policy, so the plans under it are not evaluated again.
      const before = s.policyById.get(id);
      const same = before !== undefined && (before.policy === cell.value || sameData(before.data, entity.data));
      const policy = same ? before.policy : cell.value;
      s.policyById.set(id, { data: entity.data, policy });
      policies.set(id, policy);
    }
    for (const id of s.policyById.keys()) if (!policies.has(id)) s.policyById.delete(id);
    s.policyCells.sweep(this.touch);
    const brokenPolicies = model.brokenIds.get('sla') ?? EMPTY;
    s.policies.update(policies);
    s.brokenPolicies.update(brokenPolicies);
    const fallback = defaultPolicyOf(this.global, model.settings, { policies, brokenPolicies });
    s.defaultPolicy.update(new Map([[DEFAULT_POLICY, fallback]]), undefined, samePlanPolicy);
  }

  /** Groups, broken plan and group ids, approvals → the tracked maps that the later stages' cells read. */
  inputs(approvals: ApprovalChecks | undefined): void {
    const { s, model } = this;
    // A re-parsed assets file makes new entities of every group in it; rules read groups' data only.
    s.groups.update(model.groups, undefined, (a, b) => a === b || sameData(a.data, b.data));
    s.brokenGroups.update(model.brokenIds.get('assets') ?? EMPTY);
    s.brokenPlans.update(model.brokenIds.get('plan') ?? EMPTY);
    s.approvals.update(approvals ?? new Map());
    // Windows and freezes are checked once, on the files that hold them; plans' forecasts only read them.
    checkCalendars(this.global, model.settings, model.groups.values());
  }

  /** Each plan's policy and scored vulnerabilities → the tracked plan policies by id (for exceptions), and the score lists the index must update. */
  *planPoliciesAndScores(): Generator<void, ScoreChanges> {
    const { s, model, asOf } = this;
    const changes: ScoreChanges = { removed: [], added: [] };
    for (const plan of model.plans) {
      s.planPolicyCells.cell(
        plan,
        asOf,
        (ctx) => planPolicy(ctx, plan, s.planPolicyInputs),
        (_, policy, before) => {
          this.touch(plan);
          // The result reads its policy from this cell, not through a tracked map: a new policy
          // answer is a new result.
          if (before && !samePlanPolicy(policy.value, before.value)) s.planCells.forget(plan);
        },
      );
      s.scoredCells.cell(
        plan,
        asOf,
        (ctx) => scoreVulnerabilities(ctx, plan),
        (_, scored, before) => {
          this.touch(plan);
          if (before) changes.removed.push(before.value);
          changes.added.push(scored.value);
        },
      );
      if (this.pauseDue()) yield;
    }
    s.planPolicyCells.sweep(this.touch);
    s.scoredCells.sweep((plan, scored) => {
      changes.removed.push(scored.value);
      this.touch(plan);
    });
    // An exception linked to a plan follows that plan's policy. A duplicated plan id is reported
    // as such; its first declaration (in file order) answers, as the model lists plans in that order.
    const planPolicyById = new Map<string, ResolvedPolicy | undefined>();
    for (const plan of model.plans) {
      if (!planPolicyById.has(plan.data.id)) planPolicyById.set(plan.data.id, s.planPolicyCells.get(plan)!.value.policy);
    }
    if (this.pauseDue(model.plans.length / 100)) yield;
    s.planPolicies.update(planPolicyById);
    return changes;
  }

  /** The cross-plan vulnerability index, updated by the changed score lists → the tracked vulnerabilities that exceptions read. */
  *vulnerabilityIndex(changes: ScoreChanges): Generator<void, void> {
    const { s, model } = this;
    for (const list of changes.removed) s.index.remove(list);
    for (const list of changes.added) {
      s.index.add(list);
      if (this.pauseDue(list.length / 100)) yield;
    }
    const named = new Set<string>();
    for (const e of model.exceptions) for (const id of e.data.vulnerabilities) named.add(id);
    s.index.want(named, function* () {
      for (const scored of s.scoredCells.cells()) yield scored.value;
    });
    const changedIds = s.index.takeChanged();
    // A first fill changes every id, but no cell has read any yet: nothing to tell.
    s.vulnerabilities.update(s.index.map, changedIds === 'all' ? [] : changedIds);
  }

  /** Each exception's result → the list that the exemptions stage and the evaluation take. */
  *exceptions(): Generator<void, ExceptionResult[]> {
    const { s, asOf, teams } = this;
    const exceptions: ExceptionResult[] = [];
    for (const entity of this.model.exceptions) {
      const cell = s.exceptionCells.cell(
        entity,
        asOf,
        (ctx) =>
          evaluateException(ctx, entity, {
            teams,
            policies: s.policies,
            defaultPolicy: s.defaultPolicy.get(DEFAULT_POLICY)?.policy,
            planPolicies: s.planPolicies,
            brokenPlans: s.brokenPlans,
            groups: s.groups,
            brokenGroups: s.brokenGroups,
            vulnerabilities: s.vulnerabilities,
            approvals: s.approvals,
          }),
        this.touch,
      );
      exceptions.push(cell.value);
      if (this.pauseDue()) yield;
    }
    s.exceptionCells.sweep(this.touch);
    return exceptions;
  }

  /** Effective exceptions by the vulnerability ids they name → the tracked exemptions that plans read. */
  exemptions(exceptions: readonly ExceptionResult[]): void {
    const s = this.s;
    // The changed ids are those of the exceptions that changed.
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

  /** Each plan's result (scope, tier, deadline, state, waves) → the evaluation's plans. */
  *plans(): Generator<void, PlanResult[]> {
    const { s, asOf, teams } = this;
    const plans: PlanResult[] = [];
    for (const plan of this.model.plans) {
      const cell = s.planCells.cell(
        plan,
        asOf,
        (ctx) => {
          const scored = s.scoredCells.get(plan)!.value;
          return evaluatePlan(ctx, plan, {
            teams,
            groups: s.groups,
            brokenGroups: s.brokenGroups,
            policy: s.planPolicyCells.get(plan)!.value,
            scored,
            // A plan reads the exemptions of the vulnerabilities it lists, and of no other.
            exemptions: s.exemptions.forKeysOf(scored),
            calendar: this.model.settings?.data,
          });
        },
        this.touch,
      );
      plans.push(cell.value);
      if (this.pauseDue()) yield;
    }
    s.planCells.sweep(this.touch);
    return plans;
  }

  /** The sorted diagnostics of every touched file (see `touched`) brought up to date → the evaluation's diagnostics by file. */
  *diagnostics(zoneDiagnostics: readonly Diagnostic[]): Generator<void, ReadonlyMap<string, readonly Diagnostic[]>> {
    const { s, model, touched } = this;
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
    for (const d of [...model.duplicates, ...(model.misnamed ?? []), ...zoneDiagnostics, ...this.global.diagnostics]) {
      const list = wide.get(d.file);
      if (list) list.push(d);
      else wide.set(d.file, [d]);
    }
    for (const file of [...s.wideFiles, ...wide.keys()]) touched.add(file);
    s.wideFiles = new Set(wide.keys());

    for (const file of touched) {
      const loaded = files.get(file);
      // The file's own, the workspace-wide and its entities' cells' diagnostics, in that order (not a
      // PatchOps file: only a misnamed file's warning). One list, filled in place: no list per part.
      const list: Diagnostic[] = loaded ? loaded.diagnostics.slice() : [];
      const wideHere = wide.get(file);
      if (wideHere) for (const d of wideHere) list.push(d);
      if (loaded) for (const entity of loaded.entities) addCellDiagnostics(s, entity, list);
      if (list.length) s.diagnostics.set(file, list.sort(compareDiagnostics));
      else s.diagnostics.delete(file);
      if (this.pauseDue(0.2)) yield;
    }
    return new Map(s.diagnostics);
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
      // By file name in UTF-16 code units, as `<` compares them: the default order, without a call per comparison.
      flat ??= [...byFile.keys()].sort().flatMap((file) => byFile.get(file)!);
      return flat;
    },
  };
}

/** What the cells of one entity reported, in the order the stages ran, added to `list`. */
function addCellDiagnostics(s: State, entity: Entity<unknown>, list: Diagnostic[]): void {
  const plan = entity as Entity<PlanFile>;
  const result = s.planCells.get(plan);
  const parts = result
    ? [s.planPolicyCells.get(plan)!.diagnostics, s.scoredCells.get(plan)!.diagnostics, result.diagnostics]
    : [s.exceptionCells.get(entity as Entity<ExceptionFile>)?.diagnostics ?? s.policyCells.get(entity as Entity<SlaFile>)?.diagnostics ?? []];
  for (const part of parts) for (const d of part) list.push(d);
}

/** Same parsed data: plain JSON values from YAML, compared by their JSON text. */
function sameData(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The whole workspace as of an instant, from nothing. Pure: same model + same as-of = same answers. */
export function evaluate(model: WorkspaceModel, options: EvaluateOptions): Evaluation {
  return new Evaluator(true).evaluate(model, options);
}
