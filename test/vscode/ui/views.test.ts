// The PatchOps activity-bar container: Plans, SLA status and Exceptions list the samples, and
// follow a change made to a file on disk.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cliReport, expectVisible, openWorkbench, pane, screenshot, setPaneExpanded, showPatchOps, statusItem, treeRow, ui } from './workbench';

/** What a row says of the time left, by state (src/core/present/planRows.ts). */
const TIME_LEFT: Record<string, RegExp> = {
  breached: /overdue/,
  due_soon: / left/,
  on_track: / left|no deadline yet/,
  unknown: /no deadline: /,
  awaiting_test: /awaiting test: /,
  met: /met · /,
  missed: /missed/,
  exempt: /exempt · /,
  cancelled: /cancelled · /,
};

describe('UI: PatchOps views', function () {
  before(async () => {
    await openWorkbench();
  });

  it('the activity bar opens PatchOps: Plans lists every sample plan by title with time left · tier · percent · id', async () => {
    await showPatchOps();
    // Room for all ten rows (trees only render the rows in view).
    await setPaneExpanded('SLA status', false);
    await setPaneExpanded('Exceptions', false);
    const report = cliReport();
    assert.equal(report.plans.length, 10);
    await expectVisible(treeRow('Plans', 'PLAN-2026-036'), 'a Plans row PLAN-2026-036');
    for (const plan of report.plans) {
      const row = treeRow('Plans', plan.id);
      await expectVisible(row, `a Plans row ${plan.id}`);
      const text = (await row.first().textContent()) ?? '';
      assert.ok(text.startsWith(plan.title), `${plan.id} row "${text}" starts with its title`);
      assert.match(text, TIME_LEFT[plan.state], `${plan.id} row "${text}" says the time left of a ${plan.state} plan`);
      if (plan.tier) assert.ok(text.includes(` · ${plan.tier} · `), `${plan.id} row "${text}" shows tier ${plan.tier}`);
    }
    assert.match((await treeRow('Plans', 'PLAN-2026-036').first().textContent()) ?? '', /overdue \d+d( \d+h)? · critical · 0% · PLAN-2026-036$/);
    // A plan's children are its waves.
    await treeRow('Plans', 'PLAN-2026-036').first().click();
    const twistie = treeRow('Plans', 'PLAN-2026-036').first();
    if ((await twistie.getAttribute('aria-expanded')) !== 'true') await ui().page.keyboard.press('ArrowRight');
    await expectVisible(treeRow('Plans', 'Remaining backup servers'), 'the waves under PLAN-2026-036');
    await screenshot('views-plans');
  });

  it('SLA status groups the plans: Breached holds PLAN-2026-036, Due soon PLAN-2026-039', async () => {
    await showPatchOps();
    await setPaneExpanded('Plans', false);
    await setPaneExpanded('SLA status', true);
    await setPaneExpanded('Exceptions', true);
    const sla = pane('SLA status');
    await expectVisible(sla.locator('.monaco-list-row', { hasText: 'Breached (1)' }), 'an SLA group "Breached (1)"');
    await expectVisible(sla.locator('.monaco-list-row', { hasText: 'Due soon (1)' }), 'an SLA group "Due soon (1)"');
    const labels = await sla.locator('.monaco-list-row').allTextContents();
    const breachedAt = labels.findIndex((l) => l.startsWith('Breached'));
    assert.ok(labels[breachedAt + 1]?.endsWith('PLAN-2026-036'), `PLAN-2026-036 sits under Breached: ${JSON.stringify(labels)}`);
    const dueAt = labels.findIndex((l) => l.startsWith('Due soon'));
    assert.ok(labels[dueAt + 1]?.endsWith('PLAN-2026-039'), `PLAN-2026-039 sits under Due soon: ${JSON.stringify(labels)}`);
    await expectVisible(treeRow('Exceptions', 'EXC-2026-015'), 'the pending exception EXC-2026-015 in Exceptions');
    await screenshot('views-sla-status');
  });

  it('the views follow an edit on disk (payroll impact high → medium re-tiers PLAN-2026-039), and back', async () => {
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    await setPaneExpanded('SLA status', false);
    await setPaneExpanded('Exceptions', false);
    const file = path.join(ui().workspace, 'assets', 'servers.assets.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const edited = original.replace(/(Salaries depend on it\.\n {4}impact: )high\n/, '$1medium\n');
    assert.notEqual(edited, original, 'the sample has the payroll group');
    const row = () => treeRow('Plans', 'PLAN-2026-039').first();
    assert.match((await row().textContent()) ?? '', /10h left · critical · /);
    try {
      fs.writeFileSync(file, edited);
      await expectVisible(treeRow('Plans', 'PLAN-2026-039').filter({ hasText: /\d+d( \d+h)? left · high · / }), 'PLAN-2026-039 re-tiered to "… left · high"');
      await expectVisible(statusItem().filter({ hasText: '0 due soon' }), 'the status bar showing 0 due soon');
      await screenshot('views-after-edit');
    } finally {
      fs.writeFileSync(file, original);
    }
    await expectVisible(treeRow('Plans', 'PLAN-2026-039').filter({ hasText: '10h left · critical · ' }), 'PLAN-2026-039 back to "10h left · critical"');
    await expectVisible(statusItem().filter({ hasText: '1 due soon' }), 'the status bar back to 1 due soon');
  });
});

describe('UI: PatchOps views fail closed', function () {
  before(async () => {
    await openWorkbench();
  });

  it('a copied plan that reuses an id: both rows are listed in Plans, the breach stays under SLA status', async () => {
    await showPatchOps();
    await setPaneExpanded('Plans', true);
    await setPaneExpanded('SLA status', true);
    await setPaneExpanded('Exceptions', false);
    const original = path.join(ui().workspace, 'plans', '2026-036-backup-server-rce.plan.yaml');
    const copy = path.join(ui().workspace, 'plans', '2026-099-copied.plan.yaml');
    fs.writeFileSync(copy, fs.readFileSync(original, 'utf8').replace(/title: .*/, 'title: Copied plan'));
    try {
      const rows = treeRow('Plans', 'PLAN-2026-036');
      await expectVisible(rows.nth(1), 'a second Plans row PLAN-2026-036');
      assert.equal(await rows.count(), 2, 'both plans with the id are listed');
      await expectVisible(pane('SLA status').locator('.monaco-list-row', { hasText: 'Breached (2)' }), 'an SLA group "Breached (2)"');
      await expectVisible(statusItem().filter({ hasText: '2 breached' }), 'the status bar counting both breaches');
      await screenshot('views-duplicate-id');
    } finally {
      fs.rmSync(copy, { force: true });
    }
    await expectVisible(statusItem().filter({ hasText: '1 breached' }), 'the status bar back to 1 breached');
  });
});

describe('UI: forecasts in the views', function () {
  before(async () => {
    await openWorkbench();
  });

  it('a plan whose waves cannot finish in time is listed under "At risk" in SLA status, and the status bar says so', async () => {
    await showPatchOps();
    await setPaneExpanded('Plans', false);
    await setPaneExpanded('SLA status', true);
    await setPaneExpanded('Exceptions', false);
    const file = path.join(ui().workspace, 'plans', '2026-039-payroll-app-upload-rce.plan.yaml');
    const original = fs.readFileSync(file, 'utf8');
    const edited = original.replace('  - name: Payroll batch B\n', '  - name: Payroll batch B\n    duration: 2d\n');
    assert.notEqual(edited, original, 'the sample has the wave');
    try {
      fs.writeFileSync(file, edited);
      const sla = pane('SLA status');
      await expectVisible(sla.locator('.monaco-list-row', { hasText: 'At risk (1)' }), 'an SLA group "At risk (1)"');
      const labels = await sla.locator('.monaco-list-row').allTextContents();
      const at = labels.findIndex((l) => l.startsWith('At risk'));
      assert.ok(
        labels[at + 1]?.includes('⚠ at risk') && labels[at + 1]?.endsWith('PLAN-2026-039'),
        `PLAN-2026-039 sits under At risk: ${JSON.stringify(labels)}`,
      );
      await expectVisible(statusItem().filter({ hasText: '1 at risk' }), 'the status bar showing 1 at risk');
      await screenshot('views-at-risk');
    } finally {
      fs.writeFileSync(file, original);
    }
    await expectVisible(pane('SLA status').locator('.monaco-list-row', { hasText: 'Due soon (1)' }), 'back to the samples');
  });
});
