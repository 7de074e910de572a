// The compact structures the parser keeps per file (line starts, the line walk over the text, the
// shared short strings) must answer exactly as the plain ones they replace.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { BlockLocator } from '../../../src/core/parse/blockLocator';
import { compactValue } from '../../../src/core/parse/compactValue';
import { parseSource } from '../../../src/core/parse/fastSource';
import { LineIndex, lfLineStarts } from '../../../src/core/parse/lineIndex';
import { parseYamlSource } from '../../../src/core/parse/yamlSource';
import { fuzzParameters } from '../hostile/fuzzSeed';
import type { YamlPath } from '../../../src/core/model/source';
import { allPaths } from './oneTruth';

/** The line index as it was first written (an array of starts, grown line by line): the reference. */
function referencePosition(text: string, offset: number): { line: number; character: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) starts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) starts.push(i + 1);
  }
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  const next = lo + 1 < starts.length ? starts[lo + 1] : text.length;
  let end = next;
  if (end > starts[lo] && text.charCodeAt(end - 1) === 10) end--;
  if (end > starts[lo] && text.charCodeAt(end - 1) === 13) end--;
  return { line: lo, character: Math.max(0, Math.min(offset, end) - starts[lo]) };
}

const TRICKY_TEXTS = [
  '',
  'a',
  '\n',
  '\r',
  '\r\n',
  '\n\n\n',
  'a: 1\nb: 2\n',
  'a: 1\nb: 2', // no final line break
  'a: 1\r\nb: 2\r\n',
  'a: 1\r\nb: 2', // CRLF, no final line break
  'a\r\nbb\ncc\rd', // all three line breaks
  'a\r\r\nb\r', // a lone \r before a CRLF, and at the very end
  '\n\na: 1\n\n\n  \nb:\n',
  'title: Ünïcødé ✓ 🎉 (surrogate pair)\nnext: 😀😀\r\nend: é',
  '   \n\t\n# comment\r\n',
];

