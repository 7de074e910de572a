// Node-only: write whole-file changes computed by the core (import, enrich) into a workspace —
// atomically, never outside it, never over a file that changed since it was read, and never over
// anything but a regular file (a symbolic link to a plan in the workspace writes that plan).
import * as fs from 'fs';
import * as path from 'path';
import { decodeText } from '../core/parse/decode';
import { existingWriteTarget, writeFileAtomic, WriteRefused } from './atomicWrite';

export interface WorkspaceChange {
  /** Workspace-relative, `/`-separated. */
  file: string;
  /** The text the change was computed from; null for a file that must not exist yet. */
  before: string | null;
  after: string;
}

/** Why a change cannot be written; nothing has been written when this is thrown. */
export class ChangeConflict extends Error {}

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/**
 * Checks every change first (inside the workspace; the file still reads as `before`, or is still
 * absent), then writes each atomically. A file that is rewritten keeps its UTF-8 byte-order mark.
 */
export function writeChanges(root: string, changes: readonly WorkspaceChange[]): void {
  const checked = changes.map((change) => ({ change, ...check(root, change) }));
  for (const { change, full, bom } of checked) {
    // Checked again right before the write: the window for a concurrent edit stays small.
    check(root, change);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    writeFileAtomic(full, bom ? `\uFEFF${change.after}` : change.after);
  }
}

function check(root: string, change: WorkspaceChange): { full: string; bom: boolean } {
  const full = resolveInside(root, change.file);
  // What the write would replace: never a folder, device, pipe or dangling link (nor read one:
  // a named pipe would block), and a symbolic link only when it leads to a file in the workspace.
  let target: string | undefined;
  try {
    target = existingWriteTarget(full);
  } catch (err) {
    if (err instanceof WriteRefused) throw new ChangeConflict(`refusing to write '${change.file}': ${err.message}`);
    throw err;
  }
  if (target !== undefined && target !== full) {
    const rel = path.relative(fs.realpathSync(root), target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) {
      throw new ChangeConflict(`refusing to write '${change.file}': it is a symbolic link to a file outside the workspace`);
    }
  }
  let bytes: Buffer | undefined;
  try {
    if (target !== undefined) bytes = fs.readFileSync(target);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ChangeConflict(`cannot read ${change.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (change.before === null) {
    if (bytes !== undefined) throw new ChangeConflict(`${change.file} appeared on disk while the import ran: nothing was written; run it again`);
    return { full, bom: false };
  }
  if (bytes === undefined) throw new ChangeConflict(`${change.file} was deleted since it was read: nothing was written; run it again`);
  const decoded = decodeText(bytes);
  if (!decoded.ok || decoded.text !== change.before) {
    throw new ChangeConflict(`${change.file} changed on disk since it was read: nothing was written; run it again`);
  }
  if (bytes[0] === 0xff || bytes[0] === 0xfe) throw new ChangeConflict(`${change.file} is UTF-16: save it as UTF-8 so PatchOps can edit it in place`);
  return { full, bom: bytes.subarray(0, 3).equals(UTF8_BOM) };
}

/** The absolute path of a workspace-relative file; refuses anything that would land outside. */
export function resolveInside(root: string, rel: string): string {
  const full = path.resolve(root, ...rel.split('/'));
  const relative = path.relative(path.resolve(root), full);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ChangeConflict(`refusing to write '${rel}': it is outside the workspace`);
  }
  // A symlinked folder on the way (e.g. plans/imported → /etc) must not lead outside either.
  let existing = path.dirname(full);
  while (!fs.existsSync(existing) && existing !== path.dirname(existing)) existing = path.dirname(existing);
  const real = path.relative(fs.realpathSync(root), fs.realpathSync(existing));
  if (real.startsWith('..') || path.isAbsolute(real)) {
    throw new ChangeConflict(`refusing to write '${rel}': a symbolic link leads it outside the workspace`);
  }
  return full;
}
