// Node-only: find and read a workspace's files from disk. The core never touches the file system.
// Reading (bytes, no parsing) is in workspaceBytes.ts; this parses what was read.
import { DEFAULT_LIMITS } from '../core/parse/sourceDocument';
import { loadFile, refusedFile } from '../core/workspace/load';
import type { LoadedFile } from '../core/workspace/model';
import { readWorkspaceBytes, readWorkspaceFileBytes, type RawFile, type RawWorkspace } from './workspaceBytes';

export { findWorkspaceFiles, readWorkspaceBytes, readWorkspaceFileBytes, realPath, type RawFile, type RawWorkspace } from './workspaceBytes';

export interface DiskWorkspace {
  root: string;
  hasSettings: boolean;
  files: LoadedFile[];
}

/** Read and load one file; a file that cannot be read becomes a diagnostic, not an exception. */
export function readWorkspaceFile(root: string, rel: string, maxBytes = DEFAULT_LIMITS.maxChars, realRoot?: string): LoadedFile {
  // An undefined realRoot is resolved there, as it always was.
  return loadRawFile(readWorkspaceFileBytes(root, rel, maxBytes, realRoot));
}

/** Parse one file read by `readWorkspaceFileBytes`. */
export function loadRawFile(raw: RawFile): LoadedFile {
  return raw.refused !== undefined ? refusedFile(raw.rel, raw.refused) : loadFile(raw.rel, raw.bytes);
}

export function readWorkspace(root: string): DiskWorkspace {
  return loadWorkspace(readWorkspaceBytes(root));
}

/** Parse what `readWorkspaceBytes` read. */
export function loadWorkspace(raw: RawWorkspace): DiskWorkspace {
  return { root: raw.root, hasSettings: raw.hasSettings, files: raw.files.map(loadRawFile) };
}
