// Every document on which the fast path and the full parser once disagreed (found by the
// differential fuzz), each with the full parser's answer: the truth the fast path must give too.

/** The full parser's answer: the data, or 'error' for a file it refuses. */
export type Truth = { value: unknown } | 'error';

export interface Disagreement {
  name: string;
  text: string;
  truth: Truth;
  /** What js-yaml alone said (for the record). */
  was: string;
}

/** Nine sequences of nine aliases, three deep: 729 values, more alias expansions than the full parser allows. */
const ALIAS_BOMB = [
  'a: &a [x, x, x, x, x, x, x, x, x]',
  'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
  'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
  'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
].join('\n');

export const DISAGREEMENTS: readonly Disagreement[] = [
  // Handed to the full parser before this work, by a cruder test: still.
  { name: 'an alias bomb', text: `${ALIAS_BOMB}\n`, truth: 'error', was: '729 values, expanded' },
  { name: 'a lone carriage return in a quoted string', text: 'a: "x\ry"\n', truth: { value: { a: 'x\ry' } }, was: '"x y"' },
  { name: 'a lone carriage return in a flow sequence', text: 'a: [x,\ry]\n', truth: { value: { a: ['x', '\ry'] } }, was: '["x", "y"]' },
  // Plain scalars: js-yaml's core schema keeps YAML 1.1 habits and narrower patterns.
  { name: 'a binary integer is text', text: 'n: 0b101\n', truth: { value: { n: '0b101' } }, was: '5' },
  { name: 'a signed hexadecimal integer is text', text: 'n: -0x1F\nm: +0x1F\n', truth: { value: { n: '-0x1F', m: '+0x1F' } }, was: '-31 and 31' },
  { name: 'a float with a sign and no digit before the point is a number', text: 'n: -.5e-3\nm: +.5\n', truth: { value: { n: -0.0005, m: 0.5 } }, was: 'text' },
  { name: 'minus zero is minus zero', text: 'n: -0\n', truth: { value: { n: -0 } }, was: '0' },
  // Keys.
  { name: "a complex key is the full parser's text of it", text: 'm:\n  ? [a, b]\n  : c\n', truth: { value: { m: { '[ a, b ]': 'c' } } }, was: '"a,b"' },
  { name: 'a flow sequence as a key', text: 'm:\n  [a, b]: c\n', truth: { value: { m: { '[ a, b ]': 'c' } } }, was: '"a,b"' },
  { name: 'a flow mapping as a key', text: 'm:\n  {x: 1}: c\n', truth: { value: { m: { '{ x: 1 }': 'c' } } }, was: '"[object Object]"' },
  { name: 'a null key', text: 'm:\n  ~: x\n', truth: { value: { m: { '': 'x' } } }, was: '"null"' },
  { name: 'a `null` key', text: 'm:\n  null: x\n', truth: { value: { m: { '': 'x' } } }, was: '"null"' },
  { name: 'an empty key in a flow mapping', text: 'm: {: x}\n', truth: { value: { m: { '': 'x' } } }, was: '"null"' },
  { name: 'a key whose `:` is more than 1024 characters after its start', text: `m:\n  ${'k'.repeat(1030)}: 1\n`, truth: 'error', was: 'read' },
  // Multi-line flow collections and quoted scalars must be indented past their key.
  { name: "a flow sequence continued at its key's column", text: 'a:\n  b: [x,\n  y]\n', truth: 'error', was: 'read' },
  { name: "a flow mapping continued at its key's column", text: 'a:\n  b: {x: 1,\n  y: 2}\n', truth: 'error', was: 'read' },
  { name: "a double-quoted string continued at its key's column", text: 'a:\n  b: "x\n  y"\n', truth: 'error', was: '"x y"' },
  { name: 'a single-quoted string continued left of its item', text: "a:\n  - 'x\n y'\n", truth: 'error', was: '"x y"' },
  { name: 'an escaped line break before an empty line', text: 'a: "x\\\n\n  y"\n', truth: { value: { a: 'x y' } }, was: '"xy"' },
  { name: 'an escape beyond U+10FFFF', text: 'a: "\\U0011FFFF"\n', truth: 'error', was: 'two broken surrogates' },
  // Comments must be separated from what comes before them.
  { name: 'a comment right after a closing quote', text: 'a: \'x\'#c\nb: "y"#c\n', truth: 'error', was: 'read' },
  { name: 'a comment right after a flow collection', text: 'a: [x]#c\n', truth: 'error', was: 'read' },
  { name: 'a comment right after an opening bracket', text: 'a: [#b\n  x]\n', truth: 'error', was: 'read' },
  { name: 'a comment right after a comma', text: 'a: {x: 1,#b\n  y: 2}\n', truth: 'error', was: 'read' },
  // Block structure.
  { name: 'an empty nested entry before an outer item', text: 'a:\n  - -\n  - x\n', truth: { value: { a: [[null], 'x'] } }, was: '[[null, "x"]]' },
  {
    name: 'an empty entry of a compact sequence before an outer item',
    text: 'a:\n  - - x\n    -\n  - y\n',
    truth: { value: { a: [['x', null], 'y'] } },
    was: '[["x", null, "y"]]',
  },
  { name: 'an indented block scalar of only a line of spaces', text: 'a: |2\n   \nb: 1\n', truth: { value: { a: '', b: 1 } }, was: '" \\n"' },
  { name: 'a block scalar beginning with a line of spaces, then a `#`', text: 'g:\n  - id: >-\n       \n      #b\n', truth: 'error', was: '""' },
  { name: 'a kept block scalar ending in a line of spaces with no line break', text: 'id: |+\n  x\n ', truth: { value: { id: 'x\n' } }, was: '"x\\n\\n"' },
];

