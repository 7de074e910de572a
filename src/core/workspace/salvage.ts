// "A typo never hides a breach": a plan (or patchops.yaml) with a schema error is still evaluated
// from what can be read. Each value at fault is set aside — removed, or replaced by a neutral
// stand-in where the rules need one — and its JSON pointer is recorded, so rules that would need
// it say "cannot be read" instead of guessing. The schema errors themselves are reported as usual.
import type { ErrorObject } from 'ajv';
import { validateValue } from '../schema/validators';
import type { FileKind } from '../model/files';

export interface Salvaged {
  data: unknown;
  /** JSON pointers of the values set aside. */
  damaged: string[];
}

type Json = Record<string, unknown>;

/** Stand-ins for required fields, so the rules' types hold; `undefined`: set the owner aside instead. */
const FILLERS: Partial<Record<FileKind, (pointer: string, missing: string, fallbackId: string, data: Json) => unknown>> = {
  plan(pointer, missing, fallbackId, data) {
    if (pointer === '') {
      switch (missing) {
        case 'id':
          return fallbackId;
        case 'title':
          return typeof data.id === 'string' ? data.id : fallbackId;
        case 'owner':
        case 'validator':
          return ''; // reference checks skip an empty team; the schema error says it is missing
        case 'vulnerabilities':
        case 'affects':
          return [];
      }
      return undefined;
    }
    const item = /^\/(vulnerabilities|waves)\/(\d+)$/.exec(pointer);
    if (item && missing === (item[1] === 'waves' ? 'name' : 'id')) return (placeholder(item[1], Number(item[2])) as Json)[missing];
    return undefined;
  },
  workspace(pointer, missing) {
    if (pointer !== '') return undefined;
    if (missing === 'name') return '';
    if (missing === 'teams') return {};
    return undefined;
  },
};

/** What stands in a list for an element that cannot be read: lists of objects need their key field. */
function placeholder(list: string, index: number): unknown {
  if (list === 'vulnerabilities') return { id: `(vulnerability ${index + 1})` };
  if (list === 'waves') return { name: `Wave ${index + 1}` };
  return undefined;
}

/** Kinds worth salvaging: a broken policy or exception must not apply at all (fail closed). */
export function salvageable(kind: FileKind): boolean {
  return kind in FILLERS;
}

/**
 * The readable part of `value`, or undefined when not even its top level is a mapping. `errors`
 * are the schema's errors for `value`; unknown fields and "needs `a` or `b`" alternatives are not
 * set aside (the rules read what is there and treat the rest as unknown).
 */
export function salvage(kind: FileKind, value: unknown, errors: readonly ErrorObject[], fallbackId: string): Salvaged | undefined {
  if (!isMapping(value)) return undefined;
  const data = structuredClone(value);
  const damaged = new Set<string>();
  let pending = errors;
  // Setting a value aside can only remove errors, and a stand-in is never checked again, so this
  // ends; the bound is a guard against a schema where that would not hold.
  for (let round = 0; round < 8; round++) {
    const blocking = pending.filter((e) => isBlocking(e, pending) && !isInside(e.instancePath, damaged));
    if (blocking.length === 0) return { data, damaged: [...damaged].sort() };
    for (const error of blocking) {
      const pointer = error.instancePath;
      if (error.keyword === 'required') {
        const missing = (error.params as { missingProperty: string }).missingProperty;
        const target = at(data, pointer);
        const filler = FILLERS[kind]?.(pointer, missing, fallbackId, data);
        if (isMapping(target) && filler !== undefined) {
          target[missing] = filler;
          damaged.add(`${pointer}/${escape(missing)}`);
          continue;
        }
      }
      if (pointer === '') return undefined;
      setAside(data, pointer);
      damaged.add(pointer);
    }
    pending = validateValue(kind, data);
  }
  return undefined;
}

function isBlocking(error: ErrorObject, all: readonly ErrorObject[]): boolean {
  if (error.keyword === 'additionalProperties') return false;
  return !all.some((alt) => (alt === error || isParentOf(alt, error)) && onlyRequires(alt));
}

/** `anyOf`/`oneOf` whose branches only require fields: absence is read as "unknown" by the rules. */
function onlyRequires(error: ErrorObject): boolean {
  if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') return false;
  const branches = error.schema as { required?: string[] }[];
  return Array.isArray(branches) && branches.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required));
}

function isParentOf(parent: ErrorObject, child: ErrorObject): boolean {
  return child.instancePath === parent.instancePath && child.schemaPath.startsWith(`${parent.schemaPath}/`);
}

function isInside(pointer: string, damaged: ReadonlySet<string>): boolean {
  for (const d of damaged) if (pointer === d || pointer.startsWith(`${d}/`)) return true;
  return false;
}

/** Remove a mapping's value; a list element is replaced, so the indexes rules point at stay right. */
function setAside(data: Json, pointer: string): void {
  const cut = pointer.lastIndexOf('/');
  const parentPointer = pointer.slice(0, cut);
  const key = unescape(pointer.slice(cut + 1));
  const parent = at(data, parentPointer);
  if (Array.isArray(parent)) {
    const index = Number(key);
    const list = parentPointer.slice(parentPointer.lastIndexOf('/') + 1);
    const element: unknown = parent[index];
    parent[index] = placeholder(list, index) ?? (element !== null && typeof element === 'object' ? '(unreadable)' : String(element));
  } else if (isMapping(parent)) {
    delete parent[key];
  }
}

function at(data: Json, pointer: string): unknown {
  let node: unknown = data;
  if (!pointer) return node;
  for (const raw of pointer.slice(1).split('/')) {
    const key = unescape(raw);
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isMapping(node) && Object.hasOwn(node, key)) node = node[key];
    else return undefined;
  }
  return node;
}

function isMapping(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

const escape = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');
const unescape = (key: string) => key.replace(/~1/g, '/').replace(/~0/g, '~');
