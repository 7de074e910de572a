// The status bar item shows the counts and, clicked, opens a quick pick of the plans to act on;
// choosing one opens its file.
import * as assert from 'node:assert/strict';
import { expectVisible, focusWorkbench, openWorkbench, screenshot, statusItem, ui } from './workbench';

describe('UI: status bar', function () {
  before(async () => {
    await openWorkbench();
  });

  it('shows "1 breached  1 due soon"; a click lists the breached and due-soon plans with their time left; choosing one opens it', async () => {
    const page = ui().page;
    const item = statusItem().filter({ hasText: 'breached' }).first();
    await expectVisible(statusItem().filter({ hasText: '1 breached' }), 'a PatchOps status bar item "1 breached"');
    const text = ((await item.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    assert.match(text, /^1 breached 1 due soon/);
    await focusWorkbench();
    await item.click();
    const widget = page.locator('.quick-input-widget');
    await expectVisible(widget.locator('.quick-input-title', { hasText: 'PatchOps: plans to act on' }), 'the quick pick of plans to act on');
    const rows = widget.locator('.monaco-list-row');
    await expectVisible(rows.filter({ hasText: 'PLAN-2026-036' }), 'the breached plan in the quick pick');
    await expectVisible(widget.locator('.quick-input-list-separator', { hasText: 'Breached (1)' }), 'the group "Breached (1)"');
    await expectVisible(widget.locator('.quick-input-list-separator', { hasText: 'Due soon (1)' }), 'the group "Due soon (1)"');
    const labels = (await rows.allTextContents()).map((t) => t.replace(/\s+/g, ' ').trim());
    assert.equal(labels.length, 2, `two plans to act on: ${JSON.stringify(labels)}`);
    assert.match(labels[0], /^Backup server deserialization RCE.*overdue \d+d( \d+h)? · critical · 0% · PLAN-2026-036/);
    assert.match(labels[1], /^Payroll application.*10h left · critical · .* · PLAN-2026-039/);
    assert.equal(await widget.locator('.monaco-list-row .codicon-error').count(), 1, 'the breach has the error icon');
    await screenshot('status-bar-quick-pick');
    await rows.filter({ hasText: 'PLAN-2026-039' }).first().click();
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: '2026-039-payroll-app-upload-rce.plan.yaml' }), 'the chosen plan’s file open');
    await screenshot('status-bar');
  });
});
