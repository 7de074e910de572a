// `patchops diff BASE [HEAD] [DIR]` (docs/cli.md#diff): the workspace at BASE and at HEAD (a
// revision, or the working tree when HEAD is left out) evaluated as of one instant, and what
// changed between them. Git runs only through src/node/gitRunner.ts; the revisions are read without
// touching the working tree (src/node/gitSnapshots.ts).
import * as fs from 'fs';
import * as path from 'path';
import { diffWorkspaces, type DiffSide } from '../../core/diff/workspaceDiff';
import { renderDiffMarkdown } from '../../core/diff/diffMarkdown';
import { evaluate } from '../../core/evaluate';
import { assembleModel } from '../../core/workspace/load';
import { verifyApprovalsSync, type VerifyOptions } from '../../node/approvals';
import { locateRepositorySync, type GitOptions, type RepositoryPlace } from '../../node/gitSnapshots';
import { evaluateRevisionSync, readRevisionSync, type RevisionRead } from '../../node/revisionSide';
import { loadWorkspace, type DiskWorkspace } from '../../node/workspaceFiles';
import { UsageError, type DiffArgs } from '../args';
import { diffText } from '../diffText';
import { diffFails } from '../failOn';
import type { Io } from '../io';
import { styleFor } from '../terminal';
import { emit, jsonText } from './output';
import { resolveAsOf, workspaceZone } from './workspace';
import { existingFolder, readWorkspaceFiles } from './workspaceFolder';

export function runDiff(given: DiffArgs, io: Io): number {
  const args = withFolder(given, io);
  const root = existingFolder(args.dir, io, `cannot read folder '${args.dir}': it does not exist or is not a folder`);
  const env = { ...process.env, ...io.env };
  const git: GitOptions = { trusted: true, env };
  const place = locateRepositorySync(root, git);
  if (!place.ok) throw new UsageError(`diff compares git revisions: ${place.reason}`);
  const signers = io.env.PATCHOPS_ALLOWED_SIGNERS;
  const verify: VerifyOptions = { trusted: true, env, allowedSigners: signers ? path.resolve(io.cwd, signers) : undefined };

  const base = revision('BASE', args.base, place, root, git);
  const head: RevisionRead | DiskWorkspace =
    args.head === undefined ? loadWorkspace(readWorkspaceFiles(args.dir, io)) : revision('HEAD', args.head, place, root, git);
  const headDisk = 'root' in head ? head : head.disk;
  if (headDisk === null)
    throw new UsageError(
      `no patchops.yaml in '${args.dir}' at ${args.head} (${(head as RevisionRead).commit.slice(0, 12)}): nothing to compare [workspace.missing]`,
    );
  // Both sides at one instant: --as-of read in the head's time zone, else now.
  const asOf = resolveAsOf(args.asOf, workspaceZone(headDisk), io);

  const headSide: DiffSide = 'root' in head ? workingTree(head, asOf, verify) : evaluateRevisionSync(head, root, asOf, verify);
  const diff = diffWorkspaces(evaluateRevisionSync(base, root, asOf, verify), headSide);
  const output = args.format === 'md' ? renderDiffMarkdown(diff) : args.format === 'json' ? jsonText(diff) : diffText(diff, styleFor(io.stdout, io.env));
  return emit(undefined, io, { code: diffFails(diff, args.failOn) ? 1 : 0, stdout: output, stderr: '' });
}

/**
 * `diff BASE WORD`: WORD is the folder when it names one (`patchops diff origin/main samples`),
 * else HEAD. With three words the second is always HEAD, as git reads a revision before a path.
 */
function withFolder(args: DiffArgs, io: Io): DiffArgs & { dir: string } {
  if (args.dir !== undefined) return { ...args, dir: args.dir };
  if (args.head !== undefined && isFolder(path.resolve(io.cwd, args.head))) return { ...args, head: undefined, dir: args.head };
  return { ...args, dir: '.' };
}

function isFolder(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** A revision read, or one clear line: which side, what was asked, why it cannot be read. */
function revision(which: 'BASE' | 'HEAD', rev: string, place: RepositoryPlace, root: string, git: GitOptions): RevisionRead {
  const r = readRevisionSync(place, root, rev, git);
  if (!r.ok) throw new UsageError(`${which} '${rev}': ${r.reason}`);
  return r.read;
}

/** The working tree as on disk, like validate and status read it (approvals reviewed against HEAD, as they do). */
function workingTree(disk: DiskWorkspace, asOf: number, verify: VerifyOptions): DiffSide {
  const model = { ...assembleModel(disk.files), misnamed: disk.misnamed };
  return { label: 'working tree', commit: null, evaluation: evaluate(model, { asOf, approvals: verifyApprovalsSync(disk.root, model, verify) }) };
}
