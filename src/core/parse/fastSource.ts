// The fast path for the bulk of files. Most PatchOps files are plain block YAML; for those,
// `js-yaml` gives the data about 6× faster than the `yaml` package's full document model. Exact
// ranges are then found cheaply by a line walk (blockLocator.ts) checked against the data and, for
// any path the walk is not sure of, by parsing the document fully the first time one is asked for.
// Files the fast path is not sure about (anchors, aliases, tags, tabs, a lone \r, unusual
// top-level lines) take the full parser from the start, so both paths always agree.
import { CORE_SCHEMA, load } from 'js-yaml';
import type { Diagnostic, Range } from '../model/diagnostic';
import { BlockLocator, PLAIN_KEY, type Span } from './blockLocator';
import { compactValue } from './compactValue';
import { LineIndex } from './lineIndex';
import { DEFAULT_LIMITS, type ParseLimits } from './sourceDocument';
import { parseYamlSource } from './yamlSource';
import type { NodePart, SourceDocument, YamlPath } from '../model/source';

/** Parse a file, by the fast path where it is safe, else with the full parser. */
export function parseSource(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): SourceDocument {
  // A lone \r (not in a \r\n) is a line break the two parsers read differently: the full one decides.
  if (text.length > limits.maxChars || /[&*!%\t]|\r(?!\n)/.test(text)) return parseYamlSource(file, text, limits);
  let value: unknown;
  let input: string | undefined;
  try {
    value = load(text, { schema: CORE_SCHEMA, filename: file, listener: (_event, state) => void (input ??= state.input) });
  } catch {
    return parseYamlSource(file, text, limits); // the full parser says precisely what is wrong
  }
  if (!isPlainObject(value)) return parseYamlSource(file, text, limits);
  const keys = scanTopLevelKeys(text);
  if (!keys || !sameKeys(keys, value)) return parseYamlSource(file, text, limits);
  compactValue(value);
  return new FastSourceDocument(file, sharedText(text, input), value, limits);
}

/**
 * The text, as a view of js-yaml's own copy of it when that is possible. js-yaml reads a copy
 * (the text with a terminator appended) and its strings are slices of that copy, so they keep it
 * alive: holding the original as well would keep every file's text twice.
 */
function sharedText(text: string, input: string | undefined): string {
  if (input === undefined || input.length <= text.length || !input.startsWith(text)) return text;
  return input.slice(0, text.length);
}

/**
 * The top-level keys in order. Every line starting in column 0 must be a comment or a plain
 * `key:`; anything else (a quoted key, a document marker, a continuation line) sends the file to
 * the full parser. Lines are as split at \n, with a \r that ends one (CRLF) left out; only the
 * column-0 lines are copied out of the text.
 */
function scanTopLevelKeys(text: string): string[] | undefined {
  const keys: string[] = [];
  for (let start = 0; start <= text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13 /* \r */) end--;
    const first = text.charCodeAt(start);
    if (end > start && first !== 32 /* space */ && first !== 35 /* # */) {
      const m = PLAIN_KEY.exec(text.slice(start, end));
      if (!m) return undefined;
      keys.push(m[1]);
    }
    start = next;
  }
  return keys;
}

function sameKeys(keys: string[], value: Record<string, unknown>): boolean {
  const names = Object.keys(value);
  return names.length === keys.length && keys.every((k, i) => k === names[i]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

class FastSourceDocument implements SourceDocument {
  readonly problems: readonly Diagnostic[] = [];
  // Made on the first rangeOf and kept: together one 32-bit start per line (the walk reuses the
  // index's starts), no copies of the lines.
  private lines?: LineIndex;
  private locator?: BlockLocator;
  private full?: SourceDocument;

  constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
    private readonly limits: ParseLimits,
  ) {}

  rangeOf(path: YamlPath, part: NodePart = 'value'): Range {
    const found = this.located(path, part);
    if (found) return this.lineIndex().range(found[0], found[1]);
    // Anything the line walk is not sure of: the full document model, built once for this file.
    this.full ??= parseYamlSource(this.file, this.text, this.limits);
    return this.full.rangeOf(path, part);
  }

  private lineIndex(): LineIndex {
    return (this.lines ??= new LineIndex(this.text));
  }

  /** Offsets from the line walk, only where they provably point at the node (checked against the data). */
  private located(path: YamlPath, part: NodePart): [number, number] | undefined {
    const target = valueAt(this.value, path);
    if (!target.exists) return undefined; // a missing node: the full parser knows the enclosing one
    this.locator ??= new BlockLocator(this.text, this.lineIndex().lfStarts());
    const span = this.locator.find(path);
    if (!span) return undefined;
    if (part === 'key' && typeof path[path.length - 1] === 'string') {
      return span.keyStart !== undefined ? [span.keyStart, span.keyEnd!] : undefined;
    }
    const v = target.value;
    if (span.scalar === undefined || (v !== null && typeof v === 'object')) return undefined;
    return scalarMatches(this.text, span, v) ? [span.start, span.end] : undefined;
  }
}

function valueAt(root: unknown, path: YamlPath): { exists: boolean; value?: unknown } {
  let node: unknown = root;
  for (const segment of path) {
    if (node === null || typeof node !== 'object' || !Object.prototype.hasOwnProperty.call(node, segment)) return { exists: false };
    node = (node as Record<string | number, unknown>)[segment];
  }
  return { exists: true, value: node };
}

/** The located text must read as the very value the parser produced. */
function scalarMatches(text: string, span: Span, value: unknown): boolean {
  const quoted = text[span.start] === '"' || text[span.start] === "'";
  if (quoted) return span.scalar === value;
  try {
    return load(span.scalar!, { schema: CORE_SCHEMA }) === (value ?? null);
  } catch {
    return false;
  }
}
