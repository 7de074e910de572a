// Node-only: the workspace's history from git (`patchops history`, `report --trend`). For each
// point the workspace as committed on the branch's first-parent chain at that instant, evaluated
// as of that instant. Parsed files are kept by path and blob id and one incremental evaluator runs
// from point to point, so an unchanged blob is neither read nor parsed again and only what changed
// is computed again. Git runs through gitSnapshots.ts (the safe runner); approvals' git review is
// not replayed for past commits (docs/cli.md#history).
import { Evaluator } from '../core/evaluate';
import type { Every, HistoryDocument } from '../core/history/historyModel';
import { commitAt, periodInstants, type TimedCommit } from '../core/history/periods';
import { buildHistory, evaluatedPoint, missingPoint, type PointInput } from '../core/history/trends';
import type { Diagnostic } from '../core/model/diagnostic';
import type { LoadedFile } from '../core/model/workspace';
import { workspaceZone } from '../core/rules/workspaceZone';
import { fileKindOf } from '../core/workspace/fileKinds';
import { assembleModel, loadFile, refusedFile } from '../core/workspace/load';
import { misnamedDiagnostic } from '../core/workspace/misnamed';
import {
  firstParentChainSync,
  locateRepositorySync,
  readSnapshotSeriesSync,
  readSnapshotSync,
  type BlobCache,
  type Failable,
  type GitOptions,
  type Snapshot,
  type SnapshotFile,
} from './gitSnapshots';

export interface HistoryOptions extends GitOptions {
  every: Every;
  /**
   * The range, given the workspace's time zone (as committed at HEAD): `since` undefined starts at
   * the oldest commit the repository has.
   */
  range: (zone: string) => { since?: number; until: number };
  /** Evaluate every point from nothing (the bench's baseline); default: carry over between points. */
  fresh?: boolean;
}

/** The history of the workspace in `dir`, or why it cannot be read at all. */
export function readHistorySync(dir: string, opts: HistoryOptions): Failable<{ history: HistoryDocument }> {
  const place = locateRepositorySync(dir, opts);
  if (!place.ok) return place;
  const { repoRoot, workspaceRel, shallow } = place;
  const chain = firstParentChainSync(repoRoot, 'HEAD', opts);
  if (!chain.ok) return chain;
  const timed: (TimedCommit & { committedAt: string })[] = chain.commits.map((c) => ({
    commit: c.commit,
    committedMs: Date.parse(c.committedAt),
    committedAt: c.committedAt,
  }));
  if (!timed.length) return { ok: false, reason: 'the repository has no commits yet' };

  // The zone the range and the period boundaries are read in: patchops.yaml's at HEAD.
  const head = readSnapshotSync(repoRoot, workspaceRel, timed[0].commit, opts);
  const settings = head.ok ? head.files.find((f) => fileKindOf(f.rel) === 'workspace') : undefined;
  const zone = settings?.bytes ? workspaceZone(assembleModel([loadFile(settings.rel, settings.bytes)]).settings).zone : 'UTC';
  const range = opts.range(zone);
  const oldest = timed.reduce((min, c) => Math.min(min, c.committedMs), Infinity);
  const since = range.since ?? oldest;
  const until = range.until;
  if (since > until) return { ok: false, reason: 'the range is empty: --since is after --until' };
  const boundary = timed[timed.length - 1];
  const missing = shallow ? `this clone is shallow: the history before commit ${boundary.commit.slice(0, 12)} (${boundary.committedAt}) is missing` : null;

  const targets: { at: number; commit: TimedCommit | undefined }[] =
    opts.every === 'commit'
      ? timed
          .filter((c) => c.committedMs >= since && c.committedMs <= until)
          .reverse()
          .map((c) => ({ at: c.committedMs, commit: c }))
      : periodInstants(since, until, opts.every, zone).map((at) => ({ at, commit: commitAt(timed, at) }));
  const reader = new SnapshotEvaluator(repoRoot, workspaceRel, opts);
  const commits = targets.flatMap((t) => (t.commit ? [t.commit.commit] : []));
  const snapshots = reader.readAll(commits, timed.map((c) => c.commit).reverse());
  const points: PointInput[] = [];
  let workspace = '';
  let next = 0;
  for (const { at, commit } of targets) {
    if (!commit) {
      points.push(missingPoint(at, null, shallow && at < oldest ? 'before the shallow clone’s boundary: not in this clone' : 'no commit yet'));
      continue;
    }
    const snapshot = snapshots[next++]();
    const evaluated = snapshot.ok ? reader.evaluate(snapshot, at) : snapshot;
    if (!evaluated.ok) {
      points.push(missingPoint(at, commit.commit, evaluated.reason));
      continue;
    }
    workspace = evaluated.point.workspace;
    points.push(evaluated.point.input);
  }
  return { ok: true, history: buildHistory({ workspace, timezone: zone, every: opts.every, since, until, missing }, points) };
}

