// The CLI lists the workspace's other YAML files too and warns about the ones that look like
// PatchOps files (workspace.misnamed): in validate's text, JSON and SARIF, status and report
// counts and the --cache key. A warning never fails validate; hostile files never hang it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';
import { skipOnWindows } from '../../support/platform';

const ROOT = path.resolve(__dirname, '../../../..');
const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const tempDir = tempDirs('misnamed');

interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
  message: string;
}

/** A plan that is fine as of AS_OF (tested, nothing due): it adds no diagnostic of its own. */
const QUIET_PLAN = plan({ vulns: '  - { id: CVE-2026-0002, cvss: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", discovered: 2026-11-22T09:00 }' });

/** Two misnamed plans next to YAML that is not PatchOps', and copies in folders never searched. */
function workspace(): string {
  return tempDir({
    ...BASE,
    'plans/x.yaml': QUIET_PLAN.replace('PLAN-1', 'PLAN-X'),
    'apache.plans.yaml': QUIET_PLAN.replace('PLAN-1', 'PLAN-APACHE'),
    'docker-compose.yml': 'services:\n  web:\n    image: nginx\n',
    'k8s/deploy.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\n',
    '.github/workflows/plan.yaml': QUIET_PLAN,
    'node_modules/pkg/plans/x.yaml': QUIET_PLAN,
    '.hidden/x.yaml': QUIET_PLAN,
  });
}

function validateJson(dir: string): { code: number; diagnostics: JsonDiagnostic[] } {
  const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
  assert.equal(r.stderr, '');
  return { code: r.code, diagnostics: JSON.parse(r.stdout).diagnostics };
}

const misnamed = (diagnostics: JsonDiagnostic[]) => diagnostics.filter((d) => d.code === 'workspace.misnamed');

