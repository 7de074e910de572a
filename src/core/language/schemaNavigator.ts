// The JSON Schemas as the editor reads them: which keys, values and words belong at a path. The
// schemas are the single source (schemas/*.json), so completion and hover say what validation checks.
import assetsSchema from '../../../schemas/assets.schema.json';
import commonSchema from '../../../schemas/common.schema.json';
import exceptionSchema from '../../../schemas/exception.schema.json';
import planSchema from '../../../schemas/plan.schema.json';
import slaSchema from '../../../schemas/sla.schema.json';
import workspaceSchema from '../../../schemas/workspace.schema.json';
import type { FileKind } from '../model/files';
import type { YamlPath } from '../model/source';

/** The part of JSON Schema the schemas use, as far as the editor reads it. */
export interface JsonSchema {
  $ref?: string;
  title?: string;
  description?: string;
  type?: string;
  enum?: readonly unknown[];
  default?: unknown;
  required?: readonly string[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  allOf?: readonly JsonSchema[];
  anyOf?: readonly JsonSchema[];
  oneOf?: readonly JsonSchema[];
  then?: JsonSchema;
  else?: JsonSchema;
}

const FILES: Record<string, JsonSchema> = {
  'common.schema.json': commonSchema,
  'workspace.schema.json': workspaceSchema,
  'sla.schema.json': slaSchema,
  'assets.schema.json': assetsSchema,
  'plan.schema.json': planSchema,
  'exception.schema.json': exceptionSchema,
};

const ROOT_FILE: Record<FileKind, string> = {
  workspace: 'workspace.schema.json',
  sla: 'sla.schema.json',
  assets: 'assets.schema.json',
  plan: 'plan.schema.json',
  exception: 'exception.schema.json',
};

/** A schema node and the file its own `$ref`s are relative to. */
interface At {
  readonly schema: JsonSchema;
  readonly file: string;
}

/** One property of an object, as completion and hover show it. */
export interface SchemaProperty {
  readonly name: string;
  readonly required: boolean;
  /** The words a person reads: the property's own description, else its type's. */
  readonly description?: string;
  /** The title of the property's type (`Identifier`, `Timestamp`…), when it has one. */
  readonly typeTitle?: string;
  /** What the value is: an object, a list, or a plain value. */
  readonly shape: 'object' | 'array' | 'scalar';
}

/** What the schemas say about the value at a path. */
export interface SchemaInfo {
  /** The schema nodes that apply there (several where the schema combines them); empty: the schemas do not know the path. */
  readonly nodes: readonly At[];
  readonly description?: string;
  readonly typeTitle?: string;
  readonly enumValues: readonly string[];
  readonly isBoolean: boolean;
  readonly defaultValue?: string | number | boolean;
}

function resolveRef(ref: string, file: string): At | undefined {
  const [target, pointer = ''] = ref.split('#');
  const targetFile = target || file;
  let node: unknown = FILES[targetFile];
  for (const segment of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown> | undefined)?.[segment];
  return node && typeof node === 'object' ? { schema: node, file: targetFile } : undefined;
}

/** The node itself, what its `$ref` points to, and every branch it combines, flattened. */
function expand(at: At, depth = 0): At[] {
  if (depth > 20) return []; // the schemas do not recurse; a guard all the same
  const out: At[] = [at];
  const { schema, file } = at;
  if (schema.$ref) {
    const target = resolveRef(schema.$ref, file);
    if (target) out.push(...expand(target, depth + 1));
  }
  for (const branch of [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), schema.then, schema.else]) {
    if (branch) out.push(...expand({ schema: branch, file }, depth + 1));
  }
  return out;
}

function childOf(nodes: readonly At[], segment: string | number): At[] {
  const out: At[] = [];
  for (const { schema, file } of nodes) {
    if (typeof segment === 'number') {
      if (schema.items) out.push({ schema: schema.items, file });
      continue;
    }
    const property = schema.properties && Object.hasOwn(schema.properties, segment) ? schema.properties[segment] : undefined;
    if (property) out.push({ schema: property, file });
    else if (typeof schema.additionalProperties === 'object') out.push({ schema: schema.additionalProperties, file });
  }
  return out.flatMap((at) => expand(at));
}

/** The schema nodes that apply at `path` of a file of `kind`. */
function nodesAt(kind: FileKind, path: YamlPath): At[] {
  const file = ROOT_FILE[kind];
  let nodes = expand({ schema: FILES[file], file });
  for (const segment of path) {
    nodes = childOf(nodes, segment);
    if (!nodes.length) break;
  }
  return nodes;
}

const first = <T>(nodes: readonly At[], pick: (s: JsonSchema) => T | undefined): T | undefined => {
  for (const { schema } of nodes) {
    const value = pick(schema);
    if (value !== undefined) return value;
  }
  return undefined;
};

function shapeOf(nodes: readonly At[]): SchemaProperty['shape'] {
  if (nodes.some((n) => n.schema.type === 'object' || n.schema.properties || typeof n.schema.additionalProperties === 'object')) return 'object';
  if (nodes.some((n) => n.schema.type === 'array' || n.schema.items)) return 'array';
  return 'scalar';
}

export function schemaInfo(kind: FileKind, path: YamlPath): SchemaInfo {
  const nodes = nodesAt(kind, path);
  const enumValues = new Set<string>();
  for (const { schema } of nodes) for (const value of schema.enum ?? []) if (typeof value === 'string') enumValues.add(value);
  return {
    nodes,
    // The property's own description comes first: it says what this field means; its type's says what it is.
    description: first(nodes, (s) => s.description),
    typeTitle: first(nodes, (s) => (s.$ref ? undefined : s.title)),
    enumValues: [...enumValues],
    isBoolean: nodes.some((n) => n.schema.type === 'boolean'),
    defaultValue: first(nodes, (s) => (['string', 'number', 'boolean'].includes(typeof s.default) ? (s.default as string | number | boolean) : undefined)),
  };
}

/** The properties an object at `path` may have, in the schema's order (every branch's). */
export function propertiesAt(kind: FileKind, path: YamlPath): SchemaProperty[] {
  const nodes = nodesAt(kind, path);
  // Required as the object itself says (not a conditional branch's: that depends on other values).
  const required = new Set(nodes.filter((n) => !isBranch(n, nodes)).flatMap((n) => n.schema.required ?? []));
  const seen = new Map<string, SchemaProperty>();
  for (const { schema } of nodes) {
    for (const name of Object.keys(schema.properties ?? {})) {
      if (seen.has(name)) continue;
      const info = schemaInfo(kind, [...path, name]);
      seen.set(name, { name, required: required.has(name), description: info.description, typeTitle: info.typeTitle, shape: shapeOf(info.nodes) });
    }
  }
  return [...seen.values()];
}

/** Whether `at` is only a conditional or alternative branch of another node in `nodes`. */
function isBranch(at: At, nodes: readonly At[]): boolean {
  return nodes.some(({ schema }) => [...(schema.allOf ?? []), ...(schema.anyOf ?? []), ...(schema.oneOf ?? []), schema.then, schema.else].includes(at.schema));
}
