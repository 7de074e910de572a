// The HTML report in Restricted Mode: the Trends section says why there are none, and no git, hook
// or fsmonitor runs (the git wrapper first on PATH and the repository's hooks and fsmonitor write
// markers when run). Runs only in the restricted workspace scripts/vscode/run.js prepares (a git
// repository: trusted, it would have trends).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { folder, patchops } from './helpers';

describe('Report trends, fault workspace: Restricted Mode (extension host)', function () {
  this.timeout(120_000);
  let markers: Record<string, string>;
  let temp: string;

  before(function () {
    const marker = path.join(folder().uri.fsPath, '.patchops-test-workspace');
    if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== 'restricted') this.skip(); // only in run.js's restricted workspace
    markers = (JSON.parse(process.env.PATCHOPS_TEST_RESTRICTED ?? '{}') as { markers: Record<string, string> }).markers;
    assert.ok(markers, 'run.js passes the trap (PATCHOPS_TEST_RESTRICTED) to this extension host');
    temp = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-trends-restricted-'));
  });

  after(() => {
    if (temp) fs.rmSync(temp, { recursive: true, force: true });
  });

  it('the page says the trends need trust, and no git, hook or fsmonitor runs', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    assert.ok(fs.existsSync(path.join(folder().uri.fsPath, '.git')), 'the workspace is a git repository: only trust is missing');
    await (await patchops()).whenIdle();
    const uri = await vscode.commands.executeCommand<vscode.Uri>('patchops.generateReport', {
      format: 'html',
      folder: folder().uri,
      open: false,
      target: vscode.Uri.file(path.join(temp, 'report.html')),
    });
    assert.ok(uri instanceof vscode.Uri, `the command returns the Uri it wrote (got ${String(uri)})`);
    const html = fs.readFileSync(uri.fsPath, 'utf8');
    assert.ok(
      html.includes(
        '<section aria-labelledby="h-trends"><h2 id="h-trends">Trends</h2><p class="notice">No trends: the git history cannot be read (this workspace is not trusted, and PatchOps runs no git in Restricted Mode).</p></section>',
      ),
      'the Trends section says why it is empty',
    );
    assert.match(html, /<h2 id="h-kpis"|<main>/, 'the rest of the report is there');
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual(
      Object.values(markers).filter((file) => fs.existsSync(file)),
      [],
      'no marker: neither git (PATH wrapper) nor a repository hook or fsmonitor ran',
    );
  });
});
