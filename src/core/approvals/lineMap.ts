// Which lines of the text being checked are the committed ones: a line diff between the text the
// editor or the disk has and the blob committed at HEAD. Pure.

/** Lines as the editor counts them (`\r\n`, `\n` or a lone `\r` ends a line). */
export function editorLines(text: string): string[] {
  return stripBom(text).split(/\r\n|\n|\r/);
}

/** Lines as git blame counts them (`\n` only); a `\r` before it is not part of the comparison. */
export function gitLines(text: string): string[] {
  return stripBom(text)
    .split('\n')
    .map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Above this many cells the middle of two very different texts is not aligned: it counts as changed. */
const MAX_CELLS = 4_000_000;

/**
 * For each current line (0-based index), the 0-based index of the committed line it is, or null
 * when it is new or changed (not committed). A longest common subsequence after trimming the
 * common head and tail; ties keep the earliest committed line.
 */
export function mapLines(current: readonly string[], committed: readonly string[]): (number | null)[] {
  const out: (number | null)[] = new Array<number | null>(current.length).fill(null);
  let head = 0;
  while (head < current.length && head < committed.length && current[head] === committed[head]) {
    out[head] = head;
    head++;
  }
  let tail = 0;
  while (tail < current.length - head && tail < committed.length - head && current[current.length - 1 - tail] === committed[committed.length - 1 - tail]) {
    out[current.length - 1 - tail] = committed.length - 1 - tail;
    tail++;
  }
  const a = current.slice(head, current.length - tail);
  const b = committed.slice(head, committed.length - tail);
  if (a.length === 0 || b.length === 0 || a.length * b.length > MAX_CELLS) return out;

  // lcs[i][j] = LCS length of a[i..] and b[j..]
  const width = b.length + 1;
  const lcs = new Uint32Array((a.length + 1) * width);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * width + j] = a[i] === b[j] ? lcs[(i + 1) * width + j + 1] + 1 : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    }
  }
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      out[head + i] = head + j;
      i++;
      j++;
    } else if (lcs[(i + 1) * width + j] >= lcs[i * width + j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}
