// Helpers for the UI tests: a real VS Code workbench (code-server) in Chromium driven by
// playwright-core. scripts/vscode/run.js opens the page and calls setUiContext() before mocha
// loads the *.test.js files of this folder.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';

export interface UiContext {
  page: Page;
  /** http://127.0.0.1:PORT */
  baseUrl: string;
  /** The throwaway copy of samples/ this window has open (absolute path). */
  workspace: string;
  /** Where screenshots go (test-results/). */
  screenshots: string;
  repo: string;
}

let context: UiContext | undefined;

export function setUiContext(value: UiContext): void {
  context = value;
}

export function ui(): UiContext {
  assert.ok(context, 'no UI context: run the UI tests through scripts/vscode/run.js');
  return context;
}

export const AS_OF = '2026-11-23T12:00:00Z';

/** Opens the workspace in the page and waits until PatchOps has published (its status bar item). */
export async function openWorkbench(): Promise<Page> {
  const { page, baseUrl, workspace } = ui();
  const url = `${baseUrl}/?folder=${encodeURIComponent(workspace)}`;
  if (page.url() !== url) await page.goto(url, { waitUntil: 'domcontentloaded' });
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  await page.locator('.statusbar').waitFor({ timeout: 60_000 });
  // PatchOps has evaluated the workspace once its status bar item exists (whatever it says).
  await statusItem().first().waitFor({ timeout: 60_000 });
  await dismissNotifications();
  await widenSideBar(520);
  return page;
}

/** Drags the side bar's sash so tree descriptions are readable in screenshots. */
async function widenSideBar(width: number): Promise<void> {
  const page = ui().page;
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width - 10) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width, y, { steps: 5 });
  await page.mouse.up();
}

/** The PatchOps status bar item: VS Code gives extension items the id `<extension id>.<item id>`. */
export function statusItem(): Locator {
  return ui().page.locator('.statusbar-item[id^="patchops.patchops."]');
}

/** Saves test-results/vscode-NAME.png (run.js clears the old vscode-*.png first). */
export async function screenshot(name: string): Promise<string> {
  const file = path.join(ui().screenshots, `vscode-${name}.png`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // VS Code scrolls virtually (overflow: hidden everywhere); a DOM scroll offset is only ever an
  // accident of the browser bringing a clicked or focused element into view: undo it.
  await ui().page.evaluate("document.querySelectorAll('*').forEach((e) => { if (e.scrollTop || e.scrollLeft) { e.scrollTop = 0; e.scrollLeft = 0; } })");
  await ui().page.screenshot({ path: file });
  return file;
}

export async function dismissNotifications(): Promise<void> {
  const page = ui().page;
  const clear = page.locator('.notifications-toasts .codicon-notifications-clear-all, .notification-toast .codicon-close');
  for (let i = 0; i < 5 && (await clear.count()) > 0; i++) {
    await clear
      .first()
      .click({ timeout: 2000 })
      .catch(() => undefined);
  }
}

async function closeQuickInput(): Promise<void> {
  const page = ui().page;
  if (await page.locator('.quick-input-widget').isVisible()) {
    await page.keyboard.press('Escape');
    await page
      .locator('.quick-input-widget')
      .waitFor({ state: 'hidden', timeout: 5000 })
      .catch(() => undefined);
  }
}

/** Runs a command from the command palette (F1) by its title, e.g. "PatchOps: Generate Report". */
export async function runCommand(title: string): Promise<void> {
  const page = ui().page;
  await closeQuickInput();
  await focusWorkbench();
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(`>${title}`);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await page.keyboard.press('Enter');
}

/** Picks an entry in an open quick pick by typing its label. */
export async function pick(label: string): Promise<void> {
  const page = ui().page;
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(label);
  const row = page
    .locator('.quick-input-widget .monaco-list-row')
    .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${label}$`) }) })
    .first();
  await row.waitFor({ state: 'visible', timeout: 10_000 });
  await row.click();
}

/** Opens a workspace file with Quick Open (Ctrl+P) and waits for its editor tab to be active. */
export async function openFile(rel: string): Promise<void> {
  const page = ui().page;
  const name = path.posix.basename(rel);
  await closeQuickInput();
  await focusWorkbench();
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(rel);
  const row = page.locator('.quick-input-widget .monaco-list-row').filter({ hasText: name }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator('.tabs-container .tab.active').filter({ hasText: name }).waitFor({ timeout: 15_000 });
}

export async function focusWorkbench(): Promise<void> {
  // Keyboard shortcuts need the focus inside the workbench (not on the page body after a goto).
  const page = ui().page;
  const focused = await page.evaluate<boolean>('!!document.activeElement && document.activeElement !== document.body');
  if (!focused)
    await page
      .locator('.part.statusbar')
      .click({ position: { x: 5, y: 5 } })
      .catch(() => undefined);
}

/** Waits for a condition on the page with a clear message. */
export async function expectVisible(locator: Locator, what: string, timeout = 20_000): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    await screenshot(`failed-${what.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    assert.fail(`not visible within ${timeout} ms: ${what}`);
  }
}

/** A view's pane in the side bar, by its title ("Plans", "SLA status", "Exceptions", "Explorer" sections…). */
export function pane(title: string): Locator {
  const page = ui().page;
  return page.locator('.pane', { has: page.locator(`.pane-header[aria-label="${title} Section"]`) });
}

/** Tree rows of a view pane whose accessible label starts with `label`. */
export function treeRow(paneTitle: string, label: string): Locator {
  return pane(paneTitle).locator('.monaco-list-row').filter({ hasText: label });
}

/** Expands or collapses a view pane (so that a virtualised tree has room to render its rows). */
export async function setPaneExpanded(title: string, expanded: boolean): Promise<void> {
  const header = ui().page.locator(`.pane-header[aria-label="${title} Section"]`);
  await expectVisible(header, `the ${title} view header`);
  if (((await header.getAttribute('aria-expanded')) === 'true') !== expanded) await header.click();
}

/** Opens the PatchOps container from the activity bar (if it is not the visible one already). */
export async function showPatchOps(): Promise<void> {
  const page = ui().page;
  const item = page.locator('.activitybar .action-item').filter({ has: page.locator('a.action-label[aria-label="PatchOps"]') });
  await expectVisible(item, 'the PatchOps activity bar item');
  if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
  await expectVisible(page.locator('.pane-header[aria-label="Plans Section"]'), 'the Plans view');
}

/** Runs the repository's CLI (dist/cli.js) with this Node. */
export function cli(args: string[]): string {
  try {
    return execFileSync(process.execPath, [path.join(ui().repo, 'dist', 'cli.js'), ...args], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
      maxBuffer: 64 << 20,
    });
  } catch (err) {
    const e = err as { status?: number; stdout?: string };
    if (e.status === 1 && e.stdout) return e.stdout;
    throw err;
  }
}

export function cliReport(workspace = ui().workspace): {
  plans: { id: string; title: string; tier: string | null; state: string; endpointsPercent: number | null }[];
  kpis: { openBreaches: number; dueSoon: number };
} {
  return JSON.parse(cli(['report', workspace, '--as-of', AS_OF, '--format', 'json']));
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
