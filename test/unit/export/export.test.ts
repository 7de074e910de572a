import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import ICAL from 'ical.js';
import { parse as parseToml } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import { renderExport, EXPORT_FORMATS } from '../../../src/core/export';
import { escapeText, foldLine } from '../../../src/core/export/ics';
import { runCli } from '../../support/cli';
import { sharedData, snapshot, tempWorkspace } from '../../support/sharedData';
import { evaluateFiles, plan, POLICY, VECTORS, withBase } from '../../support/workspace';

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const AS_OF = '2026-11-23T12:00:00Z';
const REVISIT_UTC = '2027-01-15T06:00:00Z'; // 2027-01-15 00:00 in America/Chicago

const exception = (id: string, o: { vulns?: string; groups?: string; revisit?: string; approval?: string; requester?: string; extra?: string }) =>
  [
    `id: ${id}`,
    `vulnerabilities: ${o.vulns ?? '[CVE-2026-0001]'}`,
    `groups: ${o.groups ?? '[kiosks]'}`,
    `requested_by: ${o.requester ?? 'bob@example.com'}`,
    'requested_on: 2026-11-20',
    `reason: "Vendor certifies builds quarterly; the shell, it crashes"`,
    o.extra ?? '',
    `revisit_on: ${o.revisit ?? '2027-01-15'}`,
    o.approval ?? 'approval: { approved_by: carol@example.com, approved_on: 2026-11-21 }',
  ]
    .filter(Boolean)
    .join('\n') + '\n';

const FILES = withBase({
  'plans/open.plan.yaml': plan({ id: 'PLAN-OPEN', affects: '[payroll, kiosks]' }),
  'plans/done.plan.yaml': plan({
    id: 'PLAN-DONE',
    vulns: `  - { id: CVE-2026-0003, cvss: "${VECTORS.critical}", discovered: 2026-11-18T09:00 }`,
    waves: 'waves:\n  - { name: Pilot, groups: [pilot], patched: 10, status: complete, started: 2026-11-19T18:00, completed: 2026-11-20T10:00 }',
  }),
  'plans/cancelled.plan.yaml': plan({ id: 'PLAN-GONE', extra: 'status: cancelled', vulns: `  - { id: CVE-2026-0004, cvss: "${VECTORS.high}" }` }),
  'exceptions/active.exception.yaml': exception('EXC-ACTIVE', { extra: 'compensating_controls: [Kiosk lockdown mode, "URL allow-list; nightly re-image"]' }),
  'exceptions/expired.exception.yaml': exception('EXC-EXPIRED', { groups: '[payroll]', revisit: '2026-11-22' }),
  'exceptions/pending.exception.yaml': exception('EXC-PENDING', { groups: '[payroll]', approval: '' }),
  'exceptions/self.exception.yaml': exception('EXC-SELF', {
    vulns: '[CVE-2026-0003]',
    groups: '[payroll]',
    requester: 'carol@example.com',
    revisit: '2026-12-15',
  }),
});

