// The YAML that PatchOps files are written in, read line by line: block mappings with plain
// keys, block sequences, one-line scalars (plain, single- or double-quoted without escapes),
// one-line flow sequences and mappings, the plain block scalars long texts use (`>-`), comments.
// That is nearly every file, and reading only that is a few times faster than a general YAML
// parser.
//
// Anything else (a scalar over several lines that is not a plain block scalar, an escape, an
// anchor, a tag, a quoted or odd key, a duplicate key, an indentation it does not expect...) it
// declines, and the next parser reads the file (fastSource.ts). What it accepts it reads exactly
// as the full parser does (test/unit/parse/differential.test.ts compares the two on every node of
// fuzzed files).
import { compactEntry, compactItem } from './compactValue';
import { resolvePlain } from './yaml12Schema';

/** A key as PatchOps writes them (snake_case, and ids in flow mappings): anything else is declined. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** Anything but printable ASCII and line breaks: only then is NON_PRINTABLE worth running (it is slower). */
const NOT_PLAIN_ASCII = /[^\n\r\x20-\x7E]/;
/** What js-yaml refuses outright as non-printable (its own pattern): declined, so both parsers see the file. */
// eslint-disable-next-line no-control-regex -- control characters are what it looks for
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:[^\uD800-\uDBFF]|^)[\uDC00-\uDFFF]/;

class Declined extends Error {}
const DECLINED = new Declined();

/**
 * The document's value (a mapping at the top), or undefined when it is not in the subset.
 * `compact`: its strings shared and its arrays exact as they are made (compactValue.ts).
 * `plainAscii`: the caller has found the text printable ASCII and line breaks only, without a lone
 * \r (fastSource.ts), so it is not looked through again for what these checks decline.
 */
export function parseLines(text: string, compact = false, plainAscii = false): Record<string, unknown> | undefined {
  // Tabs too: where one is whitespace and where it is text differs between parsers.
  if (!plainAscii && NOT_PLAIN_ASCII.test(text) && (NON_PRINTABLE.test(text) || text.includes('\t'))) return undefined;
  if (!plainAscii && hasLoneCarriageReturn(text)) return undefined;
  const reader = new LineReader(text, compact);
  try {
    reader.skipBlank();
    if (reader.done() || reader.indent !== 0) return undefined;
    const value = reader.mapping(0);
    if (!reader.done()) return undefined;
    return value;
  } catch (err) {
    if (err === DECLINED) return undefined;
    throw err;
  }
}

/** A \r not followed by \n: a line break to one parser, not to another. */
export function hasLoneCarriageReturn(text: string): boolean {
  return text.includes('\r') && /\r(?!\n)/.test(text);
}

/**
 * The key written in text[from, to), if it is one as PatchOps writes them and not yet in `map` (a
 * duplicate is an error to the full parser); never `__proto__`. The few keys files use are kept,
 * found again by comparing characters: no new string per key, no pattern run again.
 */
function newKey(text: string, from: number, to: number, map: Record<string, unknown>): string {
  const length = to - from;
  const slot = (text.charCodeAt(from) * 31 + length * 7 + text.charCodeAt(to - 1)) & (KNOWN_KEYS.length - 1);
  let key = KNOWN_KEYS[slot];
  if (key === undefined || key.length !== length || !text.startsWith(key, from)) {
    // Beyond 1024 characters the full parser refuses an implicit key; a key that reads as null or
    // true is that value to it, made text its own way (null is "").
    if (length > MAX_KEY) decline();
    key = text.slice(from, to);
    if (!KEY.test(key) || key === '__proto__' || resolvePlain(key) !== key) decline();
    KNOWN_KEYS[slot] = key;
  }
  if (Object.prototype.hasOwnProperty.call(map, key)) decline();
  return key;
}

const MAX_KEY = 1000;
/** Deeper than any PatchOps file nests, far below what would exhaust the stack. */
const MAX_DEPTH = 64;

/** Keys seen, by a hash of their first and last character and length (a power of two slots). */
const KNOWN_KEYS: (string | undefined)[] = new Array<string | undefined>(256).fill(undefined);

function decline(): never {
  throw DECLINED;
}

class LineReader {
  /** The current line: [start, end) without its line break; `indent` spaces, then content from `at`. */
  private start = 0;
  private end = 0;
  private next = 0;
  indent = 0;
  private at = 0;
  private depth = 0;

  constructor(
    private readonly text: string,
    private readonly compact: boolean,
  ) {
    this.load(0);
  }

  done(): boolean {
    return this.start >= this.text.length;
  }

