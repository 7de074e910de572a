// Node-only: the workspace as committed at a commit, read from git without touching the working
// tree, so that any command can evaluate a past state (history) or another branch (diff) exactly
// like the files on disk. The same file selection as the disk reader (core/workspace/fileKinds.ts:
// PatchOps files by name, other YAML as candidates, dot folders and node_modules skipped) and the
// same size cap; one `git ls-tree` per commit and one `git cat-file --batch` for all the blobs it
// has not read before. Git runs only through gitRunner.ts (argument arrays, the repository's
// config overridden, no hooks, no fsmonitor, no lazy fetch) and never in an untrusted workspace.
import * as path from 'path';
import { DEFAULT_LIMITS, tooLargeMessage } from '../core/parse/sourceDocument';
import { fileKindOf, isCandidateName, isSkippedFolder } from '../core/workspace/fileKinds';
import { gitEnvironment, locateExecutable, runGitAsync, runGitSync, type GitCall, type GitResult, type GitRunnerOptions } from './gitRunner';
import type { RawFile, RawWorkspace } from './workspaceBytes';
import { loadWorkspace, type DiskWorkspace } from './workspaceFiles';

export interface GitOptions {
  /** False in an untrusted (Restricted Mode) workspace: git does not run, every call says so. */
  trusted: boolean;
  /** An absolute path to git; default: the first git on PATH that is not inside the workspace. */
  gitPath?: string;
  /** The environment git runs in (default: this process's). GIT_* variables are dropped but a few. */
  env?: NodeJS.ProcessEnv;
  /** Per git command; default 30 s. */
  timeoutMs?: number;
}

export type Failable<T> = ({ ok: true } & T) | { ok: false; reason: string };

export interface CommitInfo {
  commit: string;
  /** The committer date as an ISO instant (UTC): when the commit entered the history. */
  committedAt: string;
  /** The author date as an ISO instant (UTC): when the change was written (a rebase keeps it). */
  authoredAt: string;
  parents: string[];
  subject: string;
}

/** Where a workspace folder sits in its repository. */
export interface RepositoryPlace {
  /** The repository's top folder (its working tree). */
  repoRoot: string;
  /** The workspace folder inside it, `/`-separated, '' at the top. */
  workspaceRel: string;
  /** A shallow clone: commits beyond its boundary are missing. */
  shallow: boolean;
}

/** One file as committed: its blob id, and its bytes or why they were not read (as the disk reader says it). */
export type SnapshotFile = RawFile & { blob: string };

export interface Snapshot {
  commit: string;
  /** PatchOps files, in the disk reader's order. */
  files: SnapshotFile[];
  /** The other `.yaml`/`.yml` files, read only to warn when one looks like a PatchOps file. */
  candidates: SnapshotFile[];
}

/**
 * Blob contents already read, by blob id: pass the same map to the reads of several commits and
 * an unchanged file is read once.
 */
export type BlobCache = Map<string, Buffer>;

const DEFAULT_TIMEOUT_MS = 30_000;
/** Output of one `cat-file --batch`; the runner's buffer is 64 MB. */
const BATCH_BYTES = 32 * 1024 * 1024;

type Steps<T> = Generator<GitCall, Failable<T>, GitResult>;

/** The repository holding `dir`, and where `dir` sits in it. */
export function locateRepositorySync(dir: string, opts: GitOptions): Failable<RepositoryPlace> {
  return driveSync(dir, opts, locateSteps(dir));
}

export function locateRepository(dir: string, opts: GitOptions): Promise<Failable<RepositoryPlace>> {
  return drive(dir, opts, locateSteps(dir));
}

/** A revision (branch, tag, id, `HEAD~3`) as the commit it names; anything starting with `-` is refused. */
export function resolveRevisionSync(repoRoot: string, rev: string, opts: GitOptions): Failable<{ info: CommitInfo }> {
  return driveSync(repoRoot, opts, resolveSteps(rev));
}

export function resolveRevision(repoRoot: string, rev: string, opts: GitOptions): Promise<Failable<{ info: CommitInfo }>> {
  return drive(repoRoot, opts, resolveSteps(rev));
}