describe('export: effective exceptions and deadlines, parsed back with real parsers', () => {
  const evaluation = evaluateFiles(FILES, AS_OF);

  it('the fixture has one exception in each state', () => {
    const states = Object.fromEntries(evaluation.exceptions.map((e) => [e.id, [e.state, e.effective]]));
    assert.deepEqual(states, {
      'EXC-ACTIVE': ['active', true],
      'EXC-EXPIRED': ['expired', false],
      'EXC-PENDING': ['pending', false],
      'EXC-SELF': ['invalid', false],
    });
    assert.deepEqual(Object.fromEntries(evaluation.plans.map((p) => [p.id, p.state])), {
      'PLAN-GONE': 'cancelled',
      'PLAN-DONE': 'met',
      'PLAN-OPEN': 'breached',
    });
  });

  it('trivyignore: only the effective exception, statement and expired_at = revisit instant', () => {
    const doc = parseYaml(renderExport('trivyignore', evaluation), { version: '1.1' });
    assert.equal(doc.vulnerabilities.length, 1);
    const [entry] = doc.vulnerabilities;
    assert.deepEqual(Object.keys(entry), ['id', 'statement', 'expired_at']);
    assert.equal(entry.id, 'CVE-2026-0001');
    assert.match(
      entry.statement,
      /^PatchOps exception EXC-ACTIVE \(groups: kiosks\): Vendor certifies builds quarterly; the shell, it crashes\. Approved by carol@example\.com on 2026-11-21\. Compensating controls: Kiosk lockdown mode; URL allow-list; nightly re-image\. Revisit on 2027-01-15/,
    );
    // YAML 1.1 (as Trivy's Go parser reads it) resolves the plain value to a timestamp.
    assert.equal(new Date(entry.expired_at).toISOString(), new Date(REVISIT_UTC).toISOString());
  });

  it('osv-scanner: [[IgnoredVulns]] with id, ignoreUntil and reason', () => {
    const doc = parseToml(renderExport('osv-scanner', evaluation)) as Json;
    assert.equal(doc.IgnoredVulns.length, 1);
    const [v] = doc.IgnoredVulns;
    assert.deepEqual(Object.keys(v), ['id', 'ignoreUntil', 'reason']);
    assert.equal(v.id, 'CVE-2026-0001');
    assert.equal(new Date(v.ignoreUntil).toISOString(), new Date(REVISIT_UTC).toISOString());
    assert.match(v.reason, /EXC-ACTIVE.*Vendor certifies builds quarterly; the shell, it crashes/);
  });

  it('openvex: validates against the real OpenVEX schema; fixed, affected (plan), affected (exception), never not_affected', function () {
    const dir = sharedData(this, 'openvex');
    if (!dir) return;
    const schema = JSON.parse(fs.readFileSync(path.join(dir, 'openvex_json_schema.json'), 'utf8'));
    assert.equal(schema.$schema, 'https://json-schema.org/draft/2020-12/schema');
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addFormat('iri', (s: string) => /^[A-Za-z][A-Za-z0-9+.-]*:[^\s<>"{}|\\^`]+$/.test(s));
    const validate = ajv.compile<Json>(schema);
    const doc: Json = JSON.parse(renderExport('openvex', evaluation, { version: '0.1.0' }));
    const valid = validate(doc);
    assert.ok(valid, JSON.stringify(validate.errors));
    assert.equal(doc['@context'], 'https://openvex.dev/ns/v0.2.0');
    assert.equal(doc.timestamp, AS_OF);
    assert.equal(doc.version, 1);
    assert.equal(doc.tooling, 'PatchOps 0.1.0');
    const byKey = (s: Json) => `${s.vulnerability.name} ${s.status} ${s.products.map((p: Json) => p['@id']).join(',')}`;
    assert.deepEqual(doc.statements.map(byKey), [
      'CVE-2026-0001 affected urn:patchops:asset-group:kiosks',
      'CVE-2026-0001 affected urn:patchops:asset-group:payroll',
      'CVE-2026-0003 fixed urn:patchops:asset-group:payroll',
    ]);
    const [accepted, open, fixed] = doc.statements;
    assert.match(
      accepted.action_statement,
      /exception EXC-ACTIVE.*Compensating controls: Kiosk lockdown mode; URL allow-list; nightly re-image\. Revisit on 2027-01-15/,
    );
    assert.equal(accepted.action_statement_timestamp, '2026-11-21T06:00:00Z');
    assert.match(open.action_statement, /plan PLAN-OPEN .*deadline 2026-11-22T21:00:00Z \(critical-tier, breached\)/);
    assert.match(fixed.status_notes, /Remediated by plan PLAN-DONE/);
    assert.equal(fixed.timestamp, '2026-11-20T16:00:00Z');
    assert.ok(!doc.statements.some((s: Json) => s.status === 'not_affected'));
  });

  it('ics: open deadlines and revisit dates, stable UIDs, UTC, CRLF, folded at 75 octets, escaped text', () => {
    const text = renderExport('ics', evaluation, { version: '0.1.0' });
    assert.ok(text.endsWith('\r\n'));
    assert.ok(!/[^\r]\n/.test(text), 'every line ends with CRLF');
    for (const line of text.split('\r\n')) assert.ok(Buffer.byteLength(line, 'utf8') <= 75, `folded: ${line}`);
    const calendar = new ICAL.Component(ICAL.parse(text));
    assert.equal(calendar.getFirstPropertyValue('version'), '2.0');
    const events = calendar.getAllSubcomponents('vevent').map((c: Json) => new ICAL.Event(c));
    assert.deepEqual(
      events.map((e: Json) => [e.uid, e.startDate.toJSDate().toISOString(), e.startDate.zone.tzid]),
      [
        ['plan-PLAN-OPEN@test-org.patchops.invalid', '2026-11-22T21:00:00.000Z', 'UTC'],
        ['exception-EXC-ACTIVE@test-org.patchops.invalid', '2027-01-15T06:00:00.000Z', 'UTC'],
      ],
    );
    assert.equal(events[0].summary, 'Patch deadline: PLAN-OPEN Test plan (critical)');
    assert.match(
      events[1].description,
      /Reason: Vendor certifies builds quarterly; the shell, it crashes\nCompensating controls: Kiosk lockdown mode; URL allow-list; nightly re-image$/,
    );
    assert.equal(String((events[0].component as Json).getFirstPropertyValue('dtstamp')), '2026-11-23T12:00:00Z');
  });

  it('folding never splits a UTF-8 character; escaping covers \\ ; , and newlines', () => {
    const line = `SUMMARY:${'é'.repeat(80)}`;
    const folded = foldLine(line);
    for (const part of folded.split('\r\n')) assert.ok(Buffer.byteLength(part, 'utf8') <= 75);
    assert.equal(
      folded
        .split('\r\n')
        .map((p, i) => (i ? p.slice(1) : p))
        .join(''),
      line,
    );
    assert.equal(escapeText('a\\b;c,d\ne'), 'a\\\\b\\;c\\,d\\ne');
  });

  it('same files and as-of give the same bytes, for every format', () => {
    for (const format of EXPORT_FORMATS) {
      assert.equal(renderExport(format, evaluateFiles(FILES, AS_OF)), renderExport(format, evaluation), format);
    }
  });

  it('once expired, an exception silences nothing', () => {
    const later = evaluateFiles(FILES, '2027-01-15T06:00:00Z');
    assert.deepEqual(parseYaml(renderExport('trivyignore', later)).vulnerabilities, []);
    assert.deepEqual((parseToml(renderExport('osv-scanner', later)) as Json).IgnoredVulns, undefined);
  });
});

describe('export: patchops export (CLI)', () => {
  it('prints or writes with --out; a bad format is exit 2', () => {
    const ws = tempWorkspace(FILES);
    const printed = runCli(['export', 'osv-scanner', ws, '--as-of', AS_OF]);
    assert.equal(printed.code, 0, printed.stderr);
    assert.match(printed.stdout, /\[\[IgnoredVulns\]\]\nid = "CVE-2026-0001"/);
    const out = path.join(ws, 'out', 'cal.ics');
    fs.mkdirSync(path.dirname(out));
    const written = runCli(['export', 'ics', ws, '--as-of', AS_OF, '--out', out]);
    assert.equal(written.code, 0, written.stderr);
    assert.match(written.stdout, /^Wrote .*cal\.ics \(ics: 1 effective exception, 3 plans\)\n$/);
    assert.match(fs.readFileSync(out, 'utf8'), /^BEGIN:VCALENDAR\r\n/);
    const before = snapshot(ws);
    const bad = runCli(['export', 'csv', ws]);
    assert.equal(bad.code, 2);
    assert.equal(bad.stderr, "patchops: unknown export format 'csv': use trivyignore, osv-scanner, openvex, ics\n");
    assert.equal(runCli(['export', 'ics', ws, '--kev', 'x']).code, 2);
    assert.deepEqual(snapshot(ws), before);
  });
});

describe('export: git-reviewed approvals (CLI)', () => {
  it('an approval git does not show the approver committed silences nothing', function () {
    try {
      execFileSync('git', ['--version'], { stdio: 'ignore' });
    } catch {
      console.log('      skipped: git is not installed');
      this.skip();
    }
    const policy = POLICY.replace('  warn_before: 14d\n', '  warn_before: 14d\n  require_git_review: true\n');
    const ws = tempWorkspace({ ...FILES, 'standard.sla.yaml': policy });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'commit.gpgsign=false', ...args], {
        cwd: ws,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, GIT_AUTHOR_NAME: 'Bob', GIT_AUTHOR_EMAIL: 'bob@example.com', GIT_COMMITTER_NAME: 'Bob', GIT_COMMITTER_EMAIL: 'bob@example.com' },
      });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'exceptions, approvals committed by the requester');
    const r = runCli(['export', 'trivyignore', ws, '--as-of', AS_OF]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^vulnerabilities: \[\]$/m);
    const plain = runCli(['export', 'trivyignore', tempWorkspace(FILES), '--as-of', AS_OF]);
    assert.match(plain.stdout, /- id: CVE-2026-0001/);
  });
});
