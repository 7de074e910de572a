// The workspace folder named on the command line, read as bytes and not parsed yet: what a --cache
// key is computed from. Light on purpose: a cache hit loads none of the core.
import * as fs from 'fs';
import * as path from 'path';
import { readWorkspaceBytes, type RawWorkspace } from '../../node/workspaceBytes';
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

export function readWorkspaceFiles(dir: string, io: Io): RawWorkspace {
  const root = existingFolder(dir, io, `cannot read folder '${dir}': it does not exist or is not a folder`);
  const disk = readWorkspaceBytes(root);
  if (!disk.hasSettings) {
    throw new UsageError(`no patchops.yaml in '${dir}': a workspace has one at its root (run patchops in that folder, or name it) [workspace.missing]`);
  }
  return disk;
}
