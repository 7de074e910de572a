import assert from 'node:assert/strict';
import { decodeText } from '../../../src/core/parse/decode';
import { LineIndex } from '../../../src/core/parse/lineIndex';
import { parseYamlSource } from '../../../src/core/parse/yamlSource';
import { at } from '../../support/workspace';

describe('parse: decoding bytes', () => {
  it('reads UTF-8 and strips its BOM', () => {
    const r = decodeText(Buffer.from('\ufeffid: x\n', 'utf8'));
    assert.deepEqual(r, { ok: true, text: 'id: x\n' });
  });

  it('reads UTF-16 LE and BE with a BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id: ü\n', 'utf16le')]);
    assert.deepEqual(decodeText(le), { ok: true, text: 'id: ü\n' });
    const be = Buffer.from(Buffer.from('id: ü\n', 'utf16le')).swap16();
    assert.deepEqual(decodeText(Buffer.concat([Buffer.from([0xfe, 0xff]), be])), { ok: true, text: 'id: ü\n' });
  });

  it('refuses binary content with the offset of the NUL byte', () => {
    const r = decodeText(Buffer.from([0x69, 0x64, 0x3a, 0x00, 0x01]));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /binary content \(a NUL byte at offset 3\)/);
  });

  it('refuses invalid UTF-8 with the offset of the bad byte', () => {
    const r = decodeText(Buffer.from([0x61, 0x3a, 0x20, 0xc3, 0x28]));
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.message : '', /invalid UTF-8 at byte 3/);
  });
});

describe('parse: positions', () => {
  it('counts lines after \\n, \\r\\n and a lone \\r', () => {
    const index = new LineIndex('a\r\nbb\ncc\rd');
    assert.deepEqual(index.position(3), { line: 1, character: 0 });
    assert.deepEqual(index.position(7), { line: 2, character: 1 });
    assert.deepEqual(index.position(9), { line: 3, character: 0 });
  });

  it('finds keys and values in a CRLF file', () => {
    const doc = parseYamlSource('a.plan.yaml', 'id: P-1\r\nwaves:\r\n  - name: Pilot\r\n    status: planned\r\n');
    assert.equal(at({ range: doc.rangeOf(['waves', 0, 'status']) } as never), '4:13');
    assert.equal(at({ range: doc.rangeOf(['waves', 0, 'status'], 'key') } as never), '4:5');
    assert.deepEqual(doc.rangeOf(['id']), { start: { line: 0, character: 4 }, end: { line: 0, character: 7 } });
  });

  it('points a missing path at the mapping that lacks it', () => {
    const doc = parseYamlSource('a.exception.yaml', 'id: E\napproval:\n  approved_by: x@y.z\n');
    assert.equal(at({ range: doc.rangeOf(['approval', 'approved_on'], 'key') } as never), '2:1');
    assert.equal(at({ range: doc.rangeOf(['nothing'], 'key') } as never), '1:1');
  });
});

describe('parse: hostile and broken YAML', () => {
  it('reports a syntax error at its position', () => {
    const doc = parseYamlSource('a.plan.yaml', 'id: P-1\ntitle: [unclosed\nowner: x\n');
    assert.equal(doc.value, undefined);
    assert.ok(doc.problems.length >= 1);
    assert.equal(doc.problems[0].code, 'yaml.syntax');
    assert.ok(doc.problems[0].range.start.line >= 1, 'the error is after line 1');
  });

  it('reports a duplicate key on the second one', () => {
    const doc = parseYamlSource('a.plan.yaml', 'id: P-1\nid: P-2\n');
    assert.equal(doc.problems.length, 1);
    assert.match(doc.problems[0].message, /duplicate key/);
    assert.equal(doc.problems[0].range.start.line, 1);
  });

  it('refuses an alias bomb instead of expanding it', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(', ')}]`);
    }
    const doc = parseYamlSource('bomb.plan.yaml', lines.join('\n'));
    assert.equal(doc.value, undefined);
    assert.match(doc.problems[0].message, /alias bomb/);
  });

  it('reports nesting 20,000 deep as a diagnostic, not a crash', () => {
    const doc = parseYamlSource('deep.plan.yaml', `id: ${'['.repeat(20000)}${']'.repeat(20000)}\n`);
    assert.equal(doc.value, undefined);
    assert.match(doc.problems[0].message, /nesting is too deep/);
  });

  it('refuses a file over the size cap with its size', () => {
    const doc = parseYamlSource('big.plan.yaml', 'x'.repeat(2000), { maxChars: 1024, maxAliasCount: 100 });
    assert.equal(doc.value, undefined);
    assert.match(doc.problems[0].message, /too large/);
  });

  it('reads language tags as plain data and never runs them', () => {
    const doc = parseYamlSource('t.plan.yaml', 'a: !!python/object/apply:os.system ["touch /tmp/x"]\nb: !!js/function "function(){ return 1 }"\n');
    assert.deepEqual(doc.value, { a: ['touch /tmp/x'], b: 'function(){ return 1 }' });
    assert.equal(doc.problems.length, 2);
    assert.ok(doc.problems.every((p) => p.severity === 'warning' && /never executed/.test(p.message)));
  });

  it('reads YAML 1.1 booleans and dates as text (YAML 1.2)', () => {
    const doc = parseYamlSource('t.plan.yaml', 'kev: yes\npublished: 2026-11-17\n');
    assert.deepEqual(doc.value, { kev: 'yes', published: '2026-11-17' });
  });
});