/**
 * The commits of `rev`'s first-parent chain, newest first: what the branch held over time (a merge
 * counts when it landed, with the merge commit's dates). A shallow clone's chain ends at its boundary.
 */
export function firstParentChainSync(repoRoot: string, rev: string, opts: GitOptions): Failable<{ commits: CommitInfo[] }> {
  return driveSync(repoRoot, opts, chainSteps(rev));
}

/** The workspace folder `workspaceRel` as committed at `commit` (a full commit id, from `resolveRevision`). */
export function readSnapshotSync(repoRoot: string, workspaceRel: string, commit: string, opts: GitOptions & { blobs?: BlobCache }): Failable<Snapshot> {
  return driveSync(path.join(repoRoot, workspaceRel), opts, snapshotSteps(workspaceRel, commit, opts.blobs ?? new Map<string, Buffer>()), repoRoot);
}

export function readSnapshot(repoRoot: string, workspaceRel: string, commit: string, opts: GitOptions & { blobs?: BlobCache }): Promise<Failable<Snapshot>> {
  return drive(path.join(repoRoot, workspaceRel), opts, snapshotSteps(workspaceRel, commit, opts.blobs ?? new Map<string, Buffer>()), repoRoot);
}

/**
 * A snapshot as the disk reader's RawWorkspace: `root` is the folder the workspace has on disk, so
 * paths, messages and SARIF locations read the same as for the working tree.
 */
export function snapshotRawWorkspace(snapshot: Snapshot, root: string): RawWorkspace {
  return {
    root,
    realRoot: undefined,
    hasSettings: snapshot.files.some((f) => fileKindOf(f.rel) === 'workspace'),
    files: snapshot.files.map(withoutBlob),
    candidates: snapshot.candidates.map(withoutBlob),
  };
}

/** A snapshot parsed: the same DiskWorkspace `readWorkspace` gives for the files on disk. */
export function snapshotWorkspace(snapshot: Snapshot, root: string): DiskWorkspace {
  return loadWorkspace(snapshotRawWorkspace(snapshot, root));
}

function withoutBlob(f: SnapshotFile): RawFile {
  return f.refused !== undefined ? { rel: f.rel, refused: f.refused } : { rel: f.rel, bytes: f.bytes };
}

// --- running the steps ------------------------------------------------------------------------

function runnerFor(dir: string, opts: GitOptions, cwd: string): Failable<{ runner: GitRunnerOptions }> {
  if (!opts.trusted) return { ok: false, reason: 'the workspace is not trusted: PatchOps does not run git in it' };
  const env = gitEnvironment(opts.env ?? process.env);
  const git = locateExecutable('git', dir, env, opts.gitPath);
  if (!git.ok) return { ok: false, reason: git.reason };
  return { ok: true, runner: { git: git.path, cwd, env, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS } };
}

function driveSync<T>(dir: string, opts: GitOptions, steps: Steps<T>, cwd = dir): Failable<T> {
  const r = runnerFor(dir, opts, cwd);
  if (!r.ok) return r;
  let step = steps.next();
  while (!step.done) step = steps.next(runGitSync(step.value, r.runner));
  return step.value;
}

async function drive<T>(dir: string, opts: GitOptions, steps: Steps<T>, cwd = dir): Promise<Failable<T>> {
  const r = runnerFor(dir, opts, cwd);
  if (!r.ok) return r;
  let step = steps.next();
  while (!step.done) step = steps.next(await runGitAsync(step.value, r.runner));
  return step.value;
}

/** Why git failed, in one line of its own words (LC_ALL=C), without the `fatal:` prefix. */
function gitFailure(r: GitResult, what: string): { ok: false; reason: string } {
  if (r.failure !== undefined) return { ok: false, reason: `${what}: ${r.failure}` };
  const line = r.stderr.split('\n').find((l) => l.trim() !== '') ?? `git exited with code ${r.code}`;
  return { ok: false, reason: `${what}: ${line.replace(/^(fatal|error): /, '').trim()}` };
}

// --- the steps --------------------------------------------------------------------------------

