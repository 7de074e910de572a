// `report --trend`: the HTML report gains the trends and wins from git history up to its as-of,
// under the same strict CSP; without history it says why; the flags are checked.
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { escapeHtml } from '../../../src/core/report/escape';
import { reportCsp } from '../../../src/core/report/html';
import { runCli } from '../../support/cli';
import { BASE, POLICY, plan } from '../../support/workspace';
import { HistoryRepo } from './gitRepo';
import { describeOnPosix } from '../../support/platform';

describeOnPosix('history: report --trend', "its repositories' commits are made with git hooks and helpers written as shell scripts", function () {
  this.timeout(60000);
  let repo: HistoryRepo;
  beforeEach(() => {
    repo = new HistoryRepo();
  });
  afterEach(() => repo.cleanup());

  it('adds trends and wins up to the as-of, with the report’s CSP and no inline style or script', () => {
    repo.write({ ...BASE, 'plans/p1.plan.yaml': plan({ id: 'PLAN-1' }) });
    repo.commit('PLAN-1', { committed: '2026-11-20T10:00:00+00:00' });
    repo.write({ 'standard.sla.yaml': POLICY.replace('critical: { within: 72h }', 'critical: { within: 30d }') });
    repo.commit('Critical within 30 days', { committed: '2026-11-24T12:00:00+00:00' });
    repo.write({ 'plans/later.plan.yaml': plan({ id: 'PLAN-LATER' }) });
    repo.commit('After the as-of', { committed: '2026-12-02T12:00:00+00:00' });

    const asOf = '2026-11-30T00:00:00Z';
    const plain = runCli(['report', repo.root, '--format', 'html', '--as-of', asOf], { env: repo.env });
    const trend = runCli(['report', repo.root, '--format', 'html', '--as-of', asOf, '--trend', '--every', 'week'], { env: repo.env });
    assert.equal(trend.code, 0, trend.stderr);
    assert.ok(!plain.stdout.includes('h-trends'));
    assert.match(trend.stdout, /<h2 id="h-trends">Trends <span class="count">\(2026-11-20 to 2026-11-29, each week\)<\/span><\/h2>/);
    assert.match(trend.stdout, /<h2 id="h-wins">Wins/);
    assert.match(trend.stdout, /Breaches closed<\/dt><dd>1<span class="rel">PLAN-1<\/span>/);
    assert.ok(trend.stdout.includes(`<meta http-equiv="Content-Security-Policy" content="${escapeHtml(reportCsp())}">`));
    assert.ok(!/style=|<script/i.test(trend.stdout));
    // The report itself is unchanged around the inserted sections.
    const sections = /<section aria-labelledby="h-trends">[\s\S]*?<\/section>\n<section aria-labelledby="h-wins">[\s\S]*?<\/section>\n/;
    assert.equal(trend.stdout.replace(sections, ''), plain.stdout);
    // The working tree's report lists the plan committed after the as-of; the trends end at the as-of.
    assert.ok(plain.stdout.includes('PLAN-LATER'));
    assert.ok(!sections.exec(trend.stdout)![0].includes('2026-12-0'));
  });

  it('says why there are no trends when the folder is not in a repository', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-trend-plain-'));
    try {
      for (const [rel, text] of Object.entries(BASE)) fs.writeFileSync(path.join(dir, rel), text);
      const r = runCli(['report', dir, '--format', 'html', '--trend', '--as-of', '2026-11-30'], {
        env: { ...repo.env, GIT_CEILING_DIRECTORIES: path.dirname(dir) },
      });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /<p class="notice">No trends: the git history cannot be read \(.* is not in a git repository with a working tree/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks the flags', () => {
    const usage = (args: string[]) => {
      const r = runCli(args, { cwd: repo.root });
      assert.equal(r.code, 2, args.join(' '));
      return r.stderr.trim();
    };
    assert.equal(usage(['report', '--trend', '--format', 'md']), 'patchops: --trend is for the HTML report: use --format html (not md)');
    assert.equal(
      usage(['report', '--trend', '--format', 'html', '--cache']),
      'patchops: --trend reads the git history, which --cache does not cover: leave out --cache',
    );
    assert.equal(usage(['status', '--trend']), 'patchops: --trend is for report; status does not take it');
    assert.equal(usage(['report', '--since', '2026-11-01']), 'patchops: --since is for history and report --trend');
    assert.equal(usage(['report', '--trend', '--format', 'html', '--until', '2026-11-01']), 'patchops: --until is for history; report --trend ends at --as-of');
    assert.equal(
      usage(['history', '--as-of', '2026-11-01']),
      'patchops: --as-of is not an option of history: history takes --since, --until, --every, --format',
    );
    assert.equal(usage(['history', '--every', 'year']), "patchops: unknown --every 'year': use month, week, commit");
    assert.equal(usage(['history', '--format', 'md']), "patchops: unknown format 'md' for history: use text, json, csv, html");
    assert.match(usage(['history', '--since', 'last week']), /^patchops: --since 'last week' is not an ISO 8601 date/);
  });
});
