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
  const walk = (dir: string, rel: string) => {
    let real: string;
    try {
      real = fs.realpathSync(dir);
    } catch {
      return;
    }
    if (visited.has(real)) return; // a symlink loop, or the same folder reached twice
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
export function readWorkspaceFile(root: string, rel: string, maxBytes = DEFAULT_LIMITS.maxChars): LoadedFile {
  const full = path.join(root, ...rel.split('/'));
  try {
    const stat = fs.statSync(full);
    // A named pipe or device would block a read forever.
    if (!stat.isFile()) return refusedFile(rel, 'cannot read the file: it is not a regular file');
    const size = stat.size;
    if (size > maxBytes) {
      return refusedFile(rel, tooLargeMessage(size, maxBytes));
    }
    return loadFile(rel, fs.readFileSync(full));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EACCES' ? 'permission denied' : code === 'ENOENT' ? 'it does not exist (a broken link?)' : (err as Error).message;
    return refusedFile(rel, `cannot read the file: ${why}`);
  }
}

export function readWorkspace(root: string): DiskWorkspace {
  const rels = findWorkspaceFiles(root);
  return {
    root,
    hasSettings: rels.some((r) => fileKindOf(r) === 'workspace'),
    files: rels.map((rel) => readWorkspaceFile(root, rel)),
  };
}
