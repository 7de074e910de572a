// `--out FILE` without `--format`: the extension names the format (report: .md .html .htm .json
// .csv; export: .yaml .toml .json .ics); a `--format` the extension contradicts is a usage error;
// an extension that names no format gets the default, silently, as before.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const tempDir = tempDirs('out-format');
const workspace = () => tempDir({ ...BASE, 'plans/a.plan.yaml': plan({ id: 'PLAN-A' }) });

/** What `argv` prints to standard output (no --out). */
function printed(argv: string[]): string {
  const r = runCli(argv);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

describe('cli: the format of --out from its extension', () => {
  const REPORT: [string, string][] = [
    ['report.md', 'md'],
    ['report.markdown', 'md'],
    ['report.html', 'html'],
    ['report.htm', 'html'],
    ['REPORT.HTML', 'html'],
    ['report.json', 'json'],
    ['report.csv', 'csv'],
  ];
  for (const [file, format] of REPORT) {
    it(`report --out ${file} writes ${format}, the same bytes as --format ${format}`, () => {
      const ws = workspace();
      const out = path.join(tempDir(), file);
      const r = runCli(['report', ws, ...AS_OF, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '');
      assert.equal(fs.readFileSync(out, 'utf8'), printed(['report', ws, ...AS_OF, '--format', format]));
      // With the matching --format it is the same; each format is told apart from the others.
      assert.equal(runCli(['report', ws, ...AS_OF, '--format', format, '--out', out]).code, 0);
      for (const other of ['md', 'html', 'json', 'csv'].filter((f) => f !== format)) {
        assert.notEqual(fs.readFileSync(out, 'utf8'), printed(['report', ws, ...AS_OF, '--format', other]));
      }
    });
  }

  it('an extension that names no report format (report.txt, no extension) gets the default, Markdown, and no complaint', () => {
    const ws = workspace();
    const dir = tempDir();
    for (const file of ['report.txt', 'report', 'report.ics']) {
      const r = runCli(['report', ws, ...AS_OF, '--out', path.join(dir, file)]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, '', file);
      assert.equal(fs.readFileSync(path.join(dir, file), 'utf8'), printed(['report', ws, ...AS_OF]), file);
    }
    // An explicit --format with such a file is simply obeyed.
    assert.equal(runCli(['report', ws, ...AS_OF, '--format', 'html', '--out', path.join(dir, 'report.txt')]).code, 0);
    assert.match(fs.readFileSync(path.join(dir, 'report.txt'), 'utf8'), /^<!DOCTYPE html>/i);
  });

  const EXPORT: [string, string][] = [
    ['patchops.ics', 'ics'],
    ['osv-scanner.toml', 'osv-scanner'],
    ['patchops.openvex.json', 'openvex'],
    ['.trivyignore.yaml', 'trivyignore'],
    ['trivyignore.yml', 'trivyignore'],
  ];
  for (const [file, format] of EXPORT) {
    it(`export --out ${file} without a format writes ${format}; with DIR too`, () => {
      const ws = workspace();
      const out = path.join(tempDir(), file);
      const expected = printed(['export', format, ws, ...AS_OF]);
      const r = runCli(['export', ws, ...AS_OF, '--out', out]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(fs.readFileSync(out, 'utf8'), expected);
      fs.rmSync(out);
      const inWs = runCli(['export', ...AS_OF, '--out', out], { cwd: ws });
      assert.equal(inWs.code, 0, inWs.stderr);
      assert.equal(fs.readFileSync(out, 'utf8'), expected);
    });
  }

  const CONFLICTS: [string, string[], RegExp][] = [
    [
      'report --format md --out report.html',
      ['report', '--format', 'md', '--out', 'report.html'],
      /^patchops: --format md does not match --out 'report\.html', which names html: name it \.md or \.markdown, or leave out --format to write html\n$/,
    ],
    [
      'report --format csv --out report.json',
      ['report', '--format', 'csv', '--out', 'report.json'],
      /^patchops: --format csv does not match --out 'report\.json', which names json: name it \.csv, or leave out --format to write json\n$/,
    ],
    [
      'export ics --out vex.json',
      ['export', 'ics', '--out', 'vex.json'],
      /^patchops: export ics does not match --out 'vex\.json', which names openvex: name it \.ics, or leave out the format to write openvex\n$/,
    ],
    [
      'export trivyignore --out osv.toml',
      ['export', 'trivyignore', '--out', 'osv.toml'],
      /^patchops: export trivyignore does not match --out 'osv\.toml', which names osv-scanner: /,
    ],
    [
      'export --out calendar.txt (no format at all)',
      ['export', '--out', 'calendar.txt'],
      /^patchops: export needs a format: patchops export trivyignore\|osv-scanner\|openvex\|ics \[DIR\]\n$/,
    ],
    ['export with an unknown format and an .ics --out', ['export', 'calendar', 'extra', '--out', 'x.ics'], /^patchops: unknown export format 'calendar'/],
  ];
  for (const [what, argv, message] of CONFLICTS) {
    it(`${what}: a usage error, exit 2, one line, nothing written`, () => {
      const cwd = workspace();
      const before = fs.readdirSync(cwd).sort();
      const r = runCli([...argv, ...AS_OF], { cwd });
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
      assert.deepEqual(fs.readdirSync(cwd).sort(), before);
    });
  }

  it('a matching --format is fine, in any case of the extension', () => {
    const ws = workspace();
    const dir = tempDir();
    assert.equal(runCli(['report', ws, ...AS_OF, '--format', 'html', '--out', path.join(dir, 'r.HTM')]).code, 0);
    assert.equal(runCli(['export', 'ics', ws, ...AS_OF, '--out', path.join(dir, 'c.ICS')]).code, 0);
  });

  it('--cache: the inferred format is part of the key (report.html and report.md are different entries)', () => {
    const ws = workspace();
    const dir = tempDir();
    const location = tempDir();
    for (let round = 0; round < 2; round++) {
      for (const [file, format] of [
        ['r.html', 'html'],
        ['r.md', 'md'],
      ]) {
        const out = path.join(dir, file);
        const r = runCli(['report', ws, ...AS_OF, '--out', out, '--cache', '--cache-location', location]);
        assert.equal(r.code, 0, r.stderr);
        assert.equal(fs.readFileSync(out, 'utf8'), printed(['report', ws, ...AS_OF, '--format', format]), `${file}, round ${round}`);
      }
    }
  });
});
