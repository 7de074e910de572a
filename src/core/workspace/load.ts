// Files to a workspace model: parse, check against the schema, and index by id.
import { ZERO_RANGE, type Diagnostic } from '../model/diagnostic';
import type { AssetGroup, AssetsFile, ExceptionFile, PlanFile, SlaFile, WorkspaceFile } from '../model/files';
import { decodeText } from '../parse/decode';
import { DEFAULT_LIMITS, type ParseLimits, type SourceDocument } from '../parse/sourceDocument';
import { parseSource } from '../parse/fastSource';
import { schemaDiagnostics } from '../schema/schemaDiagnostics';
import { validateValue } from '../schema/validators';
import { fileKindOf, type FileKind } from './fileKinds';
import type { Entity, LoadedFile, WorkspaceModel } from './model';

/** Parse and schema-check one file. Pure: the same path and content give the same result. */
export function loadFile(file: string, content: string | Uint8Array, limits: ParseLimits = DEFAULT_LIMITS): LoadedFile {
  const kind = fileKindOf(file);
  if (!kind) throw new Error(`not a PatchOps file: ${file}`);
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decoded = decodeText(content);
    if (!decoded.ok) return refusedFile(file, decoded.message);
    text = decoded.text;
  }

  const source = parseSource(file, text, limits);
  if (source.value === undefined || source.problems.some((p) => p.severity === 'error')) {
    return { file, kind, source, diagnostics: source.problems, entities: [], declaredIds: declaredIds(kind, source.value) };
  }
  const errors = validateValue(kind, source.value);
  const diagnostics = [...source.problems, ...schemaDiagnostics(source, errors)];
  // Unknown fields are reported but do not stop the rules: they ignore what they do not know.
  const blocking = errors.filter((e) => e.keyword !== 'additionalProperties');
  const entities = entitiesOf(kind, source, blocking.map((e) => e.instancePath));
  return { file, kind, source, diagnostics, entities, declaredIds: declaredIds(kind, source.value) };
}

/** A file that could not be read or decoded: one diagnostic at its start, nothing else. */
export function refusedFile(file: string, message: string): LoadedFile {
  const problem: Diagnostic = { file, range: ZERO_RANGE, severity: 'error', code: 'yaml.syntax', message };
  const source: SourceDocument = { file, text: '', value: undefined, problems: [problem], rangeOf: () => ZERO_RANGE };
  return { file, kind: fileKindOf(file)!, source, diagnostics: [problem], entities: [], declaredIds: [] };
}

/**
 * Entities whose data passed the schema. An assets file is judged group by group, so one bad
 * group does not hide the others.
 */
function entitiesOf(kind: FileKind, source: SourceDocument, blockingPointers: string[]): Entity<unknown>[] {
  if (kind !== 'assets') return blockingPointers.length ? [] : [{ data: source.value, source, path: [] }];
  const groups = (source.value as AssetsFile | null)?.groups; // an empty file is null
  if (!Array.isArray(groups)) return [];
  const badGroup = (i: number) => blockingPointers.some((p) => p === `/groups/${i}` || p.startsWith(`/groups/${i}/`));
  if (blockingPointers.some((p) => p === '' || p === '/groups')) return [];
  return groups.flatMap((data, i) => (badGroup(i) ? [] : [{ data, source, path: ['groups', i] }]));
}

function declaredIds(kind: FileKind, value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  if (kind === 'assets') {
    const groups = (value as { groups?: unknown }).groups;
    return Array.isArray(groups) ? groups.map((g) => (g as { id?: unknown })?.id).filter(isString) : [];
  }
  const id = (value as { id?: unknown }).id;
  return isString(id) ? [id] : [];
}

const isString = (v: unknown): v is string => typeof v === 'string';

/** Index loaded files into a workspace; reports duplicate ids. Cheap: no parsing happens here. */
export function assembleModel(files: readonly LoadedFile[]): WorkspaceModel {
  const byName = (a: LoadedFile, b: LoadedFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  // Editors hand the same files in the same order edit after edit: sort only when needed.
  const sorted = files.every((f, i) => i === 0 || byName(files[i - 1], f) <= 0) ? files.slice() : [...files].sort(byName);
  const duplicates: Diagnostic[] = [];
  const policies = new Map<string, Entity<SlaFile>>();
  const groups = new Map<string, Entity<AssetGroup>>();
  const plans: Entity<PlanFile>[] = [];
  const exceptions: Entity<ExceptionFile>[] = [];
  const brokenIds = new Map<FileKind, Set<string>>();
  let settings: Entity<WorkspaceFile> | undefined;

  // The first declaration of an id wins; later ones are reported against it.
  const firstSeen = new Map<string, Map<string, Entity<unknown>>>();
  const claim = (kind: string, id: string, entity: Entity<unknown>): boolean => {
    let seen = firstSeen.get(kind);
    if (!seen) firstSeen.set(kind, (seen = new Map()));
    const first = seen.get(id);
    if (!first) {
      seen.set(id, entity);
      return true;
    }
    const idPath = [...entity.path, 'id'];
    duplicates.push({
      file: entity.source.file,
      range: entity.source.rangeOf(idPath),
      severity: 'error',
      code: 'ref.duplicate-id',
      message: `duplicate ${kind} id \`${id}\`: it is already declared in ${first.source.file}; ids must be unique across the workspace`,
      related: [{ file: first.source.file, range: first.source.rangeOf([...first.path, 'id']), message: `first declaration of \`${id}\`` }],
    });
    return false;
  };

  for (const file of sorted) {
    const usable = new Set(file.entities.map((e) => idOf(e.data)));
    for (const id of file.declaredIds) {
      if (!usable.has(id)) {
        if (!brokenIds.has(file.kind)) brokenIds.set(file.kind, new Set());
        brokenIds.get(file.kind)!.add(id);
      }
    }
    for (const entity of file.entities) {
      switch (file.kind) {
        case 'workspace':
          settings = entity as Entity<WorkspaceFile>;
          break;
        case 'sla': {
          const e = entity as Entity<SlaFile>;
          if (claim('SLA policy', e.data.id, e)) policies.set(e.data.id, e);
          break;
        }
        case 'assets': {
          const e = entity as Entity<AssetGroup>;
          if (claim('asset group', e.data.id, e)) groups.set(e.data.id, e);
          break;
        }
        case 'plan': {
          const e = entity as Entity<PlanFile>;
          if (claim('plan', e.data.id, e)) plans.push(e);
          break;
        }
        case 'exception': {
          const e = entity as Entity<ExceptionFile>;
          if (claim('exception', e.data.id, e)) exceptions.push(e);
          break;
        }
      }
    }
  }
  return { files: sorted, settings, policies, groups, plans, exceptions, brokenIds, duplicates };
}

function idOf(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
