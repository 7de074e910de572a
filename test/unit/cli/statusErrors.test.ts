// `status` (text) says in one line when files have errors of their own, right under the KPIs it
// may leave incomplete; not when there are none, nor for deadline errors (the table shows those).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const SAMPLES = path.resolve(__dirname, '../../../../samples');
const tempDir = tempDirs('status-errors');
const LOW = '  - { id: CVE-2026-0002, cvss: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", discovered: 2026-11-22T09:00 }';

const lines = (out: string) => out.split('\n');

describe('cli: status says when files have errors', () => {
  it('two files with three errors: one line under the KPIs, and validate lists the same three', () => {
    const ws = tempDir({
      ...BASE,
      'plans/a.plan.yaml': plan({ id: 'A', vulns: LOW, extra: 'bogus: 1\nmore: 2' }),
      'plans/b.plan.yaml': plan({ id: 'B', vulns: LOW, affects: '[nowhere]' }),
      'plans/fine.plan.yaml': plan({ id: 'FINE', vulns: LOW }),
    });
    const r = runCli(['status', ws, ...AS_OF]);
    assert.equal(r.code, 0);
    const out = lines(r.stdout);
    const kpis = out.findIndex((l) => l.startsWith('SLA compliance'));
    assert.equal(out[kpis + 1], '3 errors in 2 files: run `patchops validate` to see them');
    assert.equal(out.filter((l) => /patchops validate/.test(l)).length, 1, 'one line');
    const validate = JSON.parse(runCli(['validate', ws, ...AS_OF, '--format', 'json']).stdout).diagnostics as { severity: string; file: string }[];
    const errors = validate.filter((d) => d.severity === 'error');
    assert.equal(errors.length, 3);
    assert.equal(new Set(errors.map((d) => d.file)).size, 2);
  });

  it('one error in one file: singular', () => {
    const ws = tempDir({ ...BASE, 'plans/a.plan.yaml': plan({ id: 'A', vulns: LOW, extra: 'bogus: 1' }) });
    assert.ok(lines(runCli(['status', ws, ...AS_OF]).stdout).includes('1 error in 1 file: run `patchops validate` to see it'));
  });

  it('no line without errors, nor for a breached plan alone (a deadline error: the table shows it as BREACHED)', () => {
    const fine = tempDir({ ...BASE, 'plans/fine.plan.yaml': plan({ id: 'FINE', vulns: LOW }) });
    const breached = tempDir({ ...BASE, 'plans/b.plan.yaml': plan({ id: 'B' }) });
    for (const ws of [fine, breached, SAMPLES]) assert.doesNotMatch(runCli(['status', ws, ...AS_OF]).stdout, /patchops validate|errors? in/);
    assert.match(runCli(['status', breached, ...AS_OF]).stdout, /^B +critical +BREACHED/m);
    // A breach next to a broken file: the line counts the file's error only.
    const both = tempDir({ ...BASE, 'plans/b.plan.yaml': plan({ id: 'B' }), 'plans/a.plan.yaml': plan({ id: 'A', vulns: LOW, extra: 'bogus: 1' }) });
    assert.match(runCli(['status', both, ...AS_OF]).stdout, /^1 error in 1 file: run `patchops validate` to see it$/m);
  });

  it('red on a terminal, plain otherwise; JSON keeps its shape (diagnostics: errors, warnings, infos)', () => {
    const ws = tempDir({ ...BASE, 'plans/a.plan.yaml': plan({ id: 'A', vulns: LOW, extra: 'bogus: 1' }) });
    assert.match(runCli(['status', ws, ...AS_OF], { tty: true }).stdout, /\u001b\[31m1 error in 1 file: run `patchops validate` to see it\u001b\[39m/);
    const json = JSON.parse(runCli(['status', ws, ...AS_OF, '--format', 'json']).stdout);
    assert.deepEqual(json.diagnostics, { errors: 1, warnings: 0, infos: 0 });
    assert.deepEqual(Object.keys(json), ['asOf', 'workspace', 'timezone', 'plans', 'exceptions', 'kpis', 'diagnostics', 'filesWithErrors']);
    assert.deepEqual(
      json.filesWithErrors.map((f: { file: string; errors: number }) => [f.file, f.errors]),
      [['plans/a.plan.yaml', 1]],
    );
  });
});
