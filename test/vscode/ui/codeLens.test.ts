// Code lenses render in the editor above a plan's id and above each wave.
import * as assert from 'node:assert/strict';
import { expectVisible, openFile, openWorkbench, screenshot, ui } from './workbench';

describe('UI: code lenses', function () {
  before(async () => {
    await openWorkbench();
  });

  it('a plan file shows the plan lens (tier, due soon) and wave lenses (patched counts)', async () => {
    const page = ui().page;
    await openFile('plans/2026-039-payroll-app-upload-rce.plan.yaml');
    const lenses = page.locator('.monaco-editor .codelens-decoration');
    await expectVisible(lenses.filter({ hasText: 'patched' }), 'a code lens containing "patched"');
    await expectVisible(lenses.filter({ hasText: 'SLA due in 10h' }), 'the plan lens "… SLA due in 10h …"');
    const texts = (await lenses.allTextContents()).map((t) => t.trim());
    assert.ok(
      texts.some((t) => t.startsWith('critical · due 2026-11-23 16:00 (-06:00)') && t.includes('58.3% of 12 endpoints')),
      `plan lens in ${JSON.stringify(texts)}`,
    );
    assert.ok(
      texts.some((t) => t.startsWith('complete · 2/2 patched')),
      `the pilot wave lens in ${JSON.stringify(texts)}`,
    );
    await screenshot('code-lenses');
  });
});
