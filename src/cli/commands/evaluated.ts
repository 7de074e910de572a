// validate, status, report and export: read the workspace's bytes, replay a cached result when
// --cache has one for exactly these inputs, else load compute.ts (the parser, the rules, git review,
// the renderers) and compute it. Light on purpose: a cache hit loads none of the core.
import * as fs from 'fs';
import * as path from 'path';
import { writeErrorText, writeFileAtomic } from '../../node/atomicWrite';
import type { CachedResult } from '../../node/resultCache';
import { readWorkspaceBytes, type RawWorkspace } from '../../node/workspaceBytes';
import { UsageError, type CliArgs } from '../args';
import { openCache } from '../cache';
import type { Io } from '../main';

/** What a command printed and returned, and what it writes to --out: all a cached run replays. */
export type RunResult = CachedResult;

export function runEvaluated(args: CliArgs, io: Io): number {
  const raw = readWorkspaceFiles(args, io);
  const cache = args.cache ? openCache(args, io, raw) : undefined;
  const hit = cache?.lookup();
  if (hit) return emit(args, io, hit);
  // Loaded only now: what a hit never needs (its module initialisation alone is a good part of a warm run).
  const { computeResult } = require('./compute') as typeof import('./compute');
  const { result, store } = computeResult(args, io, raw, cache);
  const code = emit(args, io, result);
  store?.();
  return code;
}

/** The workspace's files as bytes, not parsed yet (what a cache key is computed from). */
export function readWorkspaceFiles(args: CliArgs, io: Io): RawWorkspace {
  const root = path.resolve(io.cwd, args.dir);
  let isDir = false;
  try {
    isDir = fs.statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`cannot read folder '${args.dir}': it does not exist or is not a folder`);
  const disk = readWorkspaceBytes(root);
  if (!disk.hasSettings) {
    throw new UsageError(`no patchops.yaml in '${args.dir}': a workspace has one at its root (run patchops in that folder, or name it) [workspace.missing]`);
  }
  return disk;
}

/** The result of a command that prints `output`, or writes it to --out and prints `wrote()`. */
export function resultOf(args: CliArgs, output: string, wrote: () => string, code = 0): RunResult {
  return args.out === undefined ? { code, stdout: output, stderr: '' } : { code, stdout: wrote(), stderr: '', file: output };
}

/** Writes the --out file (atomically, first, as a cold run does), then prints; returns the exit code. */
export function emit(args: CliArgs, io: Io, result: RunResult): number {
  if (result.file !== undefined) writeOutput(args, io, result.file);
  if (result.stdout !== '') io.stdout.write(result.stdout);
  if (result.stderr !== '') io.stderr.write(result.stderr);
  return result.code;
}

/** `--out FILE` written atomically, or standard output. Returns whether a file was written. */
export function writeOutput(args: CliArgs, io: Io, output: string): boolean {
  if (args.out === undefined) {
    io.stdout.write(output);
    return false;
  }
  try {
    writeFileAtomic(path.resolve(io.cwd, args.out), output);
  } catch (err) {
    throw new UsageError(`cannot write '${args.out}': ${writeErrorText(err)}`);
  }
  return true;
}
