// The fast path for the bulk of files. Most PatchOps files are plain block YAML; for those,
// `js-yaml` gives the data about 6× faster than the `yaml` package's full document model. Exact
// ranges are then found cheaply by a line walk (blockLocator.ts) checked against the data and, for
// any path the walk is not sure of, by parsing the document fully the first time one is asked for.
// The full parser is the truth: the fast path reads scalars by its YAML 1.2 core schema
// (yaml12Schema.ts), and files it is not sure about (anchors, aliases, tags, tabs, a lone \r,
// unusual top-level lines, and every construct the differential fuzz found the two parsers read
// differently: see parseFast) take the full parser from the start, so both paths always agree
// (test/unit/parse/differential.test.ts).
import { load, type EventType, type State } from 'js-yaml';
import { NO_DIAGNOSTICS, ZERO_RANGE, type Diagnostic, type Range } from '../model/diagnostic';
import { BlockLocator, PLAIN_KEY, type Span } from './blockLocator';
import { compactValue } from './compactValue';
import { LineIndex } from './lineIndex';
import { hasLoneCarriageReturn, parseLines } from './lineParser';
import { DEFAULT_LIMITS, type ParseLimits } from './sourceDocument';
import { YAML12_CORE_SCHEMA } from './yaml12Schema';
import { parseYamlSource } from './yamlSource';
import type { NodePart, SourceDocument, YamlPath } from '../model/source';

/** Parse a file, by the fast path where it is safe, else with the full parser. `compact`: see compactValue.ts. */
export function parseSource(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS, compact = true): SourceDocument {
  return parseFast(file, text, limits, compact) ?? parseYamlSource(file, text, limits);
}

/**
 * The fast path alone: the document, or undefined when the fast path is not sure it reads the
 * file exactly as the full parser would (the caller then uses the full parser, which also says
 * precisely what is wrong with a broken file).
 */
export function parseFast(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS, compact = true): SourceDocument | undefined {
  if (text.length > limits.maxChars) return undefined;
  const sure = sureText(text);
  if (sure === undefined || endsInSpaces(text)) return undefined;
  // The common subset first (lineParser.ts), a few times faster; js-yaml for the rest.
  const lines = parseLines(text, compact, sure === 'plain ASCII');
  if (lines !== undefined) return new FastSourceDocument(file, text, lines, limits);
  const keys = scanLines(text);
  if (!keys) return undefined;
  const nodes = nodeChecker();
  let value: unknown;
  try {
    value = load(text, { schema: YAML12_CORE_SCHEMA, filename: file, listener: nodes.listener });
  } catch {
    return undefined;
  }
  if (nodes.unsure() || !isPlainObject(value) || !sameKeys(keys, value)) return undefined;
  if (compact) compactValue(value);
  return new FastSourceDocument(file, sharedText(text, nodes.input()), value, limits);
}

/** Characters that may begin an anchor, alias, tag, directive, complex key, comment or escape; and tabs. */
const RARE_CHARACTERS = '&*!%?#\\\t';
const RARE = new RegExp(`[${[...RARE_CHARACTERS].map(escapeCode).join('')}]`, 'g');
/**
 * The same, or any character but printable ASCII and line breaks: looked for until the first such
 * one. One class (all but line breaks and the printable ASCII that is not rare) runs twice as fast
 * as the two joined by `|`.
 */
const RARE_OR_NOT_PLAIN = new RegExp(
  `[^${['\n', '\r', ...Array.from({ length: 0x7f - 0x20 }, (_, i) => String.fromCharCode(0x20 + i))]
    .filter((c) => !RARE_CHARACTERS.includes(c))
    .map(escapeCode)
    .join('')}]`,
  'g',
);

