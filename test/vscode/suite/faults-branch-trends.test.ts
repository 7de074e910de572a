// The HTML report's Trends and Wins in the editor, in a real repository: the branch workspace
// scripts/vscode/run.js prepares (scripts/vscode/faultWorkspaces.js: settings committed on
// 2026-08-20, 1,000 plans on 2026-10-10, as-of 2026-11-23). The editor's page must be what
// `patchops report --trend` writes for the same folder at the same instant — the CLI is the oracle —
// with a point per month (or per week, with `patchops.report.trendEvery`) from that history.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AS_OF, cli, folder, patchops } from './helpers';

interface HistoryJson {
  every: string;
  points: { at: string; commit: string | null; kpis: { slaCompliancePercent: number | null } | null }[];
}

describe('Report trends, fault workspace: the branch repository (extension host)', function () {
  this.timeout(240_000);
  let temp: string;

  before(function () {
    const marker = path.join(folder().uri.fsPath, '.patchops-test-workspace');
    if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== 'branch') this.skip(); // only in run.js's branch workspace
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-trends-'));
  });

  after(async () => {
    await vscode.workspace.getConfiguration('patchops').update('report.trendEvery', undefined, vscode.ConfigurationTarget.Global);
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  async function editorReport(name: string): Promise<string> {
    await (await patchops()).whenIdle();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('patchops.generateReport', {
      format: 'html',
      folder: folder().uri,
      open: false,
      target: vscode.Uri.file(path.join(temp, name)),
    });
    assert.ok(uri instanceof vscode.Uri, `the command returns the Uri it wrote (got ${String(uri)})`);
    return fs.readFileSync(uri.fsPath, 'utf8');
  }

  function cliReport(every: string): string {
    const out = path.join(temp, `cli-${every}.html`);
    cli(['report', folder().uri.fsPath, '--as-of', AS_OF, '--format', 'html', '--trend', '--every', every, '--out', out]);
    return fs.readFileSync(out, 'utf8');
  }

  /** The SLA compliance chart's description: one `date: value` per point. */
  function compliancePoints(html: string): string[] {
    const desc = /<desc>SLA compliance over time\. ([^<]*)<\/desc>/.exec(html);
    assert.ok(desc, 'the SLA compliance chart is there');
    return desc[1].split('; ');
  }

  for (const every of ['month', 'week'] as const)
    it(`each ${every}: the page has the trends and wins \`patchops report --trend --every ${every}\` writes, points from the repository`, async () => {
      await vscode.workspace.getConfiguration('patchops').update('report.trendEvery', every === 'month' ? undefined : every, vscode.ConfigurationTarget.Global);
      const html = await editorReport(`report-${every}.html`);
      assert.equal(html, cliReport(every), 'the editor writes what the CLI writes');
      assert.doesNotMatch(html, /No trends/);
      assert.match(html, new RegExp(`<h2 id="h-trends">Trends <span class="count">\\(2026-08-20 to 2026-11-23, each ${every}\\)</span></h2>`));
      assert.match(html, /<section[^>]*><h2[^>]*>Wins/);

      // The same points as `patchops history` over the same range: settings alone, then 1,000 plans.
      const history = JSON.parse(cli(['history', folder().uri.fsPath, '--until', AS_OF, '--every', every, '--format', 'json'])) as HistoryJson;
      const points = compliancePoints(html);
      assert.equal(points.length, history.points.length);
      assert.ok(points.length >= (every === 'month' ? 5 : 14), `a point per ${every} from 2026-08-20: ${points.length}`);
      const commits = new Set(history.points.map((p) => p.commit));
      assert.equal(commits.size, 2, 'points at both commits of main');
      const last = history.points[history.points.length - 1].kpis?.slaCompliancePercent;
      assert.equal(typeof last, 'number', 'the 1,000 plans are judged at the as-of');
      assert.equal(points[points.length - 1], `2026-11-23: ${last}%`);
    });
});