describe('parse: compact line index', () => {
  it('gives the same positions as the reference on CRLF, lone CR, no final newline, empty lines and multi-byte text', () => {
    for (const text of TRICKY_TEXTS) {
      const index = new LineIndex(text);
      for (let offset = -1; offset <= text.length + 2; offset++) {
        assert.deepEqual(index.position(offset), referencePosition(text, offset), `${JSON.stringify(text)} @ ${offset}`);
      }
      assert.deepEqual(index.range(3, 1), { start: referencePosition(text, 3), end: referencePosition(text, 3) });
    }
  });

  it('finds every line start of a text longer than its first buffer, and of a short one after it', () => {
    const long = Array.from({ length: 9000 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const starts = (text: string) => text.split('\n').map((_, i, all) => all.slice(0, i).reduce((sum, line) => sum + line.length + 1, 0));
    assert.deepEqual(Array.from(lfLineStarts(long)), starts(long));
    assert.deepEqual(Array.from(lfLineStarts('a\nb')), [0, 2]);
  });

  it('shares its starts only when every line break is a \\n', () => {
    for (const text of TRICKY_TEXTS) {
      const split = text.split('\n');
      const expected: number[] = [];
      for (let i = 0, offset = 0; i < split.length; offset += split[i].length + 1, i++) expected.push(offset);
      assert.deepEqual([...lfLineStarts(text)], expected, JSON.stringify(text));
      const lf = new LineIndex(text).lfStarts();
      if (/\r(?!\n)/.test(text)) assert.equal(lf, undefined, JSON.stringify(text));
      else assert.deepEqual([...lf!], expected, JSON.stringify(text));
    }
  });
});

describe('parse: line walk over the text', () => {
  const plan = [
    'id: P-1',
    'waves:',
    '  - name: Pilot',
    '    groups: [web]',
    '',
    '    # a comment inside the item',
    '    patched: 3',
    '    gate: { min_success: 95, soak: 24h }',
    '  -   name: Two',
    '      patched: 12',
    'rollback:',
    '  steps:',
    '  - first',
    '  - second',
    '',
  ].join('\n');

  it('finds the keys of a "- " item below its first line, and sequences at their key\'s column', () => {
    for (const text of [plan, plan.replace(/\n/g, '\r\n')]) {
      const locator = new BlockLocator(text);
      const full = parseYamlSource('p.plan.yaml', text);
      const fast = parseSource('p.plan.yaml', text);
      const lines = new LineIndex(text);
      const cases: [YamlPath, string][] = [
        [['waves', 0, 'patched'], '3'],
        [['waves', 1, 'name'], 'Two'],
        [['waves', 1, 'patched'], '12'],
        [['rollback', 'steps', 1], 'second'],
      ];
      for (const [path, scalar] of cases) {
        const span = locator.find(path);
        assert.ok(span, `${JSON.stringify(path)} found`);
        assert.equal(span.scalar, scalar);
        assert.deepEqual(lines.range(span.start, span.end), full.rangeOf(path), JSON.stringify(path));
        assert.deepEqual(fast.rangeOf(path), full.rangeOf(path), JSON.stringify(path));
        assert.deepEqual(fast.rangeOf(path, 'key'), full.rangeOf(path, 'key'), JSON.stringify(path));
      }
    }
  });

  it('declines what it cannot be sure of: a key at the wrong column, a sequence right in an item', () => {
    const locator = new BlockLocator('waves:\n  - name: x\n   patched: 1\nlists:\n  - - a\n    - b\n');
    assert.equal(locator.find(['waves', 0, 'patched']), undefined);
    assert.equal(locator.find(['lists', 0, 1]), undefined);
  });
});

describe('parse: the line walk on reformatted sample files', function () {
  this.timeout(60_000);
  const ROOT = path.resolve(__dirname, '../../../..');
  const samples = ['plans', 'exceptions', 'assets', 'policies']
    .flatMap((dir) => fs.readdirSync(path.join(ROOT, 'samples', dir)).map((f) => path.join(ROOT, 'samples', dir, f)))
    .filter((f) => /\.ya?ml$/.test(f))
    .map((f) => fs.readFileSync(f, 'utf8'));
  const { seed, runs } = fuzzParameters('reformatted samples', 150);

  it(`agrees with the full parser after blank and comment lines, other item indentation and CRLF (seed ${seed}, ${runs} runs)`, () => {
    // Changes that keep a file valid and its data the same, but move its lines around.
    const change = fc.oneof(
      fc.record({ kind: fc.constant('blank' as const), line: fc.nat(), text: fc.constantFrom('', '   ', '# note', '    # note, indented') }),
      fc.record({ kind: fc.constant('items' as const), style: fc.constantFrom('-   ', '-  ') }),
      fc.record({ kind: fc.constant('crlf' as const) }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...samples.keys()), fc.array(change, { maxLength: 4 }), (i, changes) => {
        let text = samples[i];
        for (const c of changes) {
          if (c.kind === 'blank') {
            const lines = text.split('\n');
            const at = c.line % lines.length;
            // Not inside a block scalar, where the line would be content.
            if (!lines.slice(0, at).some((l) => /[|>][-+]?\s*$/.test(l))) lines.splice(at, 0, c.text);
            text = lines.join('\n');
          } else if (c.kind === 'items') {
            // "- key: v" items with their keys moved to match: same data, other columns.
            const extra = c.style.length - 2;
            const lines = text.split('\n');
            let itemIndent = -1;
            text = lines
              .map((l) => {
                const m = /^( *)- (?=[A-Za-z_][\w.-]*:( |$))/.exec(l);
                if (m) {
                  itemIndent = m[1].length;
                  return m[1] + c.style + l.slice(m[0].length);
                }
                const indent = l.length - l.trimStart().length;
                if (itemIndent >= 0 && l.trim() !== '' && indent > itemIndent) return ' '.repeat(extra) + l;
                if (l.trim() !== '' && indent <= itemIndent) itemIndent = -1;
                return l;
              })
              .join('\n');
          } else if (!text.includes('\r')) text = text.replace(/\n/g, '\r\n');
        }
        const fast = parseSource('x.plan.yaml', text);
        const full = parseYamlSource('x.plan.yaml', text);
        assert.deepEqual(fast.value, full.value);
        assert.deepEqual(fast.problems, full.problems);
        for (const p of [...allPaths(full.value), ['waves', 9, 'name']]) {
          for (const part of ['key', 'value'] as const)
            assert.deepEqual(fast.rangeOf(p, part), full.rangeOf(p, part), `${part} of ${JSON.stringify(p)}\n${text}`);
        }
      }),
      { seed, numRuns: runs },
    );
  });
});

describe('parse: the fast path keeps one copy of the text', () => {
  it('has the very text it was given, and the same data and ranges as the full parser, with LF and CRLF', () => {
    const text = 'id: P-1\ntesting:\n  status: passed\nwaves:\n  - name: A\n    patched: 1\n';
    for (const t of [text, text.replace(/\n/g, '\r\n'), text.slice(0, -1), 'é'.repeat(20) + ': x\n', '\uFEFF' + text, text + '\n\n']) {
      const fast = parseSource('p.plan.yaml', t);
      const full = parseYamlSource('p.plan.yaml', t);
      assert.equal(fast.text, t);
      assert.deepEqual(fast.value, full.value);
      for (const path of [
        ['testing', 'status'],
        ['waves', 0, 'patched'],
        ['waves', 0, 'name'],
      ]) {
        assert.deepEqual(fast.rangeOf(path), full.rangeOf(path), `${JSON.stringify(t)} ${JSON.stringify(path)}`);
      }
    }
  });

  it('leaves a file with a lone \\r to the full parser', () => {
    const text = 'id: P-1\ntesting:\n  status: passed\r\r\n';
    const fast = parseSource('p.plan.yaml', text);
    const full = parseYamlSource('p.plan.yaml', text);
    assert.deepEqual(fast.value, full.value);
    assert.deepEqual(fast.problems, full.problems);
  });
});

describe('parse: compacting the data', () => {
  it('keeps the data as it was', () => {
    const make = () => ({
      id: 'P-1',
      list: [1, 'a', null, true, ['x', 'a long string of many characters', { deep: ['2026-11-10'] }], {}],
      map: { status: 'planned', n: 1.5, empty: [], when: '2026-11-10' },
    });
    const value = make();
    compactValue(value);
    assert.deepEqual(value, make());
  });

  it('keeps the data of many files as it was, with long values that repeat and long values that do not', () => {
    const vector = (i: number) => `CVSS:3.1/AV:N/AC:L/PR:N/UI:${'NR'[i % 2]}/S:U/C:H/I:H/A:H`;
    const make = (f: number) => ({
      id: `PLAN-${f}`,
      vulnerabilities: Array.from({ length: 30 }, (_, i) => ({
        id: `CVE-2026-${f * 100 + i}`,
        cvss: vector(i),
        discovered: `2026-11-${10 + (i % 9)}T09:00`,
        title: `a title that is only here ${f}.${i}`,
      })),
    });
    for (let f = 0; f < 300; f++) {
      const value = make(f);
      compactValue(value);
      assert.deepEqual(value, make(f));
    }
  });

  it('keeps a `__proto__` key as plain data, and adds nothing inherited', () => {
    const value = JSON.parse('{"__proto__": ["x"], "a": ["y"]}') as Record<string, unknown>;
    (Object.prototype as Record<string, unknown>).polluted = 'no';
    try {
      compactValue(value);
    } finally {
      delete (Object.prototype as Record<string, unknown>).polluted;
    }
    assert.deepEqual(Object.keys(value), ['__proto__', 'a']);
    assert.deepEqual(Object.getOwnPropertyDescriptor(value, '__proto__')?.value, ['x']);
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
  });

  it('handles deep nesting without running out of stack', () => {
    const root: Record<string, unknown> = {};
    let node: unknown[] = [];
    root.deep = node;
    for (let i = 0; i < 200_000; i++) {
      const next: unknown[] = [];
      node.push(next, 'v');
      node = next;
    }
    compactValue(root);
    let depth = 0;
    for (let n = root.deep as unknown[]; n.length > 0 && Array.isArray(n[0]); n = n[0] as unknown[]) depth++;
    assert.equal(depth, 200_000);
  });
});