/** A character as a pattern's \uXXXX escape. */
function escapeCode(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * Text the two parsers may read differently, so the full parser decides (each case was found by
 * the differential fuzz, test/unit/parse/differential.test.ts; NodeChecker sees the rest):
 * - where a node may start (the start of a line, after a space, `[`, `{`, `,` or `:`): an anchor,
 *   alias, tag or directive (`&`, `*`, `!`, `%`), and a `?` indicator (a complex key: js-yaml
 *   makes `? [a, b]` the key "a,b", the full parser "[ a, b ]");
 * - a comment right after `[`, `{`, `,` or `:` (an error to the full parser, a comment to js-yaml);
 * - an escape `\U` beyond U+10FFFF (an error to the full parser, garbage from js-yaml);
 * - tabs, and a lone \r (a line break to one parser, not to the other).
 * A match inside a comment or a quoted string only costs the full parser's time.
 *
 * Undefined for such a text; else whether it is printable ASCII and line breaks only, so that the
 * line parser need not look through it again for characters it declines (one pass less a file).
 */
function sureText(text: string): 'plain ASCII' | 'other' | undefined {
  // test(), not exec(): a match found without an array made for it (every comment is one).
  let rare = RARE_OR_NOT_PLAIN;
  rare.lastIndex = 0;
  while (rare.test(text)) {
    const i = rare.lastIndex - 1;
    const c = text.charCodeAt(i);
    if (c === 9 /* \t */) return undefined;
    if (c < 32 || c > 126) {
      // Not plain ASCII: only the rare characters are looked for from here on.
      RARE.lastIndex = rare.lastIndex;
      rare = RARE;
      continue;
    }
    const before = i === 0 ? 10 : text.charCodeAt(i - 1);
    if (c === 35 /* # */) {
      if (before === 91 || before === 123 || before === 44 || before === 58) return undefined;
      continue;
    }
    if (c === 92 /* \ */) {
      if (text.charCodeAt(i + 1) === 85 /* U */ && parseInt(text.substr(i + 2, 8), 16) > 0x10ffff) return undefined;
      continue;
    }
    if (before !== 32 && before !== 10 && before !== 91 /* [ */ && before !== 123 /* { */ && before !== 44 /* , */ && before !== 58 /* : */) continue;
    if (c !== 63 /* ? */) return undefined;
    const after = text.charCodeAt(i + 1);
    if (Number.isNaN(after) || after === 32 || after === 10 || after === 13 || after === 44 || after === 93 /* ] */ || after === 125 /* } */) return undefined;
  }
  if (hasLoneCarriageReturn(text)) return undefined;
  return rare === RARE_OR_NOT_PLAIN ? 'plain ASCII' : 'other';
}

/**
 * A last line of spaces with no line break after it. js-yaml reads the text with a line break
 * added, so a `|+` block scalar ending there keeps one more line break than the full parser's.
 */
function endsInSpaces(text: string): boolean {
  return text.endsWith(' ') && text.slice(text.lastIndexOf('\n') + 1).trim() === '';
}

interface NodeCheck {
  listener: (event: EventType, state: State) => void;
  /** Whether a node was found that the two parsers may read differently. */
  unsure: () => boolean;
  /** js-yaml's copy of the text (see sharedText). */
  input: () => string | undefined;
}

/**
 * Watches the nodes js-yaml reads, for what the two parsers read differently and the text alone
 * does not show:
 * - a null or empty mapping key (`~: x`, `{: x}`): js-yaml's key is "null", the full parser's "";
 * - a flow collection as a mapping key (`[a, b]: c`): "a,b" against "[ a, b ]";
 * - a key whose `:` is more than 1024 characters after its start: an error to the full parser;
 * - a comment right after a closing quote or bracket (`"a"#c`): an error to the full parser;
 * - a quoted scalar or a flow collection over several lines whose further lines are not indented
 *   past the block it sits in (past its key, or its "- "): the full parser ends the node there
 *   and reports an error, js-yaml reads on;
 * - an escaped line break before an empty line in a double-quoted scalar (`"a\` + empty line):
 *   js-yaml drops the empty line, the full parser reads it as a space;
 * - a block scalar that begins with a line of spaces (see leadingSpaces).
 * It runs for every node of every file, so the common case (a node on one line, not a key) costs
 * a comparison or two.
 */
function nodeChecker(): NodeCheck {
  let input: string | undefined;
  let unsure = false;
  // For each node being read: where it was opened (before the space that separates it) and on
  // which line, pushed in pairs.
  const opened: number[] = [];
  const listener = (event: EventType, state: State): void => {
    if (event === 'open') {
      opened.push(state.position, state.line);
      return;
    }
    const line = opened.pop()!;
    const from = opened.pop()!;
    if (unsure) return;
    const text = (input ??= state.input);
    const end = state.position;
    const next = text.charCodeAt(end);
    if (next === 35 /* # */ || next === 58 /* : */ || next === 32 || state.result === null) {
      const last = text.charCodeAt(end - 1);
      const flowEnd = last === 93 /* ] */ || last === 125; /* } */
      if (next === 35 && (flowEnd || last === 34 /* " */ || last === 39) /* ' */) {
        unsure = true;
        return;
      }
      const colon = next === 58 ? end : next === 32 ? colonAfter(text, end) : -1;
      if (colon >= 0) {
        // A mapping key.
        if (state.result === null || flowEnd || (colon - from > KEY_LIMIT && colon - nodeStart(text, from, end) > KEY_LIMIT)) unsure = true;
        return;
      }
    }
    if (state.line === line) return; // opened and closed on one line
    const start = nodeStart(text, from, end);
    const c = text.charCodeAt(start);
    if (state.kind === 'scalar') {
      if (c === 34 || c === 39) unsure = !continuedAlike(text, start, end, c === 34);
      else if (c === 124 /* | */ || c === 62 /* > */) unsure = leadingSpaces(text, start);
    } else if (c === 91 /* [ */ || c === 123 /* { */) unsure = !continuedAlike(text, start, end, false);
  };
  return { listener, unsure: () => unsure, input: () => input };
}

/** Below the full parser's limit of 1024 characters from an implicit key's start to its `:`. */
const KEY_LIMIT = 1000;

/** The `:` after a node ending at `end` (spaces between), if any: the node was a mapping key. */
function colonAfter(input: string, end: number): number {
  let i = end;
  while (input.charCodeAt(i) === 32) i++;
  return input.charCodeAt(i) === 58 /* : */ ? i : -1;
}

/** The first character of a node opened at `from`: past spaces, line breaks and comments. */
function nodeStart(input: string, from: number, end: number): number {
  let i = from;
  while (i < end) {
    const c = input.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13) i++;
    else if (c === 35 /* # */) {
      const nl = input.indexOf('\n', i);
      i = nl < 0 ? end : nl + 1;
    } else break;
  }
  return i;
}

