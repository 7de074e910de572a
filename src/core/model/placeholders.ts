// What a template leaves to fill in: a whole value written `<fill in WHAT>`, e.g.
// `id: <fill in the CVE id>`. No colon inside, so it needs no quotes in YAML. A placeholder is
// never read as data: the loader reports it (`template.placeholder`) and sets it aside, so a plan
// that still carries one has no deadline rather than one computed from made-up values.

import type { Range } from './diagnostic';

/** One placeholder; anchored, it is a whole value, global, every one in a text. */
const BODY = '<fill in ([^<>\\n]+)>';
const PLACEHOLDER = new RegExp(`^${BODY}$`);

/** `<fill in WHAT>`, as templates write it. */
export function placeholder(what: string): string {
  return `<fill in ${what}>`;
}

/** What a placeholder asks for ("the CVE id"), or undefined when `value` is not one. */
export function placeholderWhat(value: unknown): string | undefined {
  // Every string of every file is asked: most have no `<` at all, and need no copy and no match.
  if (typeof value !== 'string' || !value.includes('<')) return undefined;
  return PLACEHOLDER.exec(value.trim())?.[1].trim();
}

export interface FoundPlaceholder {
  /** JSON pointer of the value. */
  pointer: string;
  path: (string | number)[];
  what: string;
}

/**
 * Whether a document's text can hold a placeholder at all: every way YAML writes one has
 * `<fill` in it, except a double-quoted escape (`"\x3Cfill in …>"`, or a line continued by
 * `\`), which needs a backslash. Most files have neither, and are not walked.
 */
export function mayHoldPlaceholders(text: string): boolean {
  return text.includes('<fill') || text.includes('\\');
}

/** Every placeholder in a parsed document, in document order. */
export function findPlaceholders(value: unknown): FoundPlaceholder[] {
  const found: FoundPlaceholder[] = [];
  const walk = (node: unknown, path: (string | number)[]) => {
    const what = placeholderWhat(node);
    if (what !== undefined) found.push({ pointer: path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join(''), path, what });
    else if (Array.isArray(node)) node.forEach((item, i) => walk(item, [...path, i]));
    else if (node !== null && typeof node === 'object') for (const [key, item] of Object.entries(node)) walk(item, [...path, key]);
  };
  walk(value, []);
  return found;
}

const IN_TEXT = new RegExp(BODY, 'g');

/**
 * Each placeholder's range in a text (one line each), in the order of the text; a comment's text
 * is advice, not a value. The editor selects the first one when it opens a new file, so typing
 * replaces it.
 */
export function placeholderRanges(text: string): Range[] {
  const ranges: Range[] = [];
  text.split(/\r?\n|\r/).forEach((line, i) => {
    const comment = /(^|\s)#/.exec(line);
    const end = comment ? comment.index : line.length;
    for (const m of line.matchAll(IN_TEXT)) {
      if (m.index + m[0].length > end) break;
      ranges.push({ start: { line: i, character: m.index }, end: { line: i, character: m.index + m[0].length } });
    }
  });
  return ranges;
}
