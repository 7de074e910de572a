// Finds the range of a node in plain block YAML without building a document model: walks the
// lines by indentation (block mappings and sequences, single-line flow mappings and scalars).
// It answers only when sure — the caller checks the text it found against the parsed value and
// falls back to the full parser otherwise — so it may decline anything unusual.
//
// A locator is kept for every file that has a diagnostic, so it holds only the text and one
// 32-bit start per line; a line's indentation and text are read from the text when needed.
import { lfLineStarts } from './lineIndex';
import type { YamlPath } from '../model/source';

export interface Span {
  keyStart?: number;
  keyEnd?: number;
  start: number;
  end: number;
  /** The scalar's source text (without quotes for quoted scalars), for verification. */
  scalar?: string;
}

/** `key:` at the start of a line, with a plain key: the only mapping keys the walk reads. */
export const PLAIN_KEY = /^([A-Za-z_][A-Za-z0-9_.-]*)[ ]*:(?:[ ]+|$)/;

interface Scope {
  from: number;
  to: number;
  /** Column of the mapping's keys; -1: set by the first line of the scope. */
  indent: number;
}

export class BlockLocator {
  /** Start offset of each line, as split at \n (a \r before the \n is not part of the line). */
  private readonly starts: Int32Array;

  /** `lfStarts`: the starts of `text.split('\n')` when already known (LineIndex.lfStarts). */
  constructor(
    private readonly text: string,
    lfStarts?: Int32Array,
  ) {
    this.starts = lfStarts ?? lfLineStarts(text);
  }

  private get count(): number {
    return this.starts.length;
  }

