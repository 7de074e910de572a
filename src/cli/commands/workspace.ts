// What the commands share once the workspace is parsed: its files, its time zone and the as-of,
// and writing changes back (import, enrich).
import { parseInstant } from '../../core/time/instants';
import { ChangeConflict, writeChanges, type WorkspaceChange } from '../../node/applyChanges';
import { writeErrorText } from '../../node/atomicWrite';
import { loadWorkspace, type DiskWorkspace } from '../../node/workspaceFiles';
import { UsageError } from '../args';
import type { Io } from '../io';
import { readWorkspaceFiles } from './workspaceFolder';

export function openWorkspace(dir: string, io: Io): DiskWorkspace {
  return loadWorkspace(readWorkspaceFiles(dir, io));
}

export function workspaceZone(disk: DiskWorkspace): string {
  const settings = disk.files.find((f) => f.kind === 'workspace')?.source.value as { timezone?: unknown } | undefined;
  return typeof settings?.timezone === 'string' ? settings.timezone : 'UTC';
}

/** `--as-of` (a date or time without an offset is read in the workspace's zone), else now. */
export function resolveAsOf(text: string | undefined, zone: string, io: Io): number {
  if (text === undefined) return io.now();
  let parsed = parseInstant(text, zone);
  if (!parsed.ok && zone !== 'UTC') parsed = parseInstant(text, 'UTC');
  if (!parsed.ok) throw new UsageError(`--as-of: ${parsed.message}`);
  return parsed.ms;
}

/** Writes the changes unless --dry-run; a file changed meanwhile or a failed write is one clear line. */
export function writeUnlessDryRun(dryRun: boolean, root: string, changes: readonly WorkspaceChange[]): void {
  if (dryRun) return;
  try {
    writeChanges(root, changes);
  } catch (err) {
    if (err instanceof ChangeConflict) throw new UsageError(err.message);
    throw new UsageError(`cannot write the plans: ${writeErrorText(err)}`);
  }
}
