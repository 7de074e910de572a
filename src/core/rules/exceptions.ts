// Exceptions (docs/rules.md#exceptions): who asked, why, until when, who approved — and whether that approval
// makes the exception effective, so it can take pairs out of a plan's scope.
import { NOT_CHECKED, type ApprovalCheck, type ApprovalChecks } from '../approvals/approvalCheck';
import type { ExceptionResult } from '../model/evaluation';
import type { AssetGroup, ExceptionFile, WorkspaceFile } from '../model/files';
import { maxImpact, maxSeverity, tierFor } from '../risk/tiers';
import { formatDuration } from '../time/durations';
import { formatInstantLocal } from '../time/instants';
import { sameEmail } from '../model/people';
import type { RuleContext } from './context';
import { teamOf, type ResolvedPolicy } from './policies';
import type { ExceptionState, Impact, SeverityBand, Tier } from '../model/vocabulary';
import type { Entity } from '../model/workspace';

export interface ExceptionInputs {
  teams: WorkspaceFile['teams'];
  policies: ReadonlyMap<string, ResolvedPolicy>;
  defaultPolicy?: ResolvedPolicy;
  /** Plan id → its SLA policy (undefined when the plan's policy is unknown). */
  planPolicies: ReadonlyMap<string, ResolvedPolicy | undefined>;
  /** Plan ids that exist but cannot be evaluated (their file is invalid). */
  brokenPlans: ReadonlyMap<string, string>;
  groups: ReadonlyMap<string, Entity<AssetGroup>>;
  brokenGroups: ReadonlyMap<string, string>;
  vulnerabilities: ReadonlyMap<string, { severity?: SeverityBand | null; kev: boolean; epss?: number }>;
  approvals?: ApprovalChecks;
}

export function evaluateException(ctx: RuleContext, entity: Entity<ExceptionFile>, inputs: ExceptionInputs): ExceptionResult {
  const exc = entity.data;
  checkReferences(ctx, entity, inputs);

  const policy = (exc.plan !== undefined ? inputs.planPolicies.get(exc.plan) : undefined) ?? inputs.defaultPolicy;
  const requestedOn = ctx.instant(entity, ['requested_on'], exc.requested_on) ?? null;
  const revisitOn = ctx.instant(entity, ['revisit_on'], exc.revisit_on) ?? null;
  const approvedOn = exc.approval ? (ctx.instant(entity, ['approval', 'approved_on'], exc.approval.approved_on) ?? null) : null;
  const tier = policy ? exceptionTier(exc, inputs, policy) : null;

  const result: ExceptionResult = {
    entity,
    id: exc.id,
    policyId: policy?.id ?? null,
    tier,
    state: 'pending',
    effective: false,
    approval: 'missing',
    detail: null,
    commit: null,
    requestedOn,
    approvedOn,
    revisitOn,
  };

  if (!exc.approval) {
    ctx.report(
      entity,
      ['id'],
      'info',
      'exception.pending',
      `exception \`${exc.id}\` is pending: no approval yet, so it exempts nothing; a member of ${approverTeams(policy)} approves it`,
    );
    result.detail = 'no approval yet';
    return result;
  }

  // Everything that can keep an approved exception from applying, each reported where it is.
  const problems: string[] = [];
  const approver = exc.approval.approved_by;
  if (sameEmail(approver, exc.requested_by)) {
    problems.push('approved by its own requester');
    ctx.report(
      entity,
      ['approval', 'approved_by'],
      'error',
      'exception.self-approved',
      `\`${approver}\` requested this exception and cannot approve it: a member of ${approverTeams(policy)} other than the requester must`,
    );
  }
  if (policy && !isApprover(approver, policy, inputs.teams)) {
    problems.push(`${approver} is not in an approver team`);
    ctx.report(
      entity,
      ['approval', 'approved_by'],
      'error',
      'exception.unauthorized',
      `\`${approver}\` may not approve exceptions: approvers are the members of ${approverTeams(policy)} (policy \`${policy.id}\`)`,
    );
  }
  if (!policy) problems.push('no SLA policy applies to it');

  const tooLong = policy && tier && checkDuration(ctx, entity, policy, tier, approvedOn, revisitOn);
  if (tooLong) problems.push(tooLong);

  const check = approvalCheck(entity, policy, inputs.approvals);
  result.approval = check.state;
  result.commit = check.commit ?? null;
  if (check.state === 'unverified') {
    problems.push(check.reason ?? 'git does not show the approver committed the approval');
    ctx.report(
      entity,
      ['approval', 'approved_by'],
      'error',
      'exception.unverified',
      `approval by \`${approver}\` is not verified: ${check.reason ?? 'git does not show the approver committed it'}`,
    );
  }

  const expired = revisitOn !== null && ctx.reached(revisitOn);
  if (revisitOn === null) problems.push('its revisit date is not a valid date');
  // Without a real approval date its length cannot be checked against `max_duration`.
  if (approvedOn === null) problems.push('its approval date is not a valid date');
  result.effective = problems.length === 0 && !expired;
  result.state = stateOf(ctx, expired, problems.length > 0, revisitOn, policy);
  result.detail = problems.length ? problems.join('; ') : check.state === 'unchecked' ? (check.reason ?? null) : null;

  if (expired) {
    ctx.report(
      entity,
      ['revisit_on'],
      'error',
      'exception.expired',
      `exception \`${exc.id}\` expired: its revisit date ${formatInstantLocal(revisitOn, ctx.zone)} has passed (${ctx.since(revisitOn)} ago); revisit it — renew with a new approval, or patch`,
    );
  } else if (result.state === 'expiring') {
    ctx.report(
      entity,
      ['revisit_on'],
      'warning',
      'exception.expiring',
      `exception \`${exc.id}\` expires in ${ctx.until(revisitOn!)} (revisit on ${formatInstantLocal(revisitOn!, ctx.zone)}): plan the patch or renew it`,
    );
  }
  return result;
}

