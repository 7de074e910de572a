// Which kind of PatchOps file a path is, by name (docs/file-formats.md#the-workspace).
import type { FileKind } from '../model/files';

const suffixes: [RegExp, FileKind][] = [
  [/\.sla\.ya?ml$/i, 'sla'],
  [/\.assets\.ya?ml$/i, 'assets'],
  [/\.plan\.ya?ml$/i, 'plan'],
  [/\.exception\.ya?ml$/i, 'exception'],
];

/** `path` is workspace-relative with `/` separators. */
export function fileKindOf(path: string): FileKind | undefined {
  if (/^patchops\.ya?ml$/i.test(path)) return 'workspace';
  const name = path.slice(path.lastIndexOf('/') + 1);
  for (const [pattern, kind] of suffixes) if (pattern.test(name)) return kind;
  return undefined;
}

/**
 * A `.yaml`/`.yml` file not named as a PatchOps file: read only to warn when it looks like one
 * (misnamed.ts). A `patchops.yaml` below the root is a nested workspace's settings, never one.
 */
export function isCandidateName(path: string): boolean {
  if (fileKindOf(path)) return false;
  const name = path.slice(path.lastIndexOf('/') + 1);
  return /\.ya?ml$/i.test(name) && !/^patchops\.ya?ml$/i.test(name);
}

/** Folders never searched: `.git`, `node_modules` and any starting with a dot. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
