// The hostile corpus (corpus.ts), one test per case: the protection holds (a diagnostic with the
// right code, position and message) and nothing throws or hangs. Each test says which protection
// it guards; removing that protection fails it. Times are recorded for the summary line, never
// asserted: `npm run bench` measures the slowest cases.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { evaluate } from '../../../src/core/evaluate';
import type { Diagnostic } from '../../../src/core/model/diagnostic';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { readWorkspace, readWorkspaceFile } from '../../../src/node/workspaceFiles';
import { runCli } from '../../support/cli';
import { BASE, plan } from '../../support/workspace';
import { tempDirs } from '../../support/tempDir';
import {
  AS_OF_MS,
  at,
  describeDiagnostics,
  elapsedMs,
  FILE_CASES,
  hugePlan,
  manyVulnerabilities,
  MB,
  renderAll,
  runPipeline,
  CATALOG_CODES,
  timings,
  utf16,
  watchFs,
  type FileCase,
} from './corpus';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const GOOD = plan({ id: 'GOOD' });

const tempDir = tempDirs('hostile');

function recordTime(name: string, ms: number): void {
  timings.push({ name, ms });
}

function assertValidRanges(
  diagnostics: readonly { file: string; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[],
): void {
  for (const d of diagnostics) {
    const { start, end } = d.range;
    assert.ok(start.line >= 0 && start.character >= 0, `${d.file}: negative start`);
    assert.ok(end.line > start.line || (end.line === start.line && end.character >= start.character), `${d.file}: end before start`);
  }
}

/** At least one diagnostic of `file` meets each expectation. */
function assertExpected(c: FileCase, diagnostics: readonly Diagnostic[]): void {
  for (const e of c.expect) {
    const mine = diagnostics.filter((d) => d.file === (e.file ?? c.file));
    const found = mine.find(
      (d) =>
        d.code === e.code && e.message.test(d.message) && (e.at === undefined || at(d) === e.at) && (e.severity === undefined || d.severity === e.severity),
    );
    assert.ok(found, `${c.name}: expected ${e.code}${e.at ? ` at ${e.at}` : ''} matching ${e.message}; got\n${describeDiagnostics(mine)}`);
  }
}

describe('hostile corpus: one file at a time, through the whole pipeline', function () {
  this.timeout(60_000);
  after(() => {
    const sorted = [...timings].sort((a, b) => b.ms - a.ms);
    if (sorted.length)
      console.log(
        `      hostile corpus: ${timings.length} timed runs, 0 crashes; slowest: ${sorted
          .slice(0, 3)
          .map((t) => `${t.ms.toFixed(0)} ms (${t.name})`)
          .join(', ')}`,
      );
  });

  for (const c of FILE_CASES) {
    it(`${c.name} — guards: ${c.guards}`, () => {
      const content = c.content();
      const { evaluation, loadMs, restMs } = runPipeline([{ file: c.file, content }], c.base);
      recordTime(c.name, loadMs + restMs);
      assertExpected(c, evaluation.diagnostics);
      assertValidRanges(evaluation.diagnostics);
      for (const d of evaluation.diagnostics) assert.ok(CATALOG_CODES.has(d.code), `${c.name}: code ${d.code} is not in the catalog`);
      if (c.refused) {
        // A refused plan file still stands for a plan, so it is counted, but with nothing read
        // from it: no deadline, no vulnerabilities, no endpoints.
        const declared = evaluation.plans.filter((p) => p.entity.source.file === c.file);
        for (const p of declared) {
          assert.deepEqual(
            [p.state, p.deadline, p.vulnerabilities, p.endpoints.patched, p.waves],
            ['unknown', null, [], 0, []],
            `${c.name}: a refused file yields nothing read`,
          );
        }
        assert.equal(
          declared.length,
          c.file.endsWith('.plan.yaml') ? 1 : 0,
          `${c.name}: a refused plan file is one plan with no deadline; other files yield none`,
        );
      }
    });
  }

  it('a 30 MB file on disk is refused from its size, before a byte of it is read — guards: the stat size check in readWorkspaceFile (src/node/workspaceFiles.ts)', () => {
    const dir = tempDir({ ...BASE, 'good.plan.yaml': GOOD });
    const huge = path.join(dir, 'huge.plan.yaml');
    fs.writeFileSync(huge, 'id: HUGE\n');
    fs.truncateSync(huge, 30 * MB); // sparse: 30 MB long, nothing on disk
    const started = process.hrtime.bigint();
    const { result, calls } = watchFs(() => readWorkspaceFile(dir, 'huge.plan.yaml'));
    recordTime('30 MB on disk', elapsedMs(started));
    assert.deepEqual(
      result.diagnostics.map((d) => [d.code, d.message]),
      [['yaml.syntax', 'file is too large (30.0 MB): PatchOps reads files up to 5.0 MB; split it']],
    );
    const reads = calls.filter(([name, p]) => ['readFileSync', 'openSync', 'createReadStream'].includes(name) && path.resolve(p) === huge);
    assert.deepEqual(reads, [], 'the cap is checked before the file is opened');

    // The CLI says the same, and checks the rest of the workspace.
    const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
    assert.equal(r.stderr, '');
    const diagnostics = JSON.parse(r.stdout).diagnostics as { file: string; code: string; message: string; line: number; column: number }[];
    assert.deepEqual(
      diagnostics.filter((d) => d.file === 'huge.plan.yaml').map((d) => [d.line, d.column, d.code]),
      [[1, 1, 'yaml.syntax']],
    );
    assert.ok(diagnostics.some((d) => d.file === 'good.plan.yaml' && d.code === 'sla.breached'));
  });

  for (const order of ['le', 'be'] as const) {
    it(`UTF-16 ${order.toUpperCase()} with a BOM: a whole valid workspace reads exactly like its UTF-8 copy — guards: the BOM sniffing in src/core/parse/decode.ts`, () => {
      const files = { ...BASE, 'good.plan.yaml': plan({ id: 'GOOD', extra: 'description: "Übergangslösung — 日本語 ✓ 🛡"' }) };
      const utf8 = evaluate(assembleModel(Object.entries(files).map(([f, t]) => loadFile(f, Buffer.from(t, 'utf8')))), { asOf: AS_OF_MS });
      const started = process.hrtime.bigint();
      const wide = evaluate(assembleModel(Object.entries(files).map(([f, t]) => loadFile(f, utf16(t, order)))), { asOf: AS_OF_MS });
      recordTime(`UTF-16 ${order}`, elapsedMs(started));
      assert.deepEqual(wide.diagnostics, utf8.diagnostics);
      assert.equal(wide.plans.length, 1);
      assert.equal(wide.plans[0].entity.data.description, 'Übergangslösung — 日本語 ✓ 🛡');
      assert.deepEqual([wide.plans[0].state, wide.plans[0].tier, wide.plans[0].deadline], [utf8.plans[0].state, utf8.plans[0].tier, utf8.plans[0].deadline]);
      // And from disk, through the CLI.
      const dir = tempDir(Object.fromEntries(Object.entries(files).map(([f, t]) => [f, utf16(t, order)])));
      const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
      const codes = JSON.parse(r.stdout).diagnostics.map((d: { file: string; code: string }) => `${d.file} ${d.code}`);
      assert.deepEqual(codes, ['good.plan.yaml sla.breached']);
    });
  }

  it('CRLF line endings: every diagnostic of the samples and of a broken file sits where it does with LF — guards: LineIndex (src/core/parse/lineIndex.ts) counting \\r\\n as one line break', () => {
    const samples = path.resolve(__dirname, '../../../../samples');
    const rels = readWorkspace(samples).files.map((f) => f.file);
    const broken = [
      'id: CRLF',
      'title: |',
      '  a block scalar',
      '  over two lines',
      'owner: it-ops',
      'validator: infosec',
      'vulnerabilities:',
      '  - id: CVE-2026-0001',
      '    cvss: "CVSS:3.1/AV:X"',
      '    kev: yes',
      'affects: [payroll-servers, atlantis]',
      'waves:',
      '  - { name: Pilot, status: complete, sttus: x }',
      '',
    ].join('\n');
    const texts: Record<string, string> = { 'plans/crlf.plan.yaml': broken };
    for (const rel of rels) texts[rel] = fs.readFileSync(path.join(samples, rel), 'utf8');
    const run = (eol: string) => {
      const loaded = Object.entries(texts).map(([f, t]) => loadFile(f, t.replace(/\r?\n/g, eol)));
      return evaluate(assembleModel(loaded), { asOf: AS_OF_MS }).diagnostics;
    };
    const lf = run('\n');
    const started = process.hrtime.bigint();
    const crlf = run('\r\n');
    recordTime('CRLF samples', elapsedMs(started));
    assert.ok(lf.filter((d) => d.file !== 'plans/crlf.plan.yaml').length >= 5, 'the samples have diagnostics to compare');
    assert.ok(lf.filter((d) => d.file === 'plans/crlf.plan.yaml').length >= 3);
    assert.deepEqual(crlf, lf);
  });

  it('language tags are data: nothing they name is ever run — guards: the YAML core schema (no tag resolvers) in src/core/parse/yamlSource.ts', () => {
    const dir = tempDir();
    const marker = path.join(dir, 'pwned');
    const js = `function () { require('fs').writeFileSync(${JSON.stringify(marker)}, 'ran'); return 'x' }`;
    const text = plan({ id: 'TAGS', extra: `description: !!python/object/apply:os.system ["touch ${marker}"]` }).replace(
      'title: Test plan',
      [
        `title: { toString: !!js/function "${js.replace(/"/g, '\\"')}", valueOf: !!js/eval "require('fs').writeFileSync('${marker}', 'ran')" }`,
        `sla: !<tag:yaml.org,2002:js/undefined> standard`,
      ].join('\n'),
    );
    const ws = tempDir({ ...BASE, 'tags.plan.yaml': text });
    const started = process.hrtime.bigint();
    const { evaluation } = runPipeline([{ file: 'tags.plan.yaml', content: text }]);
    for (const command of [['validate'], ['status'], ['report', '--format', 'html'], ['export', 'ics']]) runCli([...command, ws, ...AS_OF]);
    recordTime('language tags', elapsedMs(started));
    assert.equal(fs.existsSync(marker), false, 'a tag was executed');
    const value = loadFile('tags.plan.yaml', text).source.value as Record<string, unknown>;
    assert.equal(typeof (value.title as Record<string, unknown>).toString, 'string', 'the "function" is a string');
    assert.equal(value.sla, 'standard');
    const warnings = evaluation.diagnostics.filter((d) => d.file === 'tags.plan.yaml' && d.code === 'yaml.syntax');
    assert.ok(warnings.length >= 3 && warnings.every((d) => /never executed/.test(d.message)), describeDiagnostics(warnings));
  });

  it('prototype-pollution keys stay data and Object.prototype stays untouched — guards: own-property data from the parser and unknown-field checks', () => {
    const proto = FILE_CASES.find((c) => c.file === 'proto.plan.yaml')!;
    const text = proto.content() as string;
    const { evaluation } = runPipeline([{ file: proto.file, content: text }]);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(({} as Record<string, unknown>).isAdmin, undefined);
    assert.deepEqual(Object.keys(Object.prototype), []);
    const value = loadFile(proto.file, text).source.value as object;
    assert.equal(Object.getPrototypeOf(value), Object.prototype);
    assert.ok(Object.hasOwn(value, '__proto__'), '`__proto__` is an own key holding data');
    assert.ok(evaluation.diagnostics.some((d) => d.file === proto.file && d.code === 'schema'));
  });

  it("100,000 vulnerabilities in one file (4.4 MB, under the cap) are all read and rated — guards: linear-time loading and rules (a quadratic one runs into the test's timeout; npm run bench measures it)", () => {
    const text = manyVulnerabilities();
    assert.ok(text.length < 5 * MB);
    const { evaluation, loadMs, restMs } = runPipeline([{ file: 'many.plan.yaml', content: text }]);
    recordTime('100,000 vulnerabilities: load', loadMs);
    recordTime('100,000 vulnerabilities: evaluate and render', restMs);
    const many = evaluation.plans.find((p) => p.id === 'MANY')!;
    assert.equal(many.entity.data.vulnerabilities.length, 100_000);
    assert.equal(many.severity, 'critical', 'the last of 100,000 counts');
    assert.equal(many.state, 'breached');
  });

  it('a symlink loop of two folders and a link to itself end, each plan once — guards: the realpath visited-set in findWorkspaceFiles and the stat in readWorkspaceFile', () => {
    const dir = tempDir({ ...BASE, 'a/one.plan.yaml': plan({ id: 'ONE' }), 'b/two.plan.yaml': plan({ id: 'TWO' }) });
    fs.symlinkSync('../b', path.join(dir, 'a', 'to-b'));
    fs.symlinkSync('../a', path.join(dir, 'b', 'to-a'));
    fs.symlinkSync('self.plan.yaml', path.join(dir, 'self.plan.yaml'));
    const started = process.hrtime.bigint();
    const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
    recordTime('symlink loops', elapsedMs(started));
    const diagnostics = JSON.parse(r.stdout).diagnostics as { file: string; code: string; message: string }[];
    assert.ok(!diagnostics.some((d) => d.code === 'ref.duplicate-id'), 'each folder is read once');
    const breached = diagnostics.filter((d) => d.code === 'sla.breached').map((d) => d.file);
    assert.equal(breached.length, 2, JSON.stringify(breached));
    const self = diagnostics.filter((d) => d.file === 'self.plan.yaml');
    assert.equal(self.length, 1);
    assert.match(self[0].message, /^cannot read the file: /);
  });

  it('a link to /dev/zero, a folder named like a plan, and a FIFO: diagnostics, never an endless read — guards: the outside-the-workspace and regular-file checks in readWorkspaceFile', function () {
    const dir = tempDir({ ...BASE, 'good.plan.yaml': GOOD, 'folder.plan.yaml/inner.plan.yaml': plan({ id: 'INNER' }) });
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.plan.yaml'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.plan.yaml')]).status, 0, 'mkfifo is part of coreutils');
    const started = process.hrtime.bigint();
    const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
    recordTime('devices and pipes', elapsedMs(started));
    const diagnostics = JSON.parse(r.stdout).diagnostics as { file: string; code: string; message: string }[];
    const byFile = (f: string) => diagnostics.filter((d) => d.file === f).map((d) => `${d.code}: ${d.message}`);
    assert.deepEqual(byFile('zero.plan.yaml'), ['yaml.syntax: not read: it links outside the workspace']); // a device outside the workspace is not even opened
    assert.deepEqual(byFile('fifo.plan.yaml'), ['yaml.syntax: cannot read the file: it is not a regular file']);
    assert.deepEqual(byFile('folder.plan.yaml'), [], 'a folder is walked, not read');
    assert.ok(byFile('folder.plan.yaml/inner.plan.yaml').some((m) => m.startsWith('sla.breached')));
    assert.ok(byFile('good.plan.yaml').some((m) => m.startsWith('sla.breached')));
  });

  it('files that change between listing and reading (deleted, replaced by a folder or a FIFO, grown past the cap) — guards: readWorkspaceFile checking the file at read time', () => {
    const dir = tempDir({
      ...BASE,
      'gone.plan.yaml': GOOD,
      'folder.plan.yaml': GOOD,
      'fifo.plan.yaml': GOOD,
      'grown.plan.yaml': GOOD,
      'edited.plan.yaml': GOOD,
    });
    const listed = readWorkspace(dir).files.map((f) => f.file);
    assert.ok(['gone', 'folder', 'fifo', 'grown', 'edited'].every((n) => listed.includes(`${n}.plan.yaml`)));
    // The files change after the listing…
    fs.rmSync(path.join(dir, 'gone.plan.yaml'));
    fs.rmSync(path.join(dir, 'folder.plan.yaml'));
    fs.mkdirSync(path.join(dir, 'folder.plan.yaml'));
    fs.rmSync(path.join(dir, 'fifo.plan.yaml'));
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'fifo.plan.yaml')]).status, 0);
    fs.writeFileSync(path.join(dir, 'grown.plan.yaml'), hugePlan(6));
    fs.writeFileSync(path.join(dir, 'edited.plan.yaml'), plan({ id: 'EDITED' }));
    // …and are read afterwards.
    const started = process.hrtime.bigint();
    const read = (rel: string) => readWorkspaceFile(dir, rel).diagnostics.map((d) => `${at(d)} ${d.code}: ${d.message}`);
    assert.deepEqual(read('gone.plan.yaml'), ['1:1 yaml.syntax: cannot read the file: it does not exist (a broken link?)']);
    assert.deepEqual(read('folder.plan.yaml'), ['1:1 yaml.syntax: cannot read the file: it is not a regular file']);
    assert.deepEqual(read('fifo.plan.yaml'), ['1:1 yaml.syntax: cannot read the file: it is not a regular file']);
    assert.deepEqual(read('grown.plan.yaml'), ['1:1 yaml.syntax: file is too large (6.0 MB): PatchOps reads files up to 5.0 MB; split it']);
    assert.deepEqual(readWorkspaceFile(dir, 'edited.plan.yaml').declaredIds, ['EDITED'], 'the bytes read are the new ones, whole');
    recordTime('changed while read', elapsedMs(started));
  });

  it("one broken file never stops the rest: every case in one workspace, and the good plan's diagnostics are intact", function () {
    const hostile: Record<string, string | Uint8Array> = {};
    for (const c of FILE_CASES) if (!(c.file in BASE) && !c.base) hostile[`hostile/${c.file}`] = c.content();
    const clean = tempDir({ ...BASE, 'good.plan.yaml': GOOD });
    const dirty = tempDir({ ...BASE, 'good.plan.yaml': GOOD, ...hostile, 'hostile/many.plan.yaml': manyVulnerabilities() });
    fs.symlinkSync('/nonexistent/target', path.join(dirty, 'hostile', 'dangling.plan.yaml'));
    fs.symlinkSync('.', path.join(dirty, 'hostile', 'loop'));
    assert.equal(spawnSync('mkfifo', [path.join(dirty, 'hostile', 'fifo.plan.yaml')]).status, 0);
    const started = process.hrtime.bigint();
    const r = runCli(['validate', dirty, ...AS_OF, '--format', 'json']);
    const ms = elapsedMs(started);
    recordTime(`a workspace of ${Object.keys(hostile).length + 4} hostile files`, ms);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const dirtyDiagnostics = JSON.parse(r.stdout).diagnostics as { file: string }[];
    const cleanDiagnostics = JSON.parse(runCli(['validate', clean, ...AS_OF, '--format', 'json']).stdout).diagnostics as { file: string }[];
    const good = (list: { file: string }[]) => list.filter((d) => d.file === 'good.plan.yaml' || !d.file.startsWith('hostile/'));
    assert.deepEqual(good(dirtyDiagnostics), good(cleanDiagnostics));
    assert.ok(cleanDiagnostics.length > 0);
    for (const file of [...Object.keys(hostile), 'hostile/dangling.plan.yaml', 'hostile/fifo.plan.yaml']) {
      assert.ok(
        dirtyDiagnostics.some((d) => d.file === file),
        `${file} has its own diagnostic`,
      );
    }
    // Every output can still be produced from it.
    const status = runCli(['status', dirty, ...AS_OF]);
    assert.equal(status.code, 0);
    assert.match(status.stdout, /GOOD/);
    assert.ok(renderAll(evaluate(assembleModel(readWorkspace(dirty).files), { asOf: AS_OF_MS })).html.length > 0);
  });
});