  private load(from: number): void {
    const text = this.text;
    this.start = from;
    if (from >= text.length) {
      this.end = this.next = text.length;
      this.indent = -1;
      this.at = from;
      return;
    }
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    this.next = end + 1;
    if (end > from && text.charCodeAt(end - 1) === 13 /* \r */) end--;
    this.end = end;
    let i = from;
    while (i < end && text.charCodeAt(i) === 32) i++;
    this.at = i;
    this.indent = i - from;
  }

  private advance(): void {
    this.load(this.next);
  }

  /** Past empty lines, lines of spaces, and comment lines. */
  skipBlank(): void {
    while (!this.done() && (this.at === this.end || this.text.charCodeAt(this.at) === 35) /* # */) this.advance();
  }

  /** Whether the current line's content is a "- " entry (or a lone "-"). */
  private isEntry(): boolean {
    const text = this.text;
    if (text.charCodeAt(this.at) !== 45 /* - */) return false;
    const after = this.at + 1;
    return after === this.end || text.charCodeAt(after) === 32;
  }

  /** A block mapping whose keys are at column `column` (the current line's content starts there). */
  mapping(column: number): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    for (;;) {
      if (this.isEntry()) decline();
      const text = this.text;
      const colon = text.indexOf(':', this.at);
      if (colon <= this.at || colon >= this.end) decline(); // none on this line, or no key before it
      const key = newKey(text, this.at, colon, map);
      const afterColon = colon + 1;
      if (afterColon < this.end && text.charCodeAt(afterColon) !== 32) decline();
      const valueAt = skipSpaces(text, afterColon, this.end);
      let value: unknown;
      if (valueAt === this.end || text.charCodeAt(valueAt) === 35 /* # */) {
        // `key:` alone: what the next lines nest under it, or null.
        this.advance();
        this.skipBlank();
        if (!this.done() && this.indent > column) value = this.node(this.indent);
        else if (!this.done() && this.indent === column && this.isEntry()) value = this.sequence(column);
        else value = null;
      } else {
        const c = text.charCodeAt(valueAt);
        if (c === 124 /* | */ || c === 62 /* > */) value = this.blockScalar(valueAt, column);
        else {
          value = this.inline(valueAt);
          this.advance();
        }
        this.skipBlank();
        if (!this.done() && this.indent > column) decline(); // a scalar continued on the next line, or worse
      }
      map[key] = this.compact && typeof value === 'string' ? compactEntry(key, value) : value;
      if (this.done() || this.indent < column) return map;
      if (this.indent > column) decline();
    }
  }

  /**
   * A block scalar as long texts are written: `|` or `>`, clipped or stripped (`-`), every line at
   * one indentation past `column`, empty lines only between lines of text. Anything else (`+`, an
   * indentation indicator, a line indented more, a line of spaces, trailing spaces, leading empty
   * lines, no text at all) is declined. Leaves the reader on the first line after it.
   */
  private blockScalar(headerAt: number, column: number): string {
    const text = this.text;
    const folded = text.charCodeAt(headerAt) === 62;
    let after = headerAt + 1;
    const strip = text.charCodeAt(after) === 45; /* - */
    if (strip) after++;
    afterNode(text, after, this.end);
    this.advance();
    const lines: string[] = [];
    let indent = -1;
    let empty = 0;
    while (!this.done()) {
      if (this.start === this.end) {
        if (indent < 0) decline();
        empty++;
        this.advance();
        continue;
      }
      if (this.at === this.end) decline();
      if (indent < 0) {
        if (this.indent <= column) decline();
        indent = this.indent;
      } else if (this.indent < indent) break;
      if (this.indent !== indent || text.charCodeAt(this.end - 1) === 32) decline();
      for (; empty > 0; empty--) lines.push('');
      lines.push(text.slice(this.at, this.end));
      this.advance();
    }
    if (indent < 0) decline();
    // Empty lines at its end are left out: clipped keeps one line break, stripped none.
    const body = folded ? fold(lines) : lines.join('\n');
    return strip ? body : body + '\n';
  }

  /** A block sequence whose dashes are at column `column`. */
  private sequence(column: number): unknown[] {
    const items: unknown[] = [];
    const text = this.text;
    for (;;) {
      if (!this.isEntry()) decline();
      const contentAt = skipSpaces(text, this.at + 1, this.end);
      if (contentAt === this.end || text.charCodeAt(contentAt) === 35 /* # */) {
        this.advance();
        this.skipBlank();
        items.push(!this.done() && this.indent > column ? this.node(this.indent) : null);
      } else if (startsMapping(text, contentAt, this.end)) {
        // `- key: value`: a mapping whose keys line up with this first one.
        const keyColumn = contentAt - this.start;
        this.at = contentAt;
        this.indent = keyColumn;
        items.push(this.nestedMapping(keyColumn));
      } else {
        items.push(this.inline(contentAt));
        this.advance();
        this.skipBlank();
        if (!this.done() && this.indent > column) decline();
      }
      // A line at this column that is no entry ends a sequence nested at its key's column (`key:` then `- a`).
      if (this.done() || this.indent < column || (this.indent === column && !this.isEntry())) return this.compact ? compactItems(items) : items;
      if (this.indent > column) decline();
    }
  }

  /** The node that starts on the current line, nested at `column`. */
  private node(column: number): unknown {
    if (!this.isEntry()) return this.nestedMapping(column);
    this.enter();
    const value = this.sequence(column);
    this.depth--;
    return value;
  }

  /** A mapping nested in another collection (a list item, a key's value). */
  private nestedMapping(column: number): Record<string, unknown> {
    this.enter();
    const value = this.mapping(column);
    this.depth--;
    return value;
  }

  /**
   * One level deeper; deep nesting is declined (the full parser says when it is too deep for the
   * stack). A decline ends the whole read, so only a read that returns comes back up. No closure
   * per nested node: one per list item was 205,000 at 10,000 plans.
   */
  private enter(): void {
    if (++this.depth > MAX_DEPTH) decline();
  }

  /** A value written on one line from `from` to the line's end (a comment after it allowed). */
  private inline(from: number): unknown {
    const text = this.text;
    const end = this.end;
    const c = text.charCodeAt(from);
    if (c === 91 /* [ */ || c === 123 /* { */) {
      const flow = new FlowReader(text, from + 1, end, this.compact);
      const value = c === 91 ? flow.sequence() : flow.mapping();
      afterNode(text, flow.position, end);
      return value;
    }
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const value = quoted(text, from, end);
      afterNode(text, scalarEnd, end);
      return value;
    }
    return resolvePlain(plain(text, from, end, false));
  }
}

