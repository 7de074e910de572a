// Writes that cannot leave a half-written file: a temporary file beside the target, flushed to
// disk, then renamed over the target. A reader sees the old bytes or the new ones, never a mix; a
// failed write (disk full, killed process) leaves the old file as it was and no temporary file.
//
// Writing never destroys: the rename replaces only a regular file. A symbolic link is followed to
// the regular file it leads to (the link stays, its target gets the new bytes); anything else — a
// folder, a device (`--out /dev/full` as root would otherwise swap the device for a file), a named
// pipe, a socket, a link that leads nowhere or to one of those — is refused with a WriteRefused
// that says what it is, and nothing is written.
import * as fs from 'fs';
import * as path from 'path';

let sequence = 0;

/** Why a path cannot be written; nothing was written. The message completes "cannot write X: …". */
export class WriteRefused extends Error {}

export function writeFileAtomic(target: string, content: string): void {
  const final = resolveWriteTarget(target);
  const dir = path.dirname(final);
  const temp = path.join(dir, `.${path.basename(final)}.${process.pid}.${Date.now().toString(36)}.${(sequence++).toString(36)}.tmp`);
  // A file that is replaced keeps its permissions (a private report stays private).
  const mode = existingMode(final);
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
    // Checked again right before the rename: something put there meanwhile is not replaced either.
    if (resolveWriteTarget(final) !== final) throw new WriteRefused('it was replaced by a symbolic link while it was written');
    fs.renameSync(temp, final);
  } catch (err) {
    if (created) fs.rmSync(temp, { force: true });
    throw err;
  }
  syncFolder(dir);
}

/**
 * The path a write of `target` replaces: `target` itself when it is a regular file or does not
 * exist yet (in an existing folder), the regular file a symbolic link leads to; else WriteRefused.
 */
function resolveWriteTarget(target: string): string {
  const existing = existingWriteTarget(target);
  if (existing !== undefined) return existing;
  checkFolder(path.dirname(target));
  return target;
}

/**
 * The regular file a write of `target` would replace (itself, or where its symbolic link leads);
 * undefined when nothing is there; WriteRefused for anything that must not be replaced.
 */
export function existingWriteTarget(target: string): string | undefined {
  const stat = lstatIfAny(target);
  if (stat === undefined) return undefined;
  if (stat.isFile()) return target;
  if (!stat.isSymbolicLink()) throw new WriteRefused(`it is ${kindOf(stat)}`);
  let real: string;
  try {
    real = fs.realpathSync(target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new WriteRefused('it is a symbolic link that leads round in a loop');
    throw new WriteRefused(`it is a symbolic link to ${linkText(target)}, which does not exist`);
  }
  const final = fs.statSync(real);
  if (!final.isFile()) throw new WriteRefused(`it is a symbolic link to ${kindOf(final)} (${real})`);
  return real;
}

function lstatIfAny(file: string): fs.Stats | undefined {
  try {
    return fs.lstatSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    if (code === 'ENOTDIR') throw new WriteRefused(`${path.dirname(file)} is not a folder`);
    throw err;
  }
}

function checkFolder(dir: string): void {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new WriteRefused(`the folder ${dir} does not exist`);
    if (code === 'ENOTDIR') throw new WriteRefused(`${dir} is not a folder`);
    throw err;
  }
  if (!stat.isDirectory()) throw new WriteRefused(`${dir} is not a folder`);
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isFIFO()) return 'a named pipe';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

function linkText(link: string): string {
  try {
    return fs.readlinkSync(link);
  } catch {
    return 'a file';
  }
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

/** An error from a write, as the end of one line: "cannot write X: <this>". */
export function writeErrorText(err: unknown): string {
  if (err instanceof WriteRefused) return err.message;
  const code = (err as NodeJS.ErrnoException).code;
  const words = code !== undefined ? ERRNO_WORDS[code] : undefined;
  return words !== undefined ? `${words} (${code})` : (code ?? (err as Error).message);
}

const ERRNO_WORDS: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EACCES: 'permission denied',
  EPERM: 'not permitted',
  EROFS: 'the file system is read-only',
  EISDIR: 'it is a folder',
  ENOTDIR: 'a folder on the way is a file',
  ENOENT: 'the folder does not exist',
  EEXIST: 'a temporary file of that name exists',
  EXDEV: 'the temporary file is on another file system',
};
