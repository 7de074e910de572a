import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { BASE, plan } from '../../support/workspace';

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLES = path.join(ROOT, 'samples');
const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];

function tempWorkspace(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-cli-'));
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

describe('cli: exit codes', () => {
  it('validate exits 1 when there are error diagnostics', () => {
    const r = runCli(['validate', SAMPLES, ...AS_OF]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /1 error, 3 warnings, 2 infos in 19 files/);
  });

  it('validate exits 0 when there are only warnings and infos', () => {
    // Before the backup plan's testing_within deadline (2026-11-18 08:30 (-06:00)) nothing is breached.
    const r = runCli(['validate', SAMPLES, '--as-of', '2026-11-18T12:00:00Z', '--format', 'json']);
    const diagnostics = JSON.parse(r.stdout).diagnostics as { severity: string }[];
    assert.ok(
      diagnostics.every((d) => d.severity !== 'error'),
      JSON.stringify(diagnostics),
    );
    assert.equal(r.code, 0);
  });

  it('status and report exit 0 even with errors', () => {
    assert.equal(runCli(['status', SAMPLES, ...AS_OF]).code, 0);
    assert.equal(runCli(['report', SAMPLES, ...AS_OF, '--format', 'json']).code, 0);
  });

  const usage: [string, string[], RegExp][] = [
    [
      'an unknown flag',
      ['validate', SAMPLES, '--frmat', 'json'],
      /^patchops: unknown option '--frmat': did you mean --format\? \(see patchops validate --help\)\n$/,
    ],
    [
      'an unknown command',
      ['check', SAMPLES],
      /^patchops: unknown command 'check' \(use validate, status, report, import, enrich, export, init, history, diff, new or completion; see patchops --help\)\n$/,
    ],
    ['a format the command lacks', ['status', SAMPLES, '--format', 'html'], /^patchops: unknown format 'html' for status: use text, json\n$/],
    ['a bad --as-of', ['validate', SAMPLES, '--as-of', 'monday'], /^patchops: --as-of 'monday' is not an ISO 8601 date/],
    ['an impossible --as-of', ['validate', SAMPLES, '--as-of', '2026-02-30'], /^patchops: --as-of: .*2026-02-30/],
    [
      'a missing path',
      ['validate', path.join(os.tmpdir(), 'no-such-patchops-dir')],
      /^patchops: cannot read folder '.*no-such-patchops-dir': it does not exist or is not a folder\n$/,
    ],
    ['a folder with no patchops.yaml', ['validate', path.join(SAMPLES, 'plans')], /^patchops: no patchops.yaml in '.*plans': a workspace has one at its root/],
    ['--out on validate', ['validate', SAMPLES, '--out', 'x'], /^patchops: --out is for report/],
    ['a flag without its value', ['validate', SAMPLES, '--format'], /^patchops: option '--format' needs a value\n$/],
  ];
  for (const [what, argv, message] of usage) {
    it(`exits 2 with one line on stderr for ${what}`, () => {
      const r = runCli(argv);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stderr.trim().split('\n').length, 1);
      assert.equal(r.stdout, '');
    });
  }

  it('--help prints usage and exits 0', () => {
    const r = runCli(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /patchops validate \[DIR\] \[--as-of ISO\] \[--format text\|json\|sarif\]/);
  });

  it('DIR defaults to the current folder; --as-of without offset is workspace-local', () => {
    const a = runCli(['status', '--format', 'json', '--as-of', '2026-11-23T06:00'], { cwd: SAMPLES });
    assert.equal(JSON.parse(a.stdout).asOf, '2026-11-23T12:00:00.000Z');
  });

  it('the real binary exits with the code and prints no stack trace on bad input', () => {
    const cli = path.join(ROOT, 'out', 'src', 'cli', 'main.js');
    const r = spawnSync(process.execPath, [cli, 'validate', SAMPLES, ...AS_OF, '--format', 'json'], { encoding: 'utf8' });
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout).diagnostics.length, 6);
    const bad = spawnSync(process.execPath, [cli, 'report', '--nope'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.doesNotMatch(bad.stderr, /\n\s+at /);
  });
});

