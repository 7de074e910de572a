// The contract the CLI and the editor share (src/core/contract.ts, src/node/inputDecoding.ts): the
// format registries drive what the commands accept, --help, the --out extensions and the editor's
// pickers; the patterns are the schemas'; input files are decoded one way.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { parseCommandLine, type CliArgs } from '../../../src/cli/args';
import {
  EMAIL_PATTERN,
  EXPORT_FORMAT_INFO,
  EXPORT_FORMATS,
  ID_PATTERN,
  REPORT_FORMAT_INFO,
  REPORT_FORMATS,
  SCAN_FORMAT_INFO,
  SCAN_FORMATS,
  STATUS_FORMATS,
  TIMESTAMP_PATTERN,
  VALIDATE_FORMATS,
} from '../../../src/core/contract';
import { EXPORTS } from '../../../src/core/export';
import { REPORTS } from '../../../src/core/report';
import { detectFormat, SCANNERS } from '../../../src/core/scanners/detect';
import { gunzipIfGzip, InputError, utf8Text } from '../../../src/node/inputDecoding';
import { runCli } from '../../support/cli';
import { REPO_ROOT } from '../../support/sharedData';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const tempDir = tempDirs('contract');
const formatOf = (argv: string[]): string => (parseCommandLine(argv) as { args: CliArgs & { format: string } }).args.format;

describe("contract: patterns are the schemas'", () => {
  const defs = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'common.schema.json'), 'utf8')).$defs;
  it('id, email and timestamp', () => {
    assert.equal(ID_PATTERN.source, defs.id.pattern);
    assert.equal(EMAIL_PATTERN.source, defs.email.pattern);
    assert.equal(TIMESTAMP_PATTERN.source, defs.timestamp.pattern);
  });

  it('the CLI checks --affects and --as-of with them', () => {
    assert.match(runCli(['import', 'x.json', '--affects', 'web servers']).stderr, /--affects 'web servers': give asset group ids/);
    assert.match(runCli(['status', '--as-of', '2026-11-23T12']).stderr, /--as-of '2026-11-23T12' is not an ISO 8601 date or date-time/);
  });
});

describe('contract: the format registries drive the CLI', () => {
  it('every registry has an entry with a renderer or parser for each name, in the same order', () => {
    assert.deepEqual(Object.keys(REPORTS), [...REPORT_FORMATS]);
    assert.deepEqual(Object.keys(EXPORTS), [...EXPORT_FORMATS]);
    assert.deepEqual(Object.keys(SCANNERS), [...SCAN_FORMATS]);
  });

  it("--help offers the registries' formats and extensions", () => {
    const help = runCli(['--help']).stdout;
    assert.ok(help.includes(`validate [DIR] [--as-of ISO] [--format ${VALIDATE_FORMATS.join('|')}]`), help);
    assert.ok(help.includes(`status   [DIR] [--as-of ISO] [--format ${STATUS_FORMATS.join('|')}]`), help);
    assert.ok(help.includes(`report   [DIR] [--as-of ISO] [--format ${REPORT_FORMATS.join('|')}]`), help);
    assert.ok(help.includes(`[--format ${SCAN_FORMATS.join('|')}]`), help);
    assert.ok(help.includes(`export   ${EXPORT_FORMATS.join('|')} [DIR]`), help);
    assert.ok(help.includes(`--out FILE${EXPORT_FORMATS.map((f) => EXPORT_FORMAT_INFO[f].extensions[0]).join('|')} `), help);
    const reportExtensions = REPORT_FORMATS.flatMap((f) => REPORT_FORMAT_INFO[f].extensions);
    assert.ok(help.replace(/\s+/g, ' ').includes(`extension names: ${reportExtensions.join(' ')})`), help);
    for (const f of EXPORT_FORMATS) assert.ok(help.includes(EXPORT_FORMAT_INFO[f].extensions[0]), `${f} in:\n${help}`);
  });

  it("each command accepts its registry's formats and lists them when refusing one", () => {
    for (const f of REPORT_FORMATS) assert.equal(formatOf(['report', '--format', f]), f);
    for (const f of EXPORT_FORMATS) assert.equal(formatOf(['export', f]), f);
    for (const f of SCAN_FORMATS) assert.equal(formatOf(['import', 'r.json', '--format', f]), f);
    assert.match(runCli(['report', '--format', 'pdf']).stderr, new RegExp(`use ${REPORT_FORMATS.join(', ')}\\n$`));
    assert.match(runCli(['export', 'pdf']).stderr, new RegExp(`use ${EXPORT_FORMATS.join(', ')}\\n$`));
    assert.match(runCli(['import', 'r.json', '--format', 'pdf']).stderr, /use trivy, grype or sarif \(default: detected from the content\)/);
  });

  it("--out names the format by the registry's extensions, and no extension names two formats of a command", () => {
    for (const [command, formats, info] of [
      ['report', REPORT_FORMATS, REPORT_FORMAT_INFO],
      ['export', EXPORT_FORMATS, EXPORT_FORMAT_INFO],
    ] as const) {
      const all = formats.flatMap((f) => (info as Record<string, { extensions: readonly string[] }>)[f].extensions);
      assert.equal(new Set(all).size, all.length, `${command}: ${all.join(' ')}`);
      for (const f of formats) {
        for (const ext of (info as Record<string, { extensions: readonly string[] }>)[f].extensions) {
          assert.equal(formatOf([command, '--out', `x${ext.toUpperCase()}`]), f, `${command} --out x${ext}`);
        }
      }
    }
  });

  it("the report the editor writes (the registry's renderer) is what the CLI prints, for every format", () => {
    const ws = tempDir({ ...BASE, 'plans/a.plan.yaml': plan({ id: 'PLAN-A' }) });
    const doc = JSON.parse(runCli(['report', ws, ...AS_OF, '--format', 'json']).stdout);
    for (const f of REPORT_FORMATS) assert.equal(runCli(['report', ws, ...AS_OF, '--format', f]).stdout, REPORTS[f].render(doc), f);
  });

  it("scanner reports are told apart by the registry's parsers", () => {
    const docs: Record<string, unknown> = {
      trivy: { SchemaVersion: 2, Results: [] },
      grype: { matches: [], descriptor: { name: 'grype' } },
      sarif: { version: '2.1.0', runs: [] },
    };
    for (const f of SCAN_FORMATS) assert.equal(detectFormat(docs[f]), f);
    assert.deepEqual([...new Set(SCAN_FORMATS.flatMap((f) => SCAN_FORMAT_INFO[f].extensions))], ['.json', '.sarif']);
  });
});

