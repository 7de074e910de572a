// ajv's errors as diagnostics on the node at fault, in words a person can act on:
// an unknown key on that key, a bad value on that value, a missing field on the mapping
// that lacks it.
import type { ErrorObject } from 'ajv';
import type { Diagnostic, FixHint, Range } from '../model/diagnostic';
import { closest } from './suggest';
import type { SourceDocument, YamlPath } from '../model/source';

interface SchemaNode {
  title?: string;
  description?: string;
  examples?: unknown[];
  properties?: Record<string, SchemaNode>;
}

export function schemaDiagnostics(source: SourceDocument, errors: readonly ErrorObject[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  const push = (path: YamlPath, part: 'key' | 'value', message: string, fix?: FixHint, range?: Range) => {
    const r = range ?? source.rangeOf(path, part);
    const key = `${r.start.line}:${r.start.character}:${message}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ file: source.file, range: r, severity: 'error', code: 'schema', message, ...(fix ? { fix } : {}) });
  };

  const { alternatives, absorbed } = groupAlternatives(errors);
  for (const error of errors) {
    if (absorbed.has(error)) continue;
    const path = toPath(source.value, error.instancePath);
    const field = fieldName(path);
    const parent = error.parentSchema as SchemaNode | undefined;
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = String((error.params as { additionalProperty: string }).additionalProperty);
        const named = clip(key);
        const known = Object.keys(parent?.properties ?? {});
        const guess = closest(key, known);
        const message = guess
          ? `unknown field \`${named}\` — did you mean \`${guess}\`?`
          : `unknown field \`${named}\`; ${known.length ? `the fields here are ${known.join(', ')}` : 'no fields are allowed here'}`;
        push([...path, key], 'key', message, guess ? { kind: 'rename-key', replacement: guess } : undefined);
        break;
      }
      case 'required': {
        const missing = (error.params as { missingProperty: string }).missingProperty;
        const about = parent?.properties?.[missing]?.description;
        const message = `missing required field \`${missing}\`${about ? ` (${lowerFirst(about)})` : ''}`;
        push([...path, missing], 'key', message, undefined, wholeRange(source, path));
        break;
      }
      case 'enum': {
        const allowed = (error.params as { allowedValues: unknown[] }).allowedValues.map(String);
        const found = error.data;
        const guess = typeof found === 'string' ? closest(found, allowed) : undefined;
        const message = `\`${field}\` must be one of ${allowed.join(', ')}; found ${shown(found)}` + (guess ? ` — did you mean \`${guess}\`?` : '');
        push(path, 'value', message, guess ? { kind: 'replace-value', replacement: guess } : undefined);
        break;
      }
      case 'type': {
        const expected = String((error.params as { type: string }).type);
        push(path, 'value', `\`${field}\` must be ${typeWords(expected)}; found ${shown(error.data)}${yaml11Hint(expected, error.data)}`);
        break;
      }
      case 'pattern':
      case 'format': {
        if (error.propertyName !== undefined) break; // reported once by `propertyNames`
        push(path, 'value', `\`${field}\` must be ${patternWords(parent, error.data)}; found ${shown(error.data)}`);
        break;
      }
      case 'propertyNames': {
        const name = (error.params as { propertyName: string }).propertyName;
        push([...path, name], 'key', `\`${clip(name)}\` is not a valid id: use letters, digits, \`.\`, \`_\` and \`-\`, starting with a letter or digit`);
        break;
      }
      case 'minItems':
        push(path, 'value', `\`${field}\` must list at least ${(error.params as { limit: number }).limit} item(s)`);
        break;
      case 'minLength':
        push(path, 'value', `\`${field}\` must not be empty`);
        break;
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum': {
        const { comparison, limit } = error.params as { comparison: string; limit: number };
        push(path, 'value', `\`${field}\` must be ${comparison} ${limit}; found ${shown(error.data)}`);
        break;
      }
      case 'anyOf':
      case 'oneOf': {
        const group = alternatives.get(error);
        if (!group) break;
        push(path, 'key', `${field ? `\`${field}\`` : 'this'} ${group}`, undefined, wholeRange(source, path));
        break;
      }
      default:
        push(path, 'value', `\`${field}\` ${error.message ?? 'is not valid'}`);
    }
  }
  return out;
}

