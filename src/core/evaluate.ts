// The whole workspace as of an instant: policies, exceptions, then plans (whose scope depends
// on the effective exceptions), then KPIs. Pure: same model + same as-of = same answers.
import type { ApprovalChecks } from './approvals/approvalCheck';
import { computeKpis } from './kpis';
import { compareDiagnostics, type Diagnostic } from './model/diagnostic';
import type { Evaluation, ExceptionResult, PlanResult } from './model/evaluation';
import type { WorkspaceFile } from './model/files';
import { RuleContext } from './rules/context';
import { evaluateException } from './rules/exceptions';
import { evaluatePlan } from './rules/plans';
import { resolvePolicy, type ResolvedPolicy } from './rules/policies';
import { indexVulnerabilities, scoreVulnerabilities } from './rules/vulnerabilities';
import { isValidZone } from './time/instants';
import type { WorkspaceModel } from './workspace/model';

export interface EvaluateOptions {
  /** The "as of" instant, epoch milliseconds. There is no default: callers decide what "now" is. */
  asOf: number;
  /** Git review results by exception file; without them approvals are `unchecked`. */
  approvals?: ApprovalChecks;
}

export function evaluate(model: WorkspaceModel, options: EvaluateOptions): Evaluation {
  const settings = model.settings;
  const zone = workspaceZone(model);
  const ctx = new RuleContext(options.asOf, zone.zone);
  const extra: Diagnostic[] = [...zone.diagnostics];
  const teams: WorkspaceFile['teams'] = settings?.data.teams ?? {};

  const policies = new Map<string, ResolvedPolicy>();
  for (const [id, entity] of model.policies) policies.set(id, resolvePolicy(ctx, entity, teams));
  const defaultPolicy = defaultPolicyOf(ctx, model, policies);

  const brokenGroups = model.brokenIds.get('assets') ?? new Set<string>();
  const brokenPlans = model.brokenIds.get('plan') ?? new Set<string>();
  const brokenPolicies = model.brokenIds.get('sla') ?? new Set<string>();

  // Plan policies first: an exception linked to a plan follows that plan's policy.
  const planPolicies = new Map<string, ResolvedPolicy | undefined>();
  for (const plan of model.plans) {
    const id = plan.data.sla;
    if (id !== undefined && !policies.has(id) && !brokenPolicies.has(id)) {
      ctx.report(plan, ['sla'], 'error', 'ref.unknown', unknownPolicy(id, policies));
    }
    if (id === undefined && !defaultPolicy) {
      ctx.report(plan, ['id'], 'error', 'ref.unknown', `no SLA policy applies to plan \`${plan.data.id}\`: name one with \`sla\`, or set \`default_sla\` in patchops.yaml`);
    }
    planPolicies.set(plan.data.id, id !== undefined ? policies.get(id) : defaultPolicy);
  }

  const scored = new Map(model.plans.map((plan) => [plan, scoreVulnerabilities(ctx, plan)]));
  const vulnerabilities = indexVulnerabilities(scored.values());

  const exceptions: ExceptionResult[] = model.exceptions.map((entity) =>
    evaluateException(ctx, entity, {
      teams,
      policies,
      defaultPolicy,
      planPolicies,
      brokenPlans,
      groups: model.groups,
      brokenGroups,
      vulnerabilities,
      approvals: options.approvals,
    }),
  );
  const exemptions = new Map<string, ExceptionResult[]>();
  for (const e of exceptions) {
    if (!e.effective) continue;
    for (const id of e.entity.data.vulnerabilities) exemptions.set(id, [...(exemptions.get(id) ?? []), e]);
  }

  const plans: PlanResult[] = model.plans.map((plan) =>
    evaluatePlan(ctx, plan, {
      teams,
      groups: model.groups,
      brokenGroups,
      policy: planPolicies.get(plan.data.id),
      scored: scored.get(plan)!,
      exemptions,
    }),
  );

  const diagnostics = [...model.diagnostics, ...extra, ...ctx.diagnostics].sort(compareDiagnostics);
  return {
    asOf: options.asOf,
    workspaceName: settings?.data.name ?? '',
    timezone: zone.zone,
    model,
    plans,
    exceptions,
    kpis: computeKpis(plans, exceptions),
    diagnostics,
  };
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

function defaultPolicyOf(ctx: RuleContext, model: WorkspaceModel, policies: Map<string, ResolvedPolicy>): ResolvedPolicy | undefined {
  const settings = model.settings;
  const id = settings?.data.default_sla;
  if (id !== undefined) {
    if (!policies.has(id) && !model.brokenIds.get('sla')?.has(id)) {
      ctx.report(settings!, ['default_sla'], 'error', 'ref.unknown', unknownPolicy(id, policies));
    }
    return policies.get(id);
  }
  // With a single policy there is no doubt which one applies.
  return policies.size === 1 ? [...policies.values()][0] : undefined;
}

function unknownPolicy(id: string, policies: ReadonlyMap<string, unknown>): string {
  return `unknown SLA policy \`${id}\`: ${policies.size ? `the policies are ${[...policies.keys()].join(', ')}` : 'no *.sla.yaml declares it'}`;
}
