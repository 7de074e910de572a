// Which kind of PatchOps file a path is, by name (SPEC §1).

export type FileKind = 'workspace' | 'sla' | 'assets' | 'plan' | 'exception';

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

/** Folders never searched: `.git`, `node_modules` and any starting with a dot. */
export function isSkippedFolder(name: string): boolean {
  return name.startsWith('.') || name === 'node_modules';
}