function* locateSteps(dir: string): Steps<RepositoryPlace> {
  const r = yield { args: ['rev-parse', '--show-toplevel', '--show-prefix', '--is-shallow-repository'] };
  if (r.code !== 0) return gitFailure(r, `${dir} is not in a git repository with a working tree`);
  const [top, prefix, shallow] = r.stdout.split('\n');
  if (!top) return { ok: false, reason: `${dir} is not in a git repository with a working tree` };
  return { ok: true, repoRoot: top, workspaceRel: (prefix ?? '').replace(/\/$/, ''), shallow: shallow === 'true' };
}

/** `%x00`-separated, one commit per line: id, committer and author times (seconds), parents, subject. */
const COMMIT_FORMAT = '--format=%H%x00%ct%x00%at%x00%P%x00%s';

function parseCommitLine(line: string): CommitInfo | undefined {
  const [commit, committed, authored, parents, subject] = line.split('\0');
  if (!commit || !/^[0-9a-f]{40,64}$/.test(commit) || !/^-?\d+$/.test(committed ?? '') || !/^-?\d+$/.test(authored ?? '')) return undefined;
  return {
    commit,
    committedAt: new Date(Number(committed) * 1000).toISOString(),
    authoredAt: new Date(Number(authored) * 1000).toISOString(),
    parents: parents ? parents.split(' ') : [],
    subject: subject ?? '',
  };
}

/** A revision is refused when git could read it as an option, or it cannot be one line of input. */
function badRevision(rev: string): string | undefined {
  if (rev === '') return 'an empty revision';
  if (rev.startsWith('-')) return `\`${rev}\` is not a revision (it starts with \`-\`)`;
  if ([...rev].some((c) => c < ' ' || c === '\x7f')) return 'a revision with control characters';
  return undefined;
}

function* resolveSteps(rev: string): Steps<{ info: CommitInfo }> {
  const bad = badRevision(rev);
  if (bad) return { ok: false, reason: bad };
  const verified = yield { args: ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`] };
  if (verified.failure !== undefined || verified.code === 128) return gitFailure(verified, `cannot resolve \`${rev}\``);
  const commit = verified.stdout.trim();
  if (verified.code !== 0 || !commit) return { ok: false, reason: `no commit \`${rev}\` in this repository` };
  const log = yield { args: ['log', '-1', '--no-show-signature', '--no-decorate', COMMIT_FORMAT, '--end-of-options', commit, '--'] };
  if (log.code !== 0) return gitFailure(log, `cannot read commit ${commit.slice(0, 12)}`);
  const info = parseCommitLine(log.stdout.replace(/\n$/, ''));
  if (!info) return { ok: false, reason: `cannot read commit ${commit.slice(0, 12)}: git printed something unexpected` };
  return { ok: true, info };
}

function* chainSteps(rev: string): Steps<{ commits: CommitInfo[] }> {
  const resolved = yield* resolveSteps(rev);
  if (!resolved.ok) return resolved;
  const log = yield { args: ['log', '--first-parent', '--no-show-signature', '--no-decorate', COMMIT_FORMAT, '--end-of-options', resolved.info.commit, '--'] };
  if (log.code !== 0) return gitFailure(log, `cannot read the history of \`${rev}\``);
  const commits: CommitInfo[] = [];
  for (const line of log.stdout.split('\n')) {
    if (line === '') continue;
    const info = parseCommitLine(line);
    if (!info) return { ok: false, reason: `cannot read the history of \`${rev}\`: git printed something unexpected` };
    commits.push(info);
  }
  return { ok: true, commits };
}

interface TreeEntry {
  rel: string;
  segments: string[];
  mode: string;
  blob: string;
  size: number;
  candidate: boolean;
}

function* snapshotSteps(workspaceRel: string, commit: string, blobs: BlobCache): Steps<Snapshot> {
  const listed = yield* listSteps(workspaceRel, commit);
  if (!listed.ok) return listed;
  const read = yield* blobSteps([listed.entries], blobs, commit.slice(0, 12));
  if (!read.ok) return read;
  return { ok: true, ...assemble(commit, listed.entries, blobs, read.missing) };
}