/**
 * Whether both parsers read the lines of a quoted scalar or flow collection at [start, end) alike:
 * every line after the first is blank or indented past the block's column (the key's on
 * "key: [", the last dash's on "- - [", else the node's own), and in a double-quoted scalar no
 * escaped line break comes before a blank line.
 */
function continuedAlike(input: string, start: number, end: number, doubleQuoted: boolean): boolean {
  const lineStart = input.lastIndexOf('\n', start - 1) + 1;
  let i = lineStart;
  let column = start - lineStart;
  while (input.charCodeAt(i) === 32) i++;
  while (i < start && input.charCodeAt(i) === 45 /* - */ && input.charCodeAt(i + 1) === 32) {
    column = i - lineStart;
    for (i++; input.charCodeAt(i) === 32;) i++;
  }
  if (i < start) column = i - lineStart;
  for (let nl = input.indexOf('\n', start); nl >= 0 && nl + 1 < end; nl = input.indexOf('\n', nl + 1)) {
    let j = nl + 1;
    while (input.charCodeAt(j) === 32) j++;
    const c = input.charCodeAt(j);
    const blank = c === 10 || (c === 13 && input.charCodeAt(j + 1) === 10);
    if (!blank && j - (nl + 1) <= column) return false;
    if (blank && doubleQuoted && escapedBreak(input, nl)) return false;
  }
  return true;
}

/**
 * Whether the block scalar whose header is at `start` begins with a line of nothing but spaces
 * (before its first line of text). The full parser refuses one with more spaces than the text's
 * indentation, where js-yaml may read the next line as a comment and the scalar as empty; with
 * an indentation indicator (`|2`) and no text, js-yaml keeps the spaces past the indentation and
 * the full parser drops them.
 */
