// `patchops report` for daily use, through the CLI: times in the workspace zone with their offset
// (as `status` prints them), a banner that keeps files with errors apart from plans in breach, the
// deadline's origin, time to patch in days and hours, breakdowns per owner team and asset group,
// chart labels that never make two plans look alike, unreviewed approvals shown as information,
// the CSV with one row per plan × vulnerability, and `--summary` for large workspaces.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan } from '../../support/workspace';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLES = path.join(ROOT, 'samples');
const FEDERAL = path.join(ROOT, 'samples-federal');
const tempDir = tempDirs('report-daily-use');

function report(dir: string, ...args: string[]): string {
  const r = runCli(['report', dir, ...AS_OF, ...args]);
  assert.equal(r.code, 0, r.stderr);
  return r.stdout;
}

/** The text a reader sees: tags dropped, entities decoded, whitespace collapsed. */
function textOf(html: string): string {
  return html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The HTML of one section, by its heading id. */
function section(html: string, id: string): string {
  const start = html.indexOf(`<section aria-labelledby="${id}">`);
  assert.ok(start >= 0, `no section ${id}`);
  return html.slice(start, html.indexOf('</section>', start));
}

/** A plan with a title of its own (the support helper writes "Test plan"). */
const titled = (title: string, options: Parameters<typeof plan>[0]): string => plan(options).replace('title: Test plan', `title: ${title}`);

const BREACHED = '  - { id: CVE-2026-0001, cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", discovered: 2026-11-10T09:00 }';

describe('cli: report for daily use', () => {
  describe('times in the workspace zone, with their offset, as status prints them', () => {
    it('Markdown, HTML and status print the same deadline the same way; no time is in UTC', () => {
      const md = report(SAMPLES, '--format', 'md');
      const html = report(SAMPLES, '--format', 'html');
      const status = runCli(['status', SAMPLES, ...AS_OF]).stdout;
      // PLAN-2026-039: due 2026-11-23T22:00Z = 16:00 in Chicago (CST, -06:00).
      assert.match(status, /PLAN-2026-039 .*2026-11-23 16:00 \(-06:00\)/);
      assert.match(md, /\| PLAN-2026-039 \| .* \| 2026-11-23 16:00 \(-06:00\) \|/);
      assert.match(html, /<time datetime="2026-11-23T22:00:00.000Z">2026-11-23 16:00 \(-06:00\)<\/time>/);
      assert.match(md, /As of \*\*2026-11-23 06:00 \(-06:00\)\*\*\. All times are in the workspace time zone, America\/Chicago, with their UTC offset\./);
      for (const text of [md, textOf(html), status]) assert.doesNotMatch(text, /\d{2}:\d{2}(:\d{2})? (UTC|CST|CDT)\b/);
    });

    it('an offset changes with daylight saving time: the same wall clock, a different offset', () => {
      const ws = tempDir({
        ...BASE,
        // Clock start 2026-10-31 12:00 CDT; 7d later is 2026-11-07 11:00 CST (the clocks went back on Nov 1).
        'plans/a.plan.yaml': plan({
          id: 'A',
          vulns: BREACHED.replace('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H'),
          affects: '[pilot]',
          testing: 'testing: { status: passed, completed: 2026-10-31T12:00 }',
        }),
      });
      const md = report(ws, '--format', 'md');
      assert.match(md, /clock start 2026-10-31 12:00 \(-05:00\)/);
      assert.match(md, /\*\*Deadline:\*\* 2026-11-07 11:00 \(-06:00\)/);
    });
  });

  describe('the banner', () => {
    it('counts files with errors and plans in breach apart, and links each to its list', () => {
      const ws = tempDir({
        ...BASE,
        'plans/late.plan.yaml': plan({ id: 'LATE', vulns: BREACHED }),
        'plans/typo.plan.yaml': plan({ id: 'TYPO', extra: 'bogus: 1' }),
        'plans/typo2.plan.yaml': plan({ id: 'TYPO2', extra: 'bogus: 1\nmore: 2' }),
      });
      const html = report(ws, '--format', 'html');
      const masthead = html.slice(html.indexOf('<header'), html.indexOf('</header>'));
      assert.match(masthead, /<a href="#h-files"><strong>2 files with errors<\/strong><\/a> in the workspace/);
      // LATE, TYPO and TYPO2 all passed their deadline (72h after 2026-11-19 15:00): three in breach, apart from the two files.
      assert.match(masthead, /<a href="#h-attention"><strong>3 plans in breach<\/strong><\/a>: past the SLA deadline/);
      const files = textOf(section(html, 'h-files'));
      assert.match(files, /Files with errors \(2\)/);
      assert.match(files, /plans\/typo\.plan\.yaml line 5, column 1 1 schema /);
      assert.match(files, /plans\/typo2\.plan\.yaml line 5, column 1 2 schema /);
      assert.doesNotMatch(files, /late\.plan\.yaml/, 'a breach is not a file error');
      const md = report(ws, '--format', 'md');
      assert.match(md, /^> \*\*2 files with errors\*\* in the workspace/m);
      assert.match(md, /^> \*\*3 plans in breach\*\*: past the SLA deadline/m);
      assert.match(md, /^## Files with errors \(2\)$/m);
    });

    it('says nothing of errors when the files have none', () => {
      const html = report(SAMPLES, '--format', 'html');
      assert.doesNotMatch(html, /with errors|id="h-files"/);
      assert.match(html, /<strong>1 plan in breach<\/strong>/);
    });
  });

  it('says where each deadline comes from', () => {
    const md = report(SAMPLES, '--format', 'md');
    assert.match(md, /\| PLAN-2026-036 \| .* \| overdue by 4d 21h \| testing must pass within 48h of discovery \|/);
    assert.match(md, /\| PLAN-2026-039 \| .* \| 10h left \| critical tier: 72h from testing passed \|/);
    assert.match(md, /\*\*Deadline:\*\* 2026-12-15 18:00 \(-06:00\) \(clock start .*\) · medium tier: cycle \\`monthly\\` after testing passed/);
    const html = textOf(report(FEDERAL, '--format', 'html'));
    assert.match(html, /bod-26-04: 3 days \+ forensic triage \(CVE-2026-51001 on vpn-gateways\)/);
  });

  it('shows time to patch in days and hours', () => {
    const md = report(SAMPLES, '--format', 'md');
    // Critical: 70 h; high: 223.5 h (rounded to the hour).
    assert.match(md, /\| Mean time to patch, critical \| 2d 22h \|/);
    assert.match(md, /\| Mean time to patch, high \| 9d 8h \|/);
    assert.match(md, /time to patch 2d 22h/);
    assert.match(textOf(report(SAMPLES, '--format', 'html')), /Mean time to patch Critical 2d 22h High 9d 8h Medium — Low —/);
  });

  it('breaks the plans down per owner team and per asset group', () => {
    const html = textOf(section(report(SAMPLES, '--format', 'html'), 'h-breakdowns'));
    // it-endpoint: 031 met, the others not judged yet; it-ops: 032 missed, 036 breached, 037 on track, 039 due soon.
    assert.match(html, /Owner team Plans Breached Due soon At risk No deadline SLA compliance it-endpoint 6 0 0 0 0 100% it-ops 4 1 1 0 0 0% /);
    // payroll-servers: 037 and 039, neither judged yet; kiosks: 031 (met) and 038 (on track).
    assert.match(html, / kiosks 2 0 0 0 0 100% /);
    assert.match(html, / payroll-servers 2 0 1 0 0 — /);
    const md = report(SAMPLES, '--format', 'md');
    assert.match(md, /\| it-ops \| 4 \| 1 \| 1 \| 0 \| 0 \| 0% \|/);
    assert.match(md, /\| backup-servers \| 1 \| 1 \| 0 \| 0 \| 0 \| 0% \|/);
  });

  it('never labels two plans alike in a chart: a duplicated id gets its place', () => {
    const ws = tempDir({
      ...BASE,
      'plans/a.plan.yaml': titled('Same title', {
        id: 'PLAN-1',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], status: in_progress, started: 2026-11-20T09:00, patched: 2 }',
      }),
      'plans/b.plan.yaml': titled('Same title', {
        id: 'PLAN-1',
        waves: 'waves:\n  - { name: Pilot, groups: [pilot], status: in_progress, started: 2026-11-20T09:00, patched: 5 }',
      }),
    });
    const html = report(ws, '--format', 'html');
    const chart = html.slice(
      html.indexOf('<svg class="chart-svg" viewBox="0 0 540'),
      html.indexOf('</svg>', html.indexOf('<svg class="chart-svg" viewBox="0 0 540')),
    );
    const labels = [...chart.matchAll(/<text x="0" y="\d+" class="axis">([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.equal(labels.length, 2);
    assert.notEqual(labels[0], labels[1]);
    assert.deepEqual(labels.sort(), ['PLAN-1 #1', 'PLAN-1 #2']);
    assert.match(chart, /PLAN-1 #1 \(PLAN-1, plans\/[ab]\.plan\.yaml\)/);
  });

  it('shows an approval git did not review as information, a missing one as a warning', () => {
    const html = report(SAMPLES, '--format', 'html');
    // EXC-2026-009, 011, 014: unchecked (the policy does not require git review); EXC-2026-015: no approval.
    assert.equal((html.match(/<p class="callout info">the policy does not require git review<\/p>/g) ?? []).length, 3);
    assert.doesNotMatch(html, /<p class="callout">the policy does not require git review/);
    assert.match(html, /<span class="detail info">the policy does not require git review<\/span>/);
    assert.match(html, /<p class="callout">no approval yet<\/p>/);
  });

  describe('the CSV', () => {
    it('has one row per plan × vulnerability with owner, groups, tier, state and the deadline in both forms', () => {
      const csv = report(SAMPLES, '--format', 'csv');
      const rows = csv.split('\r\n').filter((l) => l !== '');
      const json = JSON.parse(report(SAMPLES, '--format', 'json')) as { plans: { vulnerabilities: unknown[] }[] };
      assert.equal(
        rows.length - 1,
        json.plans.reduce((n, p) => n + Math.max(1, p.vulnerabilities.length), 0),
      );
      assert.ok(rows.length - 1 > json.plans.length);
      assert.match(rows[0], /^vulnerability,plan,title,owner,groups,tier,state,deadline,deadlineLocal,deadlineFrom,severity,score,kev,inScope,/);
      const backup = rows.filter((r) => r.includes(',PLAN-2026-036,'));
      assert.deepEqual(
        backup.map((r) => r.split(',').slice(0, 10).join(',')),
        [
          'CVE-2026-44711,PLAN-2026-036,Backup server deserialization RCE (exploited in the wild),it-ops,backup-servers,critical,breached,2026-11-18T14:30:00.000Z,2026-11-18 08:30 (-06:00),testing must pass within 48h of discovery',
          'CVE-2026-44712,PLAN-2026-036,Backup server deserialization RCE (exploited in the wild),it-ops,backup-servers,critical,breached,2026-11-18T14:30:00.000Z,2026-11-18 08:30 (-06:00),testing must pass within 48h of discovery',
        ],
      );
      assert.match(csv, /,PLAN-2026-037,OpenJDK October critical patch update \(Java servers\),it-ops,payroll-servers;app-servers,high,on_track,/);
    });

    it('quotes by RFC 4180 and neutralizes formulas in every column', () => {
      const ws = tempDir({ ...BASE, 'plans/a.plan.yaml': titled(`'=1+1, said "someone"'`, { id: 'A' }) });
      const csv = report(ws, '--format', 'csv');
      assert.match(csv, /\r\nCVE-2026-0001,A,"'=1\+1, said ""someone""",it-ops,payroll,/);
    });
  });

  describe('--summary', () => {
    let big: string;
    before(function () {
      this.timeout(120_000);
      big = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-summary-'));
      generateWorkspace(big, 10_000);
    });
    after(function () {
      this.timeout(120_000);
      fs.rmSync(big, { recursive: true, force: true });
    });

    it('keeps 10,000 plans under 1 MB and names what it left out', function () {
      this.timeout(120_000);
      const html = report(big, '--format', 'html', '--summary');
      assert.ok(Buffer.byteLength(html) < 1_000_000, `${Buffer.byteLength(html)} bytes`);
      const text = textOf(html);
      assert.match(text, /PatchOps · Patch management report · Summary/);
      // Thousands of generated plans are breached: the attention list stops at 200 and says how many more there are.
      assert.equal((section(html, 'h-attention').match(/<tr><th scope="row" class="title-cell">/g) ?? []).length, 200);
      const breached = Number(/Open breaches ([\d,]+) /.exec(text)![1].replace(/,/g, ''));
      const due = Number(/Due soon ([\d,]+) /.exec(text)![1].replace(/,/g, ''));
      assert.ok(breached > 200, String(breached));
      assert.match(text, new RegExp(`${(breached + due - 200).toLocaleString('en-US')} more plans not listed in this summary\\.`));
      assert.match(text, /Not in this summary 9,800 plans not listed \(breached [\d,]+ · .*\)[;.]/);
      assert.match(text, /run the report without --summary for every plan and exception in full/);
      assert.doesNotMatch(html, /<article class="plan/, 'no plan in full');
      assert.match(text, /By owner team and asset group/);
    });

    it('Markdown has a summary too; JSON and CSV always have every plan', function () {
      this.timeout(120_000);
      const md = report(big, '--format', 'md', '--summary');
      assert.ok(Buffer.byteLength(md) < 1_000_000);
      assert.match(md, /^# Patch report summary: Benchmark org$/m);
      assert.match(md, /^## Not in this summary\n\n9,800 plans not listed/m);
      for (const format of ['json', 'csv']) {
        const r = runCli(['report', big, ...AS_OF, '--format', format, '--summary']);
        assert.equal(r.code, 2);
        assert.match(r.stderr, new RegExp(`--summary is for the html and md reports; the ${format} report always has every plan`));
      }
      assert.match(runCli(['status', big, ...AS_OF, '--summary']).stderr, /--summary is for report/);
    });

    it('a cached full report is not replayed for --summary', () => {
      const cache = path.join(tempDir({}), 'cache');
      const full = runCli(['report', SAMPLES, ...AS_OF, '--format', 'md', '--cache', '--cache-location', cache]).stdout;
      const summary = runCli(['report', SAMPLES, ...AS_OF, '--format', 'md', '--cache', '--cache-location', cache, '--summary']).stdout;
      assert.match(full, /^# Patch report: /);
      assert.match(summary, /^# Patch report summary: /);
    });
  });
});
