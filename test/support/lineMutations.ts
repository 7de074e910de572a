// Line-level edits of a YAML text, for the property tests that break documents on purpose (the
// parser differential and the whole-pipeline fuzz). Each test draws the mutations it wants; the
// edits themselves are one implementation, so both fuzzers break files the same way.

export type LineMutation =
  | { op: 'delete' | 'duplicate' | 'trail'; line: number }
  /** Indent by `by` spaces (negative: remove up to that many leading spaces). */
  | { op: 'indent'; line: number; by: number }
  | { op: 'swap'; line: number; other: number }
  /** A multi-line snippet inserted before the line, at its indent shifted by `shift`. */
  | { op: 'insert'; line: number; snippet: string; shift: number }
  /** `text` inserted at column `at` (modulo the line's length + 1). */
  | { op: 'splice'; line: number; at: number; text: string }
  /** The character at column `at` replaced by `char`. */
  | { op: 'flip'; line: number; at: number; char: string }
  /** What follows the first `: ` (a scalar value), or the item after `- `, replaced by `value`. */
  | { op: 'value'; line: number; value: string };

const pad = (n: number): string => ' '.repeat(Math.max(0, n));
const indentOf = (l: string): number => l.length - l.trimStart().length;

export function mutateLines(text: string, mutations: readonly LineMutation[]): string {
  const lines = text.split('\n');
  for (const m of mutations) {
    if (lines.length === 0) lines.push('');
    const i = m.line % lines.length;
    switch (m.op) {
      case 'delete':
        lines.splice(i, 1);
        break;
      case 'duplicate':
        lines.splice(i, 0, lines[i]);
        break;
      case 'trail':
        lines[i] += '  ';
        break;
      case 'indent':
        lines[i] = m.by >= 0 ? pad(m.by) + lines[i] : lines[i].replace(new RegExp(`^ {1,${-m.by}}`), '');
        break;
      case 'swap': {
        const j = m.other % lines.length;
        [lines[i], lines[j]] = [lines[j], lines[i]];
        break;
      }
      case 'insert': {
        const at = pad(indentOf(lines[i]) + m.shift);
        lines.splice(i, 0, ...m.snippet.split('\n').map((l) => at + l));
        break;
      }
      case 'splice': {
        const at = m.at % (lines[i].length + 1);
        lines[i] = lines[i].slice(0, at) + m.text + lines[i].slice(at);
        break;
      }
      case 'flip': {
        const at = lines[i].length ? m.at % lines[i].length : 0;
        lines[i] = lines[i].slice(0, at) + m.char + lines[i].slice(at + 1);
        break;
      }
      case 'value': {
        const match = /^(\s*(?:- )?[^:#]*: |\s*- )(.*)$/.exec(lines[i]);
        if (match) lines.splice(i, 1, ...(match[1] + m.value).split('\n'));
        break;
      }
    }
  }
  return lines.join('\n');
}