/** The workspace's files at `commit` as `ls-tree` lists them (with sizes), in the disk reader's order. */
function* listSteps(workspaceRel: string, commit: string): Steps<{ entries: TreeEntry[] }> {
  if (!isCommitId(commit)) return { ok: false, reason: `\`${commit}\` is not a full commit id (resolve it first)` };
  const short = commit.slice(0, 12);
  const rel = trimSlashes(workspaceRel);
  const tree = rel ? `${commit}:${rel}` : `${commit}^{tree}`;
  const listed = yield { args: ['ls-tree', '-r', '-z', '-l', '--full-tree', '--end-of-options', tree] };
  if (listed.code !== 0) {
    if (listed.failure === undefined && rel) {
      const exists = yield { args: ['rev-parse', '--verify', '--quiet', '--end-of-options', `${tree}^{tree}`] };
      if (exists.failure === undefined && exists.code === 1) return { ok: false, reason: `the folder ${rel} does not exist at commit ${short}` };
    }
    return gitFailure(listed, `cannot list the files of commit ${short}`);
  }
  const entries = parseLsTree(listed.stdout);
  if (!entries) return { ok: false, reason: `cannot list the files of commit ${short}: git printed something unexpected` };
  return { ok: true, entries: entries.sort((a, b) => compareSegments(a.segments, b.segments)) };
}

/** Reads every blob the entries need that `blobs` does not hold yet, in as few `cat-file --batch` calls as the size allows. */
function* blobSteps(lists: readonly (readonly TreeEntry[])[], blobs: BlobCache, short: string): Steps<{ missing: Set<string> }> {
  const maxBytes = DEFAULT_LIMITS.maxChars;
  const sizeOf = new Map<string, number>();
  for (const entries of lists) for (const e of entries) if (readable(e, maxBytes) && !blobs.has(e.blob)) sizeOf.set(e.blob, e.size);
  const missing = new Set<string>();
  for (const batch of batches([...sizeOf.keys()], sizeOf)) {
    const r = yield { args: ['cat-file', '--batch'], input: batch.map((b) => `${b}\n`).join(''), binary: true };
    if (r.code !== 0 || !r.bytes) return gitFailure(r, `cannot read the files of commit ${short}`);
    if (!parseBatch(r.bytes, blobs, missing)) return { ok: false, reason: `cannot read the files of commit ${short}: git printed something unexpected` };
  }
  return { ok: true, missing };
}

function assemble(commit: string, entries: readonly TreeEntry[], blobs: BlobCache, missing: ReadonlySet<string>): Snapshot {
  const maxBytes = DEFAULT_LIMITS.maxChars;
  const files: SnapshotFile[] = [];
  const candidates: SnapshotFile[] = [];
  for (const e of entries) (e.candidate ? candidates : files).push(snapshotFile(e, blobs, missing, maxBytes));
  return { commit, files, candidates };
}

const isCommitId = (commit: string) => /^[0-9a-f]{40,64}$/.test(commit);
const trimSlashes = (rel: string) => rel.replace(/^\/+|\/+$/g, '');

/**
 * The snapshots at `commits`, in the order of `chain` (a first-parent chain, oldest first, as
 * `firstParentChainSync` reversed): one `ls-tree` for the first, one `log --raw` for what the
 * commits after it changed in the folder, one `cat-file --batch-check` for the new blobs' sizes
 * and as few `cat-file --batch` as their size allows — a handful of git processes for any number
 * of commits. Undefined when they cannot be read that way (a commit not on the chain or out of its
 * order, the folder missing at the first, a git without `--diff-merges`): the caller then reads
 * each commit with `readSnapshotSync`.
 */
export function readSnapshotSeriesSync(
  repoRoot: string,
  workspaceRel: string,
  commits: readonly string[],
  chain: readonly string[],
  opts: GitOptions & { blobs?: BlobCache },
): Failable<{ snapshots: Snapshot[] }> | undefined {
  const order = new Map(chain.map((c, i) => [c, i]));
  const positions = commits.map((c) => order.get(c) ?? -1);
  if (positions.some((p, i) => p < 0 || (i > 0 && p < positions[i - 1]))) return undefined;
  const steps = seriesSteps(workspaceRel, commits, order, opts.blobs ?? new Map<string, Buffer>());
  const r = driveSync(path.join(repoRoot, workspaceRel), opts, steps, repoRoot);
  return r.ok || r.reason !== NOT_A_SERIES ? r : undefined;
}

const NOT_A_SERIES = 'not a series';

