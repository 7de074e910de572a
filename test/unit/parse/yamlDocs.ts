// YAML documents for the differential test (differential.test.ts): generated from random trees
// in every style YAML has, PatchOps files mutated with the constructs where YAML parsers tend to
// part ways, and valid PatchOps files with one such construct. Many generated documents are
// valid, so the fast path gets to answer; the mutations make many subtly invalid, so both parsers
// have to refuse them alike; the single constructs probe the edges of what YAML allows.
import fc from 'fast-check';
import { type LineMutation, mutateLines } from '../../support/lineMutations';

// ---- scalars --------------------------------------------------------------------------------

/** Ordinary PatchOps values: ids, dates, names, vectors, durations. */
const WORDS = [
  'PLAN-2026-039',
  'CVE-2026-45391',
  'it-ops',
  'infosec',
  'planned',
  'in_progress',
  'complete',
  'high',
  'critical',
  'payroll-servers',
  '2026-11-18',
  '2026-11-19T10:00',
  '2026-11-20T16:00:00Z',
  '24h',
  '7d',
  '72h',
  'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H',
  'carol@contoso.example',
  'https://wiki.contoso.example/a?b=c#d',
  'Status page and the payroll team channel',
  'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2',
  'Pilot (passive nodes)',
  'Payroll batch A',
  'Fail over to the nodes not yet patched',
  '18:00',
  'America/Chicago',
  'x',
];

/** Values the YAML 1.1 / 1.2 schemas, js-yaml and the yaml package resolve differently, or nearly. */
const TRICKY = [
  '',
  '~',
  'null',
  'Null',
  'NULL',
  'nULL',
  'true',
  'True',
  'TRUE',
  'tRUE',
  'false',
  'yes',
  'no',
  'on',
  'off',
  'y',
  'n',
  '0',
  '-0',
  '+0',
  '00',
  '007',
  '08',
  '0o17',
  '0O17',
  '0o8',
  '017',
  '0x1F',
  '0X1F',
  '-0x1F',
  '+0x1F',
  '0x',
  '0b101',
  '-0b1',
  '1_000',
  '1,000',
  '+12',
  '-12',
  '12e3',
  '12E+3',
  '1e-3',
  '-.5e-3',
  '+.5',
  '.5',
  '-.5',
  '5.',
  '1.0',
  '-1.50',
  '1.2.3',
  '1_0.5',
  '.',
  '..',
  '+',
  '-',
  '1e',
  'e1',
  '.inf',
  '-.inf',
  '+.inf',
  '.Inf',
  '.INF',
  '.iNf',
  '.nan',
  '.NaN',
  '.NAN',
  'NaN',
  'Infinity',
  '12345678901234567890',
  '0.1e400',
  '1:20',
  '1:20:30',
  '190:20:30',
  '2026-11-18 10:00',
  '2026-11-18t10:00:00z',
  '<<',
  '=',
  '!',
  '&',
  '*',
  '%',
  '@x',
  '`x',
  '|',
  '>',
  '?',
  ':',
  '-x',
  '?x',
  ':x',
  'a:b',
  'a: b',
  'a :b',
  'a #b',
  'a#b',
  '#b',
  'a,b',
  '[a]',
  '{a}',
  'a]',
  'a}',
  "it's",
  'say "hi"',
  '\\',
  '\\n',
  'é✓',
  '😀',
  '\u00a0x',
  'x\u2028y',
  'x\u0085y',
  '\ufeffx',
  'x\u200by',
  ' lead',
  'trail ',
  'two  spaces',
  'multi\nline',
  'multi\n\nparagraph',
  'tab\there',
  'cr\rhere',
  '\\U0011FFFF',
  '\\U0001F600',
  '\\x41',
  '\\u00e9',
  '\\N',
  '\\_',
  '\\ ',
  '\\/',
  '\\z',
  'C:\\Users',
  'a\\',
  'a \\ b',
  'R&D',
  '5%',
  '5 %',
  'a*b',
  'a *b',
  'wow!',
  'a !b',
  'a &b',
  'a %b',
  'k'.repeat(1030),
  'long '.repeat(220),
];

