// The verdict on one approval from what git says (docs/git-review.md). Pure: the Node verifier gathers the
// facts (blame, commit authors, ancestry, signatures) and this decides; tests feed facts directly.
import type { ApprovalCommit } from '../model/evaluation';
import type { ApprovalCheck } from './approvalCheck';
import type { CommitFacts } from './porcelain';
import { isApproverMember, type ApprovalRequest } from './requests';
import { sameEmail } from '../model/people';

export interface ApprovalFacts {
  /** For each editor line of the request's text: the commit that last changed it, or null when not committed. */
  origins: readonly (string | null)[];
  commits: ReadonlyMap<string, CommitFacts>;
  /** Commits at the edge of a shallow clone: their lines may be older than they say. */
  shallowBoundaries?: ReadonlySet<string>;
  /**
   * Commits that changed lines of the exception outside the approval block and that the approval
   * commit does not descend from (the approver never saw them). Undefined: not asked.
   */
  unseen?: ReadonlySet<string>;
  /** Why no signature can be checked at all (e.g. no allowed signers are configured). */
  signersProblem?: string;
}

const PENDING = 'pending review: commit it';

const short = (commit: string) => commit.slice(0, 7);

/** The latest commit among the approval block's lines; null when a block line is not committed. */
export function approvalCommitOf(request: ApprovalRequest, facts: Pick<ApprovalFacts, 'origins' | 'commits'>): string | null {
  let latest: string | null = null;
  for (let line = request.block.start; line <= request.block.end; line++) {
    const commit = facts.origins[line];
    if (!commit) return null;
    if (latest === null || (facts.commits.get(commit)?.committerTime ?? 0) > (facts.commits.get(latest)?.committerTime ?? 0)) latest = commit;
  }
  return latest;
}

/** Commits of lines outside the approval block that are not commits of the block itself. */
export function otherCommits(request: ApprovalRequest, origins: readonly (string | null)[]): string[] {
  const block = new Set(blockLines(request).map((l) => origins[l]));
  const out = new Set<string>();
  origins.forEach((commit, line) => {
    if (commit && !inBlock(request, line) && !block.has(commit)) out.add(commit);
  });
  return [...out];
}

