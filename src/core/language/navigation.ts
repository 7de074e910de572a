// Go to definition and find references: the id under the cursor, across every file of the workspace.
import type { Range } from '../model/diagnostic';
import type { LanguageRequest } from './completion';
import { offsetAt, scalarAt } from './cursor';
import { IdIndex, idRoleAt, type IdOccurrence } from './idIndex';

export interface LanguageLocation {
  /** Workspace-relative path with `/`. */
  readonly file: string;
  readonly range: Range;
}

/** The id at the cursor and the index it was looked up in, when the cursor is on one. */
export function idAt(request: Pick<LanguageRequest, 'file' | 'kind' | 'text' | 'position' | 'model'>) {
  const at = scalarAt(request.text, offsetAt(request.text, request.position));
  const role = at && idRoleAt(request.kind, at.path, at.role);
  if (!at || !role) return undefined;
  return { ...role, id: at.value, index: IdIndex.of(request.model, request.file, request.text) };
}

/** Where the id under the cursor is declared (several places when it is declared more than once). */
export function definition(request: LanguageRequest): LanguageLocation[] {
  const found = idAt(request);
  return found ? locations(found.index.all(found.kind, found.id, 'declaration')) : [];
}

/** Every value that names the id under the cursor, and its declarations when asked. */
export function references(request: LanguageRequest, includeDeclaration: boolean): LanguageLocation[] {
  const found = idAt(request);
  if (!found) return [];
  return locations(found.index.all(found.kind, found.id).filter((o) => includeDeclaration || o.role === 'reference'));
}

function locations(occurrences: readonly IdOccurrence[]): LanguageLocation[] {
  return occurrences
    .map((o) => ({ file: o.file, range: o.range() }))
    .sort((a, b) =>
      a.file < b.file ? -1 : a.file > b.file ? 1 : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character,
    );
}
