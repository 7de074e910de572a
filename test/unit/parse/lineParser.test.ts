// The line parser (src/core/parse/lineParser.ts): the subset of YAML PatchOps files are written in,
// read a few times faster than js-yaml. What it reads must be what the full parser reads (the
// differential fuzz checks that on thousands of documents); here, that it reads the files
// PatchOps writes and generates, and declines each construct outside its subset.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseLines } from '../../../src/core/parse/lineParser';
import { parseYamlSource } from '../../../src/core/parse/yamlSource';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { tempDirs } from '../../support/tempDir';

const tempDir = tempDirs('line-parser');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('parse: the line parser', () => {
  it('reads every file of a generated workspace, as the full parser does', () => {
    const root = tempDir();
    generateWorkspace(root, 60);
    const all = files(root);
    assert.ok(all.length > 60);
    for (const file of all) {
      const text = fs.readFileSync(file, 'utf8');
      const value = parseLines(text);
      assert.ok(value !== undefined, `declined ${path.relative(root, file)}`);
      assert.deepEqual(value, parseYamlSource(file, text).value);
    }
  });

  it('reads the constructs of its subset', () => {
    const text = [
      '# a comment',
      'id: P-1   # trailing comment',
      'n: 42',
      'f: -1.5e3',
      'yes: true',
      'nothing: ~',
      'empty:',
      'date: 2026-11-23',
      'url: https://example.com/a#b',
      "single: 'it''s'",
      'double: "a # b"',
      'flow: [a, "b, c", 3, ~]',
      'map: { id: web, impact: high, endpoints: 10 }',
      'team: { role: executor, members: [a@example.com, "b"], more: { x: [] } }',
      'none: []',
      'compact:',
      '- one',
      '-   two: 2',
      '    three: 3',
      'nested:',
      '  deeper:',
      '    - - not this',
    ].join('\n');
    assert.equal(parseLines(text), undefined, 'a sequence right in an entry is declined');
    const value = parseLines(text.split('\n').slice(0, -3).join('\r\n') + '\r\n');
    assert.deepEqual(value, {
      id: 'P-1',
      n: 42,
      f: -1500,
      yes: true,
      nothing: null,
      empty: null,
      date: '2026-11-23',
      url: 'https://example.com/a#b',
      single: "it's",
      double: 'a # b',
      flow: ['a', 'b, c', 3, null],
      map: { id: 'web', impact: 'high', endpoints: 10 },
      team: { role: 'executor', members: ['a@example.com', 'b'], more: { x: [] } },
      none: [],
      compact: ['one', { two: 2, three: 3 }],
    });
  });

  it('reads the block scalars long texts use: folded or literal, clipped or stripped', () => {
    const body = '  One line\n  and the next.\n\n  A paragraph.\n\n\n  # not a comment\n\n';
    const text = `f: >\n${body}fs: >-\n${body}l: |\n${body}ls: |-\n${body}# a comment\nafter: 1\n`;
    assert.deepEqual(parseLines(text), {
      f: 'One line and the next.\nA paragraph.\n\n# not a comment\n',
      fs: 'One line and the next.\nA paragraph.\n\n# not a comment',
      l: 'One line\nand the next.\n\nA paragraph.\n\n\n# not a comment\n',
      ls: 'One line\nand the next.\n\nA paragraph.\n\n\n# not a comment',
      after: 1,
    });
    assert.deepEqual(parseLines(text), parseYamlSource('x.yaml', text).value);
  });

  it('reads every sample file', () => {
    const samples = files(path.resolve(__dirname, '../../../../samples')).filter((f) => f.endsWith('.yaml'));
    assert.ok(samples.length > 10);
    for (const file of samples) {
      const text = fs.readFileSync(file, 'utf8');
      assert.deepEqual(parseLines(text), parseYamlSource(file, text).value, file);
    }
  });

  const outside: [string, string][] = [
    ['a block scalar that keeps its last line breaks', 'a: |+\n  text\n\n'],
    ['a block scalar with an indentation indicator', 'a: |2\n   text\n'],
    ['a block scalar with a line indented more', 'a: >\n  text\n    more\n'],
    ['a block scalar with no text', 'a: >\nb: 1\n'],
    ['a block scalar in a sequence entry', 'a:\n  - >\n    text\n'],
    ['a plain scalar over two lines', 'a: one\n  two\n'],
    ['a quoted scalar over two lines', 'a: "one\n  two"\n'],
    ['an escape', 'a: "\\x41"\n'],
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a quoted key', '"a": 1\n'],
    ['a key with a space', 'a b: 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a key that reads as null', 'null: 1\n'],
    ['a key that reads as true', 'True: 1\n'],
    ['__proto__', '__proto__: 1\n'],
    ['a key of more than 1,000 characters', `${'k'.repeat(1001)}: 1\n`],
    ['a flow collection over two lines', 'a: [1,\n  2]\n'],
    ['a nested flow collection over two lines', 'a: { b: [1,\n  2] }\n'],
    ['a trailing comma', 'a: [1, ]\n'],
    ['a comment right after a bracket', 'a: [1]#c\n'],
    ['a mapping in a plain scalar', 'a: b: c\n'],
    ['a document marker', '---\na: 1\n'],
    ['an indented top level', '  a: 1\n'],
    ['a top-level sequence', '- a\n'],
    ['a key line at an odd column', 'a:\n    b: 1\n  c: 2\n'],
    ['a non-printable character', 'a: \u0007\n'],
    ['a lone carriage return', 'a: []\r'],
    ['a tab', 'a: 1\t\n'],
    ['an empty document', '# nothing\n'],
    ['flow collections nested 20,000 deep', `a: ${'['.repeat(20_000)}${']'.repeat(20_000)}\n`],
    ['block mappings nested 3,000 deep', Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n') + ' 1\n'],
  ];
  for (const [what, text] of outside) {
    it(`declines ${what}`, () => assert.equal(parseLines(text), undefined));
  }
});