function* seriesSteps(
  workspaceRel: string,
  commits: readonly string[],
  order: ReadonlyMap<string, number>,
  blobs: BlobCache,
): Steps<{ snapshots: Snapshot[] }> {
  if (commits.length === 0) return { ok: true, snapshots: [] };
  if (!commits.every(isCommitId)) return { ok: false, reason: NOT_A_SERIES };
  const rel = trimSlashes(workspaceRel);
  const first = yield* listSteps(rel, commits[0]);
  if (!first.ok) return { ok: false, reason: NOT_A_SERIES };
  const lists: TreeEntry[][] = [first.entries];
  const distinct = commits.filter((c, i) => i === 0 || c !== commits[i - 1]);
  if (distinct.length > 1) {
    const log = yield {
      args: [
        'log',
        '--reverse',
        '--first-parent',
        '--no-renames',
        '--diff-merges=first-parent',
        '--raw',
        '-z',
        '--no-abbrev',
        '--format=%x01%H',
        '--end-of-options',
        `${commits[0]}..${commits[commits.length - 1]}`,
        '--',
        rel || '.',
      ],
    };
    if (log.code !== 0) return { ok: false, reason: NOT_A_SERIES };
    const changes = parseRawLog(log.stdout, rel);
    if (!changes) return { ok: false, reason: NOT_A_SERIES };
    // Each point's tree: the first one's, with the changes of every commit up to the point's applied
    // (commits that changed nothing in the folder are not in the log: the tree is the same).
    const tree = new Map(first.entries.map((e) => [e.rel, e]));
    let at = 0;
    for (const commit of commits.slice(1)) {
      const position = order.get(commit)!;
      for (; at < changes.length && (order.get(changes[at].commit) ?? Infinity) <= position; at++)
        for (const change of changes[at].changes) {
          if (change.entry) tree.set(change.rel, change.entry);
          else tree.delete(change.rel);
        }
      lists.push([...tree.values()].sort((a, b) => compareSegments(a.segments, b.segments)));
    }
    if (changes.some((c) => !order.has(c.commit))) return { ok: false, reason: NOT_A_SERIES };
    // The sizes of the blobs the log named (ls-tree gave the others').
    const unsized = [...new Set(lists.flatMap((l) => l.filter((e) => e.size < 0).map((e) => e.blob)))];
    if (unsized.length) {
      const checked = yield { args: ['cat-file', '--batch-check'], input: unsized.map((b) => `${b}\n`).join('') };
      if (checked.code !== 0) return gitFailure(checked, 'cannot read the sizes of the files');
      const sizes = new Map<string, number>();
      for (const line of checked.stdout.split('\n')) {
        const [blob, type, size] = line.split(' ');
        if (type === 'blob' && /^\d+$/.test(size ?? '')) sizes.set(blob, Number(size));
      }
      // A blob missing from this clone reads as missing (size 0 is never refused as too large).
      for (const list of lists) for (const e of list) if (e.size < 0) e.size = sizes.get(e.blob) ?? 0;
    }
  } else for (let i = 1; i < commits.length; i++) lists.push(first.entries);
  const read = yield* blobSteps(lists, blobs, commits[0].slice(0, 12));
  if (!read.ok) return read;
  return { ok: true, snapshots: commits.map((commit, i) => assemble(commit, lists[i], blobs, read.missing)) };
}

interface RawChange {
  rel: string;
  /** The entry after the commit; undefined when the file was deleted. */
  entry: TreeEntry | undefined;
}

/** `log --raw -z --format=%x01%H`: per commit, the changes to the folder's selected files; undefined when it does not parse. */
function parseRawLog(out: string, rel: string): { commit: string; changes: RawChange[] }[] | undefined {
  const commits: { commit: string; changes: RawChange[] }[] = [];
  const tokens = out.split('\0');
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^\n+/, '');
    if (token === '') continue;
    if (token.startsWith('\x01')) {
      commits.push({ commit: token.slice(1), changes: [] });
      continue;
    }
    const m = /^:(\d{6}) (\d{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([AMDT])$/.exec(token);
    const file = tokens[++i];
    if (!m || file === undefined || !commits.length) return undefined;
    const [, , mode, , blob, status] = m;
    const inFolder = rel ? (file.startsWith(`${rel}/`) ? file.slice(rel.length + 1) : undefined) : file;
    if (inFolder === undefined) continue;
    const entry = status === 'D' ? undefined : selectEntry(inFolder, mode, mode === '160000' ? 'commit' : 'blob', blob, -1);
    if (status !== 'D' && !entry) {
      commits[commits.length - 1].changes.push({ rel: inFolder, entry: undefined }); // no longer a file PatchOps reads (e.g. a submodule now)
      continue;
    }
    commits[commits.length - 1].changes.push({ rel: inFolder, entry });
  }
  return commits;
}

