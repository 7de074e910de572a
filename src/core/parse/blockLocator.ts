// Finds the range of a node in plain block YAML without building a document model: walks the
// lines by indentation (block mappings and sequences, single-line flow mappings and scalars).
// It answers only when sure — the caller checks the text it found against the parsed value and
// falls back to the full parser otherwise — so it may decline anything unusual.
import type { YamlPath } from './sourceDocument';

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

interface Line {
  start: number;
  text: string;
  indent: number;
}

export class BlockLocator {
  private readonly lines: Line[] = [];

  constructor(text: string) {
    let offset = 0;
    for (const raw of text.split('\n')) {
      const body = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
      const indent = body.length - body.trimStart().length;
      this.lines.push({ start: offset, text: body, indent });
      offset += raw.length + 1;
    }
  }

  /** The span of `path`, or undefined when the walk is not sure. */
  find(path: YamlPath): Span | undefined {
    // A node is "at" a line and column: the key's line for mapping entries.
    let scope = { from: 0, to: this.lines.length, indent: 0 };
    let inline: { line: number; column: number } | undefined; // content starting mid-line (after "- ")
    let span: Span | undefined;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      const last = i === path.length - 1;
      if (inline) {
        const rest = this.lines[inline.line].text.slice(inline.column);
        if (rest.startsWith('{')) {
          if (typeof segment !== 'string' || !last) return undefined;
          return flowEntry(this.lines[inline.line], inline.column, segment);
        }
        // A block mapping whose first key follows "- ": its keys sit at this column.
        scope = { from: inline.line, to: this.blockEnd(inline.line, inline.column), indent: inline.column };
        inline = undefined;
      }
      if (typeof segment === 'string') {
        const found = this.mappingEntry(scope, segment);
        if (!found) return undefined;
        span = found.span;
        if (last) return span;
        const line = this.lines[found.line];
        const after = found.valueColumn;
        if (after < line.text.length && !line.text.slice(after).startsWith('#')) return undefined; // inline collection: decline
        scope = { from: found.line + 1, to: this.blockEnd(found.line, line.indent), indent: -1 };
      } else {
        const item = this.sequenceItem(scope, segment);
        if (!item) return undefined;
        inline = { line: item.line, column: item.column };
        if (last) {
          const rest = this.lines[item.line].text.slice(item.column);
          const scalar = scalarSpan(rest);
          if (!scalar || rest.startsWith('{')) return undefined;
          return { start: this.lines[item.line].start + item.column + scalar.start, end: this.lines[item.line].start + item.column + scalar.end, scalar: scalar.text };
        }
      }
    }
    return span;
  }

  /** The first line after `line` whose indentation is at most `indent` (blank and comment lines skipped). */
  private blockEnd(line: number, indent: number): number {
    for (let j = line + 1; j < this.lines.length; j++) {
      const l = this.lines[j];
      if (isBlank(l)) continue;
      if (l.indent <= indent) return j;
    }
    return this.lines.length;
  }

  private mappingEntry(scope: { from: number; to: number; indent: number }, key: string) {
    let indent = scope.indent;
    for (let j = scope.from; j < scope.to; j++) {
      const l = this.lines[j];
      if (isBlank(l)) continue;
      if (indent < 0) indent = l.indent; // the first line of a nested block sets its indentation
      const column = j === scope.from && l.indent < indent ? indent : l.indent;
      if (column !== indent) continue;
      const m = PLAIN_KEY.exec(l.text.slice(indent));
      if (!m || m[1] !== key) continue;
      const valueColumn = indent + m[0].length;
      const rest = l.text.slice(valueColumn);
      const scalar = scalarSpan(rest);
      const keyStart = l.start + indent;
      const span: Span = scalar && !rest.startsWith('{') && !rest.startsWith('[') && !this.continues(j, indent)
        ? { keyStart, keyEnd: keyStart + key.length, start: l.start + valueColumn + scalar.start, end: l.start + valueColumn + scalar.end, scalar: scalar.text }
        : { keyStart, keyEnd: keyStart + key.length, start: keyStart, end: keyStart + key.length };
      return { line: j, valueColumn: scalar || rest.startsWith('{') || rest.startsWith('[') ? valueColumn : l.text.length, span };
    }
    return undefined;
  }

  /** The n-th "- " item of the block sequence in scope. */
  private sequenceItem(scope: { from: number; to: number; indent: number }, index: number) {
    let count = -1;
    let indent = -1;
    for (let j = scope.from; j < scope.to; j++) {
      const l = this.lines[j];
      if (isBlank(l)) continue;
      if (indent < 0) indent = l.indent;
      if (l.indent !== indent) continue;
      if (!l.text.slice(indent).startsWith('- ') && l.text.slice(indent) !== '-') return undefined;
      if (++count === index) {
        const column = indent + 2;
        return l.text.length > column ? { line: j, column: column + (l.text.slice(column).length - l.text.slice(column).trimStart().length) } : undefined;
      }
    }
    return undefined;
  }

  /** A plain scalar that goes on below its key line. */
  private continues(line: number, indent: number): boolean {
    for (let j = line + 1; j < this.lines.length; j++) {
      const l = this.lines[j];
      if (isBlank(l)) continue;
      return l.indent > indent && !l.text.trimStart().startsWith('- ') && !PLAIN_KEY.test(l.text.trimStart());
    }
    return false;
  }
}

function isBlank(l: Line): boolean {
  const t = l.text.trimStart();
  return t === '' || t.startsWith('#');
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

/** `key: value` inside a single-line flow mapping starting at `column`. */
function flowEntry(line: Line, column: number, key: string): Span | undefined {
  const text = line.text;
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
      if (depth === 0) return entryAt(line, entryStart, i, key);
    } else if (c === ',' && depth === 1) {
      const found = entryAt(line, entryStart, i, key);
      if (found) return found;
      entryStart = i + 1;
    }
  }
  return undefined;
}

function entryAt(line: Line, from: number, to: number, key: string): Span | undefined {
  const entry = line.text.slice(from, to);
  const m = /^(\s*)([A-Za-z_][A-Za-z0-9_.-]*)\s*:\s*/.exec(entry);
  if (!m || m[2] !== key) return undefined;
  const keyStart = line.start + from + m[1].length;
  const valueText = entry.slice(m[0].length).trimEnd();
  if (valueText === '' || valueText.startsWith('{') || valueText.startsWith('[')) {
    return { keyStart, keyEnd: keyStart + key.length, start: keyStart, end: keyStart + key.length };
  }
  const scalar = scalarSpan(valueText);
  if (!scalar) return undefined;
  const start = line.start + from + m[0].length;
  return { keyStart, keyEnd: keyStart + key.length, start, end: start + scalar.end, scalar: scalar.text };
}
