// The editor's clock in the workbench: "Compute As Of…" from the palette keeps its instant for this
// window by default (the status bar shows the frozen clock; .vscode/settings.json is untouched),
// "Follow the settings" goes back, and a patchops.asOf that is no instant brings a warning with
// "Open Settings" and a status bar item that says so.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, dismissNotifications, expectVisible, openWorkbench, pick, runCommand, screenshot, statusItem, ui } from './workbench';

const MONDAY = '2026-11-30T09:00:00Z';

describe('UI: the clock (Compute As Of, patchops.asOf)', function () {
  const settingsFile = () => path.join(ui().workspace, '.vscode', 'settings.json');
  let pinned: Buffer;

  before(async () => {
    await openWorkbench();
    pinned = fs.readFileSync(settingsFile());
  });

  after(async () => {
    // Whatever failed, leave the window as the next UI tests expect it: no modal, the pinned clock.
    const modal = ui().page.locator('.monaco-modal-editor-block');
    if (await modal.count()) await modal.click({ position: { x: 3, y: 3 } }).catch(() => undefined);
    if (!fs.readFileSync(settingsFile()).equals(pinned)) fs.writeFileSync(settingsFile(), pinned);
    await expectVisible(statusItem().filter({ hasText: 'as of 2026-11-23 06:00 (-06:00)' }), 'the status bar back at the pinned instant');
    await dismissNotifications();
  });

  it('F1 → Compute As Of… → Enter (this window, the default) → the status bar is frozen at that instant; no settings file written', async () => {
    const page = ui().page;
    await expectVisible(statusItem().filter({ hasText: 'as of 2026-11-23 06:00 (-06:00)' }), 'the pinned instant in the status bar (Chicago time)');
    await runCommand('PatchOps: Compute As Of…');
    const focused = page.locator('.quick-input-widget .monaco-list-row.focused');
    await expectVisible(focused.filter({ hasText: 'An instant, in this window…' }), 'the window as the default choice');
    await page.keyboard.press('Enter');
    await expectVisible(page.locator('.quick-input-widget .quick-input-title').filter({ hasText: '(this window)' }), 'the instant input for this window');
    await page.locator('.quick-input-widget .quick-input-box input').fill(MONDAY);
    await page.keyboard.press('Enter');

    const kpis = (JSON.parse(cli(['report', ui().workspace, '--as-of', MONDAY, '--format', 'json'])) as { kpis: { openBreaches: number; dueSoon: number } })
      .kpis;
    await expectVisible(statusItem().filter({ hasText: 'as of 2026-11-30 03:00 (-06:00)' }), 'the frozen clock in the status bar');
    await expectVisible(statusItem().filter({ hasText: `${kpis.openBreaches} breached` }), `the counts as of Monday (${kpis.openBreaches} breached)`);
    await screenshot('clock-window');
    assert.ok(fs.readFileSync(settingsFile()).equals(pinned), '.vscode/settings.json is unchanged');

    await runCommand('PatchOps: Compute As Of…');
    await pick('Follow the settings');
    await expectVisible(statusItem().filter({ hasText: 'as of 2026-11-23 06:00 (-06:00)' }), 'the pinned instant again');
    assert.ok(fs.readFileSync(settingsFile()).equals(pinned), '.vscode/settings.json is unchanged');
  });

  it('patchops.asOf "next monday": a warning with Open Settings, and the status bar says the as-of is invalid', async () => {
    const page = ui().page;
    await dismissNotifications();
    fs.writeFileSync(settingsFile(), `${JSON.stringify({ 'patchops.asOf': 'next monday' }, null, 2)}\n`);
    const toast = page.locator('.notification-toast').filter({ hasText: 'patchops.asOf "next monday" in the workspace settings is not an instant' });
    await expectVisible(toast, 'the warning about patchops.asOf');
    await expectVisible(toast.locator('.monaco-button').filter({ hasText: 'Open Settings' }), 'its "Open Settings" button');
    await expectVisible(statusItem().filter({ hasText: 'as of now — patchops.asOf is invalid' }), 'the status bar saying the as-of is invalid');
    await screenshot('clock-invalid');
    await toast.locator('.monaco-button').filter({ hasText: 'Open Settings' }).click();
    // VS Code 1.139 opens the settings editor as a modal: filtered to patchops.asOf, on the Workspace tab.
    const settings = page.locator('.settings-editor');
    await expectVisible(settings.locator('.setting-item-title').filter({ hasText: 'As Of' }), 'the settings editor showing patchops.asOf');
    await screenshot('clock-open-settings');
    // A click on the modal's backdrop closes it.
    const modal = page.locator('.monaco-modal-editor-block');
    if (await modal.count()) {
      await modal.click({ position: { x: 3, y: 3 } });
      await modal.waitFor({ state: 'detached', timeout: 10_000 });
    } else {
      await runCommand('View: Close All Editors');
    }
  });
});