function stateOf(ctx: RuleContext, expired: boolean, invalid: boolean, revisitOn: number | null, policy?: ResolvedPolicy): ExceptionState {
  if (expired) return 'expired';
  if (invalid) return 'invalid';
  if (revisitOn !== null && policy && ctx.reached(revisitOn - policy.exceptions.warnBefore)) return 'expiring';
  return 'active';
}

function checkReferences(ctx: RuleContext, entity: Entity<ExceptionFile>, inputs: ExceptionInputs): void {
  const exc = entity.data;
  exc.vulnerabilities.forEach((id, i) => {
    if (!inputs.vulnerabilities.has(id)) {
      ctx.report(
        entity,
        ['vulnerabilities', i],
        'error',
        'ref.unknown',
        `unknown vulnerability \`${id}\`: no plan lists it; an exception exempts vulnerabilities of some plan`,
      );
    }
  });
  exc.groups.forEach((id, i) => {
    if (!inputs.groups.has(id) && !inputs.brokenGroups.has(id)) {
      ctx.report(entity, ['groups', i], 'error', 'ref.unknown', unknownGroup(id, inputs.groups));
    }
  });
  if (exc.plan !== undefined && !inputs.planPolicies.has(exc.plan) && !inputs.brokenPlans.has(exc.plan)) {
    ctx.report(entity, ['plan'], 'error', 'ref.unknown', `unknown plan \`${exc.plan}\`: no plan file declares this id`);
  }
}

/** The tier of what it exempts: highest severity of its vulnerabilities, highest impact of its groups. */
/**
 * The tier of what the exception exempts. A vulnerability whose severity is unknown counts as
 * critical and a group that is unknown as high impact: the strictest `max_duration` applies
 * rather than none, so an exception never escapes its limit because something could not be read.
 */
function exceptionTier(exc: ExceptionFile, inputs: ExceptionInputs, policy: ResolvedPolicy): Tier {
  let severity: SeverityBand | undefined;
  let kev = false;
  let epss: number | undefined;
  for (const id of exc.vulnerabilities) {
    const v = inputs.vulnerabilities.get(id);
    severity = maxSeverity(severity, v?.severity ?? 'critical');
    kev ||= v?.kev ?? false;
    if (v?.epss !== undefined) epss = Math.max(epss ?? 0, v.epss);
  }
  let impact: Impact | undefined;
  for (const id of exc.groups) impact = maxImpact(impact, inputs.groups.get(id)?.data.impact ?? 'high');
  return tierFor(severity ?? 'critical', impact ?? 'high', kev, policy.matrix, policy.kevRaise, { probability: epss, rule: policy.epssRaise });
}

function checkDuration(
  ctx: RuleContext,
  entity: Entity<ExceptionFile>,
  policy: ResolvedPolicy,
  tier: Tier,
  approvedOn: number | null,
  revisitOn: number | null,
): string | undefined {
  const max = policy.exceptions.maxDuration[tier];
  if (max === undefined || approvedOn === null || revisitOn === null) return undefined;
  const length = revisitOn - approvedOn;
  if (length <= max) return undefined;
  const latest = formatInstantLocal(approvedOn + max, ctx.zone);
  ctx.report(
    entity,
    ['revisit_on'],
    'error',
    'exception.too-long',
    `exception runs ${formatDuration(length)} from approval to revisit; a ${tier}-tier exception may run at most ${formatDuration(max)} (policy \`${policy.id}\`): revisit by ${latest}`,
  );
  return `longer than the ${formatDuration(max)} allowed for its ${tier} tier`;
}

function approvalCheck(entity: Entity<ExceptionFile>, policy: ResolvedPolicy | undefined, checks?: ApprovalChecks): ApprovalCheck {
  if (!policy?.exceptions.requireGitReview) return { state: 'unchecked', reason: 'the policy does not require git review' };
  return checks?.get(entity.source.file) ?? NOT_CHECKED;
}

function isApprover(email: string, policy: ResolvedPolicy, teams: WorkspaceFile['teams']): boolean {
  return policy.exceptions.approvers.some((team) => teamOf(teams, team)?.members.some((m) => sameEmail(m, email)));
}

function approverTeams(policy?: ResolvedPolicy): string {
  const teams = policy?.exceptions.approvers ?? [];
  return teams.length ? teams.map((t) => `\`${t}\``).join(' or ') : 'an approver team (the policy names none under `exceptions.approvers`)';
}

export function unknownGroup(id: string, groups: ReadonlyMap<string, unknown>): string {
  const known = [...groups.keys()];
  const hint = known.length <= 12 ? `known groups: ${known.join(', ') || 'none'}` : `${known.length} groups are defined`;
  return `unknown asset group \`${id}\`: no *.assets.yaml declares it (${hint})`;
}
