// Issue #16 items 7 and 8 in the real workbench: each state's icon, the Exceptions view, the
// filter (quick pick, then the views saying they are filtered), a plan's context menu and Show in
// Report, the active editor's plan revealed, and a lens click revealing its plan in SLA status.
import * as assert from 'node:assert/strict';
import { expectVisible, openFile, openWorkbench, pane, runCommand, screenshot, setPaneExpanded, showPatchOps, treeRow, ui } from './workbench';

describe('UI: the PatchOps trees', function () {
  before(async () => {
    await openWorkbench();
  });

  after(async () => {
    // Leave no filter for the next tests.
    await runCommand('PatchOps: Clear Plan Filter').catch(() => undefined);
    await ui().page.keyboard.press('Escape');
  });

  it('each state its own icon: breached error, due soon warning; Exceptions lists by state', async () => {
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    await setPaneExpanded('SLA status', false);
    await setPaneExpanded('Exceptions', true);
    await expectVisible(treeRow('Plans', 'PLAN-2026-036').locator('.codicon-error'), 'the breached plan with the error icon');
    await expectVisible(treeRow('Plans', 'PLAN-2026-039').locator('.codicon-warning'), 'the due-soon plan with the warning icon');
    await expectVisible(treeRow('Exceptions', 'EXC-2026-015'), 'the pending exception EXC-2026-015');
    await expectVisible(treeRow('Exceptions', 'EXC-2026-014').filter({ hasText: 'expires in 10d 18h' }), 'the expiring EXC-2026-014 with its time left');
    await expectVisible(pane('Exceptions').locator('.monaco-list-row', { hasText: 'Pending approval (1)' }), 'the group "Pending approval (1)"');
    await screenshot('views-exceptions');
  });

  it('a plan’s tooltip, built when the row is hovered: its state, deadline and endpoints', async () => {
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    const row = treeRow('Plans', 'PLAN-2026-036');
    await expectVisible(row, 'the breached plan PLAN-2026-036');
    await row.first().hover();
    const hover = ui().page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'PLAN-2026-036:' });
    await expectVisible(hover, 'the tooltip of PLAN-2026-036');
    // The hover renders the tooltip's spaces as no-break spaces: compared as any space.
    const text = ((await hover.first().textContent()) ?? '').replace(/\s/g, ' ');
    assert.match(text, /SLA breached 4d 21h ago\s*Deadline: 2026-11-18 08:30 \(-06:00\)/, text);
    assert.match(text, /Endpoints: 0\/4 patched, 0 failed/, text);
    await ui().page.mouse.move(0, 0);
  });

  it('Filter…: a multi-select quick pick; the filtered views say so, never "all clear"', async () => {
    const page = ui().page;
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    await setPaneExpanded('SLA status', true);
    await setPaneExpanded('Exceptions', false);
    const header = page.locator('.pane-header[aria-label="SLA status Section"]');
    await header.hover();
    await header.locator('.action-label[aria-label="Filter Plans…"]').click();
    const widget = page.locator('.quick-input-widget');
    await expectVisible(widget.locator('.quick-input-title', { hasText: 'Filter the Plans and SLA status views' }), 'the filter quick pick');
    await expectVisible(widget.locator('.quick-input-list-separator', { hasText: 'Owner' }), 'the owners section');
    await expectVisible(widget.locator('.monaco-list-row', { hasText: 'it-endpoint' }), 'an owner the samples name');
    await widget.locator('.monaco-list-row', { hasText: 'Breached' }).first().click();
    await screenshot('views-filter');
    await widget.locator('.quick-input-box input').press('Enter');
    try {
      // A view's description is part of its header's accessible label ("SLA status - filtered: … Section").
      const filtered = (title: string) =>
        page.locator('.pane', { has: page.locator(`.pane-header[aria-label^="${title}"][aria-label*="filtered: 1 of 10 plans"]`) });
      await expectVisible(filtered('SLA status'), 'SLA status saying "filtered: 1 of 10 plans"');
      await expectVisible(filtered('Plans').filter({ hasText: 'Filtered (breached): 9 plans are hidden.' }), 'Plans saying what the filter hides');
      await expectVisible(filtered('Plans').locator('.monaco-list-row', { hasText: 'PLAN-2026-036' }), 'the breached plan still listed');
      // The rows re-render after the header says "filtered": wait for the due-soon plan to go.
      await filtered('Plans')
        .locator('.monaco-list-row', { hasText: 'PLAN-2026-039' })
        .waitFor({ state: 'detached', timeout: 10_000 })
        .catch(() => assert.fail('the due-soon plan PLAN-2026-039 is still listed in the filtered Plans view'));
      await screenshot('views-filtered');
    } finally {
      await runCommand('PatchOps: Clear Plan Filter');
    }
    await expectVisible(treeRow('Plans', 'PLAN-2026-039'), 'every plan back after Clear Plan Filter');
  });

  it('a plan’s context menu: Open, Request Exception, Show in Report (the report opens at the plan)', async () => {
    const page = ui().page;
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    await setPaneExpanded('SLA status', false);
    await treeRow('Plans', 'PLAN-2026-036').first().click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu');
    for (const label of ['Open', 'Request Exception for This Plan', 'Show in Report']) {
      await expectVisible(menu.locator('.action-label', { hasText: new RegExp(`^${label}$`) }), `"${label}" in the context menu`);
    }
    await screenshot('views-context-menu');
    await menu.locator('.action-label', { hasText: /^Show in Report$/ }).click();
    await expectVisible(page.locator('.tabs-container .tab', { hasText: 'PatchOps report' }), 'the report panel');
    const frame = page.frameLocator('iframe.webview').frameLocator('iframe');
    await expectVisible(frame.locator('article#plan-1 h3', { hasText: 'PLAN-2026-036' }), 'the report showing PLAN-2026-036');
    await screenshot('views-show-in-report');
    await runCommand('View: Close All Editors');
  });

  it('the active editor’s plan is selected in Plans, the editor keeping the focus', async () => {
    const page = ui().page;
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    await setPaneExpanded('SLA status', true);
    await openFile('plans/2026-039-payroll-app-upload-rce.plan.yaml');
    await expectVisible(pane('Plans').locator('.monaco-list-row.selected', { hasText: 'PLAN-2026-039' }), 'PLAN-2026-039 selected in Plans');
    await expectVisible(page.locator('.editor-instance .monaco-editor.focused'), 'the editor keeping the focus (the reveal does not take it)', 10_000);
    await screenshot('views-follow-editor');
    await runCommand('View: Close All Editors');
  });

  it('a plan lens click reveals the plan in SLA status', async () => {
    const page = ui().page;
    // Opened from its Plans row (the row's click opens the file at its id).
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    await treeRow('Plans', 'PLAN-2026-036').first().click();
    await expectVisible(page.locator('.tabs-container .tab.active', { hasText: '2026-036-backup-server-rce.plan.yaml' }), 'the plan file open');
    const lens = page.locator('.monaco-editor .codelens-decoration a', { hasText: 'critical · due' }).first();
    await expectVisible(lens, 'the plan lens of PLAN-2026-036');
    // Leave PatchOps (Explorer), then click the lens: SLA status comes back with the plan selected.
    await page.keyboard.press('Control+Shift+E');
    await expectVisible(page.locator('.explorer-folders-view'), 'the Explorer');
    await lens.click();
    await expectVisible(pane('SLA status').locator('.monaco-list-row.selected', { hasText: 'PLAN-2026-036' }), 'PLAN-2026-036 selected in SLA status');
    await screenshot('code-lens-reveal');
    await runCommand('View: Close All Editors');
  });
});