/**
 * `anyOf`/`oneOf` whose branches only require fields ("needs `cvss` or `severity`") become one
 * message; their per-branch `required` errors are absorbed into it.
 */
function groupAlternatives(errors: readonly ErrorObject[]) {
  const alternatives = new Map<ErrorObject, string>();
  const absorbed = new Set<ErrorObject>();
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const branches = error.schema as { required?: string[] }[];
    const onlyRequired = Array.isArray(branches) && branches.every((b) => Object.keys(b).length === 1 && b.required);
    const children = errors.filter((e) => e !== error && e.instancePath === error.instancePath && e.schemaPath.startsWith(`${error.schemaPath}/`));
    if (!onlyRequired) {
      absorbed.add(error); // the branch errors say it better
      continue;
    }
    children.forEach((c) => absorbed.add(c));
    const names = branches.map((b) => `\`${b.required!.join('` and `')}\``);
    const passing = (error.params as { passingSchemas?: number[] | null }).passingSchemas;
    alternatives.set(error, passing && passing.length > 1 ? `takes either ${names.join(' or ')}, not both` : `needs ${names.join(' or ')}`);
  }
  return { alternatives, absorbed };
}

/** A JSON pointer as a YAML path, using the data to tell list indexes from mapping keys. */
function toPath(root: unknown, pointer: string): YamlPath {
  if (!pointer) return [];
  const path: (string | number)[] = [];
  let node: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(segment));
      node = node[Number(segment)];
    } else {
      path.push(segment);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
    }
  }
  return path;
}

/** `status`, or `affects[1]` for a list item. */
function fieldName(path: YamlPath): string {
  if (path.length === 0) return 'the file';
  const last = path[path.length - 1];
  if (typeof last === 'number') {
    const owner = path.length > 1 ? String(path[path.length - 2]) : '';
    return `${owner}[${last}]`;
  }
  return last;
}

/** A missing field inside the top-level mapping belongs on the plan or exception's `id`. */
function wholeRange(source: SourceDocument, path: YamlPath): Range {
  const root = source.value as Record<string, unknown> | undefined;
  if (path.length === 0 && root && typeof root === 'object' && typeof root.id === 'string') {
    return source.rangeOf(['id'], 'value');
  }
  return source.rangeOf([...path, '\u0000'], 'key');
}

function shown(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- what is left is a scalar read from a file
  return `\`${clip(String(value))}\``;
}

/** Values from files are quoted in messages, but never at length. */
function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    boolean: 'true or false',
    integer: 'a whole number',
    number: 'a number',
    string: 'text',
    array: 'a list',
    object: 'a mapping of fields',
    null: 'empty',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}

function yaml11Hint(expected: string, data: unknown): string {
  if (expected === 'boolean' && typeof data === 'string' && /^(yes|no|on|off|y|n)$/i.test(data)) {
    return ` (YAML 1.2 reads \`${data}\` as text: write true or false)`;
  }
  if (expected === 'string' && typeof data === 'number') return ' (quote it to make it text)';
  return '';
}

/** What a pattern stands for, from the schema's own title, description and examples. */
function patternWords(schema: SchemaNode | undefined, data: unknown): string {
  const examples = (schema?.examples ?? []).slice(0, 3).map((e) => `\`${String(e)}\``);
  const what = schema?.title ? `a ${schema.title.toLowerCase()}` : lowerFirst(schema?.description ?? 'in the expected form').replace(/\.$/, '');
  let words = examples.length ? `${what}, like ${examples.join(' or ')}` : what;
  if (typeof data === 'string' && /^(\(?AV:[LAN]\/AC:|CVSS:2\.0\/)/.test(data)) {
    words += ' (CVSS 2 vectors are not supported: use the CVSS 3.1 or 4.0 vector)';
  }
  return words;
}

/** Lower-cases a sentence's first letter, but not an acronym's (`CVSS`). */
function lowerFirst(text: string): string {
  if (/^[A-Z]{2}/.test(text)) return text;
  return text.charAt(0).toLowerCase() + text.slice(1);
}