/** The items with their strings shared, in an array of their exact length. */
function compactItems(items: unknown[]): unknown[] {
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (typeof item === 'string') items[i] = compactItem(item);
  }
  return items.slice();
}

/** Folded lines: lines of text next to each other are joined by a space, n empty lines between two are n line breaks. */
function fold(lines: readonly string[]): string {
  let out = lines[0];
  let empty = 0;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') empty++;
    else {
      out += empty > 0 ? '\n'.repeat(empty) : ' ';
      out += line;
      empty = 0;
    }
  }
  return out;
}

/** Whether a "- " entry's content is `key:` or `key: value` (a mapping), not a scalar. */
function startsMapping(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 58 /* : */) return i + 1 === end || text.charCodeAt(i + 1) === 32;
    if (c === 32 || c === 34 || c === 39 || c === 91 || c === 123 || c === 35) return false;
  }
  return false;
}

function skipSpaces(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && text.charCodeAt(i) === 32) i++;
  return i;
}

/** After a quoted scalar or a flow collection: nothing, or spaces and a comment. */
function afterNode(text: string, from: number, end: number): void {
  const i = skipSpaces(text, from, end);
  if (i === end) return;
  if (i > from && text.charCodeAt(i) === 35 /* # */) return;
  decline();
}

/** Characters that may not begin a plain scalar here (indicators), besides those read as quotes or flow. */
function badPlainStart(c: number, next: number, inFlow: boolean): boolean {
  switch (c) {
    case 35: // #
    case 38: // &
    case 42: // *
    case 33: // !
    case 124: // |
    case 62: // >
    case 37: // %
    case 64: // @
    case 96: // `
    case 44: // ,
    case 91: // [
    case 93: // ]
    case 123: // {
    case 125: // }
    case 34: // "
    case 39: // '
      return true;
    case 45: // -
    case 63: // ?
    case 58: // :
      // Allowed only before a character that cannot follow an indicator.
      return Number.isNaN(next) || next === 32 || (inFlow && (next === 44 || next === 91 || next === 93 || next === 123 || next === 125));
    default:
      return false;
  }
}

/**
 * Where the scalar `plain` or `quoted` read last stopped: a position, not a pair returned with the
 * text (a million scalars at 10,000 plans, each pair garbage at once).
 */
let scalarEnd = 0;

/**
 * A plain scalar from `from`, ending before a comment (" #"), at the line's end, or in a flow
 * collection before `,` `]` `}`; trailing spaces dropped. Declines `: ` inside (a mapping where a
 * scalar was expected) and a `:` at its end. Returns the text; `scalarEnd` is where it stopped.
 */
