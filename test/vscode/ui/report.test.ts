// "PatchOps: Generate Report" from the command palette: pick json, the file appears and opens.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliReport, expectVisible, focusWorkbench, openWorkbench, pick, runCommand, screenshot, sleep, ui } from './workbench';

describe('UI: report command', function () {
  before(async () => {
    await openWorkbench();
  });

  it('F1 → PatchOps: Generate Report → json writes patchops-report.json (the CLI report) and opens it', async () => {
    const page = ui().page;
    const file = path.join(ui().workspace, 'patchops-report.json');
    fs.rmSync(file, { force: true });
    await runCommand('PatchOps: Generate Report');
    await pick('json');
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(file) && Date.now() < deadline) await sleep(200);
    assert.ok(fs.existsSync(file), 'patchops-report.json appeared in the workspace folder');
    assert.deepEqual(JSON.parse(fs.readFileSync(file, 'utf8')), cliReport());
    await expectVisible(page.locator('.tabs-container .tab.active').filter({ hasText: 'patchops-report.json' }), 'the report open in the active editor');
    await focusWorkbench();
    await page.keyboard.press('Control+Shift+E');
    await expectVisible(
      page.locator('.explorer-folders-view .monaco-list-row').filter({ hasText: 'patchops-report.json' }),
      'patchops-report.json in the Explorer',
    );
    await screenshot('report-command');
  });
});