function leadingSpaces(text: string, start: number): boolean {
  for (let nl = text.indexOf('\n', start); nl >= 0; nl = text.indexOf('\n', nl + 1)) {
    let i = nl + 1;
    while (text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (c !== 10 && c !== 13) return false; // text (or the end)
    if (i > nl + 1) return true;
  }
  return false;
}

/** Whether the line break at `nl` (\n, or \r\n ending there) is escaped by an odd number of backslashes. */
function escapedBreak(input: string, nl: number): boolean {
  let i = nl - 1;
  if (input.charCodeAt(i) === 13) i--;
  let count = 0;
  while (input.charCodeAt(i - count) === 92 /* \ */) count++;
  return count % 2 === 1;
}

/**
 * The text, as a view of js-yaml's own copy of it when that is possible. js-yaml reads a copy
 * (the text with a terminator appended) and its strings are slices of that copy, so they keep it
 * alive: holding the original as well would keep every file's text twice.
 *
 * That copy is the text, a line break if it ends without one, and a NUL; only a byte order mark
 * is dropped from its start. So a copy one or two characters longer that ends where the text
 * ends starts with the text too, and comparing every character (~60 ms of one thread's time at
 * 10,000 files) would only confirm it.
 */
function sharedText(text: string, input: string | undefined): string {
  const n = text.length;
  if (input === undefined || n === 0 || text.charCodeAt(0) === 0xfeff || (input.length !== n + 1 && input.length !== n + 2)) return text;
  if (input.charCodeAt(0) !== text.charCodeAt(0) || input.charCodeAt(n - 1) !== text.charCodeAt(n - 1) || input.charCodeAt(input.length - 1) !== 0) return text;
  return input.slice(0, n);
}

/**
 * For js-yaml's read (the line parser declines what it does not read as the full parser does,
 * and needs none of this): the top-level keys in order, from one walk over the lines (as split at
 * \n, with a \r that ends one left out); undefined for what the fast path leaves to the full parser:
 * - a line starting in column 0 that is not a comment or a plain `key:` (a quoted key, a
 *   document marker, a continuation line);
 * - an empty "- " entry followed by a "- " item at a smaller column: js-yaml adds that item to
 *   the inner sequence (`- -` then `- x` is [[null, x]]), the full parser rightly to the outer
 *   one ([[null], x]).
 * Only the column-0 lines are copied out of the text.
 */
function scanLines(text: string): string[] | undefined {
  const keys: string[] = [];
  let emptyEntry = -1; // the column of an empty entry's last dash, until the next line with content
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13 /* \r */) end--;
    let i = start;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const first = text.charCodeAt(i);
    if (i < end && first !== 35 /* # */) {
      if (emptyEntry >= 0 && first === 45 /* - */ && i - start < emptyEntry) return undefined;
      const dash = first === 45 ? emptyEntryDash(text, i, end) : -1;
      emptyEntry = dash < 0 ? -1 : dash - start;
      if (i === start) {
        const m = PLAIN_KEY.exec(text.slice(start, end));
        if (!m) return undefined;
        keys.push(m[1]);
      }
    }
    start = next;
  }
  return keys;
}

/** On a line whose content starts with "-" at `i`: the offset of the last dash when the line is only dashes (and a comment), else -1. */
function emptyEntryDash(text: string, i: number, end: number): number {
  for (;;) {
    const dash = i;
    i++;
    if (i === end) return dash;
    if (text.charCodeAt(i) !== 32) return -1;
    while (i < end && text.charCodeAt(i) === 32) i++;
    const c = text.charCodeAt(i);
    if (i === end || c === 35 /* # */) return dash;
    if (c !== 45 /* - */) return -1;
  }
}

