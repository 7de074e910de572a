// Minimal text edits on YAML files: new content is inserted or a value node's text replaced,
// every other byte — comments, quoting, blank lines — stays as it was. Shared by import and enrich.
import { isMap, isScalar, isSeq, parse, parseDocument, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export type Scalar = string | number | boolean;

const PLAIN_SAFE = /^[A-Za-z0-9][A-Za-z0-9._:/+@()-]*$/;

/** A scalar as YAML text: plain when it reads back as the same string, else double-quoted. */
export function yamlScalar(value: Scalar, options: { quote?: boolean } = {}): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (!options.quote && PLAIN_SAFE.test(value) && !value.includes(': ') && !/:$/.test(value)) {
    try {
      if (parse(value, { version: '1.2' }) === value) return value;
    } catch {
      // not plain-safe after all
    }
  }
  return doubleQuoted(value);
}

/**
 * A YAML double-quoted scalar. JSON's escapes are YAML's; what JSON leaves raw but YAML does not
 * allow in a file (DEL, the C1 controls, U+FFFE/U+FFFF: outside YAML's printable set, and strict
 * parsers such as Go's refuse the whole file for them) is escaped too.
 */
function doubleQuoted(value: string): string {
  return JSON.stringify(value).replace(/[\u007f-\u009f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const eolOf = (text: string): string => (/\r\n/.test(text) ? '\r\n' : '\n');

export function parseForEdit(text: string): Document.Parsed {
  return parseDocument(text, { version: '1.2', uniqueKeys: false, keepSourceTokens: false });
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

export interface TextEdit {
  offset: number;
  /** Characters replaced at `offset` (0 for an insertion). */
  length: number;
  text: string;
}

/** Applies edits (non-overlapping) from the end, so earlier offsets stay valid. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.offset - a.offset || b.length - a.length);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.offset) + e.text + out.slice(e.offset + e.length);
  return out;
}

/** Entries of a mapping item, in order: [key, value] with values already scalars. */
export type Fields = ReadonlyArray<readonly [string, Scalar | readonly Scalar[]]>;

/** Edits that append `items` (each a mapping) to the sequence at `key` of the document's root map. */
export function appendToSequence(text: string, doc: Document.Parsed, key: string, items: readonly Fields[]): TextEdit[] {
  if (items.length === 0) return [];
  const eol = eolOf(text);
  const seq = doc.get(key, true) as YAMLSeq | undefined;
  if (!seq || !isSeq(seq) || !seq.range) throw new Error(`\`${key}\` is not a list`);
  if (seq.flow) {
    const close = text.lastIndexOf(']', seq.range[1] - 1);
    const lastEnd = seq.items.length ? (seq.items[seq.items.length - 1] as { range?: [number, number, number] }).range?.[1] : undefined;
    const at = lastEnd ?? close;
    const prefix = seq.items.length ? ', ' : '';
    return [{ offset: at, length: 0, text: prefix + items.map(flowMapping).join(', ') }];
  }
  const indent = ' '.repeat(columnOf(text, seq.range[0]));
  const { at, lead } = lineStartAfter(text, seq.range[1], eol);
  return [{ offset: at, length: 0, text: lead + items.map((fields) => blockItem(fields, indent, eol)).join('') }];
}

/**
 * Edits that append scalars to a sequence node: `, a, b` after a flow list's last item (or inside
 * its empty brackets), or `- a` lines after a block list's last line, indented like its items.
 */
export function appendScalars(text: string, seq: YAMLSeq, values: readonly Scalar[]): TextEdit[] {
  if (values.length === 0) return [];
  if (!isSeq(seq) || !seq.range) throw new Error('not a list');
  if (seq.flow) {
    const last = seq.items[seq.items.length - 1] as { range?: [number, number, number] } | undefined;
    const at = last?.range?.[1] ?? text.lastIndexOf(']', seq.range[1] - 1);
    return [{ offset: at, length: 0, text: (last ? ', ' : '') + values.map((v) => yamlScalar(v)).join(', ') }];
  }
  const eol = eolOf(text);
  const indent = ' '.repeat(columnOf(text, seq.range[0]));
  const { at, lead } = lineStartAfter(text, seq.range[1], eol);
  return [{ offset: at, length: 0, text: lead + values.map((v) => `${indent}- ${yamlScalar(v)}${eol}`).join('') }];
}

/** 1-based line and column of an offset, for messages that point into a file. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return { line, column: columnOf(text, offset) + 1 };
}

/**
 * Where new lines go after a block node that ends at `end`: the start of the next line, or the
 * end of the text with a line break first when the file does not end with one.
 */
function lineStartAfter(text: string, end: number, eol: string): { at: number; lead: string } {
  if (end === 0 || text[end - 1] === '\n') return { at: end, lead: '' };
  const nl = text.indexOf('\n', end);
  return nl === -1 ? { at: text.length, lead: eol } : { at: nl + 1, lead: '' };
}

/** `- key: value` lines of one sequence item, indented like the sequence's other items. */
export function blockItem(fields: Fields, indent: string, eol: string): string {
  return fields.map(([k, v], i) => `${indent}${i === 0 ? '- ' : '  '}${k}: ${valueText(v)}${eol}`).join('');
}

function flowMapping(fields: Fields): string {
  return `{ ${fields.map(([k, v]) => `${k}: ${valueText(v)}`).join(', ')} }`;
}

export function valueText(v: Scalar | readonly Scalar[]): string {
  return Array.isArray(v)
    ? `[${v.map((x: Scalar) => yamlScalar(x)).join(', ')}]`
    : yamlScalar(v as Scalar, { quote: typeof v === 'string' && /^CVSS:/.test(v) });
}

/**
 * Edits that set `fields` on a mapping node: an existing key's value node is replaced (only when
 * its value differs), a missing key is inserted — a line after the mapping's last line with the
 * indentation of its keys, or `, key: value` before a flow mapping's closing brace.
 */
export function setMapFields(text: string, map: YAMLMap, fields: ReadonlyArray<readonly [string, Scalar]>): TextEdit[] {
  if (!isMap(map) || !map.range) return [];
  const edits: TextEdit[] = [];
  const missing: [string, Scalar][] = [];
  for (const [key, value] of fields) {
    const pair = map.items.find((p) => isScalar(p.key) && p.key.value === key);
    if (!pair) {
      missing.push([key, value]);
      continue;
    }
    const node = pair.value;
    if (isScalar(node) && node.value === value) continue;
    if (node && (node as { range?: [number, number, number] }).range) {
      const [start, end] = (node as { range: [number, number, number] }).range;
      edits.push({ offset: start, length: end - start, text: yamlScalar(value) });
    } else {
      // `key:` with no value: put it after the colon
      const keyEnd = (pair.key as { range: [number, number, number] }).range[1];
      const colon = text.indexOf(':', keyEnd);
      edits.push({ offset: colon + 1, length: 0, text: ` ${yamlScalar(value)}` });
    }
  }
  if (missing.length === 0) return edits;
  if (map.flow) {
    const last = map.items[map.items.length - 1] as Pair | undefined;
    const lastEnd = last ? ((last.value ?? last.key) as { range: [number, number, number] }).range[1] : text.lastIndexOf('}', map.range[1] - 1);
    const prefix = last ? ', ' : ' ';
    edits.push({ offset: lastEnd, length: 0, text: prefix + missing.map(([k, v]) => `${k}: ${yamlScalar(v)}`).join(', ') + (last ? '' : ' ') });
    return edits;
  }
  const eol = eolOf(text);
  const firstKey = map.items[0]?.key as { range: [number, number, number] } | undefined;
  const indent = ' '.repeat(firstKey ? columnOf(text, firstKey.range[0]) : columnOf(text, map.range[0]));
  const { at, lead } = lineStartAfter(text, map.range[1], eol);
  edits.push({ offset: at, length: 0, text: lead + missing.map(([k, v]) => `${indent}${k}: ${yamlScalar(v)}${eol}`).join('') });
  return edits;
}
