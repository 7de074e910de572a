// Where git review of exception approvals plugs in (docs/git-review.md). The evaluation asks a lookup for
// each approved exception; the Node verifier (src/node/approvals.ts) fills it from git, and the
// pure parts it uses live beside this file (requests, porcelain, lineMap, decide). Without a
// lookup every approval is `unchecked`.
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
  reason: 'git review of approvals did not run here',
};
