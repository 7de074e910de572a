// The workspace folder named on the command line, read as bytes and not parsed yet: what a --cache
// key is computed from. Light on purpose: a cache hit loads none of the core.
import * as fs from 'fs';
import * as path from 'path';
import { listWorkspaceFiles, readWorkspaceBytes, type ListedWorkspace, type RawWorkspace } from '../../node/workspaceBytes';
import { UsageError } from '../args';
import type { Io } from '../io';

/** `dir` resolved from the current folder; a usage error (`refusal`) when it is not a folder. */
export function existingFolder(dir: string, io: Io, refusal: string): string {
  const root = path.resolve(io.cwd, dir);
  let isDir = false;
  try {
    isDir = fs.statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(refusal);
  return root;
}

/**
 * DIR left out: the nearest folder from the current one upward that has a patchops.yaml (or .yml),
 * like git finds its repository; the filesystem root ends the search, a repository root does not
 * (a workspace may sit above it, e.g. a monorepo's ops folder holding several repositories). The
 * path is relative to the current folder, so messages name it as a person would ("../..").
 */
export function findWorkspaceFolder(io: Io): string {
  let dir = path.resolve(io.cwd);
  for (;;) {
    if (['patchops.yaml', 'patchops.yml'].some((name) => isFile(path.join(dir, name)))) return path.relative(io.cwd, dir) || '.';
    const parent = path.dirname(dir);
    if (parent === dir) {
      throw new UsageError(
        'no patchops.yaml in this folder or any folder above it: run patchops in a workspace or below it, name one (patchops validate DIR), or make one with patchops init [workspace.missing]',
      );
    }
    dir = parent;
  }
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

export function readWorkspaceFiles(dir: string, io: Io): RawWorkspace {
  return withSettings(readWorkspaceBytes(workspaceRoot(dir, io)), dir);
}

/** The same, its PatchOps files found but not read yet: loading reads each (on every thread). */
export function listWorkspaceFilesIn(dir: string, io: Io): ListedWorkspace {
  return withSettings(listWorkspaceFiles(workspaceRoot(dir, io)), dir);
}

function workspaceRoot(dir: string, io: Io): string {
  return existingFolder(dir, io, `cannot read folder '${dir}': it does not exist or is not a folder`);
}

function withSettings<W extends { hasSettings: boolean }>(disk: W, dir: string): W {
  if (!disk.hasSettings) {
    throw new UsageError(`no patchops.yaml in '${dir}': a workspace has one at its root (run patchops in that folder, or name it) [workspace.missing]`);
  }
  return disk;
}
