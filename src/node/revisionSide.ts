// Node-only: one side of a diff (`patchops diff`, the editor's Compare with Branch…) read from git:
// a revision resolved to its commit, the workspace as committed there (gitSnapshots.ts), evaluated
// as of the instant the other side uses, with exception approvals reviewed against the history up
// to that commit — not HEAD's, which may hold approvals the revision never had.
import { evaluate } from '../core/evaluate';
import type { DiffSide } from '../core/diff/workspaceDiff';
import type { ApprovalChecks } from '../core/approvals/approvalCheck';
import type { WorkspaceModel } from '../core/model/workspace';
import { assembleModel } from '../core/workspace/load';
import { verifyApprovals, verifyApprovalsSync, type VerifyOptions } from './approvals';
import {
  readSnapshot,
  readSnapshotSync,
  resolveRevision,
  resolveRevisionSync,
  snapshotWorkspace,
  type Failable,
  type GitOptions,
  type RepositoryPlace,
  type Snapshot,
} from './gitSnapshots';
import type { DiskWorkspace } from './workspaceFiles';

/** A revision as read: its commit, and its workspace (null: there is none in that folder at that commit). */
export interface RevisionRead {
  label: string;
  commit: string;
  disk: DiskWorkspace | null;
}

/** `rev` in the repository at `place`, its workspace folder read as committed; `root` is that folder on disk. */
export function readRevisionSync(place: RepositoryPlace, root: string, rev: string, opts: GitOptions): Failable<{ read: RevisionRead }> {
  const resolved = resolveRevisionSync(place.repoRoot, rev, opts);
  if (!resolved.ok) return { ok: false, reason: unresolved(resolved.reason, place) };
  return readOf(rev, resolved.info.commit, readSnapshotSync(place.repoRoot, place.workspaceRel, resolved.info.commit, opts), root);
}

export async function readRevision(place: RepositoryPlace, root: string, rev: string, opts: GitOptions): Promise<Failable<{ read: RevisionRead }>> {
  const resolved = await resolveRevision(place.repoRoot, rev, opts);
  if (!resolved.ok) return { ok: false, reason: unresolved(resolved.reason, place) };
  return readOf(rev, resolved.info.commit, await readSnapshot(place.repoRoot, place.workspaceRel, resolved.info.commit, opts), root);
}

/** A revision a shallow clone does not have may exist upstream: say how to get it. */
function unresolved(reason: string, place: RepositoryPlace): string {
  return place.shallow
    ? `${reason}; this clone is shallow, so it may lie beyond its history: fetch more (git fetch --unshallow, or fetch-depth: 0 with actions/checkout)`
    : reason;
}

function readOf(label: string, commit: string, snapshot: Failable<Snapshot>, root: string): Failable<{ read: RevisionRead }> {
  if (!snapshot.ok) {
    // The folder did not exist then (the branch that adds the workspace): no workspace, not an error.
    if (/does not exist at commit/.test(snapshot.reason)) return { ok: true, read: { label, commit, disk: null } };
    return snapshot;
  }
  const disk = snapshotWorkspace(snapshot, root);
  return { ok: true, read: { label, commit, disk: disk.hasSettings ? disk : null } };
}

/** The model of a revision's workspace (no files when it has none). */
function revisionModel(read: RevisionRead): WorkspaceModel {
  return read.disk ? { ...assembleModel(read.disk.files), misnamed: read.disk.misnamed } : assembleModel([]);
}

/** The side, evaluated as of `asOf`; approvals reviewed at the revision's commit. */
export function evaluateRevisionSync(read: RevisionRead, root: string, asOf: number, verify: VerifyOptions): DiffSide {
  const model = revisionModel(read);
  return sideOf(read, model, asOf, verifyApprovalsSync(root, model, { ...verify, revision: read.commit }));
}

export async function evaluateRevision(read: RevisionRead, root: string, asOf: number, verify: VerifyOptions): Promise<DiffSide> {
  const model = revisionModel(read);
  return sideOf(read, model, asOf, await verifyApprovals(root, model, { ...verify, revision: read.commit }));
}

function sideOf(read: RevisionRead, model: WorkspaceModel, asOf: number, approvals: ApprovalChecks): DiffSide {
  return { label: read.label, commit: read.commit, evaluation: evaluate(model, { asOf, approvals }), ...(read.disk ? {} : { absent: true }) };
}