describe('cli: formats', () => {
  it('validate --format json has the documented shape (docs/cli.md), sorted by file, line, column, code', () => {
    const out = JSON.parse(runCli(['validate', SAMPLES, ...AS_OF, '--format', 'json']).stdout);
    assert.equal(out.asOf, '2026-11-23T12:00:00.000Z');
    const d = out.diagnostics.find((x: { code: string }) => x.code === 'sla.breached');
    assert.deepEqual(Object.keys(d), ['file', 'line', 'column', 'endLine', 'endColumn', 'severity', 'code', 'message']);
    assert.equal(d.file, 'plans/2026-036-backup-server-rce.plan.yaml');
    assert.deepEqual([d.line, d.column, d.endLine, d.endColumn], [13, 5, 13, 18]);
    const keys = out.diagnostics.map((x: { file: string; line: number; column: number }) => [x.file, x.line, x.column]);
    const sorted = [...keys].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2]));
    assert.deepEqual(keys, sorted);
  });

  it('validate --format sarif is SARIF 2.1.0 with 1-based regions (outside a git repository: paths from the workspace)', () => {
    // A copy: the samples in this checkout are in a git repository (see sarif.test.ts for that).
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-samples-'));
    fs.cpSync(SAMPLES, copy, { recursive: true });
    const sarif = JSON.parse(runCli(['validate', copy, ...AS_OF, '--format', 'sarif']).stdout);
    fs.rmSync(copy, { recursive: true, force: true });
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    const result = run.results.find((r: { ruleId: string }) => r.ruleId === 'sla.breached');
    assert.equal(result.level, 'error');
    assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'plans/2026-036-backup-server-rce.plan.yaml');
    assert.equal(result.locations[0].physicalLocation.region.startLine, 13);
    assert.equal(run.tool.driver.rules[result.ruleIndex].id, 'sla.breached');
    assert.equal(run.results.find((r: { ruleId: string }) => r.ruleId === 'sla.missed').level, 'note');
  });

  it('validate text is aligned and uncoloured off a TTY', () => {
    const r = runCli(['validate', SAMPLES, ...AS_OF]);
    assert.doesNotMatch(r.stdout, /\u001b\[/);
    const lines = r.stdout.trim().split('\n').slice(0, -1);
    const severityColumn = new Set(lines.map((l) => l.search(/ (error|warning|info) /)));
    assert.equal(severityColumn.size, 1, 'severities start in one column');
  });

  it('colour on a TTY, never with NO_COLOR', () => {
    assert.match(runCli(['validate', SAMPLES, ...AS_OF], { tty: true }).stdout, /\u001b\[31merror/);
    assert.doesNotMatch(runCli(['validate', SAMPLES, ...AS_OF], { tty: true, env: { NO_COLOR: '1' } }).stdout, /\u001b\[/);
  });

  it('status text lists breached first and the KPIs', () => {
    const out = runCli(['status', SAMPLES, ...AS_OF]).stdout;
    assert.match(out, /SLA compliance 33.3% · endpoints remediated 49.3% · 1 breached · 1 due soon/);
    const rows = out.split('\n').filter((l) => /^PLAN-/.test(l));
    assert.match(rows[0], /^PLAN-2026-036 +critical +BREACHED/);
    assert.match(rows[1], /^PLAN-2026-039 +critical +due soon/);
  });

  it('status --format json equals report --format json', () => {
    assert.equal(runCli(['status', SAMPLES, ...AS_OF, '--format', 'json']).stdout, runCli(['report', SAMPLES, ...AS_OF, '--format', 'json']).stdout);
  });

  for (const [format, check] of [
    ['md', /^# /],
    ['html', /^<!DOCTYPE html>/i],
    ['csv', /^vulnerability,plan,title,/],
    ['json', /^\{/],
  ] as const) {
    it(`report --format ${format} --out writes the file`, () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-out-'));
      const out = path.join(dir, `report.${format}`);
      const r = runCli(['report', SAMPLES, ...AS_OF, '--format', format, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.match(fs.readFileSync(out, 'utf8'), check);
      assert.deepEqual(fs.readdirSync(dir), [`report.${format}`], 'no temporary file left behind');
    });
  }

  it('the same files and as-of give the same bytes', () => {
    const a = runCli(['report', SAMPLES, ...AS_OF, '--format', 'html']).stdout;
    const b = runCli(['report', SAMPLES, ...AS_OF, '--format', 'html']).stdout;
    assert.equal(a, b);
  });

  it('report --out into a missing folder exits 2 with one line that names the folder', () => {
    const r = runCli(['report', SAMPLES, ...AS_OF, '--out', path.join(os.tmpdir(), 'no-such-dir-po', 'r.md')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^patchops: cannot write '.*r\.md': the folder .*no-such-dir-po does not exist\n$/);
  });
});

describe('cli: a folder of broken files', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]'];
  for (let i = 1; i < 9; i++)
    bomb.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill(`*${String.fromCharCode(96 + i)}`)
        .join(', ')}]`,
    );

  const files: Record<string, string | Buffer> = {
    ...BASE,
    'ok.plan.yaml': plan({ id: 'OK' }),
    'syntax.plan.yaml': 'id: BROKEN\ntitle: [unclosed\n',
    'types.plan.yaml': plan({ id: 'TYPES' }).replace('affects: [payroll]', 'affects: payroll'),
    'unknown-field.plan.yaml': plan({ id: 'UNKNOWN' }).replace('owner: it-ops', 'ownr: it-ops\nowner: it-ops'),
    'dangling.plan.yaml': plan({ id: 'DANGLING', affects: '[payroll, atlantis]' }),
    'bomb.plan.yaml': bomb.join('\n'),
    'huge.plan.yaml': `id: HUGE\ntitle: "${'x'.repeat(20 * 1024 * 1024)}"\n`,
    'binary.plan.yaml': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]),
  };

  it('one precise diagnostic per broken file, exit 1, no stack trace', function () {
    this.timeout(60_000);
    const dir = tempWorkspace(files);
    const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    const diagnostics = JSON.parse(r.stdout).diagnostics as { file: string; code: string; message: string; line: number }[];
    const byFile = (f: string) => diagnostics.filter((d) => d.file === f);
    const expect: [string, string, RegExp][] = [
      ['syntax.plan.yaml', 'yaml.syntax', /./],
      ['types.plan.yaml', 'schema', /`affects` must be a list; found `payroll`/],
      ['unknown-field.plan.yaml', 'schema', /unknown field `ownr` — did you mean `owner`\?/],
      ['dangling.plan.yaml', 'ref.unknown', /unknown asset group `atlantis`/],
      ['bomb.plan.yaml', 'yaml.syntax', /alias bomb/],
      ['huge.plan.yaml', 'yaml.syntax', /too large \(20\.0 MB\)/],
      ['binary.plan.yaml', 'yaml.syntax', /binary content/],
    ];
    for (const [file, code, message] of expect) {
      const found = byFile(file).filter((d) => !d.code.startsWith('sla.'));
      assert.equal(found.length, 1, `${file}: ${JSON.stringify(found)}`);
      assert.equal(found[0].code, code, file);
      assert.match(found[0].message, message, file);
    }
    // The broken files do not stop the others from being checked.
    assert.ok(byFile('ok.plan.yaml').some((d) => d.code === 'sla.breached'));
  });

  it('files that cannot be read (a dangling link, a named pipe) become diagnostics, not a hang', function () {
    const dir = tempWorkspace({ ...BASE, 'ok.plan.yaml': plan() });
    fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'dangling.plan.yaml'));
    const fifo = spawnSync('mkfifo', [path.join(dir, 'pipe.plan.yaml')]);
    assert.equal(fifo.status, 0, 'mkfifo is part of coreutils');
    const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
    const messages = Object.fromEntries(
      JSON.parse(r.stdout)
        .diagnostics.filter((d: { code: string }) => d.code === 'yaml.syntax')
        .map((d: { file: string; message: string }) => [d.file, d.message]),
    );
    assert.deepEqual(messages, {
      'dangling.plan.yaml': 'cannot read the file: it does not exist (a broken link?)',
      'pipe.plan.yaml': 'cannot read the file: it is not a regular file',
    });
  });

  it('an unreadable file is a diagnostic', function () {
    if (process.getuid?.() === 0) {
      console.log('      (skipped: running as root, which reads any file, so no unreadable file can be made)');
      this.skip();
    }
    const dir = tempWorkspace({ ...BASE, 'x.plan.yaml': plan() });
    fs.chmodSync(path.join(dir, 'x.plan.yaml'), 0o000);
    const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
    const d = JSON.parse(r.stdout).diagnostics.find((x: { file: string }) => x.file === 'x.plan.yaml');
    assert.match(d.message, /cannot read the file: permission denied/);
  });

  it('a symlink loop in the tree is walked once', function () {
    const dir = tempWorkspace({ ...BASE, 'plans/a.plan.yaml': plan() });
    fs.symlinkSync(dir, path.join(dir, 'plans', 'loop'));
    const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
    const files = new Set(JSON.parse(r.stdout).diagnostics.map((d: { file: string }) => d.file));
    assert.deepEqual([...files], ['plans/a.plan.yaml']);
  });
});
