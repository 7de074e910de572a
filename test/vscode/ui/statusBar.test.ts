// The status bar item shows the counts and, clicked, reveals the SLA status view.
import * as assert from 'node:assert/strict';
import { expectVisible, focusWorkbench, openWorkbench, pane, screenshot, statusItem, ui } from './workbench';

describe('UI: status bar', function () {
  before(async () => {
    await openWorkbench();
  });

  it('shows "1 breached  1 due soon" and a click focuses SLA status', async () => {
    const page = ui().page;
    const item = statusItem().filter({ hasText: 'breached' }).first();
    await expectVisible(statusItem().filter({ hasText: '1 breached' }), 'a PatchOps status bar item "1 breached"');
    const text = ((await item.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    assert.match(text, /^1 breached 1 due soon/);
    // Leave PatchOps first (Explorer), then click: the SLA status view must come into view.
    await focusWorkbench();
    await page.keyboard.press('Control+Shift+E');
    await expectVisible(page.locator('.pane-header[aria-label="Explorer Section: ui-workspace"], .explorer-folders-view'), 'the Explorer');
    await item.click();
    const sla = pane('SLA status');
    await expectVisible(sla.locator('.monaco-list-row', { hasText: 'Breached (1)' }), 'the SLA status view after the click');
    await page.waitForFunction(
      "document.activeElement && document.activeElement.closest('.pane') && document.activeElement.closest('.pane').querySelector('.pane-header[aria-label=\"SLA status Section\"]')",
      undefined,
      { timeout: 10_000 },
    );
    await screenshot('status-bar');
  });
});
