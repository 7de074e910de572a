// What the verifier must check for each approved exception: who approved, who asked, which
// lines hold the approval, and what the exception's policy demands. Pure: read from the model.
import type { ExceptionFile, SlaFile } from '../model/files';
import type { Entity, WorkspaceModel } from '../model/workspace';
import { sameEmail } from '../model/people';

export interface ApprovalRequest {
  /** The exception file, workspace-relative (the key of `ApprovalChecks`). */
  file: string;
  exceptionId: string;
  approver: string;
  requester: string;
  /** Members of the policy's approver teams. */
  approvers: string[];
  /** The exception's policy requires a signed approval commit. */
  requireSigned: boolean;
  /** The text the verdict is about (the editor's buffer, or the file on disk). */
  text: string;
  /** The `approval:` block, 0-based inclusive editor lines, from its key to its last value line. */
  block: { start: number; end: number };
}

/** True when some SLA policy of the workspace requires git review: only then does git run. */
export function gitReviewRequired(model: WorkspaceModel): boolean {
  return [...model.policies.values()].some((p) => p.data.exceptions?.require_git_review === true);
}

/**
 * One request per approved exception. Which policy applies mirrors the evaluation: the policy of
 * the exception's plan, else the workspace default (`default_sla`, or the only policy).
 */
export function approvalRequests(model: WorkspaceModel): ApprovalRequest[] {
  const policies = model.policies;
  const defaultId = model.settings?.data.default_sla;
  const defaultPolicy = defaultId !== undefined ? policies.get(defaultId) : policies.size === 1 ? [...policies.values()][0] : undefined;
  const planPolicies = new Map<string, Entity<SlaFile> | undefined>();
  for (const plan of model.plans) {
    planPolicies.set(plan.data.id, plan.data.sla !== undefined ? policies.get(plan.data.sla) : defaultPolicy);
  }
  const teams = model.settings?.data.teams ?? {};
  const out: ApprovalRequest[] = [];
  for (const entity of model.exceptions) {
    const exc = entity.data;
    if (!exc.approval) continue;
    const policy = (exc.plan !== undefined ? planPolicies.get(exc.plan) : undefined) ?? defaultPolicy;
    const rules = policy?.data.exceptions;
    const approvers = (rules?.approvers ?? []).flatMap((team) => teams[team]?.members ?? []);
    out.push({
      file: entity.source.file,
      exceptionId: exc.id,
      approver: exc.approval.approved_by,
      requester: exc.requested_by,
      approvers: [...new Set(approvers)],
      requireSigned: rules?.require_signed === true,
      text: entity.source.text,
      block: approvalBlock(entity),
    });
  }
  return out;
}

/** The lines of the `approval:` block: from its key through the end of its value. */
export function approvalBlock(entity: Entity<ExceptionFile>): { start: number; end: number } {
  const key = entity.source.rangeOf([...entity.path, 'approval'], 'key');
  const value = entity.source.rangeOf([...entity.path, 'approval'], 'value');
  const start = Math.min(key.start.line, value.start.line);
  // A block mapping's range ends at the start of the line after it.
  const end = value.end.character === 0 && value.end.line > start ? value.end.line - 1 : value.end.line;
  return { start, end: Math.max(start, end) };
}

export function isApproverMember(request: ApprovalRequest): boolean {
  return request.approvers.some((m) => sameEmail(m, request.approver));
}