  /** End of line `j`'s text: before its \n, and before one \r ending it. */
  private end(j: number): number {
    const start = this.starts[j];
    let end = j + 1 < this.starts.length ? this.starts[j + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The text of line `j` (without its line break). */
  private line(j: number): string {
    return this.text.slice(this.starts[j], this.end(j));
  }

  /** Leading whitespace of line `j` from `column` on, counted as String.prototype.trimStart does. */
  private space(j: number, column = 0): number {
    const from = this.starts[j] + column;
    const end = this.end(j);
    let i = from;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    const c = this.text.charCodeAt(i);
    if (i === end || (c > 32 && c < 127)) return i - from;
    // Other whitespace (tabs, no-break spaces and the like): let the language decide.
    const rest = this.text.slice(from, end);
    return rest.length - rest.trimStart().length;
  }

  /**
   * Line `j`'s indentation (`space`), or -1 for a line that is empty, only spaces, or a comment:
   * one look at the line where the walks used to ask whether it is blank, then for its indentation.
   */
  private indent(j: number): number {
    const from = this.starts[j];
    const end = this.end(j);
    let i = from;
    while (i < end && this.text.charCodeAt(i) === 32) i++;
    if (i === end) return -1;
    const c = this.text.charCodeAt(i);
    if (c > 32 && c < 127) return c === 35 /* # */ ? -1 : i - from;
    const column = this.space(j); // other whitespace: as `space` counts it
    const at = from + column;
    return at === end || this.text.charCodeAt(at) === 35 ? -1 : column;
  }

  /** The span of `path`, or undefined when the walk is not sure. */
  find(path: YamlPath): Span | undefined {
    // A node is "at" a line and column: the key's line for mapping entries.
    let scope: Scope = { from: 0, to: this.count, indent: 0 };
    let inline: { line: number; column: number; dash: number } | undefined; // content starting mid-line (after "- ")
    let span: Span | undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (inline) {
        const rest = this.line(inline.line).slice(inline.column);
        if (rest.startsWith('{')) {
          if (typeof segment !== 'string' || !last) return undefined;
          return flowEntry(this.starts[inline.line], this.line(inline.line), inline.column, segment);
        }
        if (typeof segment !== 'string') return undefined; // a sequence right inside a sequence item: decline
        // A block mapping whose first key follows "- ": its keys sit at this column, on the lines
        // below that are indented more than the dash.
        scope = { from: inline.line, to: this.blockEnd(inline.line, inline.dash), indent: inline.column };
        inline = undefined;
      }
      if (typeof segment === 'string') {
        const found = this.mappingEntry(scope, segment);
        if (!found) return undefined;
        span = found.span;
        if (last) return span;
        const text = this.line(found.line);
        const after = found.valueColumn;
        if (after < text.length && !text.slice(after).startsWith('#')) return undefined; // inline collection: decline
        scope = { from: found.line + 1, to: this.valueEnd(found.line, found.column), indent: -1 };
      } else {
        const item = this.sequenceItem(scope, segment);
        if (!item) return undefined;
        inline = item;
        if (last) {
          const rest = this.line(item.line).slice(item.column);
          const scalar = scalarSpan(rest);
          if (!scalar || rest.startsWith('{')) return undefined;
          const at = this.starts[item.line] + item.column;
          return { start: at + scalar.start, end: at + scalar.end, scalar: scalar.text };
        }
      }
    }
    return span;
  }

  /** The first line after `line` whose indentation is at most `indent` (blank and comment lines skipped). */
  private blockEnd(line: number, indent: number): number {
    for (let j = line + 1; j < this.count; j++) {
      const column = this.indent(j);
      if (column >= 0 && column <= indent) return j;
    }
    return this.count;
  }

  /**
   * The end of the block value of a key at column `indent`: the first line indented less, or as
   * much but not a "- " item (a block sequence may sit at its key's column).
   */
  private valueEnd(line: number, indent: number): number {
    for (let j = line + 1; j < this.count; j++) {
      const column = this.indent(j);
      if (column < 0) continue;
      if (column < indent || (column === indent && !this.isItem(j, column))) return j;
    }
    return this.count;
  }

  /** Whether line `j` has a "- " item (or a lone "-") at `column`. */
  private isItem(j: number, column: number): boolean {
    const at = this.starts[j] + column;
    const end = this.end(j);
    return this.text.charCodeAt(at) === 45 /* - */ && (at + 1 === end || (at + 1 < end && this.text.charCodeAt(at + 1) === 32));
  }

  private mappingEntry(scope: Scope, key: string) {
    let indent = scope.indent;
    const first = key.charCodeAt(0);
    for (let j = scope.from; j < scope.to; j++) {
      const start = this.starts[j];
      // Most lines hold other keys, or deeper lines (a plan's vulnerabilities come before its
      // waves): once the keys' column is known, a line without the key's first letter there is
      // passed over unread, as the test below would.
      if (indent >= 0 && this.text.charCodeAt(start + indent) !== first) continue;
      const lineIndent = this.indent(j);
      if (lineIndent < 0) continue;
      if (indent < 0) indent = lineIndent; // the first line of a nested block sets its indentation
      const column = j === scope.from && lineIndent < indent ? indent : lineIndent;
      if (column !== indent) continue;
      if (!this.text.startsWith(key, start + indent)) continue;
      const text = this.line(j);
      const m = PLAIN_KEY.exec(text.slice(indent));
      if (!m || m[1] !== key) continue;
      const valueColumn = indent + m[0].length;
      const rest = text.slice(valueColumn);
      const scalar = scalarSpan(rest);
      const keyStart = start + indent;
      const span: Span =
        scalar && !rest.startsWith('{') && !rest.startsWith('[') && !this.continues(j, indent)
          ? { keyStart, keyEnd: keyStart + key.length, start: start + valueColumn + scalar.start, end: start + valueColumn + scalar.end, scalar: scalar.text }
          : { keyStart, keyEnd: keyStart + key.length, start: keyStart, end: keyStart + key.length };
      return { line: j, column: indent, valueColumn: scalar || rest.startsWith('{') || rest.startsWith('[') ? valueColumn : text.length, span };
    }
    return undefined;
  }

  /** The n-th "- " item of the block sequence in scope. */
  private sequenceItem(scope: Scope, index: number) {
    let count = -1;
    let indent = -1;
    for (let j = scope.from; j < scope.to; j++) {
      const lineIndent = this.indent(j);
      if (lineIndent < 0) continue;
      if (indent < 0) indent = lineIndent;
      if (lineIndent !== indent) continue;
      if (!this.isItem(j, indent)) return undefined;
      if (++count === index) {
        const column = indent + 2;
        return this.end(j) - this.starts[j] > column ? { line: j, column: column + this.space(j, column), dash: indent } : undefined;
      }
    }
    return undefined;
  }

  /** A plain scalar that goes on below its key line. */
  private continues(line: number, indent: number): boolean {
    for (let j = line + 1; j < this.count; j++) {
      const column = this.indent(j);
      if (column < 0) continue;
      const rest = this.line(j).slice(column);
      return column > indent && !rest.startsWith('- ') && !PLAIN_KEY.test(rest);
    }
    return false;
  }
}

/** A single-line scalar at the start of `text`: its [start, end) and its text. */
function scalarSpan(text: string): { start: number; end: number; text: string } | undefined {
  if (text === '' || text.startsWith('#')) return undefined;
  const c = text[0];
  if (c === '|' || c === '>' || c === '[' || c === '{') return undefined;
  if (c === '"' || c === "'") {
    for (let i = 1; i < text.length; i++) {
      if (c === '"' && text[i] === '\\') return undefined; // escapes: let the full parser read it
      if (text[i] === c) {
        if (c === "'" && text[i + 1] === "'") return undefined;
        return { start: 0, end: i + 1, text: text.slice(1, i) };
      }
    }
    return undefined;
  }
  const comment = text.search(/\s#/);
  const body = (comment >= 0 ? text.slice(0, comment) : text).trimEnd();
  return { start: 0, end: body.length, text: body };
}

/** `key: value` inside a single-line flow mapping starting at `column` of a line (`start`: its offset). */
function flowEntry(start: number, text: string, column: number, key: string): Span | undefined {
  let depth = 0;
  let i = column;
  let entryStart = column + 1;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      const close = text.indexOf(c, i + 1);
      if (close < 0) return undefined;
      i = close;
    } else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return entryAt(start, text, entryStart, i, key);
    } else if (c === ',' && depth === 1) {
      const found = entryAt(start, text, entryStart, i, key);
      if (found) return found;
      entryStart = i + 1;
    }
  }
  return undefined;
}

function entryAt(lineStart: number, text: string, from: number, to: number, key: string): Span | undefined {
  const entry = text.slice(from, to);
  const m = /^(\s*)([A-Za-z_][A-Za-z0-9_.-]*)\s*:\s*/.exec(entry);
  if (!m || m[2] !== key) return undefined;
  const keyStart = lineStart + from + m[1].length;
  const valueText = entry.slice(m[0].length).trimEnd();
  if (valueText === '' || valueText.startsWith('{') || valueText.startsWith('[')) {
    return { keyStart, keyEnd: keyStart + key.length, start: keyStart, end: keyStart + key.length };
  }
  const scalar = scalarSpan(valueText);
  if (!scalar) return undefined;
  const start = lineStart + from + m[0].length;
  return { keyStart, keyEnd: keyStart + key.length, start, end: start + scalar.end, scalar: scalar.text };
}