function sameKeys(keys: string[], value: Record<string, unknown>): boolean {
  const names = Object.keys(value);
  return names.length === keys.length && keys.every((k, i) => k === names[i]);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A document the fast path read elsewhere (a worker thread), rebuilt around its text and its
 * already parsed value: ranges are found lazily, as for any fast-path document. With a
 * `TextSource` instead of the text, the document does not keep its text (UnkeptTextDocument).
 */
export function fastSourceOf(file: string, text: string | TextSource, value: Record<string, unknown>, limits: ParseLimits = DEFAULT_LIMITS): SourceDocument {
  compactValue(value);
  return typeof text === 'string' ? new FastSourceDocument(file, text, value, limits) : new UnkeptTextDocument(file, text, value, limits);
}

/**
 * Where the text of a document that does not keep it is read again (a file on disk:
 * src/node/diskText.ts), with the length and `textHash` of the text that was parsed.
 */
export interface TextSource {
  /** The text as it is now; undefined when it cannot be read. */
  read(): string | undefined;
  readonly length: number;
  readonly hash: number;
}

/** FNV-1a over the UTF-16 code units: tells a text read again from the one that was parsed. */
export function textHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

/**
 * Whether the fast path alone read this document: its text and value are all it holds (no range
 * asked so far needed the full parser, whose outcome on a deep file depends on the stack it ran on).
 */
export function isFastSource(source: SourceDocument): boolean {
  return source instanceof FastSourceDocument && source.fastAlone();
}

class FastSourceDocument implements SourceDocument {
  // None: a document with a problem is not read by the fast path.
  readonly problems: readonly Diagnostic[] = NO_DIAGNOSTICS;
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

  fastAlone(): boolean {
    return this.full === undefined;
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

/**
 * A fast-path document that does not keep its text. The editor's first scan reads thousands of
 * files (38 MB of text at 10,000 plans) of which only the few that a range or an edit needs are
 * ever looked at again; kept, those texts were a quarter of what PatchOps held in the extension
 * host. A range reads the text again and finds the node in it as a kept document would; the
 * last document read is kept, since one file's diagnostics are made together. A text changed on
 * disk meanwhile still gives ranges (in the file as it now is, until it is read again); `text`,
 * which edits are made on, refuses it.
 */
class UnkeptTextDocument implements SourceDocument {
  // None: a document with a problem is not read by the fast path.
  readonly problems: readonly Diagnostic[] = NO_DIAGNOSTICS;

  constructor(
    readonly file: string,
    private readonly source: TextSource,
    readonly value: unknown,
    private readonly limits: ParseLimits,
  ) {}

  get text(): string {
    const text = this.source.read();
    if (text === undefined || text.length !== this.source.length || textHash(text) !== this.source.hash) {
      throw new Error(`${this.file} has changed on disk since PatchOps read it: try again once it has been read again`);
    }
    return text;
  }

  rangeOf(path: YamlPath, part: NodePart = 'value'): Range {
    return this.located()?.rangeOf(path, part) ?? ZERO_RANGE;
  }

  /** The document around the text as read now; undefined when the file cannot be read (it was deleted). */
  private located(): SourceDocument | undefined {
    if (lastRead?.owner === this) return lastRead.document;
    const text = this.source.read();
    if (text === undefined) return undefined;
    lastRead = { owner: this, document: new FastSourceDocument(this.file, text, this.value, this.limits) };
    return lastRead.document;
  }
}

/** The document an UnkeptTextDocument last read its text for. */
let lastRead: { owner: UnkeptTextDocument; document: SourceDocument } | undefined;

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
  // A plain word that no YAML 1.2 core rule reads otherwise (not null, true or false; it cannot be
  // a number) is the string it spells: ids, the bulk of located values, are all different.
  if (typeof value === 'string' && PLAIN_WORD.test(span.scalar!) && !KEYWORD.test(span.scalar!)) return span.scalar === value;
  return plainValue(span.scalar!) === (value ?? null);
}

const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const KEYWORD = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** A plain scalar's value, read once per text: diagnostics sit on the same few (`Wave 1`, a date). */
function plainValue(scalar: string): unknown {
  let value = plainValues.get(scalar);
  if (value === undefined && !plainValues.has(scalar)) {
    if (plainValues.size >= MAX_PLAIN_VALUES) plainValues.clear();
    try {
      value = load(scalar, { schema: YAML12_CORE_SCHEMA });
    } catch {
      value = UNREADABLE;
    }
    plainValues.set(scalar, value);
  }
  return value;
}

const UNREADABLE = Symbol('not a scalar');
const MAX_PLAIN_VALUES = 10_000;
const plainValues = new Map<string, unknown>();
