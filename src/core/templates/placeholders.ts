// The values a new file from a template leaves to fill in: a value that starts with `TODO` (a
// comment that says TODO is advice, not a value) and the example id `CVE-0000-00000`. The editor
// selects the first one when it opens the new file, so typing replaces it.
import type { Range } from '../model/diagnostic';

const VALUE_TODO = /^(\s*(?:-\s+|[\w-]+:\s+))(TODO\b.*?)\s*(?:\s#.*)?$/;
const EXAMPLE_ID = /\bCVE-0000-00000\b/;

/** Each placeholder's range (one line each), in the order of the text. */
export function placeholderRanges(text: string): Range[] {
  const ranges: Range[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const todo = VALUE_TODO.exec(line);
    const example = EXAMPLE_ID.exec(line);
    const at = (start: number, length: number): Range => ({ start: { line: i, character: start }, end: { line: i, character: start + length } });
    if (example && (!todo || example.index < todo[1].length)) ranges.push(at(example.index, example[0].length));
    else if (todo) ranges.push(at(todo[1].length, todo[2].length));
  });
  return ranges;
}
