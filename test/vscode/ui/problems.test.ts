// The Problems panel shows PatchOps' diagnostics: the breach, with its code and position.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AS_OF, cli, expectVisible, focusWorkbench, openWorkbench, screenshot, sleep, ui } from './workbench';

describe('UI: Problems panel', function () {
  before(async () => {
    await openWorkbench();
  });

  it('shows the breach (SLA breached, sla.breached at Ln 13, Col 5) and the CLI counts', async () => {
    const page = ui().page;
    await focusWorkbench();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await expectVisible(panel, 'the Problems panel');
    const breach = panel.locator('.monaco-list-row').filter({ hasText: 'SLA breached' });
    await expectVisible(breach, 'a problem "SLA breached"');
    const text = (await breach.first().textContent()) ?? '';
    assert.match(text, /sla\.breached/);
    assert.match(text, /Ln 13, Col 5/);
    assert.match(text, /PatchOps/);

    // The status bar's problem counts equal `patchops validate`'s totals.
    const validate = JSON.parse(cli(['validate', ui().workspace, '--as-of', AS_OF, '--format', 'json'])) as { diagnostics: { severity: string }[] };
    const count = (s: string) => validate.diagnostics.filter((d) => d.severity === s).length;
    const expected = `Errors: ${count('error')}, Warnings: ${count('warning')}, Infos: ${count('info')}`;
    await expectVisible(page.locator(`[id="status.problems"][aria-label="${expected}"]`), `the problems counter "${expected}"`);
    await screenshot('problems');
    await page.keyboard.press('Control+Shift+M'); // close the panel again (toggle)
  });

  it("the breach's code is a link that opens docs/diagnostics.md at the sla.breached section", async () => {
    const page = ui().page;
    await focusWorkbench();
    // The status bar's problem counts toggle the Problems panel: open it unless it is open.
    if (!(await page.locator('.markers-panel').isVisible())) await page.locator('[id="status.problems"]').click();
    const breach = page.locator('.markers-panel .monaco-list-row').filter({ hasText: 'SLA breached' }).first();
    await expectVisible(breach, 'a problem "SLA breached"');
    // The code is a link (VS Code's Link widget) when the diagnostic's code has a target.
    const link = breach.locator('a.monaco-link').filter({ hasText: 'sla.breached' });
    await expectVisible(link, 'the code as a link');
    assert.match((await link.textContent()) ?? '', /sla\.breached/);
    await link.click();
    const tab = page.locator('.tabs-container .tab.active');
    await expectVisible(tab.filter({ hasText: 'diagnostics.md' }), 'the docs opened in an editor');
    // The cursor is on the section's heading: the line the status bar shows holds `## sla.breached`.
    const position = page.locator('[id="status.editor.selection"]');
    await expectVisible(position, 'the cursor position');
    const docs = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'docs', 'diagnostics.md'), 'utf8').split('\n');
    // The editor opens first and moves to the selection a moment later: wait for it.
    let line = 0;
    for (const until = Date.now() + 10_000; Date.now() < until; await sleep(200)) {
      line = Number(/Ln (\d+)/.exec((await position.textContent()) ?? '')?.[1]);
      if (docs[line - 1] === '## sla.breached') break;
    }
    assert.equal(docs[line - 1], '## sla.breached', `line ${line}`);
    await expectVisible(page.locator('.monaco-editor .view-line').filter({ hasText: '## sla.breached' }), 'the heading in view');
    await screenshot('problems-code-link');
    await page.keyboard.press('Control+W');
    await page.keyboard.press('Control+J'); // hide the panel again (toggle)
  });
});