type ScalarStyle = 'plain' | 'single' | 'double' | 'literal' | 'folded';

interface ScalarNode {
  t: 's';
  text: string;
  style: ScalarStyle;
  /** Block scalars: chomping indicator and indentation indicator (0: none). */
  chomp: '' | '-' | '+';
  indicator: number;
  /** Break a flow scalar over lines after this many words (0: one line). */
  wrap: number;
  /** Continuation lines: their indentation relative to the parent's (may be too little). */
  cont: number;
  /** Between continuation lines: nothing, an empty line, an escaped line break (double-quoted), or both. */
  gap: 'none' | 'blank' | 'escaped' | 'escaped-blank';
  comment: boolean;
  /** Double-quoted: JSON's escapes, YAML-only escapes (\x41, \N, \_ …), an invalid one, or the text as it is (its backslashes escapes). */
  escape: 'json' | 'yaml' | 'bad' | 'raw';
}

interface MapNode {
  t: 'm';
  entries: { key: KeyNode; value: Node }[];
  flow: boolean;
  /** Indentation step of a nested block mapping, or the continuation indent of a multi-line flow one. */
  step: number;
  /** A flow mapping written over several lines. */
  multi: boolean;
  /** After the opening bracket of a multi-line flow collection. */
  note: '' | ' # c' | '#c';
}

interface SeqNode {
  t: 'q';
  items: Node[];
  flow: boolean;
  step: number;
  multi: boolean;
  note: '' | ' # c' | '#c';
  /** A block sequence under a key written at the key's column (`key:\n- a`). */
  atKeyColumn: boolean;
}

type Node = ScalarNode | MapNode | SeqNode;

type KeyStyle = 'plain' | 'single' | 'double' | 'complex' | 'flow' | 'spaced';

interface KeyNode {
  text: string;
  style: KeyStyle;
}

const KEYS = ['id', 'title', 'owner', 'name', 'status', 'groups', 'waves', 'gate', 'steps', 'notes', 'a', 'b', 'c', 'x.y', 'a-b', '_k', 'K9'];
const TOP_KEYS = ['id', 'title', 'owner', 'validator', 'vulnerabilities', 'affects', 'testing', 'waves', 'rollback', 'tiers', 'groups', 'reason', 'approval'];

const scalarText = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 4, arbitrary: fc.constantFrom(...TRICKY) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
    { weight: 1, arbitrary: fc.array(fc.constantFrom(...WORDS, ...TRICKY), { minLength: 2, maxLength: 5 }).map((w) => w.join(' ')) },
  );

const scalarNode = (): fc.Arbitrary<ScalarNode> =>
  fc.record({
    t: fc.constant('s' as const),
    text: scalarText(),
    style: fc.oneof(
      { weight: 6, arbitrary: fc.constant('plain' as const) },
      { weight: 2, arbitrary: fc.constant('single' as const) },
      { weight: 3, arbitrary: fc.constant('double' as const) },
      { weight: 1, arbitrary: fc.constant('literal' as const) },
      { weight: 1, arbitrary: fc.constant('folded' as const) },
    ),
    chomp: fc.constantFrom('' as const, '-' as const, '+' as const),
    indicator: fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 3 }) }),
    wrap: fc.oneof({ weight: 5, arbitrary: fc.constant(0) }, { weight: 2, arbitrary: fc.integer({ min: 1, max: 3 }) }),
    cont: fc.oneof({ weight: 5, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 2, arbitrary: fc.integer({ min: -2, max: 0 }) }),
    gap: fc.oneof({ weight: 4, arbitrary: fc.constant('none' as const) }, fc.constantFrom('blank' as const, 'escaped' as const, 'escaped-blank' as const)),
    comment: fc.boolean(),
    escape: fc.constantFrom('json' as const, 'json' as const, 'yaml' as const, 'bad' as const, 'raw' as const),
  });

