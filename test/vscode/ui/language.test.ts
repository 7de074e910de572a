// Schema help in the real editor: the completion list after `owner: ` and a hover on a key.
import * as assert from 'node:assert/strict';
import { expectVisible, focusWorkbench, openFile, openWorkbench, screenshot, ui } from './workbench';

const PLAN = 'plans/2026-039-payroll-app-upload-rce.plan.yaml';

/** Puts the cursor at line:column (1-based) with Go to Line. */
async function goTo(line: number, column: number): Promise<void> {
  const page = ui().page;
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  // In the browser Go to Line is Quick Open with a `:` prefix.
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('UI: language (schema help)', function () {
  before(async () => {
    await openWorkbench();
  });

  it('completes the teams after `owner: ` (ids from patchops.yaml)', async () => {
    const page = ui().page;
    await openFile(PLAN);
    await focusWorkbench();
    await page.locator('.monaco-editor .view-lines').first().click();
    // `owner: it-ops` is line 14 of the sample; clear its value and ask for suggestions.
    await goTo(14, 8);
    await page.keyboard.press('Shift+End');
    await page.keyboard.press('Delete');
    await page.keyboard.press('Control+Space');
    const widget = page.locator('.editor-widget.suggest-widget');
    await expectVisible(widget.locator('.monaco-list-row').filter({ hasText: 'it-endpoint' }), 'it-endpoint in the completion list');
    const rows = (await widget.locator('.monaco-list-row').allTextContents()).map((t) => t.trim());
    assert.ok(
      ['infosec', 'it-endpoint', 'it-ops'].every((id) => rows.some((r) => r.startsWith(id))),
      `the teams in ${JSON.stringify(rows)}`,
    );
    assert.ok(
      rows.some((r) => r.includes('executor · IT Operations (servers) · 3 members')),
      `the team's role, title and members beside it: ${JSON.stringify(rows)}`,
    );
    await screenshot('language-completion');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
  });

  it("shows the schema's description and the team on hover", async () => {
    const page = ui().page;
    await openFile(PLAN);
    await page.locator('.monaco-editor .view-lines').first().click();
    await goTo(14, 2);
    // Show Hover (Ctrl+K Ctrl+I) at the cursor.
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover').filter({ hasText: 'Executor team (IT) that deploys.' });
    await expectVisible(hover, 'the hover on `owner` with its schema description');
    const text = (await hover.first().textContent()) ?? '';
    assert.match(text, /Team it-ops: executor · IT Operations \(servers\) · 3 members/);
    // The hover fades in: let it finish before the picture (nothing is asserted about time).
    await page.waitForTimeout(500);
    await screenshot('language-hover');
    await page.keyboard.press('Escape');
  });
});
