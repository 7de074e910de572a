// Files to a workspace model: parse, check against the schema, and index by id.
import { ZERO_RANGE, type Diagnostic } from '../model/diagnostic';
import type { AssetGroup, AssetsFile, ExceptionFile, FileKind, PlanFile, SlaFile, WorkspaceFile } from '../model/files';
import { decodeText } from '../parse/decode';
import type { ErrorObject } from 'ajv';
import { DEFAULT_LIMITS, type ParseLimits } from '../parse/sourceDocument';
import { parseSource } from '../parse/fastSource';
import { schemaDiagnostics } from '../schema/schemaDiagnostics';
import { validateValue } from '../schema/validators';
import { findPlaceholders, mayHoldPlaceholders, type FoundPlaceholder } from '../model/placeholders';
import { fileKindOf } from './fileKinds';
import { salvage, salvageable } from './salvage';
import type { SourceDocument } from '../model/source';
import type { Entity, LoadedFile, WorkspaceModel } from '../model/workspace';

/** How to load a file. */
export interface LoadOptions {
  limits?: ParseLimits;
  /**
   * false: leave the parsed value as parsed (compactValue.ts), for a value about to be copied to
   * another thread, which shares nothing of it: the receiver compacts its copy.
   */
  compact?: boolean;
}

/** Parse and schema-check one file. Pure: the same path and content give the same result. */
export function loadFile(file: string, content: string | Uint8Array, { limits = DEFAULT_LIMITS, compact = true }: LoadOptions = {}): LoadedFile {
  const kind = fileKindOf(file);
  if (!kind) throw new Error(`not a PatchOps file: ${file}`);
  let text: string;
  if (typeof content === 'string') text = content;
  else {
    const decoded = decodeText(content);
    if (!decoded.ok) return refusedFile(file, decoded.message);
    text = decoded.text;
  }

  const source = parseSource(file, text, limits, compact);
  if (source.value === undefined || source.problems.some((p) => p.severity === 'error')) {
    const ids = declaredIds(kind, source.value);
    const entities = kind === 'plan' ? [unreadablePlan(source, ids[0] ?? idInText(text) ?? file)] : [];
    return { file, kind, source, diagnostics: source.problems, entities, declaredIds: ids };
  }
  const errors = validateValue(kind, source.value);
  const placeholders = mayHoldPlaceholders(text) ? findPlaceholders(source.value) : [];
  const held = new Set(placeholders.map((p) => p.pointer));
  // A placeholder the schema rejects is said once, as what it is: not a schema error as well.
  const diagnostics = [
    ...source.problems,
    ...schemaDiagnostics(
      source,
      errors.filter((e) => !held.has(e.instancePath)),
    ),
    ...placeholderDiagnostics(kind, source, placeholders, errors),
  ];
  // Unknown fields are reported but do not stop the rules: they ignore what they do not know.
  const blocking = errors.filter((e) => e.keyword !== 'additionalProperties');
  const ids = declaredIds(kind, source.value);
  const entities = entitiesOf(kind, source, blocking, ids[0] ?? file);
  if (kind === 'plan' && placeholders.length && entities.length === 1) {
    entities[0] = { ...entities[0], placeholders: placeholders.map((p) => p.pointer) };
  }
  return { file, kind, source, diagnostics, entities, declaredIds: ids };
}

/**
 * `template.placeholder` on each value a template left to fill in. A warning where the file is still
 * used (a plan or patchops.yaml sets the value aside; elsewhere the schema accepts the text); an
 * error where the schema rejects it in a policy, exception or asset group, which then cannot be used.
 */
function placeholderDiagnostics(
  kind: FileKind,
  source: SourceDocument,
  placeholders: readonly FoundPlaceholder[],
  errors: readonly ErrorObject[],
): Diagnostic[] {
  return placeholders.map((p) => {
    const rejected = errors.some((e) => e.instancePath === p.pointer);
    const unusable = rejected && !salvageable(kind);
    const field = p.path.reduce<string>((text, part) => (typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part), '');
    const consequence = unusable
      ? `; until then this ${kind === 'assets' ? 'asset group' : kind === 'sla' ? 'policy' : kind} is not used`
      : kind === 'plan' && /^\/(vulnerabilities|affects)(\/|$)/.test(p.pointer)
        ? '; until then the plan has no deadline'
        : '';
    return {
      file: source.file,
      range: source.rangeOf(p.path, 'value'),
      severity: unusable ? 'error' : 'warning',
      code: 'template.placeholder',
      message: `\`${field}\` is still a template placeholder: fill in ${p.what}${consequence}`,
    };
  });
}

/** A file that could not be read or decoded: one diagnostic at its start, nothing else. */
export function refusedFile(file: string, message: string): LoadedFile {
  const problem: Diagnostic = { file, range: ZERO_RANGE, severity: 'error', code: 'yaml.syntax', message };
  const source: SourceDocument = { file, text: '', value: undefined, problems: [problem], rangeOf: () => ZERO_RANGE };
  const kind = fileKindOf(file)!;
  return { file, kind, source, diagnostics: [problem], entities: kind === 'plan' ? [unreadablePlan(source, file)] : [], declaredIds: [] };
}

/**
 * A plan file that cannot be read still stands for a plan: it is listed, with no deadline, so a
 * breached plan does not vanish from every count while its file has a syntax error.
 */
function unreadablePlan(source: SourceDocument, id: string): Entity<PlanFile> {
  // Empty lists the schema forbids: nothing here is read as a fact, `damaged` says so.
  const data = { id, title: id, owner: '', validator: '', vulnerabilities: [], affects: [] } as unknown as PlanFile;
  return { data, source, path: [], damaged: [''] };
}