const keyNode = (): fc.Arbitrary<KeyNode> =>
  fc.record({
    text: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...KEYS) }, { weight: 2, arbitrary: fc.constantFrom(...TRICKY) }),
    style: fc.oneof(
      { weight: 12, arbitrary: fc.constant('plain' as const) },
      { weight: 1, arbitrary: fc.constant('single' as const) },
      { weight: 1, arbitrary: fc.constant('double' as const) },
      { weight: 1, arbitrary: fc.constant('complex' as const) },
      { weight: 1, arbitrary: fc.constant('flow' as const) },
      { weight: 1, arbitrary: fc.constant('spaced' as const) },
    ),
  });

const { node: treeNode } = fc.letrec<{ node: Node; map: MapNode; seq: SeqNode }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalarNode(), scalarNode(), tie('map'), tie('seq')),
  map: fc.record({
    t: fc.constant('m' as const),
    entries: fc.array(fc.record({ key: keyNode(), value: tie('node') }), { minLength: 0, maxLength: 4 }),
    flow: fc.boolean(),
    step: fc.oneof({ weight: 5, arbitrary: fc.constant(2) }, { weight: 2, arbitrary: fc.integer({ min: -1, max: 4 }) }),
    multi: fc.boolean(),
    note: fc.constantFrom('' as const, '' as const, ' # c' as const, '#c' as const),
  }),
  seq: fc.record({
    t: fc.constant('q' as const),
    items: fc.array(tie('node'), { minLength: 0, maxLength: 4 }),
    flow: fc.boolean(),
    step: fc.oneof({ weight: 5, arbitrary: fc.constant(2) }, { weight: 2, arbitrary: fc.integer({ min: -1, max: 4 }) }),
    multi: fc.boolean(),
    note: fc.constantFrom('' as const, '' as const, ' # c' as const, '#c' as const),
    atKeyColumn: fc.boolean(),
  }),
}));

// ---- rendering ------------------------------------------------------------------------------

const pad = (n: number): string => ' '.repeat(Math.max(0, n));

function yamlEscapes(text: string): string {
  // YAML's own escapes where JSON would write \u: \x, \N (next line), \_ (no-break space), \e, \0 …
  return JSON.stringify(text)
    .slice(1, -1)
    .replace(/\\u00([0-9a-f]{2})/g, (_m, hex: string) => `\\x${hex}`)
    .replace(/\u0085/g, '\\N')
    .replace(/\u00a0/g, '\\_')
    .replace(/\u2028/g, '\\L');
}

/** A scalar's lines: the first goes after `key: ` or `- `; the others are at `indent + cont`. */
function scalarLines(s: ScalarNode, indent: number, inFlow: boolean): string[] {
  const comment = s.comment && !inFlow ? ' # note' : '';
  const wrapWords = (words: string): string[] => {
    if (s.wrap === 0) return [words];
    const parts = words.split(' ');
    const lines: string[] = [];
    for (let i = 0; i < parts.length; i += s.wrap) lines.push(parts.slice(i, i + s.wrap).join(' '));
    return lines.length ? lines : [''];
  };
  const continued = (lines: string[]): string[] =>
    lines.flatMap((l, i) => {
      if (i === lines.length - 1 && i > 0) return [pad(indent + s.cont) + l];
      const escaped = s.style === 'double' && (s.gap === 'escaped' || s.gap === 'escaped-blank') && i < lines.length - 1 ? '\\' : '';
      const blank = (s.gap === 'blank' || s.gap === 'escaped-blank') && i < lines.length - 1 ? [''] : [];
      return [(i === 0 ? '' : pad(indent + s.cont)) + l + escaped, ...blank];
    });
  switch (s.style) {
    case 'plain': {
      const lines = continued(wrapWords(s.text));
      lines[lines.length - 1] += comment;
      return lines;
    }
    case 'single': {
      const lines = continued(wrapWords(`'${s.text.replace(/'/g, "''")}'`));
      lines[lines.length - 1] += comment;
      return lines;
    }
    case 'double': {
      const escaped = s.escape === 'json' ? JSON.stringify(s.text).slice(1, -1) : s.escape === 'yaml' ? yamlEscapes(s.text) : `${yamlEscapes(s.text)}\\q`;
      const body = s.escape === 'raw' ? s.text : escaped;
      const lines = continued(wrapWords(`"${body}"`));
      lines[lines.length - 1] += comment;
      return lines;
    }
    case 'literal':
    case 'folded': {
      const header = (s.style === 'literal' ? '|' : '>') + (s.indicator ? String(s.indicator) : '') + s.chomp + comment;
      // Content at the indentation the indicator says (relative to the parent), or at `cont`.
      const at = indent + (s.indicator || s.cont);
      return [header, ...s.text.split('\n').map((l) => (l === '' ? '' : pad(at) + l))];
    }
  }
}

