// Writes that cannot leave a half-written file: a temporary file beside the target, flushed to
// disk, then renamed over the target. A reader sees the old bytes or the new ones, never a mix; a
// failed write (disk full, killed process) leaves the old file as it was and no temporary file.
import * as fs from 'fs';
import * as path from 'path';

let sequence = 0;

export function writeFileAtomic(target: string, content: string): void {
  const dir = path.dirname(target);
  const temp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.${(sequence++).toString(36)}.tmp`);
  // A file that is replaced keeps its permissions (a private report stays private).
  const mode = existingMode(target);
  let created = false;
  try {
    const fd = fs.openSync(temp, 'wx', mode ?? 0o666);
    created = true;
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd); // the bytes are on disk before the name points at them
    } finally {
      fs.closeSync(fd);
    }
    if (mode !== undefined) fs.chmodSync(temp, mode); // the umask may have narrowed it
    fs.renameSync(temp, target);
  } catch (err) {
    if (created) fs.rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(dir);
}

function existingMode(target: string): number | undefined {
  try {
    const stat = fs.statSync(target);
    return stat.isFile() ? stat.mode & 0o7777 : undefined;
  } catch {
    return undefined;
  }
}

/** Makes the rename itself durable where the platform allows it (not on Windows: best effort). */
function syncFolder(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // a folder that cannot be opened or synced: the rename has happened all the same
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}
