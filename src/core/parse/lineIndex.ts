import type { Position, Range } from '../model/diagnostic';

/**
 * Offsets (UTF-16 code units, as the editor counts) to zero-based line/character.
 *
 * Kept for every file that has a diagnostic, so it is compact: one 32-bit start per line (a
 * 10,000-file workspace has about a million lines), and no copy of the text.
 */
export class LineIndex {
  private readonly starts: Int32Array;
  /** Whether every line break is a \n (no lone \r): then the starts are those of `text.split('\n')`. */
  readonly lfOnly: boolean;

  constructor(private readonly text: string) {
    // \r\n, \n and a lone \r all end a line, as in the editor.
    if (text.indexOf('\r') < 0) {
      this.starts = lfLineStarts(text);
      this.lfOnly = true;
      return;
    }
    let count = 1;
    let lone = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) count++;
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) {
        count++;
        lone = true;
      }
    }
    const starts = new Int32Array(count);
    for (let i = 0, n = 1; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts[n++] = i + 1;
    }
    this.starts = starts;
    this.lfOnly = !lone;
  }

  /** The line starts when they are those of `text.split('\n')` (see `lfOnly`), for sharing. */
  lfStarts(): Int32Array | undefined {
    return this.lfOnly ? this.starts : undefined;
  }

  position(offset: number): Position {
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    // Never past the line's content: not into its line break, not past the end of the text.
    const next = lo + 1 < starts.length ? starts[lo + 1] : this.text.length;
    let end = next;
    if (end > starts[lo] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > starts[lo] && this.text.charCodeAt(end - 1) === 13) end--;
    return { line: lo, character: Math.max(0, Math.min(offset, end) - starts[lo]) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}

/** Where lfLineStarts collects, grown as needed: one pass over the text, then an exact copy. */
let collected = new Int32Array(4096);

/** Start offsets of the pieces of `text.split('\n')`, without making them. */
export function lfLineStarts(text: string): Int32Array {
  let n = 1;
  collected[0] = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (n === collected.length) {
      const larger = new Int32Array(n * 2);
      larger.set(collected);
      collected = larger;
    }
    collected[n++] = i + 1;
  }
  return collected.slice(0, n);
}
