import type { Position, Range } from '../model/diagnostic';

/** Offsets (UTF-16 code units, as the editor counts) to zero-based line/character. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(private readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // \r\n, \n and a lone \r all end a line, as in the editor.
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) this.starts.push(i + 1);
    }
  }

  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    // Never past the line's content: not into its line break, not past the end of the text.
    const next = lo + 1 < this.starts.length ? this.starts[lo + 1] : this.text.length;
    let end = next;
    if (end > this.starts[lo] && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > this.starts[lo] && this.text.charCodeAt(end - 1) === 13) end--;
    return { line: lo, character: Math.max(0, Math.min(offset, end) - this.starts[lo]) };
  }

  range(start: number, end: number): Range {
    return { start: this.position(start), end: this.position(Math.max(start, end)) };
  }
}