describe('contract: input files are decoded one way (src/node/inputDecoding.ts)', () => {
  const CSV = '#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z\ncve,epss,percentile\nCVE-2026-0001,0.5,0.9\n';

  it('gzip is told by its content, not its name', () => {
    assert.equal(utf8Text(gunzipIfGzip(gzipSync(CSV))), CSV);
    assert.equal(utf8Text(gunzipIfGzip(Buffer.from(CSV))), CSV);
    const damaged = Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]);
    assert.throws(
      () => gunzipIfGzip(damaged),
      (err) => err instanceof InputError && /^the gzip data is damaged \(/.test(err.message),
    );
  });

  it('text is UTF-8 or refused; a byte-order mark is dropped', () => {
    assert.equal(utf8Text(Buffer.from(`\uFEFF${CSV}`)), CSV);
    assert.throws(() => utf8Text(Buffer.from([0x63, 0x76, 0x65, 0xff])), new InputError('it is not UTF-8 text'));
  });

  it('patchops enrich reads gzipped EPSS scores whatever the name, and says which file it cannot read', () => {
    const ws = tempDir({
      ...BASE,
      'plans/a.plan.yaml': plan(),
      'kev.json': '{"vulnerabilities": []}',
      'scores.csv': gzipSync(CSV),
      'plain.csv.gz': CSV,
      'broken.gz': Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3]),
      'latin1.csv': Buffer.from('cve,epss,percentile\nCVE-2026-0001,0.5,0.9 \xe9\n', 'latin1'),
    });
    const enrich = (epss: string) => runCli(['enrich', ws, '--kev', path.join(ws, 'kev.json'), '--epss', path.join(ws, epss), '--dry-run']);
    for (const file of ['scores.csv', 'plain.csv.gz']) {
      const r = enrich(file);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /CVE-2026-0001: epss 0\.5/);
    }
    assert.match(enrich('broken.gz').stderr, /^patchops: cannot read the EPSS scores '.*broken\.gz': the gzip data is damaged \([^)]+\)\n$/);
    assert.match(enrich('latin1.csv').stderr, /^patchops: cannot read the EPSS scores '.*latin1\.csv': it is not UTF-8 text\n$/);
  });
});
