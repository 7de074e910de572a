// Fail closed, through the CLI: what a new user does every day (copying a plan, mistyping a key,
// naming a policy that does not exist) never turns a breach into a green report, and every number
// printed is possible. Each case edits a copy of the bundled samples the way a person would.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { REPO_ROOT } from '../../support/sharedData';
import { tempDirs } from '../../support/tempDir';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const BACKUP = 'plans/2026-036-backup-server-rce.plan.yaml'; // breached at AS_OF
const tempDir = tempDirs('fail-closed');

interface JsonPlan {
  id: string;
  file: string;
  state: string;
  unknownReason: string | null;
  tier: string | null;
  severity: string | null;
  deadline: string | null;
  endpoints: { targets: number | null; patched: number; failed: number };
  endpointsPercent: number | null;
  waves: { name: string; targets: number | null; percent: number | null }[];
  exemptedBy: string[];
}
interface JsonDiagnostic {
  file: string;
  line: number;
  column: number;
  code: string;
  severity: string;
  message: string;
}

/** A copy of the samples with some files replaced (a function edits the current text), added or removed (null). */
function samplesWith(edits: Record<string, string | null | ((text: string) => string)>): string {
  const dir = tempDir();
  fs.cpSync(path.join(REPO_ROOT, 'samples'), dir, { recursive: true });
  for (const [rel, edit] of Object.entries(edits)) {
    const file = path.join(dir, rel);
    if (edit === null) fs.rmSync(file);
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, typeof edit === 'function' ? edit(fs.readFileSync(file, 'utf8')) : edit);
    }
  }
  return dir;
}

function edit(from: string | RegExp, to: string): (text: string) => string {
  return (text) => {
    const next = text.replace(from, to);
    assert.notEqual(next, text, `the edit ${String(from)} applies`);
    return next;
  };
}

function status(dir: string): { plans: JsonPlan[]; kpis: Record<string, unknown> } {
  const r = runCli(['status', dir, ...AS_OF, '--format', 'json']);
  assert.equal(r.code, 0, r.stderr);
  return JSON.parse(r.stdout);
}

function validate(dir: string): { code: number; diagnostics: JsonDiagnostic[] } {
  const r = runCli(['validate', dir, ...AS_OF, '--format', 'json']);
  return { code: r.code, diagnostics: JSON.parse(r.stdout).diagnostics };
}

const inFile = (diagnostics: JsonDiagnostic[], file: string) => diagnostics.filter((d) => d.file === file).map((d) => d.code);