function keyText(k: KeyNode): string {
  switch (k.style) {
    case 'plain':
      return k.text;
    case 'single':
      return `'${k.text.replace(/'/g, "''")}'`;
    case 'double':
      return JSON.stringify(k.text);
    case 'flow':
      return `[${k.text}, ${k.text}]`;
    case 'spaced':
      return `${k.text} `;
    case 'complex':
      return k.text; // written with `? ` by the caller
  }
}

/** A flow collection, on one line or over several (continuation lines at `indent + step`). */
function flowText(n: Node, indent: number): string {
  if (n.t === 's') return scalarLines({ ...n, style: n.style === 'literal' || n.style === 'folded' ? 'double' : n.style }, indent, true).join('\n');
  const items =
    n.t === 'm'
      ? n.entries.map((e) => `${e.key.style === 'complex' ? '? ' : ''}${keyText(e.key)}: ${flowText(e.value, indent)}`)
      : n.items.map((i) => flowText(i, indent));
  const [open, close] = n.t === 'm' ? ['{', '}'] : ['[', ']'];
  if (!n.multi || items.length === 0) return `${open}${items.join(', ')}${close}`;
  const inner = pad(indent + n.step);
  return `${open}${n.note}\n${items.map((i) => inner + i).join(',\n')}\n${pad(indent + n.step - 2)}${close}`;
}

/** Lines of a block node whose first line starts at column `indent` (for a collection) or goes inline (a scalar). */
function blockLines(n: Node, indent: number): string[] {
  if (n.t === 's') return scalarLines(n, indent, false);
  if (n.flow) return flowText(n, indent).split('\n');
  if (n.t === 'm') {
    if (n.entries.length === 0) return ['{}'];
    const lines: string[] = [];
    for (const { key, value } of n.entries) {
      if (key.style === 'complex') {
        lines.push(`${pad(indent)}? ${key.text}`);
        lines.push(...valueLines(`${pad(indent)}:`, value, indent, n.step));
      } else {
        lines.push(...valueLines(`${pad(indent)}${keyText(key)}:`, value, indent, n.step));
      }
    }
    return lines;
  }
  if (n.items.length === 0) return ['[]'];
  const lines: string[] = [];
  for (const item of n.items) {
    if (item.t !== 's' && !item.flow && (item.t === 'm' ? item.entries.length : item.items.length) > 0) {
      // A compact collection: its first line follows "- ", the rest line up under it.
      const inner = blockLines(item, indent + 2);
      lines.push(`${pad(indent)}- ${inner[0].slice(indent + 2)}`, ...inner.slice(1));
    } else {
      const [first, ...rest] = blockLines(item, indent + 2);
      lines.push(`${pad(indent)}- ${first}`, ...rest);
    }
  }
  return lines;
}

/** `prefix` (a key and its colon) followed by a value: inline, or as a nested block below. */
function valueLines(prefix: string, value: Node, indent: number, step: number): string[] {
  const nestedBlock = value.t !== 's' && !value.flow && (value.t === 'm' ? value.entries.length : value.items.length) > 0;
  if (!nestedBlock) {
    const [first, ...rest] = blockLines(value, indent);
    return [first === '' ? prefix : `${prefix} ${first}`, ...rest];
  }
  const column = value.t === 'q' && value.atKeyColumn ? indent : indent + step;
  return [prefix, ...blockLines(value, column)];
}

/** A whole document: a block mapping of PatchOps-like top-level keys. */
const generatedDocument = (): fc.Arbitrary<string> =>
  fc
    .array(fc.record({ key: fc.constantFrom(...TOP_KEYS), value: treeNode }), { minLength: 1, maxLength: 6 })
    .map((entries) => [...entries.flatMap(({ key, value }) => valueLines(`${key}:`, value, 0, 2)), ''].join('\n'));