/** Snapshots read and evaluated one after another, carrying parsed files and the evaluator over. */
class SnapshotEvaluator {
  private blobs: BlobCache = new Map();
  /** By path: the blob last parsed there and what it gave. */
  private readonly loaded = new Map<string, { blob: string; file: LoadedFile }>();
  private readonly misnamed = new Map<string, { blob: string; warning: Diagnostic | undefined }>();
  private evaluator: Evaluator;

  constructor(
    private readonly repoRoot: string,
    private readonly workspaceRel: string,
    private readonly opts: HistoryOptions,
  ) {
    this.evaluator = new Evaluator(opts.fresh === true);
  }

  /**
   * The snapshots at `commits` (in `chain`'s order), each read when asked for: carried over, all
   * in one series (a few git processes in all); from nothing, or where a series cannot be read,
   * each commit on its own.
   */
  readAll(commits: readonly string[], chain: readonly string[]): (() => Failable<Snapshot>)[] {
    const series = this.opts.fresh ? undefined : readSnapshotSeriesSync(this.repoRoot, this.workspaceRel, commits, chain, { ...this.opts, blobs: this.blobs });
    if (series?.ok) return series.snapshots.map((snapshot) => () => ({ ok: true, ...snapshot }));
    return commits.map((commit) => () => {
      if (this.opts.fresh) this.blobs = new Map();
      const read = readSnapshotSync(this.repoRoot, this.workspaceRel, commit, { ...this.opts, blobs: this.blobs });
      if (read.ok) {
        // One commit at a time: keep only this one's blobs, which the next mostly shares.
        const live = new Set([...read.files, ...read.candidates].map((f) => f.blob));
        for (const blob of this.blobs.keys()) if (!live.has(blob)) this.blobs.delete(blob);
      }
      return read;
    });
  }

  /** The snapshot's files parsed, reusing each file already parsed at the same path with the same blob. */
  private load(snapshot: Snapshot): { files: LoadedFile[]; misnamed: Diagnostic[] } {
    if (this.opts.fresh) {
      this.loaded.clear();
      this.misnamed.clear();
    }
    const files = snapshot.files.map((f) => {
      const kept = this.loaded.get(f.rel);
      if (kept?.blob === f.blob) return kept.file;
      const file = f.refused !== undefined ? refusedFile(f.rel, f.refused) : loadFile(f.rel, f.bytes);
      this.loaded.set(f.rel, { blob: f.blob, file });
      return file;
    });
    const warnings = snapshot.candidates.flatMap((f) => {
      const kept = this.misnamed.get(f.rel);
      if (kept?.blob === f.blob) return kept.warning ?? [];
      const warning = f.refused !== undefined ? undefined : misnamedDiagnostic(f.rel, f.bytes);
      this.misnamed.set(f.rel, { blob: f.blob, warning });
      return warning ?? [];
    });
    // Only the paths of the latest snapshot are kept: the next commit mostly shares them.
    forgetOthers(this.loaded, snapshot.files);
    forgetOthers(this.misnamed, snapshot.candidates);
    return { files, misnamed: warnings };
  }

  evaluate(snapshot: Snapshot, at: number): Failable<{ point: { input: PointInput; workspace: string } }> {
    // As on disk, a folder without patchops.yaml is not a workspace: nothing to count there.
    if (!snapshot.files.some((f) => fileKindOf(f.rel) === 'workspace'))
      return { ok: false, reason: `no patchops.yaml in ${this.workspaceRel || 'the repository’s top folder'} at commit ${snapshot.commit.slice(0, 12)}` };
    const { files, misnamed } = this.load(snapshot);
    const model = { ...assembleModel(files), misnamed };
    const evaluation = this.evaluator.evaluate(model, { asOf: at });
    return { ok: true, point: { input: evaluatedPoint(evaluation, snapshot.commit), workspace: evaluation.workspaceName } };
  }
}

function forgetOthers(kept: Map<string, unknown>, files: readonly SnapshotFile[]): void {
  if (kept.size === files.length) return; // every path kept is one of these (each was just set or reused)
  const live = new Set(files.map((f) => f.rel));
  for (const rel of kept.keys()) if (!live.has(rel)) kept.delete(rel);
}
