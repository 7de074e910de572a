// Where git review of exception approvals plugs in (SPEC §4). The evaluation asks a lookup for
// each approved exception; until a verifier fills it, every approval is `unchecked`.
import type { ApprovalCommit } from '../model/evaluation';

export interface ApprovalCheck {
  state: 'verified' | 'unverified' | 'unchecked';
  /** Why it is unverified or unchecked, for a person. */
  reason?: string;
  commit?: ApprovalCommit;
}

/** Precomputed checks by exception file (workspace-relative path). */
export type ApprovalChecks = ReadonlyMap<string, ApprovalCheck>;

export const NOT_CHECKED: ApprovalCheck = {
  state: 'unchecked',
  reason: 'git review of approvals is not checked by this version',
};
