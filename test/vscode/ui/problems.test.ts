// The Problems panel shows PatchOps' diagnostics: the breach, with its code and position.
import * as assert from 'node:assert/strict';
import { AS_OF, cli, expectVisible, focusWorkbench, openWorkbench, screenshot, ui } from './workbench';

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
});
