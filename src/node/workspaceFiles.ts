// Node-only: find and read a workspace's files from disk. The core never touches the file system.
import * as fs from 'fs';
import * as path from 'path';
import { DEFAULT_LIMITS, tooLargeMessage } from '../core/parse/sourceDocument';
import { fileKindOf, isSkippedFolder } from '../core/workspace/fileKinds';
import { loadFile, refusedFile } from '../core/workspace/load';
import type { LoadedFile } from '../core/workspace/model';

export interface DiskWorkspace {
  root: string;
  hasSettings: boolean;
  files: LoadedFile[];
}

/** Workspace-relative paths (with `/`) of every PatchOps file below `root`. */
export function findWorkspaceFiles(root: string): string[] {
  const found: string[] = [];
  const visited = new Set<string>();
  const realRoot = realPath(root);
  const walk = (dir: string, rel: string) => {
    const real = realPath(dir);
    if (real === undefined || visited.has(real)) return; // a symlink loop, or the same folder reached twice
    // A linked folder outside the workspace is not part of what is reviewed: not searched.
    if (realRoot !== undefined && !isInside(real, realRoot)) return;
    visited.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing in it can be checked, and nothing else is affected
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const full = path.join(dir, entry.name);
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(full));
      if (isDir) {
        if (!isSkippedFolder(entry.name)) walk(full, childRel);
      } else if (fileKindOf(childRel)) {
        found.push(childRel);
      }
    }
  };
  walk(root, '');
  return found;
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Read and load one file; a file that cannot be read becomes a diagnostic, not an exception. */
export function readWorkspaceFile(root: string, rel: string, maxBytes = DEFAULT_LIMITS.maxChars, realRoot = realPath(root)): LoadedFile {
  const full = path.join(root, ...rel.split('/'));
  let bytes: Buffer;
  try {
    const real = fs.realpathSync(full);
    // A link to a file outside the workspace (../.npmrc, ~/.git-credentials) is not read: its
    // content would end up in messages, CI logs and SARIF.
    if (realRoot !== undefined && !isInside(real, realRoot)) return refusedFile(rel, 'not read: it links outside the workspace');
    // Checked before opening (a FIFO blocks, a huge file is not worth opening), and again on what was opened.
    const stat = fs.statSync(real);
    if (!stat.isFile()) throw new NotAFile();
    if (stat.size > maxBytes) throw new TooLarge(stat.size);
    bytes = readCapped(real, maxBytes);
  } catch (err) {
    if (err instanceof TooLarge) return refusedFile(rel, tooLargeMessage(err.size, maxBytes));
    if (err instanceof NotAFile) return refusedFile(rel, 'cannot read the file: it is not a regular file');
    return refusedFile(rel, `cannot read the file: ${describeError(err as NodeJS.ErrnoException)}`);
  }
  return loadFile(rel, bytes);
}

class TooLarge extends Error {
  constructor(readonly size: number) {
    super('too large');
  }
}
class NotAFile extends Error {}

/**
 * Opens without blocking (a FIFO swapped in would otherwise block forever), checks what was
 * opened, and never reads more than the cap even if the file grows meanwhile.
 */
function readCapped(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NotAFile();
    if (stat.size > maxBytes) throw new TooLarge(stat.size);
    // Sized for the file as it is now, plus room to notice that it grew while being read.
    const chunks: Buffer[] = [];
    let length = 0;
    for (let size = stat.size + 1; ; size = 64 * 1024) {
      const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - length));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new TooLarge(length);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** Error codes in words, never with the machine's paths. */
function describeError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it does not exist (a broken link?)';
    case 'ELOOP':
      return 'it is a link that loops back on itself';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return err.code ? `error ${err.code}` : 'unknown error';
  }
}

function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function readWorkspace(root: string): DiskWorkspace {
  const rels = findWorkspaceFiles(root);
  const realRoot = realPath(root);
  return {
    root,
    hasSettings: rels.some((r) => fileKindOf(r) === 'workspace'),
    files: rels.map((rel) => readWorkspaceFile(root, rel, DEFAULT_LIMITS.maxChars, realRoot)),
  };
}