function readable(e: TreeEntry, maxBytes: number): boolean {
  return e.mode !== '120000' && e.size <= maxBytes;
}

function snapshotFile(e: TreeEntry, blobs: BlobCache, missing: ReadonlySet<string>, maxBytes: number): SnapshotFile {
  // A link is not followed: its target is a path on the committer's machine, not a file of the commit.
  if (e.mode === '120000') return { rel: e.rel, blob: e.blob, refused: 'not read: it is a symbolic link in the commit' };
  if (e.size > maxBytes) return { rel: e.rel, blob: e.blob, refused: tooLargeMessage(e.size, maxBytes) };
  const bytes = blobs.get(e.blob);
  if (bytes === undefined || missing.has(e.blob)) return { rel: e.rel, blob: e.blob, refused: 'cannot read the file: its content is missing from this clone' };
  return { rel: e.rel, blob: e.blob, bytes };
}

/** `<mode> SP <type> SP <id> SP+ <size> TAB <path> NUL`, keeping the files the disk reader would read. */
function parseLsTree(out: string): TreeEntry[] | undefined {
  const entries: TreeEntry[] = [];
  for (const record of out.split('\0')) {
    if (record === '') continue;
    const m = /^(\d{6}) (\w+) ([0-9a-f]{40,64}) +(\d+|-)\t(.*)$/s.exec(record);
    if (!m) return undefined;
    const [, mode, type, blob, size, rel] = m;
    const entry = selectEntry(rel, mode, type, blob, Number(size));
    if (entry) entries.push(entry);
  }
  return entries;
}

/** A file the disk reader would read (a PatchOps file, or a YAML candidate, outside skipped folders), or undefined. */
function selectEntry(rel: string, mode: string, type: string, blob: string, size: number): TreeEntry | undefined {
  if (type !== 'blob') return undefined; // a submodule (commit) is another repository
  const segments = rel.split('/');
  if (segments.slice(0, -1).some(isSkippedFolder)) return undefined;
  const candidate = isCandidateName(rel);
  if (!candidate && !fileKindOf(rel)) return undefined;
  return { rel, segments, mode, blob, size, candidate };
}

/** The disk reader's walk order: each folder's entries by name (code units), depth first. */
function compareSegments(a: readonly string[], b: readonly string[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return a.length - b.length;
}

function* batches(blobs: readonly string[], sizeOf: ReadonlyMap<string, number>): Generator<string[]> {
  let batch: string[] = [];
  let bytes = 0;
  for (const blob of blobs) {
    const size = (sizeOf.get(blob) ?? 0) + 100; // the header line and the newline after the content
    if (batch.length && bytes + size > BATCH_BYTES) {
      yield batch;
      batch = [];
      bytes = 0;
    }
    batch.push(blob);
    bytes += size;
  }
  if (batch.length) yield batch;
}

/** `<id> SP blob SP <size> LF <content> LF` per object, or `<id> SP missing LF`; false when it does not parse. */
function parseBatch(out: Buffer, blobs: BlobCache, missing: Set<string>): boolean {
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(10, at);
    if (eol < 0) return false;
    const header = out.toString('latin1', at, eol).split(' ');
    at = eol + 1;
    if (header.length === 2 && header[1] === 'missing') {
      missing.add(header[0]);
      continue;
    }
    if (header.length !== 3 || !/^\d+$/.test(header[2])) return false;
    const size = Number(header[2]);
    if (at + size + 1 > out.length || out[at + size] !== 10) return false;
    // A copy: a slice would keep the whole batch's output alive for as long as one blob is cached.
    blobs.set(header[0], Buffer.from(out.subarray(at, at + size)));
    at += size + 1;
  }
  return true;
}
