// The fast path must give exactly what the full parser gives: the same data, and the same range
// for every node a rule can point at. Checked on every sample file and on variants of them.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isFastSource, parseFast, parseSource } from '../../../src/core/parse/fastSource';
import { parseYamlSource } from '../../../src/core/parse/yamlSource';
import type { YamlPath } from '../../../src/core/model/source';
import { allPaths } from './oneTruth';

const ROOT = path.resolve(__dirname, '../../../..');

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

function assertSameAsFull(file: string, text: string): number {
  const fast = parseSource(file, text);
  const full = parseYamlSource(file, text);
  assert.deepEqual(fast.value, full.value, `${file}: same data`);
  assert.deepEqual(fast.problems, full.problems, `${file}: same problems`);
  let checked = 0;
  for (const p of [...allPaths(full.value), ['no-such-key'], ['waves', 99, 'name']]) {
    for (const part of ['key', 'value'] as const) {
      assert.deepEqual(fast.rangeOf(p, part), full.rangeOf(p, part), `${file}: ${part} of ${JSON.stringify(p)}`);
      checked++;
    }
  }
  return checked;
}

describe('parse: the fast path agrees with the full parser', () => {
  const files = [
    ...yamlFiles(path.join(ROOT, 'samples')),
    ...yamlFiles(path.join(ROOT, 'test', 'unit')).filter((f) => /\.(plan|sla|assets|exception)\.ya?ml$|patchops\.ya?ml$/.test(f)),
  ];

  it(`on every sample file (${files.length}), for every node`, () => {
    let checked = 0;
    for (const f of files) checked += assertSameAsFull(path.relative(ROOT, f), fs.readFileSync(f, 'utf8'));
    assert.ok(checked > 1000, `checked ${checked} ranges`);
  });

  it('on CRLF variants and variants with comments, flow maps and quotes', () => {
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      assertSameAsFull('crlf.plan.yaml', text.replace(/\n/g, '\r\n'));
      assertSameAsFull('quoted.plan.yaml', text.replace(/: ([A-Za-z][\w .-]*)$/gm, ': "$1"'));
      assertSameAsFull('single.plan.yaml', text.replace(/: ([A-Za-z][\w .-]*)$/gm, ": '$1'  # c"));
    }
  });

  it('on tricky scalars: plain text with colons, multi-line, escapes, numbers, nulls', () => {
    const cases = [
      'id: P-1\ntitle: Chrome: zero-day fix\n',
      'id: P-1\ntitle: a long\n  folded title\nowner: x\n',
      'id: P-1\ntitle: "quote \\" inside"\n',
      "id: P-1\ntitle: 'it''s'\n",
      'id: P-1\nwaves:\n  - name: Pilot\n    targets: 0x10\n    patched: ~\n  - { name: "B, c", targets: 2 }\n',
      'id: P-1\nwaves:\n- name: Pilot\n  groups: [a, b]\n- name: Two # c\n',
      'id: P-1\nvulnerabilities:\n  -   id: CVE-1\n      cvss: x\n',
      'id: P-1\nreason: |\n  multi\n  line\nrevisit_on: 2027-01-01\n',
      'id: P-1\napproval:\n  approved_by: carol@example.com   # reviewed\n  approved_on: 2026-11-21\n',
      'id: P-1\nempty:\nnext: 1\n',
      'id: PLAN-1.a_b\nname: null\nother: True\nflag: FALSE\nword: nullable\nt: Trueish\nx: _a.b-c\ny: e10\nz: .5\nw: "true"\n',
    ];
    for (const text of cases) assertSameAsFull('case.plan.yaml', text);
  });

  it('declines what it is not sure of: anchors, tags, quoted keys and unusual top-level lines', () => {
    for (const text of ['a: &x 1\nb: *x\n', 'a: !!str 1\n', '"a": 1\n', '---\na: 1\n', 'a: "x\nb: y"\n', 'a:\n\t- 1\n']) {
      assert.deepEqual(parseSource('x.plan.yaml', text).problems, parseYamlSource('x.plan.yaml', text).problems, text);
    }
  });

  it('leaves to the full parser a text with a character js-yaml refuses as non-printable, also after plain ASCII', () => {
    const ascii = 'id: PLAN-1\ntitle: a plain ASCII line first\n';
    for (const odd of ['\u0007', '\u007f', '\ud800', 'é \u0007']) {
      const text = `${ascii}notes: x ${odd} y\n`;
      assert.equal(parseFast('x.plan.yaml', text), undefined, JSON.stringify(text));
      assert.deepEqual(parseSource('x.plan.yaml', text).value, parseYamlSource('x.plan.yaml', text).value);
    }
    // Beyond ASCII but printable: still the fast path's.
    assert.ok(isFastSource(parseSource('x.plan.yaml', `${ascii}notes: é and ✓\n`)));
  });

  it('finds by the line walk alone, without the full parser, the nodes diagnostics sit on in the samples', () => {
    // The walk may decline anything (the full parser then answers, with the same range), so the
    // tests above cannot see a walk that declines too much: here it must answer by itself.
    const plans = files.filter((f) => f.endsWith('.plan.yaml') && f.includes(`${path.sep}samples${path.sep}`));
    assert.ok(plans.length >= 8, `${plans.length} sample plans`);
    let located = 0;
    for (const f of plans) {
      const doc = parseSource(f, fs.readFileSync(f, 'utf8'));
      if (!isFastSource(doc)) continue; // a file the fast path does not read at all
      const data = doc.value as { vulnerabilities?: { cvss?: string }[]; waves?: { name: string; started?: string }[] };
      const paths: YamlPath[] = [['id'], ['title']];
      (data.vulnerabilities ?? []).forEach((v, i) => paths.push(['vulnerabilities', i, 'id'], ...(v.cvss ? [['vulnerabilities', i, 'cvss']] : [])));
      (data.waves ?? []).forEach((w, i) => paths.push(['waves', i, 'name'], ...(w.started ? [['waves', i, 'started']] : [])));
      for (const p of paths) {
        doc.rangeOf(p);
        assert.ok(isFastSource(doc), `${path.relative(ROOT, f)}: ${JSON.stringify(p)} needed the full parser`);
        located++;
      }
    }
    assert.ok(located > 50, `${located} nodes located`);
  });
});