// ---- mutations --------------------------------------------------------------------------------

/** Lines to insert, each at the indentation of the line it goes before (or more, or less). */
const SNIPPETS = [
  '? x',
  '? [a, b]',
  ': y',
  '- x',
  '-',
  '- - x',
  'key: value',
  'k:',
  '# a comment',
  '#no space',
  '---',
  '...',
  '--- # doc',
  '%YAML 1.2',
  '%TAG ! tag:x,2000:',
  '&a x: 1',
  'k: &a x',
  'k: *a',
  '*a : b',
  'k: !!str 1',
  'k: !local x',
  '<<: {a: 1}',
  '"q": 1',
  "'a b': 2",
  '"multi\n line": 1',
  '[a, b]: c',
  '{a: 1}: c',
  '~: x',
  'null: x',
  ': x',
  '? : x',
  'k: |',
  'k: >-',
  'k: |2+',
  'k: |-\n   text',
  'k: >\n\n  folded\n   more\n\n  end',
  '  text',
  'k: "multi',
  '  line"',
  "k: 'multi",
  "line'",
  'k: [a,',
  'b]',
  'k: {a: 1,',
  '  b: 2}',
  'k: [a, [b,',
  '  c]]',
  'k: {a: [1,',
  ' 2]}',
  'k: "a"#c',
  "k: 'a'#c",
  'k: [a]#c',
  'k: {a: 1}#c',
  'k: a#c',
  'k: a # c',
  'k: "a\\q"',
  'k: "\\x41\\u00e9\\N\\_"',
  'k: "a\\\n  b"',
  '\tk: 1',
  'k:\t1',
  'k: 1\t',
  'k: 1   ',
  '   ',
  'k: é✓😀',
  'k: \u00a0',
  'k:\u00a01',
  'k: a\u2028b',
  '\ufeffk: 1',
  'k: 1_000',
  'k: 0b11',
  'k: -0x1F',
  'k: -.5e-3',
  'k: -0',
  'k: .NaN',
  'k: yes',
  'k: 2026-11-18',
  'k: - x',
  'k: ? x',
  'k: : x',
  'k: a: b',
  'k: [a: b]',
  'k: {a, b}',
  'k: [? a : b]',
  'k: [a, , b]',
  'k: {a: 1, a: 2}',
  'k: [a]x',
  'k: "a"x',
  'k: `x',
  'k: @x',
  'k: %x',
  'k: !x',
  'k: |0',
  'k: |10',
  '-a: 1',
  'a b: c',
  'a#b: c',
  '.a: 1',
  'k: ,b',
  'k: ]',
  'k: |x',
  '-   a: 1\n    b: 2',
  '- a: 1\n   b: 2',
  'k: [a, - b]',
  'k: {a: - b}',
  'k: [http://x, a:1]',
  'k: "\\U0011FFFF"',
  'k: "\\U0001F600"',
  'k: {"a\n  b": 1}',
  'k: [a\n  b: 1]',
  '- -',
  '- - # c',
  '-   -',
  '  -',
];

/** Characters and fragments spliced into a line at a random place. */
const FRAGMENTS = [
  ':',
  ': ',
  '-',
  '- ',
  '? ',
  '[',
  ']',
  '{',
  '}',
  ',',
  ', ',
  '#',
  ' #',
  "'",
  '"',
  '|',
  '>',
  '&a ',
  '*a',
  '!',
  '%',
  '@',
  '`',
  '\\',
  '\\x',
  ' ',
  '  ',
  '\t',
  '\r',
  '\r\n',
  '\n',
  '\n ',
  '\ufeff',
  '\u00a0',
  '\u2028',
  '\u0085',
  '\u200b',
  'é',
  '😀',
  '\u0007',
  '\u007f',
  '\ud800',
];