describe('cli: misnamed files', () => {
  it('validate --format json warns at the start of plans/x.yaml and apache.plans.yaml, and still exits 0', () => {
    const { code, diagnostics } = validateJson(workspace());
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.code]),
      [
        ['apache.plans.yaml', 1, 1, 'warning', 'workspace.misnamed'],
        ['plans/x.yaml', 1, 1, 'warning', 'workspace.misnamed'],
      ],
    );
    assert.match(diagnostics[0].message, /looks like a patch plan .*`\*\.plan\.yaml`.*rename it to `apache\.plan\.yaml`$/);
    assert.match(diagnostics[1].message, /rename it to `plans\/x\.plan\.yaml`$/);
    assert.equal(code, 0, 'warnings do not fail validate');
  });

  it('renamed as suggested, the plans are read: their own diagnostics replace the warnings', () => {
    const dir = workspace();
    fs.renameSync(path.join(dir, 'plans/x.yaml'), path.join(dir, 'plans/x.plan.yaml'));
    fs.renameSync(path.join(dir, 'apache.plans.yaml'), path.join(dir, 'apache.plan.yaml'));
    fs.appendFileSync(path.join(dir, 'plans/x.plan.yaml'), 'unknown_field: 1\n');
    const { code, diagnostics } = validateJson(dir);
    assert.deepEqual(misnamed(diagnostics), []);
    assert.deepEqual(
      diagnostics.map((d) => [d.file, d.code]),
      [['plans/x.plan.yaml', 'schema']],
      'the renamed plan is checked now',
    );
    assert.equal(code, 1);
  });

  it('a misnamed file next to an error: validate exits 1 for the error, as without it', () => {
    const dir = workspace();
    fs.writeFileSync(path.join(dir, 'broken.plan.yaml'), plan({ id: 'BROKEN', affects: '[no-such-group]' }));
    const { code, diagnostics } = validateJson(dir);
    assert.equal(misnamed(diagnostics).length, 2);
    assert.ok(diagnostics.some((d) => d.severity === 'error'));
    assert.equal(code, 1);
  });

  it('validate text counts the warnings and the files they are in; SARIF carries the rule', () => {
    const dir = workspace();
    const text = runCli(['validate', dir, ...AS_OF]);
    assert.equal(text.code, 0);
    assert.match(text.stdout, /^plans\/x\.yaml:1:1 +warning +workspace\.misnamed +this file looks like a patch plan/m);
    // patchops.yaml, the policy, the groups, and the two files warned about.
    assert.match(text.stdout, /0 errors, 2 warnings, 0 infos in 5 files\n$/);
    const sarif = JSON.parse(runCli(['validate', dir, ...AS_OF, '--format', 'sarif']).stdout);
    const run = sarif.runs[0];
    assert.deepEqual(
      run.tool.driver.rules.map((r: { id: string }) => r.id),
      ['workspace.misnamed'],
    );
    const results = run.results.map((r: { ruleId: string; level: string }) => [r.ruleId, r.level]);
    assert.deepEqual(results, [
      ['workspace.misnamed', 'warning'],
      ['workspace.misnamed', 'warning'],
    ]);
  });

  it('status and report count the warnings', () => {
    const dir = workspace();
    for (const argv of [
      ['status', '--format', 'json'],
      ['report', '--format', 'json'],
    ]) {
      const r = runCli([argv[0], dir, ...AS_OF, ...argv.slice(1)]);
      assert.equal(r.code, 0);
      assert.deepEqual(JSON.parse(r.stdout).diagnostics, { errors: 0, warnings: 2, infos: 0 }, argv[0]);
    }
  });

  it('--cache: changing a candidate file is a miss, so a warning never outlives the file', () => {
    const dir = workspace();
    const argv = ['validate', dir, ...AS_OF, '--format', 'json', '--cache', '--cache-location', tempDir()];
    assert.equal(misnamed(JSON.parse(runCli(argv).stdout).diagnostics).length, 2);
    assert.equal(misnamed(JSON.parse(runCli(argv).stdout).diagnostics).length, 2, 'a hit replays the warnings');
    fs.writeFileSync(path.join(dir, 'plans/x.yaml'), 'services: {}\n');
    assert.deepEqual(
      misnamed(JSON.parse(runCli(argv).stdout).diagnostics).map((d) => d.file),
      ['apache.plans.yaml'],
    );
    fs.writeFileSync(path.join(dir, 'docs.yaml'), QUIET_PLAN.replace('PLAN-1', 'PLAN-DOCS'));
    assert.deepEqual(
      misnamed(JSON.parse(runCli(argv).stdout).diagnostics).map((d) => d.file),
      ['apache.plans.yaml', 'docs.yaml'],
    );
  });

  it('hostile candidates — a FIFO, a 6 MB file, binary, a link outside the workspace — end the run with no warning and no hang', function () {
    skipOnWindows(this, 'FIFOs and symbolic links are POSIX');
    const outside = tempDir({ 'secret.yaml': QUIET_PLAN.replace('PLAN-1', 'PLAN-SECRET') });
    const dir = tempDir({
      ...BASE,
      'huge.yaml': `${QUIET_PLAN}# ${'x'.repeat(6 * 1024 * 1024)}\n`,
      'plans/binary.yaml': Buffer.concat([Buffer.from(QUIET_PLAN), Buffer.from([0, 0xff, 0xfe, 0])]),
    });
    assert.equal(spawnSync('mkfifo', [path.join(dir, 'x.yaml')]).status, 0, 'mkfifo is part of coreutils');
    fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(dir, 'plans', 'linked.yaml'));
    // The real program in its own process: a blocking read would end in the timeout, not stall the suite.
    const main = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
    const r = spawnSync(process.execPath, [main, 'validate', dir, ...AS_OF, '--format', 'json'], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(r.signal, null, 'the run ended by itself');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).diagnostics, []);
    assert.doesNotMatch(r.stdout, /SECRET/);
    // The same file, readable and in the workspace, is flagged: the silence above is the refusals'.
    fs.rmSync(path.join(dir, 'plans', 'linked.yaml'));
    fs.copyFileSync(path.join(outside, 'secret.yaml'), path.join(dir, 'plans', 'linked.yaml'));
    assert.deepEqual(
      misnamed(validateJson(dir).diagnostics).map((d) => d.file),
      ['plans/linked.yaml'],
    );
  });
});
