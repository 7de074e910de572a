// What the scanner commands share: opening the workspace, the as-of, reading input files.
import * as fs from 'fs';
import * as path from 'path';
import { parseInstant } from '../../core/time/instants';
import { ChangeConflict, writeChanges, type WorkspaceChange } from '../../node/applyChanges';
import { writeErrorText } from '../../node/atomicWrite';
import { loadWorkspace, type DiskWorkspace } from '../../node/workspaceFiles';
import { UsageError, type CliArgs } from '../args';
import type { Io } from '../main';
import { readWorkspaceFiles } from './evaluated';

export function openWorkspace(args: CliArgs, io: Io): DiskWorkspace {
  return loadWorkspace(readWorkspaceFiles(args, io));
}

export function workspaceZone(disk: DiskWorkspace): string {
  const settings = disk.files.find((f) => f.kind === 'workspace')?.source.value as { timezone?: unknown } | undefined;
  return typeof settings?.timezone === 'string' ? settings.timezone : 'UTC';
}

export function resolveAsOf(text: string | undefined, zone: string, io: Io): number {
  if (text === undefined) return io.now();
  let parsed = parseInstant(text, zone);
  if (!parsed.ok && zone !== 'UTC') parsed = parseInstant(text, 'UTC');
  if (!parsed.ok) throw new UsageError(`--as-of: ${parsed.message}`);
  return parsed.ms;
}

/** An input file's bytes (a report, a catalog); refuses folders, devices and huge files. */
export function readInput(what: string, file: string, io: Io, maxBytes = 512 * 1024 * 1024): Buffer {
  const full = path.resolve(io.cwd, file);
  try {
    const stat = fs.statSync(full);
    if (!stat.isFile()) throw new UsageError(`cannot read ${what} '${file}': it is not a regular file`);
    if (stat.size > maxBytes) throw new UsageError(`cannot read ${what} '${file}': it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    return fs.readFileSync(full);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
    throw new UsageError(`cannot read ${what} '${file}': ${why}`);
  }
}

/** UTF-8 text of an input file (a byte-order mark is dropped); binary input is refused. */
export function inputText(what: string, file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError(`cannot read ${what} '${file}': it is not UTF-8 text`);
  }
}

/** Writes the changes unless --dry-run; a file changed meanwhile or a failed write is one clear line. */
export function writeUnlessDryRun(args: CliArgs, root: string, changes: readonly WorkspaceChange[]): void {
  if (args.dryRun) return;
  try {
    writeChanges(root, changes);
  } catch (err) {
    if (err instanceof ChangeConflict) throw new UsageError(err.message);
    throw new UsageError(`cannot write the plans: ${writeErrorText(err)}`);
  }
}