describe('fail closed (CLI)', () => {
  describe('duplicate ids never hide anything', () => {
    // A new plan started by copying the breached one and forgetting to change its id.
    const copy = 'plans/2026-099-copy.plan.yaml';
    const met = (text: string) => text.replace(/status: planned/g, 'status: complete\n    completed: 2026-11-10T10:00\n    patched: 1');

    it('both plans are listed and counted; both files get ref.duplicate-id pointing at the other', () => {
      const base = fs.readFileSync(path.join(REPO_ROOT, 'samples', BACKUP), 'utf8');
      const dir = samplesWith({ [copy]: met(base) });
      const doc = status(dir);
      const both = doc.plans.filter((p) => p.id === 'PLAN-2026-036');
      assert.deepEqual(both.map((p) => p.file).sort(), [BACKUP, copy]);
      assert.ok(
        both.some((p) => p.state === 'breached'),
        'the breached plan is still there',
      );
      assert.equal(doc.kpis.openBreaches, 1);

      const { code, diagnostics } = validate(dir);
      assert.equal(code, 1);
      const dups = diagnostics.filter((d) => d.code === 'ref.duplicate-id');
      assert.deepEqual(dups.map((d) => d.file).sort(), [BACKUP, copy]);
      for (const d of dups) assert.match(d.message, new RegExp(`also declared in ${(d.file === copy ? BACKUP : copy).replace(/\./g, '\\.')}`));
      assert.ok(inFile(diagnostics, BACKUP).includes('sla.breached'));

      const text = runCli(['status', dir, ...AS_OF]).stdout;
      assert.match(text, /1 breached/);
      assert.equal(text.match(/PLAN-2026-036/g)?.length, 2, 'status lists both');
    });

    it('a duplicated policy id is unusable: the plans under it have no deadline, and say why', () => {
      const dir = samplesWith({ 'policies/copy.sla.yaml': fs.readFileSync(path.join(REPO_ROOT, 'samples/policies/standard.sla.yaml'), 'utf8') });
      const doc = status(dir);
      const backup = doc.plans.find((p) => p.id === 'PLAN-2026-036')!;
      assert.equal(backup.state, 'unknown');
      assert.match(
        backup.unknownReason!,
        /SLA policy `standard` cannot be used: it is declared 2 times \(policies\/copy\.sla\.yaml, policies\/standard\.sla\.yaml\)/,
      );
      assert.equal(doc.kpis.openBreaches, 0);
      assert.ok((doc.kpis.unknownDeadlines as number) >= 1);
    });
  });

  describe('a typo never hides a breach', () => {
    it('a misspelled key: the plan stays breached, and every problem of the file is reported at once', () => {
      const dir = samplesWith({
        [BACKUP]: (text) =>
          edit(
            'title: Backup',
            'titel: Backup',
          )(text)
            .replace('affects: [backup-servers]', 'affects: [backup-servers, backup-srvers]')
            .replace('cvss: "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N"', 'cvss: "CVSS:3.1/AV:N/AC:L/PR:L"')
            .replace('started: 2026-11-16T13:00', 'started: 2026-11-31T13:00'),
      });
      const backup = status(dir).plans.find((p) => p.id === 'PLAN-2026-036')!;
      assert.equal(backup.state, 'breached');
      const codes = inFile(validate(dir).diagnostics, BACKUP).sort();
      // `titel` unknown and `title` missing, the unknown group, the bad vector, the impossible date, and the breach
      assert.deepEqual(codes, ['cvss.invalid', 'date.invalid', 'ref.unknown', 'schema', 'schema', 'sla.breached']);
      const messages = validate(dir)
        .diagnostics.filter((d) => d.file === BACKUP)
        .map((d) => d.message)
        .join('\n');
      assert.match(messages, /unknown field `titel` — did you mean `title`\?/);
      assert.match(messages, /`cvss`:/);
      assert.match(messages, /`started`:/);
      assert.match(messages, /unknown asset group `backup-srvers`/);
    });

    it('a half-typed enum value keeps the plan and its breach; exceptions naming it still know its vulnerabilities', () => {
      const dir = samplesWith({ [BACKUP]: edit('status: failed', 'status: fail') });
      const backup = status(dir).plans.find((p) => p.id === 'PLAN-2026-036')!;
      assert.equal(backup.state, 'breached');
      const { diagnostics } = validate(dir);
      assert.deepEqual(
        inFile(diagnostics, 'exceptions/EXC-2026-015-backup-hotfix.exception.yaml').filter((c) => c === 'ref.unknown'),
        [],
      );
    });

    it('a plan file that does not parse is still a plan: listed with no deadline, never a silent "0 breached"', () => {
      const dir = samplesWith({ [BACKUP]: (text) => `${text}\nwaves: [unclosed\n` });
      const doc = status(dir);
      const backup = doc.plans.find((p) => p.file === BACKUP)!;
      assert.equal(backup.id, 'PLAN-2026-036');
      assert.equal(backup.state, 'unknown');
      assert.match(backup.unknownReason!, /cannot be read/);
      assert.equal(doc.kpis.unknownDeadlines, 1);
      const text = runCli(['status', dir, ...AS_OF]).stdout;
      assert.match(text, /1 with no deadline/);
      assert.match(text, /PLAN-2026-036 +no deadline: plans\/2026-036-backup-server-rce\.plan\.yaml cannot be read/);
    });
  });

  describe('no deadline is never "on track"', () => {
    const cases: [string, Record<string, string | null | ((text: string) => string)>, RegExp][] = [
      ['an unknown policy id', { [BACKUP]: edit('owner: it-ops', 'owner: it-ops\nsla: standrad') }, /unknown SLA policy `standrad`/],
      [
        'a policy file with errors',
        { 'policies/standard.sla.yaml': edit('warn_before: 24h', 'warn_before: soon') },
        /SLA policy `standard` cannot be used: its file policies\/standard\.sla\.yaml has errors/,
      ],
      [
        'a vulnerability with no usable severity',
        { [BACKUP]: edit('cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"   # 9.8 critical', 'severity: critcal') },
        /severity of `CVE-2026-44711` is unknown/,
      ],
      [
        'a discovery date that does not exist',
        { [BACKUP]: edit('discovered: 2026-11-16T08:30\n  - id: CVE-2026-44712', 'discovered: 2026-02-30T08:30\n  - id: CVE-2026-44712') },
        /`vulnerabilities\[0\]\.discovered` cannot be read/,
      ],
    ];
    for (const [name, edits, reason] of cases) {
      it(`${name}: state unknown, an sla.unknown error on the plan, counted against compliance`, () => {
        const dir = samplesWith(edits);
        const before = status(samplesWith({}));
        const doc = status(dir);
        const backup = doc.plans.find((p) => p.id === 'PLAN-2026-036')!;
        assert.equal(backup.state, 'unknown');
        assert.equal(backup.deadline, null);
        assert.match(backup.unknownReason!, reason);
        const d = validate(dir).diagnostics.find((x) => x.file === BACKUP && x.code === 'sla.unknown')!;
        assert.equal(d.severity, 'error');
        assert.match(d.message, /^no deadline: /);
        assert.equal(d.line, 13, 'on the plan id');
        // Unknown counts as not met: the figure can only get worse.
        assert.ok((doc.kpis.slaCompliancePercent as number) <= (before.kpis.slaCompliancePercent as number));
        assert.ok((doc.kpis.unknownDeadlines as number) >= 1);
      });
    }

    it('a cycle that never occurs again: unknown, and the report lists it among what needs attention', () => {
      const dir = samplesWith({ 'policies/standard.sla.yaml': edit(/rrule: "[^"]*"/, 'rrule: "FREQ=DAILY;UNTIL=20000102T000000"') });
      const p = status(dir).plans.find((x) => x.id === 'PLAN-2026-034')!;
      assert.equal(p.state, 'unknown');
      assert.match(p.unknownReason!, /has no cycle start on or after/);
      const md = runCli(['report', dir, ...AS_OF, '--format', 'md']).stdout;
      const attention = md.slice(md.indexOf('## Needs attention'), md.indexOf('\n## ', md.indexOf('## Needs attention') + 5));
      assert.match(attention, /PLAN-2026-034/);
      assert.match(attention, /No deadline/);
    });
  });

  describe('possible numbers only', () => {
    it('a wave naming an unknown group: ref.unknown on it, the endpoint figures say unknown', () => {
      const dir = samplesWith({ [BACKUP]: edit('    groups: [backup-servers]\n    targets: 3', '    groups: [backup-srvs]') });
      const backup = status(dir).plans.find((p) => p.id === 'PLAN-2026-036')!;
      assert.deepEqual([backup.endpoints.targets, backup.endpointsPercent], [null, null]);
      assert.ok(validate(dir).diagnostics.some((d) => d.file === BACKUP && d.code === 'ref.unknown' && /backup-srvs/.test(d.message)));
      assert.match(runCli(['status', dir, ...AS_OF]).stdout, /PLAN-2026-036 .*—/);
    });

    it('more patched than targeted: wave.progress, and no percentage over 100 anywhere', () => {
      const dir = samplesWith({
        [BACKUP]: edit(
          'targets: 1                  # the secondary-site backup server\n    status: planned',
          'targets: 1\n    patched: 4\n    status: in_progress',
        ),
      });
      const doc = status(dir);
      const backup = doc.plans.find((p) => p.id === 'PLAN-2026-036')!;
      assert.deepEqual([backup.waves[0].percent, backup.endpoints.targets, backup.endpointsPercent], [null, null, null]);
      assert.equal(doc.kpis.plansWithUnknownEndpoints, 1);
      for (const p of doc.plans) assert.ok(p.endpointsPercent === null || p.endpointsPercent <= 100, `${p.id}: ${p.endpointsPercent}`);
      assert.ok((doc.kpis.endpointsRemediatedPercent as number) <= 100);
      assert.ok(validate(dir).diagnostics.some((d) => d.file === BACKUP && d.code === 'wave.progress'));
      const html = runCli(['report', dir, ...AS_OF, '--format', 'html']).stdout;
      for (const m of html.matchAll(/(\d+(?:\.\d+)?)\s?%/g)) assert.ok(Number(m[1]) <= 100, `the report prints ${m[0]}`);
    });
  });
});