function plain(text: string, from: number, end: number, inFlow: boolean): string {
  if (badPlainStart(text.charCodeAt(from), from + 1 < end ? text.charCodeAt(from + 1) : NaN, inFlow)) decline();
  let last = from; // one past the last non-space character
  let i = from;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) continue;
    if (c === 35 /* # */ && text.charCodeAt(i - 1) === 32) break;
    if (c === 58 /* : */) {
      const n = i + 1 < end ? text.charCodeAt(i + 1) : NaN;
      if (Number.isNaN(n) || n === 32 || (inFlow && (n === 44 || n === 93 || n === 125 || n === 91 || n === 123))) decline();
    }
    if (inFlow && (c === 44 || c === 93 || c === 125 || c === 91 || c === 123)) break;
    last = i + 1;
  }
  scalarEnd = i;
  return text.slice(from, last);
}

/**
 * A quoted scalar on one line: single-quoted ('' is a quote) or double-quoted without any escape
 * (a backslash is declined). Returns its value; `scalarEnd` is the position after the closing quote.
 */
function quoted(text: string, from: number, end: number): string {
  const q = text.charCodeAt(from);
  if (q === 34) {
    const close = text.indexOf('"', from + 1);
    if (close < 0 || close >= end) decline();
    const value = text.slice(from + 1, close);
    if (value.includes('\\')) decline();
    scalarEnd = close + 1;
    return value;
  }
  let value = '';
  let i = from + 1;
  for (;;) {
    const close = text.indexOf("'", i);
    if (close < 0 || close >= end) decline();
    value += text.slice(i, close);
    if (text.charCodeAt(close + 1) === 39 && close + 1 < end) {
      value += "'";
      i = close + 2;
      continue;
    }
    scalarEnd = close + 1;
    return value;
  }
}

/** A flow collection on one line (collections nested in it included). */
class FlowReader {
  private depth = 0;

  constructor(
    private readonly text: string,
    public position: number,
    private readonly end: number,
    private readonly compact: boolean,
  ) {}

  sequence(): unknown[] {
    const items: unknown[] = [];
    this.spaces();
    if (this.peek() === 93 /* ] */) {
      this.position++;
      return items;
    }
    for (;;) {
      items.push(this.scalar());
      this.spaces();
      const c = this.peek();
      this.position++;
      if (c === 93) return this.compact ? compactItems(items) : items;
      if (c !== 44 /* , */) decline();
      this.spaces();
      if (this.peek() === 93 || this.peek() === 44) decline(); // a trailing or empty entry
    }
  }

  mapping(): Record<string, unknown> {
    const map: Record<string, unknown> = {};
    this.spaces();
    if (this.peek() === 125 /* } */) {
      this.position++;
      return map;
    }
    for (;;) {
      const colon = this.text.indexOf(':', this.position);
      if (colon < 0 || colon >= this.end) decline();
      if (colon === this.position || this.text.charCodeAt(colon + 1) !== 32) decline();
      const key = newKey(this.text, this.position, colon, map);
      this.position = colon + 1;
      this.spaces();
      const c = this.peek();
      if (c === 44 || c === 125) decline(); // an empty value
      const value = this.scalar();
      map[key] = this.compact && typeof value === 'string' ? compactEntry(key, value) : value;
      this.spaces();
      const after = this.peek();
      this.position++;
      if (after === 125) return map;
      if (after !== 44) decline();
      this.spaces();
      if (this.peek() === 125 || this.peek() === 44) decline();
    }
  }

  /** An entry's value: a scalar, or a collection nested in this one. */
  private scalar(): unknown {
    const c = this.peek();
    if (c === 91 /* [ */ || c === 123 /* { */) {
      this.position++;
      if (++this.depth > MAX_DEPTH) decline();
      const value = c === 91 ? this.sequence() : this.mapping();
      this.depth--;
      return value;
    }
    if (c === 34 || c === 39) {
      const value = quoted(this.text, this.position, this.end);
      this.position = scalarEnd;
      return value;
    }
    if (c === 35 /* # */) decline();
    const value = plain(this.text, this.position, this.end, true);
    if (scalarEnd >= this.end) decline(); // the collection does not close on this line
    this.position = scalarEnd;
    return resolvePlain(value);
  }

  private spaces(): void {
    this.position = skipSpaces(this.text, this.position, this.end);
  }

  private peek(): number {
    if (this.position >= this.end) decline();
    return this.text.charCodeAt(this.position);
  }
}