/**
 * Where YAML 1.1 and 1.2 differ. js-yaml's default schema would read these the 1.1 way; the fast
 * path must read them as the full parser does, as YAML 1.2 (none was a disagreement: guards).
 */
export const YAML_1_2: readonly Disagreement[] = [
  { name: '1.1 booleans are text', text: 'kev: yes\nb: on\nc: No\nd: y\n', truth: { value: { kev: 'yes', b: 'on', c: 'No', d: 'y' } }, was: 'text' },
  { name: 'a leading zero is decimal, 0o is octal', text: 'n: 017\nm: 0o17\n', truth: { value: { n: 17, m: 15 } }, was: '17 and 15' },
  {
    name: 'dates and times are text',
    text: 'd: 2026-11-10\nt: 2026-11-10T10:00:00Z\n',
    truth: { value: { d: '2026-11-10', t: '2026-11-10T10:00:00Z' } },
    was: 'text',
  },
  { name: '`<<` is a plain key, not a merge', text: 'a:\n  <<: {b: 1}\n  c: 2\n', truth: { value: { a: { '<<': { b: 1 }, c: 2 } } }, was: 'a plain key' },
  { name: 'underscores and sexagesimals are text', text: 'n: 1_000\nm: 1:20\n', truth: { value: { n: '1_000', m: '1:20' } }, was: 'text' },
  { name: 'infinities and not-a-number', text: 'a: .inf\nb: -.Inf\nc: .NaN\n', truth: { value: { a: Infinity, b: -Infinity, c: NaN } }, was: 'the same' },
];

/**
 * Documents near the cases above that the fast path must still read itself, so that files like
 * the samples keep its speed: what the checks look for, where it means nothing.
 */
export const STILL_FAST: readonly { name: string; text: string }[] = [
  { name: 'a quoted channel name starting with #', text: 'rollback:\n  communication: "#it-announce"\n  steps: [\'#1 first\']\n' },
  { name: 'ampersands, asterisks, percent signs and question marks inside text', text: 'title: R&D at 5% of a*b, wow! Why? https://x.example/a?b=c\n' },
  { name: 'a flow mapping continued past its dash', text: 'waves:\n  - { name: Pilot, targets: 2,\n      gate: { min_success: 100, soak: 24h } }\n' },
  { name: 'a quoted string continued past its key', text: 'a:\n  b: "x\n    y"\n  c: \'p\n\n    q\'\n' },
  { name: 'an empty entry followed by its sibling', text: 'a:\n  -\n  - x\n  - - y\n    -\n    - z\n' },
  { name: 'comments after a space', text: 'a: [x] # c\nb: "y" # c\nc: { d: 1 } # c\n' },
  { name: 'numbers the YAML 1.2 core schema knows', text: 'a: [0o17, 0x1F, 1e3, .5, -1.50, +12, 1_000, 0b1]\n' },
  // The line parser reads these itself; only js-yaml, after it, needs the key walk that declines them.
  { name: 'a sequence at its key’s column', text: 'id: P\nwaves:\n- name: x\n  targets: 2\n- name: y\nowner: z\n' },
  { name: 'an empty entry at its key’s column, then its sibling', text: 'a:\n-\n- b\n' },
];