/** The `id:` a file that does not parse seems to declare (its first top-level `id:` line). */
function idInText(text: string): string | undefined {
  const match = /^id:[ \t]*(["']?)([A-Za-z0-9][\w.:-]*)\1[ \t]*(?:#.*)?$/m.exec(text);
  return match?.[2];
}

/**
 * Entities fit for the rules. An assets file is judged group by group, so one bad group does not
 * hide the others; a plan or patchops.yaml with errors is salvaged (salvage.ts); a policy or an
 * exception with errors is not used at all: it must not set deadlines or exempt anything.
 */
function entitiesOf(kind: FileKind, source: SourceDocument, blocking: readonly ErrorObject[], fallbackId: string): Entity<unknown>[] {
  if (kind !== 'assets') {
    if (!blocking.length) return [{ data: source.value, source, path: [] }];
    if (!salvageable(kind)) return [];
    const salvaged = salvage(kind, source.value, blocking, fallbackId);
    if (salvaged) return [{ data: salvaged.data, source, path: [], damaged: salvaged.damaged }];
    return kind === 'plan' ? [unreadablePlan(source, fallbackId)] : [];
  }
  const blockingPointers = blocking.map((e) => e.instancePath);
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

/**
 * Index loaded files into a workspace; reports duplicate ids. Cheap: no parsing happens here.
 * A duplicate never hides anything: every plan and exception is kept (both are evaluated and
 * listed), each declaration is told about the others, and a policy or group id declared twice is
 * unusable — which one would apply cannot be told, so what depends on it says so.
 */
export function assembleModel(files: readonly LoadedFile[]): WorkspaceModel {
  const byName = (a: LoadedFile, b: LoadedFile) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0);
  // Editors hand the same files in the same order edit after edit: sort only when needed.
  const sorted = files.every((f, i) => i === 0 || byName(files[i - 1], f) <= 0) ? files.slice() : [...files].sort(byName);
  const policies = new Map<string, Entity<SlaFile>>();
  const groups = new Map<string, Entity<AssetGroup>>();
  const plans: Entity<PlanFile>[] = [];
  const exceptions: Entity<ExceptionFile>[] = [];
  const brokenIds = new Map<FileKind, Map<string, string>>();
  const broken = (kind: FileKind, id: string, why: string) => {
    let ids = brokenIds.get(kind);
    if (!ids) brokenIds.set(kind, (ids = new Map<string, string>()));
    if (!ids.has(id)) ids.set(id, why);
  };
  let settings: Entity<WorkspaceFile> | undefined;
  /** Every declaration of each id, by kind, in file order. */
  const declarations = new Map<FileKind, Map<string, Entity<unknown>[]>>();
  const declare = (kind: FileKind, id: string, entity: Entity<unknown>) => {
    let ids = declarations.get(kind);
    if (!ids) declarations.set(kind, (ids = new Map<string, Entity<unknown>[]>()));
    const list = ids.get(id);
    if (list) list.push(entity);
    else ids.set(id, [entity]);
  };

  for (const file of sorted) {
    const usable = new Set(file.entities.map((e) => idOf(e.data)));
    for (const id of file.declaredIds) {
      if (!usable.has(id)) broken(file.kind, id, `its file ${file.file} has errors`);
    }
    for (const entity of file.entities) {
      switch (file.kind) {
        case 'workspace':
          settings = entity as Entity<WorkspaceFile>;
          break;
        case 'plan':
          plans.push(entity as Entity<PlanFile>);
          break;
        case 'exception':
          exceptions.push(entity as Entity<ExceptionFile>);
          break;
      }
      if (file.kind !== 'workspace') declare(file.kind, idOf(entity.data)!, entity);
    }
  }

  const duplicates: Diagnostic[] = [];
  for (const [kind, ids] of declarations) {
    for (const [id, list] of ids) {
      if (list.length > 1) {
        duplicates.push(...list.map((entity) => duplicateDiagnostic(KIND_NAMES[kind], id, entity, list)));
        broken(kind, id, `it is declared ${list.length} times (${[...new Set(list.map((e) => e.source.file))].join(', ')})`);
      } else if (kind === 'sla') policies.set(id, list[0] as Entity<SlaFile>);
      else if (kind === 'assets') groups.set(id, list[0] as Entity<AssetGroup>);
    }
  }
  return { files: sorted, settings, policies, groups, plans, exceptions, brokenIds, duplicates };
}

const KIND_NAMES: Record<FileKind, string> = { workspace: 'workspace', sla: 'SLA policy', assets: 'asset group', plan: 'plan', exception: 'exception' };

/** On one declaration of a duplicated id, pointing at all the others. */
function duplicateDiagnostic(kind: string, id: string, entity: Entity<unknown>, all: readonly Entity<unknown>[]): Diagnostic {
  const others = all.filter((e) => e !== entity);
  const where = [...new Set(others.map((e) => e.source.file))].join(', ');
  return {
    file: entity.source.file,
    range: entity.source.rangeOf([...entity.path, 'id']),
    severity: 'error',
    code: 'ref.duplicate-id',
    message: `duplicate ${kind} id \`${id}\`: it is also declared in ${where}; ids must be unique across the workspace — give each its own id`,
    related: others.map((e) => ({ file: e.source.file, range: e.source.rangeOf([...e.path, 'id']), message: `another declaration of \`${id}\`` })),
  };
}

function idOf(data: unknown): string | undefined {
  const id = (data as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? id : undefined;
}
