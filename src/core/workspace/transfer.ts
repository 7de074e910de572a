// A loaded file as one thread hands it to another (src/node/parsePool.ts): what cannot be rebuilt
// cheaply (the parsed value, the syntax and schema diagnostics, the entities), without the text
// (the receiver has the bytes) or anything a range lookup made. Pure plain data, so it survives a
// structured clone; identity inside one message survives too (an entity's data is its value).
import { NO_DIAGNOSTICS, type Diagnostic } from '../model/diagnostic';
import type { FileKind } from '../model/files';
import type { YamlPath } from '../model/source';
import type { LoadedFile } from '../model/workspace';
import { fastSourceOf, isFastSource, type TextSource } from '../parse/fastSource';

export interface TransferredFile {
  file: string;
  kind: FileKind;
  value: Record<string, unknown>;
  diagnostics: readonly Diagnostic[];
  entities: { data: unknown; path: YamlPath; damaged?: readonly string[] }[];
  declaredIds: readonly string[];
}

/**
 * The parts of a file the fast path read; undefined for any other (refused, or read by the full
 * parser, whose document model is not plain data): the receiver loads that one itself.
 */
export function transferOf(loaded: LoadedFile): TransferredFile | undefined {
  const source = loaded.source;
  if (!isFastSource(source) || loaded.entities.some((e) => e.source !== source)) return undefined;
  return {
    file: loaded.file,
    kind: loaded.kind,
    value: source.value as Record<string, unknown>,
    diagnostics: loaded.diagnostics,
    entities: loaded.entities.map((e) => ({ data: e.data, path: e.path, ...(e.damaged ? { damaged: e.damaged } : {}) })),
    declaredIds: loaded.declaredIds,
  };
}

/**
 * The loaded file again, around `text` (the same the sender decoded from the same bytes), or
 * around where it is read again when needed (a document that does not keep its text).
 */
export function loadedFromTransfer(t: TransferredFile, text: string | TextSource): LoadedFile {
  const source = fastSourceOf(t.file, text, t.value);
  const entities = t.entities.map((e) => ({ data: e.data, source, path: shared(e.path, WHOLE_FILE), ...(e.damaged ? { damaged: e.damaged } : {}) }));
  return { file: t.file, kind: KINDS[t.kind], source, diagnostics: shared(t.diagnostics, NO_DIAGNOSTICS), entities, declaredIds: t.declaredIds };
}

// A structured clone makes a new copy of every value in every file. What most files share is
// handed out shared again: an empty list a file (its problems, a whole-file entity's path) and
// its kind's name, ~1 MB at 10,000 files.
const WHOLE_FILE: YamlPath = Object.freeze([]);
const KINDS: Readonly<Record<FileKind, FileKind>> = { workspace: 'workspace', sla: 'sla', assets: 'assets', plan: 'plan', exception: 'exception' };

/** `list`, or the shared empty one when it is empty. */
function shared<T>(list: readonly T[], empty: readonly T[]): readonly T[] {
  return list.length === 0 ? empty : list;
}
