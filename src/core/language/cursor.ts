// Where a position stands in a YAML document: the path of the key or value there, read with the
// `yaml` package's AST and its ranges. Completion happens while a line is half written (`sev`, or
// `severity: ` with nothing after it), which is no YAML the schema can place: a marker word is
// put at the cursor (with a `:` when a key is being typed) and the document is parsed again, so
// the marker lands exactly where the typed word would be, whatever else the file holds.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { Position } from '../model/diagnostic';
import type { YamlPath } from '../model/source';

/** Offset (UTF-16 code units) of a zero-based line/character, clamped to the line and the text. */
export function offsetAt(text: string, position: Position): number {
  let start = 0;
  for (let line = 0; line < position.line; line++) {
    const next = nextLineStart(text, start);
    if (next < 0) return text.length;
    start = next;
  }
  const end = lineEnd(text, start);
  return Math.min(start + Math.max(0, position.character), end);
}

function nextLineStart(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? i + 2 : i + 1;
  }
  return -1;
}

function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
  return i;
}

function lineStart(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  return i;
}

/** A character of a word being typed: a key (`track*` too), an id, an enum value, a number. */
const WORD_CHAR = /[^\s[\]{},:"'#]/;

/** Where completion was asked for. */
export interface CompletionContext {
  /** `key`: a key of the mapping at `path` is being typed; `value`: the value at `path`. */
  readonly role: 'key' | 'value';
  readonly path: YamlPath;
  /** The other keys of that mapping (role `key`). */
  readonly presentKeys: readonly string[];
  /** The word typed so far, and the range (offsets) a completion replaces: the whole word around the cursor. */
  readonly prefix: string;
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** A key's completion adds `: ` only when no colon follows already. */
  readonly colonFollows: boolean;
  /** Inside a flow collection (`{ … }`, `[ … ]`): completions stay on the line. */
  readonly flow: boolean;
  /** Right after a colon with no space: a value completion starts with one. */
  readonly needsSpace: boolean;
  /**
   * A key typed alone in a new mapping that may instead be a value (`- pay` in a list of ids, an
   * indented word under `severity:`): completion asks the schema which it is.
   */
  readonly keyOrValue: boolean;
}

const MARKER = 'PatchOpsCursorMarker';

export function completionContext(text: string, offset: number): CompletionContext | undefined {
  let wordStart = offset;
  while (wordStart > 0 && WORD_CHAR.test(text[wordStart - 1])) wordStart--;
  let wordEnd = offset;
  while (wordEnd < text.length && WORD_CHAR.test(text[wordEnd])) wordEnd++;
  const start = lineStart(text, offset);
  const head = withoutQuoted(text.slice(start, wordStart));
  const tail = text.slice(wordEnd, lineEnd(text, wordEnd));
  if (/(?:^|\s)#/.test(head)) return undefined; // in a comment (a `#` inside a word, as in a URL, starts none)
  const colonFollows = /^[ \t]*:/.test(tail);
  // A key is being typed when nothing before the word on this line ends a key (`key: `) and no flow collection is open.
  const typingKey = !/:(?:[ \t]|$)/.test(head) && !/[[{,]/.test(head) && !colonFollows;
  const needsSpace = head.endsWith(':');
  const patched = text.slice(0, offset) + (needsSpace ? ' ' : '') + MARKER + text.slice(offset, wordEnd) + (typingKey ? ':' : '') + text.slice(wordEnd);
  let doc;
  try {
    doc = parseDocument(patched, { version: '1.2', strict: false, uniqueKeys: false, logLevel: 'silent' });
  } catch {
    return undefined;
  }
  const found = findMarker(doc.contents, []);
  if (!found) return undefined;
  const common = { prefix: text.slice(wordStart, offset), replaceStart: wordStart, replaceEnd: wordEnd, colonFollows, needsSpace };
  if (found.role === 'value') return { ...common, role: 'value', path: found.path, presentKeys: [], flow: found.flow, keyOrValue: false };
  const map = found.map!;
  const presentKeys = map.items.filter((p) => isScalar(p.key) && !String(p.key.value).includes(MARKER)).map((p) => String((p.key as { value: unknown }).value));
  const alone = map.items.length === 1 && found.path.length > 0;
  return { ...common, role: 'key', path: found.path, presentKeys, flow: !!map.flow, keyOrValue: alone };
}

/** `"a: b"` and `'x'` on the line say nothing about keys: blank them out. */
function withoutQuoted(line: string): string {
  return line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'/g, (m) => ' '.repeat(m.length));
}

interface Found {
  role: 'key' | 'value';
  path: YamlPath;
  map?: YAMLMap;
  flow: boolean;
}

function findMarker(node: unknown, path: YamlPath, flow = false): Found | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (isScalar(pair.key) && String(pair.key.value).includes(MARKER)) return { role: 'key', path, map: node, flow: !!node.flow };
      if (!isScalar(pair.key)) continue;
      const inner = findMarker(pair.value, [...path, String(pair.key.value)], !!node.flow);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const inner = findMarker(node.items[i], [...path, i], !!node.flow);
      if (inner) return inner;
    }
    return undefined;
  }
  if (isScalar(node) && typeof node.value === 'string' && node.value.includes(MARKER)) return { role: 'value', path, flow };
  return undefined;
}

/** A scalar at a position: a key or a value, its path, its text and range (offsets, quotes included). */
export interface ScalarAt {
  readonly role: 'key' | 'value';
  /** The path of the value (for a key: of the value it names). */
  readonly path: YamlPath;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** The scalar at `offset` (the cursor at its end counts), or undefined. */
export function scalarAt(text: string, offset: number): ScalarAt | undefined {
  let doc;
  try {
    doc = parseDocument(text, { version: '1.2', strict: false, uniqueKeys: false, logLevel: 'silent' });
  } catch {
    return undefined;
  }
  return findScalar(doc.contents, [], offset);
}

const covers = (node: Node | null | undefined, offset: number) => !!node?.range && node.range[0] <= offset && offset <= node.range[2];

function findScalar(node: unknown, path: YamlPath, offset: number): ScalarAt | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const key = pair.key as Node | null;
      if (isScalar(key) && key.range && key.range[0] <= offset && offset <= key.range[1]) {
        return { role: 'key', path: [...path, String(key.value)], value: String(key.value), start: key.range[0], end: key.range[1] };
      }
      if (isScalar(key) && covers(pair.value as Node, offset)) return findScalar(pair.value, [...path, String(key.value)], offset);
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) if (covers(node.items[i] as Node, offset)) return findScalar(node.items[i], [...path, i], offset);
    return undefined;
  }
  const value = isScalar(node) ? node.value : undefined;
  if (isScalar(node) && node.range && node.range[0] <= offset && offset <= node.range[1] && (typeof value === 'string' || typeof value === 'number')) {
    return { role: 'value', path, value: String(value), start: node.range[0], end: node.range[1] };
  }
  return undefined;
}