const mutation = (): fc.Arbitrary<LineMutation> =>
  fc.oneof(
    fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const, 'trail' as const), line: fc.nat() }),
    fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.integer({ min: -3, max: 3 }) }),
    fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
    fc.record({ op: fc.constant('insert' as const), line: fc.nat(), snippet: fc.constantFrom(...SNIPPETS), shift: fc.integer({ min: -2, max: 3 }) }),
    fc.record({ op: fc.constant('splice' as const), line: fc.nat(), at: fc.nat(), text: fc.oneof(fc.constantFrom(...FRAGMENTS), fc.string({ maxLength: 3 })) }),
    fc.record({
      op: fc.constant('value' as const),
      line: fc.nat(),
      value: fc.oneof(
        fc.constantFrom(...TRICKY),
        scalarNode().map((s) => scalarLines(s, 2, false).join('\n')),
        treeNode.filter((n) => n.t !== 's').map((n) => flowText({ ...n, flow: true }, 2)),
      ),
    }),
  );

/** Whole-text changes: line breaks, a byte order mark, the final line break. */
type Ending = 'lf' | 'crlf' | 'lone-cr' | 'bom' | 'no-final-newline' | 'cr-before-lf';

const ending = (): fc.Arbitrary<Ending> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constant('lf' as const) },
    { weight: 3, arbitrary: fc.constant('crlf' as const) },
    fc.constantFrom('lone-cr' as const, 'bom' as const, 'no-final-newline' as const, 'cr-before-lf' as const),
  );

function applyEnding(text: string, e: Ending, at: number): string {
  switch (e) {
    case 'lf':
      return text;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'lone-cr': {
      const breaks = [...text.matchAll(/\n/g)].map((m) => m.index);
      if (breaks.length === 0) return `${text}\r`;
      const i = breaks[at % breaks.length];
      return `${text.slice(0, i)}\r${text.slice(i + 1)}`;
    }
    case 'bom':
      return `\ufeff${text}`;
    case 'no-final-newline':
      return text.replace(/\n+$/, '');
    case 'cr-before-lf': {
      const breaks = [...text.matchAll(/\n/g)].map((m) => m.index);
      if (breaks.length === 0) return text;
      const i = breaks[at % breaks.length];
      return `${text.slice(0, i)}\r${text.slice(i)}`;
    }
  }
}

// ---- one risky construct in a valid file ------------------------------------------------------
// The parsers part ways at the edges of what YAML allows; mutations that break a file elsewhere
// hide that (both refuse it). So: a valid file with one `key: value` line replaced by a construct
// near such an edge, with its indentation just inside or just outside what YAML allows.

interface Risky {
  form: number;
  /** Where continuation lines go, relative to the key's column. */
  off: number;
  word: string;
  flag: boolean;
  extra: number;
}

const risky = (): fc.Arbitrary<Risky> =>
  fc.record({
    form: fc.nat(),
    off: fc.integer({ min: -1, max: 3 }),
    word: fc.constantFrom(...WORDS.slice(0, 12), ...TRICKY),
    flag: fc.boolean(),
    extra: fc.integer({ min: 0, max: 3 }),
  });