export function decideApproval(request: ApprovalRequest, facts: ApprovalFacts): ApprovalCheck {
  const approvalCommit = approvalCommitOf(request, facts);
  const latest = approvalCommit ? facts.commits.get(approvalCommit) : undefined;
  const signature = (c: CommitFacts | undefined): ApprovalCommit['signature'] =>
    !request.requireSigned || !c
      ? 'unchecked'
      : c.signature === 'G'
        ? 'good'
        : c.signature === 'N'
          ? 'none'
          : c.signature === 'E' || c.signature === '' || (c.signature === 'U' && facts.signersProblem)
            ? 'unchecked'
            : 'bad';
  const commit: ApprovalCommit | undefined = latest
    ? { commit: latest.commit, author: latest.authorEmail, date: latest.authorDate, signature: signature(latest) }
    : undefined;
  const unverified = (reason: string): ApprovalCheck => ({ state: 'unverified', reason, ...(commit ? { commit } : {}) });
  const who = (c: string) => facts.commits.get(c)?.authorEmail || 'an unknown author';
  const byApprover = (c: string) => sameEmail(facts.commits.get(c)?.authorEmail ?? '', request.approver);

  // 1. The approval block itself: committed, complete history, every line by the approver.
  const lines = blockLines(request);
  if (lines.some((l) => !facts.origins[l])) {
    return unverified(`${PENDING} (the approval block has changes that are not committed; ${request.approver} commits it)`);
  }
  const shallow = lines.map((l) => facts.origins[l]!).find((c) => facts.shallowBoundaries?.has(c));
  if (shallow) {
    return unverified(
      `git history is shallow: commit ${short(shallow)} may not be the one that changed the approval; fetch the full history (e.g. fetch-depth: 0)`,
    );
  }
  if (!byApprover(approvalCommit!)) {
    return lines.some((l) => byApprover(facts.origins[l]!))
      ? unverified(`edited after approval by ${who(approvalCommit!)} in ${short(approvalCommit!)}; ${request.approver} commits the approval again`)
      : unverified(`committed by ${who(approvalCommit!)} in ${short(approvalCommit!)}, not by the approver ${request.approver}`);
  }
  const foreign = lines.find((l) => !byApprover(facts.origins[l]!));
  if (foreign !== undefined) {
    const c = facts.origins[foreign]!;
    return unverified(
      `line ${foreign + 1} of the approval block was last changed by ${who(c)} in ${short(c)}, not by the approver ${request.approver}: the approver commits the whole block`,
    );
  }

  // 2. The rest of the exception must not have changed since the approver approved it.
  const last = trailingEmptyLine(request.text);
  const uncommitted = facts.origins.findIndex((c, l) => !c && !inBlock(request, l) && l !== last);
  if (uncommitted >= 0) {
    return unverified(`${PENDING} (line ${uncommitted + 1} has changes that are not committed; after review ${request.approver} commits the approval again)`);
  }
  const unseen = facts.origins.findIndex((c, l) => c !== null && !inBlock(request, l) && facts.unseen?.has(c));
  if (unseen >= 0) {
    const c = facts.origins[unseen]!;
    return unverified(`changed after approval by ${who(c)} in ${short(c)} (line ${unseen + 1}); ${request.approver} reviews it and commits the approval again`);
  }

  // 3. Signatures: every commit of the block verifies, and was signed by the approver.
  if (request.requireSigned) {
    for (const c of [...new Set(lines.map((l) => facts.origins[l]!))]) {
      const problem = signatureProblem(facts.commits.get(c), c, request.approver, facts.signersProblem);
      if (problem) return unverified(problem);
    }
  }

  // 4. Who may approve (the evaluation reports these too, under their own codes).
  if (sameEmail(request.approver, request.requester)) return unverified(`${request.approver} requested this exception and cannot approve it`);
  if (!isApproverMember(request)) return unverified(`${request.approver} is not in an approver team`);

  return { state: 'verified', ...(commit ? { commit } : {}) };
}

function signatureProblem(c: CommitFacts | undefined, commit: string, approver: string, signersProblem?: string): string | undefined {
  const id = short(commit);
  switch (c?.signature ?? '') {
    case 'G': {
      const signer = c!.signer;
      const email = /<([^>]*)>/.exec(signer)?.[1] ?? signer;
      return sameEmail(email, approver) ? undefined : `commit ${id} is signed by ${signer || 'an unnamed key'}, not by the approver ${approver}`;
    }
    case 'N':
      return `commit ${id} is not signed: the policy requires a signed approval commit (git commit -S)`;
    case 'B':
      return `the signature of commit ${id} is bad: the commit was changed after it was signed`;
    case 'U':
      return signersProblem
        ? `the signature of commit ${id} cannot be checked: ${signersProblem}`
        : `commit ${id} is signed with a key that is neither an allowed signer nor a trusted GPG key`;
    case 'X':
      return `the signature of commit ${id} has expired`;
    case 'Y':
      return `commit ${id} is signed with an expired key`;
    case 'R':
      return `commit ${id} is signed with a revoked key`;
    case 'E':
      return `the signature of commit ${id} cannot be checked: ${signersProblem ?? 'its key is not among the allowed signers (or the GPG keyring)'}`;
    default:
      return `the signature of commit ${id} was not checked`;
  }
}

function blockLines(request: ApprovalRequest): number[] {
  const out: number[] = [];
  for (let l = request.block.start; l <= request.block.end; l++) out.push(l);
  return out;
}

function inBlock(request: ApprovalRequest, line: number): boolean {
  return line >= request.block.start && line <= request.block.end;
}

/** The empty editor line after a final line break (git has no such line), or -1. */
function trailingEmptyLine(text: string): number {
  const lines = text.split(/\r\n|\n|\r/);
  return lines[lines.length - 1] === '' ? lines.length - 1 : -1;
}
