// Which SLA policy applies to a plan: the one it names with `sla`, else the workspace's default
// (`default_sla`, else the only policy there is). A plan without a usable policy has no deadline.
import type { PlanFile, WorkspaceFile } from '../model/files';
import type { RuleContext } from './context';
import type { PlanPolicy } from './plans';
import type { ResolvedPolicy } from './policies';
import type { Entity } from '../model/workspace';

/** The key of the default policy's answer in `PlanPolicyInputs.defaultPolicy`. */
export const DEFAULT_POLICY = 'default';

/** What a plan's policy depends on, shared across plans: an incremental evaluation tracks each key read. */
export interface PlanPolicyInputs {
  /** Usable policies by id. */
  policies: ReadonlyMap<string, ResolvedPolicy>;
  /** Policy ids declared by files that cannot be used, with why. */
  brokenPolicies: ReadonlyMap<string, string>;
  /** `defaultPolicyOf`'s answer under DEFAULT_POLICY (a map, so that reading it is tracked like any other input). */
  defaultPolicy: ReadonlyMap<string, PlanPolicy>;
}

/** A plan's policy, or why it has none: a plan without a usable policy has no deadline. */
export function planPolicy(ctx: RuleContext, plan: Entity<PlanFile>, inputs: PlanPolicyInputs): PlanPolicy {
  const id = plan.data.sla;
  if (plan.damaged?.includes('/sla')) return { problem: 'its `sla` cannot be read' };
  if (id === undefined) {
    const fallback = inputs.defaultPolicy.get(DEFAULT_POLICY)!;
    if (!fallback.policy && fallback.id === undefined) {
      ctx.report(
        plan,
        ['id'],
        'error',
        'ref.unknown',
        `no SLA policy applies to plan \`${plan.data.id}\`: name one with \`sla\`, or set \`default_sla\` in patchops.yaml`,
      );
    }
    return fallback;
  }
  const policy = inputs.policies.get(id);
  if (policy) return { policy };
  const broken = inputs.brokenPolicies.get(id);
  if (broken) return { problem: `SLA policy \`${id}\` cannot be used: ${broken}` };
  ctx.report(plan, ['sla'], 'error', 'ref.unknown', unknownPolicy(id, inputs.policies));
  return { problem: `unknown SLA policy \`${id}\`` };
}

/**
 * The policy for plans that name none: `default_sla`, else the only policy there is. Computed
 * once per evaluation, outside any cell: its problems with `default_sla` are the settings file's.
 */
export function defaultPolicyOf(
  ctx: RuleContext,
  settings: Entity<WorkspaceFile> | undefined,
  inputs: Pick<PlanPolicyInputs, 'policies' | 'brokenPolicies'>,
): PlanPolicy {
  const { policies, brokenPolicies } = inputs;
  const id = settings?.data.default_sla;
  if (id !== undefined) {
    const policy = policies.get(id);
    if (policy) return { policy, id };
    const broken = brokenPolicies.get(id);
    if (broken) return { problem: `the default SLA policy \`${id}\` cannot be used: ${broken}`, id };
    ctx.report(settings!, ['default_sla'], 'error', 'ref.unknown', unknownPolicy(id, policies));
    return { problem: `the default SLA policy \`${id}\` is unknown`, id };
  }
  if (settings?.damaged?.includes('/default_sla')) return { problem: '`default_sla` in patchops.yaml cannot be read' };
  // With a single policy there is no doubt which one applies.
  if (policies.size === 1) return { policy: [...policies.values()][0] };
  return { problem: policies.size ? 'it names no `sla` and patchops.yaml sets no `default_sla`' : 'no SLA policy is defined (*.sla.yaml)' };
}

/** The same answer: a plan whose policy answer is the same keeps its result. */
export function samePlanPolicy(a: PlanPolicy, b: PlanPolicy): boolean {
  return a.policy === b.policy && a.problem === b.problem && a.id === b.id;
}

function unknownPolicy(id: string, policies: ReadonlyMap<string, unknown>): string {
  return `unknown SLA policy \`${id}\`: ${policies.size ? `the policies are ${[...policies.keys()].join(', ')}` : 'no *.sla.yaml declares it'}`;
}