const riskyWord = (r: Risky): string => r.word.replace(/["'\\\n\r]/g, '');

/** The lines replacing `key: value` at column `col`: the key kept, or itself made risky. */
function riskyLines(key: string, col: number, r: Risky): string[] {
  const at = pad(col);
  const cont = pad(col + r.off);
  const w = riskyWord(r);
  const forms: (() => string[])[] = [
    () => [`${at}${key}: "${w} and`, `${cont}more${r.flag ? ' \\' : ''}`, ...(r.extra ? [''] : []), `${cont}text"`],
    () => [`${at}${key}: '${w} and`, ...(r.flag ? [''] : []), `${cont}more'`],
    () => [`${at}${key}: [${w || 'a'},${r.flag ? ' # c' : ''}`, `${cont}b, c]`],
    () => [`${at}${key}: {a: ${w || 'x'},`, `${cont}b: 2}`],
    () => [`${at}${key}: [`, `${cont}${w || 'a'},`, `${pad(col + r.off - r.extra)}]`],
    () => [
      `${at}${key}: |${r.extra || ''}${r.flag ? '+' : ''}`,
      `${pad(col + 2 + r.off)}${w}`,
      pad(col + 2 + r.off + r.extra),
      ...(r.flag ? [] : [`${pad(col + 2)}end`]),
    ],
    () => [`${at}${key}: >${r.extra || ''}-`, pad(col + r.extra + 1 + r.off), `${pad(col + 2)}${w}`],
    () => [`${at}${key}:`, `${pad(col + 2)}- -${r.flag ? ' # c' : ''}`, `${pad(col + 2 + r.off)}- ${w || 'x'}`],
    () => [`${at}${key}:`, `${pad(col + 2)}- - ${w || 'x'}`, `${pad(col + 4)}-`, `${pad(col + 2 + r.off)}- y`],
    () => [`${at}${r.flag ? '~' : 'null'}${' '.repeat(r.extra)}: ${w}`],
    () => [`${at}${key}: {${r.flag ? '' : '~'}: ${w}}`],
    () => [`${at}${r.flag ? `[${w || 'a'}, b]` : `{a: ${w || 'b'}}`}${' '.repeat(r.extra)}: c`],
    () => [`${at}${'k'.repeat(1020 + r.extra * 4)}: ${w}`],
    () => [`${at}${key}: ${['"x"', "'x'", '[x]', '{a: x}'][r.extra]}${r.flag ? '#' : ' #'}c`],
    () => [`${at}${key}: ${['[', '{', '[a,', '{a: 1,'][r.extra]}${r.flag ? '#' : ' #'}c`, `${pad(col + 2)}${r.extra === 1 || r.extra === 3 ? 'b: 2}' : 'b]'}`],
    () => [`${at}${key}: "\\U${['0011FFFF', '0010FFFF', '0001F600', '00110000'][r.extra]}"`],
    () => [`${at}? ${r.flag ? `[${w || 'a'}, b]` : w}`, `${at}: c`],
    () => [`${at}${key}: ${w}`, ...(r.flag ? [pad(r.extra)] : [])],
  ];
  return forms[r.form % forms.length]();
}

function withRisky(text: string, line: number, r: Risky): string {
  // One in twenty: a block scalar at the very end, its last line only spaces, with no line break.
  if (r.form % 20 === 19) return `${text.replace(/\n*$/, '\n')}end: |${r.flag ? '+' : ''}\n  ${riskyWord(r) || 'x'}\n${pad(1 + r.extra)}`;
  const lines = text.split('\n');
  const candidates = lines.map((l, i) => [i, /^( *)(?:- )?([A-Za-z_][\w.-]*): [^|>[{"'#]/.exec(l)] as const).filter(([, m]) => m);
  if (candidates.length === 0) return text;
  const [i, m] = candidates[line % candidates.length];
  const col = m![0].indexOf(m![2]);
  const replaced = riskyLines(m![2], col, r);
  replaced[0] = lines[i].slice(0, col) + replaced[0].slice(col);
  lines.splice(i, 1, ...replaced);
  return lines.join('\n');
}

/**
 * Generated documents and `seeds` (whole files), each mutated zero to four times, or a seed with
 * one risky construct (not mutated further: it should be valid but for that construct); then a
 * line-break style.
 */
export const yamlDocument = (seeds: readonly string[]): fc.Arbitrary<string> => {
  const mutations = fc.oneof({ weight: 2, arbitrary: fc.constant([]) }, { weight: 3, arbitrary: fc.array(mutation(), { minLength: 1, maxLength: 4 }) });
  return fc
    .record({
      base: fc.oneof(
        { weight: 3, arbitrary: fc.tuple(generatedDocument(), mutations).map(([text, m]) => mutateLines(text, m)) },
        { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...seeds), mutations).map(([text, m]) => mutateLines(text, m)) },
        { weight: 2, arbitrary: riskyDocument(seeds) },
      ),
      ending: ending(),
      at: fc.nat(),
    })
    .map(({ base, ending: e, at }) => applyEnding(base, e, at));
};

/** A seed with one `key: value` line replaced by a risky construct. */
const riskyDocument = (seeds: readonly string[]): fc.Arbitrary<string> =>
  fc.tuple(fc.constantFrom(...seeds), fc.nat(), risky()).map(([seed, line, r]) => withRisky(seed, line, r));
