// "PatchOps: Generate Report" from the command palette: pick json, VS Code's own save dialog
// proposes reports/patchops-report.json, Enter writes it there and it opens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliReport, expectVisible, focusWorkbench, openWorkbench, pick, runCommand, screenshot, sleep, ui } from './workbench';

describe('UI: report command', function () {
  before(async () => {
    await openWorkbench();
  });

  after(() => {
    fs.rmSync(path.join(ui().workspace, 'reports'), { recursive: true, force: true });
  });

  it('F1 → PatchOps: Generate Report → json → the save dialog proposes reports/patchops-report.json; Enter writes the CLI report there and opens it', async () => {
    const page = ui().page;
    fs.mkdirSync(path.join(ui().workspace, 'reports'), { recursive: true });
    const file = path.join(ui().workspace, 'reports', 'patchops-report.json');
    fs.rmSync(file, { force: true });
    await runCommand('PatchOps: Generate Report');
    await pick('json');
    // The web workbench's save dialog is VS Code's simple dialog: a quick input holding the path.
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const deadlineDialog = Date.now() + 15_000;
    let proposed = '';
    while (Date.now() < deadlineDialog) {
      proposed = (await input.inputValue().catch(() => '')) ?? '';
      if (proposed.endsWith('patchops-report.json')) break;
      await sleep(200);
    }
    assert.ok(proposed.endsWith('/reports/patchops-report.json'), `the save dialog proposes reports/patchops-report.json (shows "${proposed}")`);
    await screenshot('report-save-dialog');
    assert.ok(!fs.existsSync(file), 'nothing is written before the dialog is accepted');
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(file) && Date.now() < deadline) await sleep(200);
    assert.ok(fs.existsSync(file), 'patchops-report.json appeared in reports/');
    assert.ok(!fs.existsSync(path.join(ui().workspace, 'patchops-report.json')), 'nothing at the workspace root');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), cliReport());
    await expectVisible(page.locator('.tabs-container .tab.active').filter({ hasText: 'patchops-report.json' }), 'the report open in the active editor');
    await focusWorkbench();
    await page.keyboard.press('Control+Shift+E');
    await expectVisible(page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'reports' }), 'reports/ in the Explorer');
    await screenshot('report-command');
  });

  it('F1 → PatchOps: Generate Report → html → Enter: the page opens with its Trends section saying why there are none (the samples are no git repository)', async () => {
    const page = ui().page;
    const file = path.join(ui().workspace, 'reports', 'patchops-report.html');
    fs.rmSync(file, { force: true });
    await runCommand('PatchOps: Generate Report');
    await pick('html');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    const deadlineDialog = Date.now() + 15_000;
    while (Date.now() < deadlineDialog && !((await input.inputValue().catch(() => '')) ?? '').endsWith('patchops-report.html')) await sleep(200);
    await page.keyboard.press('Enter');
    await expectVisible(page.locator('.tabs-container .tab', { hasText: 'PatchOps report' }), 'the report panel');
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe');
    await expectVisible(frame.locator('h2#h-trends', { hasText: /^Trends$/ }), 'the Trends heading in the page');
    await expectVisible(
      frame.locator('section[aria-labelledby="h-trends"] p.notice', { hasText: 'No trends: the git history cannot be read (' }),
      'why there are no trends',
    );
    await frame.locator('h2#h-trends').scrollIntoViewIfNeeded();
    await screenshot('report-trends-unavailable');
    assert.match(fs.readFileSync(file, 'utf8'), /is not in a git repository/);
    await runCommand('View: Close All Editors');
  });
});
