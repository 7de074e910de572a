// Node-only: find and read a workspace's files from disk. The core never touches the file system.
// Reading (bytes, no parsing) is in workspaceBytes.ts; this parses what was read.
import type { Diagnostic } from '../core/model/diagnostic';
import { DEFAULT_LIMITS } from '../core/parse/sourceDocument';
import { misnamedDiagnostic } from '../core/workspace/misnamed';
import { loadListedFiles, loadRawFile, loadRawFiles } from './parsePool';
import { readWorkspaceBytes, readWorkspaceFileBytes, type ListedWorkspace, type RawFile, type RawWorkspace } from './workspaceBytes';
import type { LoadedFile } from '../core/model/workspace';

export { findListedFiles, findListedFilesAsync, findWorkspaceFiles, realPath } from './workspaceBytes';

export interface DiskWorkspace {
  root: string;
  hasSettings: boolean;
  files: LoadedFile[];
  /** Warnings on the other YAML files that look like PatchOps files (the model's `misnamed`). */
  misnamed: Diagnostic[];
}

/** Read and load one file; a file that cannot be read becomes a diagnostic, not an exception. */
export function readWorkspaceFile(root: string, rel: string, maxBytes = DEFAULT_LIMITS.maxChars, realRoot?: string): LoadedFile {
  // An undefined realRoot is resolved there, as it always was.
  return loadRawFile(readWorkspaceFileBytes(root, rel, maxBytes, realRoot));
}

/**
 * Read a YAML file that is not named as a PatchOps file: its warning when it looks like one. One
 * that cannot be read (a link outside, a FIFO, too large) is not PatchOps' to report: no warning.
 */
export function readWorkspaceCandidate(root: string, rel: string, maxBytes = DEFAULT_LIMITS.maxChars, realRoot?: string): Diagnostic | undefined {
  return misnamedOf(readWorkspaceFileBytes(root, rel, maxBytes, realRoot));
}

function misnamedOf(raw: RawFile): Diagnostic | undefined {
  return raw.refused !== undefined ? undefined : misnamedDiagnostic(raw.rel, raw.bytes);
}

export function readWorkspace(root: string): DiskWorkspace {
  return loadWorkspace(readWorkspaceBytes(root));
}

/**
 * Parse what `readWorkspaceBytes` read, or read and parse what `listWorkspaceFiles` found, on
 * `jobs` threads (parsePool.ts; the result is the same for any number).
 */
export function loadWorkspace(workspace: RawWorkspace | ListedWorkspace, jobs = 1): DiskWorkspace {
  const misnamed = workspace.candidates.flatMap((f) => misnamedOf(f) ?? []);
  const files = 'unread' in workspace ? loadListedFiles(workspace, jobs) : loadRawFiles(workspace.files, jobs);
  return { root: workspace.root, hasSettings: workspace.hasSettings, files, misnamed };
}
