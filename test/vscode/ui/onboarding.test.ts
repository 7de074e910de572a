// The way in, as a new user meets it in the workbench: the three views' welcome content in a folder
// without patchops.yaml, its "Create a PatchOps workspace" button, the views' welcome content in the
// new empty workspace, the walkthrough (its first step done), and on a breach the quick fix menu's
// "Open pending exception …". Screenshots of each are kept.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  dismissNotifications,
  expectVisible,
  focusWorkbench,
  openFile,
  openWorkbench,
  pane,
  runCommand,
  screenshot,
  setPaneExpanded,
  showPatchOps,
  sleep,
  ui,
} from './workbench';

const VIEWS = ['Plans', 'SLA status', 'Exceptions'];
/** A walkthrough step's check mark when it is done (VS Code's icon `getting-started-step-checked`, drawn as pass-filled). */
const CHECKED = '.codicon-getting-started-step-checked, .codicon-pass-filled';

/** The welcome text a view shows while it is empty. */
function welcome(view: string) {
  return pane(view).locator('.welcome-view-content');
}

async function expandAll(): Promise<void> {
  for (const view of VIEWS) await setPaneExpanded(view, true);
}

describe('UI: onboarding (welcome content, walkthrough, request an exception)', function () {
  let empty: string;

  before(() => {
    empty = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-new-user-'));
  });

  afterEach(async () => {
    // Whatever a test left open (the walkthrough, a file) is closed for the tests after it.
    await runCommand('View: Close All Editors');
  });

  after(async () => {
    fs.rmSync(empty, { recursive: true, force: true });
    await openWorkbench();
  });

  it('a folder without patchops.yaml: each view says so, and "Create a PatchOps workspace" makes one; then each view says it is empty', async () => {
    const { page, baseUrl } = ui();
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(empty)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    await dismissNotifications();
    await showPatchOps();
    await expandAll();
    for (const view of VIEWS) await expectVisible(welcome(view).filter({ hasText: 'No patchops.yaml in this window yet' }), `the ${view} view's welcome`);
    const create = welcome('Plans').locator('.monaco-button', { hasText: 'Create a PatchOps workspace' });
    await expectVisible(create, 'the Create a PatchOps workspace button');
    await screenshot('welcome-no-workspace');

    await create.click();
    // New Workspace asks for the name (prefilled) and the risk model (the matrix first).
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await expectVisible(page.locator('.quick-input-widget').filter({ hasText: 'Workspace name' }), 'the name prompt');
    await page.keyboard.press('Enter');
    await expectVisible(page.locator('.quick-input-widget').filter({ hasText: 'Risk model of the SLA policy' }), 'the risk model pick');
    await page.keyboard.press('Enter');
    const deadline = Date.now() + 20_000;
    while (!fs.existsSync(path.join(empty, 'patchops.yaml')) && Date.now() < deadline) await sleep(200);
    assert.ok(fs.existsSync(path.join(empty, 'patchops.yaml')), 'patchops.yaml written');

    await showPatchOps();
    await expandAll();
    await expectVisible(welcome('Plans').filter({ hasText: 'No patch plans in this workspace yet' }), 'the empty Plans welcome');
    await expectVisible(welcome('Plans').locator('.monaco-button', { hasText: 'New Plan' }), 'a New Plan button');
    await expectVisible(welcome('SLA status').filter({ hasText: 'No plans, so no deadlines yet' }), 'the empty SLA status welcome');
    await expectVisible(welcome('Exceptions').filter({ hasText: 'No exceptions' }), 'the empty Exceptions welcome');
    for (const view of VIEWS) assert.equal(await welcome(view).filter({ hasText: 'No patchops.yaml' }).count(), 0, `${view}: the no-workspace text is gone`);
    await screenshot('welcome-empty-workspace');
  });

  it('PatchOps: Get Started opens the walkthrough; its first step is done in a PatchOps workspace', async () => {
    const page = ui().page;
    await runCommand('PatchOps: Get Started');
    const walkthrough = page.locator('.gettingStartedContainer');
    await expectVisible(walkthrough.filter({ hasText: 'Get started with PatchOps' }), 'the walkthrough page');
    for (const title of ['Open or create a PatchOps workspace', "Read a plan's lens", 'See what is late', 'Run a report', 'Request an exception']) {
      await expectVisible(walkthrough.locator('.getting-started-step').filter({ hasText: title }), `the step "${title}"`);
    }
    const first = walkthrough.locator('.getting-started-step').filter({ hasText: 'Open or create a PatchOps workspace' }).first();
    await expectVisible(first.locator(CHECKED), 'the first step checked');
    // The step's Markdown page renders in a webview (an iframe): its frame is there.
    await expectVisible(walkthrough.locator('.getting-started-media iframe'), "the first step's page");
    await screenshot('walkthrough');
    await page.keyboard.press('Control+W');
  });

  it("on PLAN-2026-036's breach the quick fix menu offers the pending exception EXC-2026-015", async () => {
    const page = ui().page;
    await openWorkbench();
    await openFile('plans/2026-036-backup-server-rce.plan.yaml');
    // The breach sits on the plan's id (Ln 13, Col 5).
    await focusWorkbench();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(':13:6');
    await page.keyboard.press('Enter');
    await expectVisible(page.locator('[id="status.editor.selection"]').filter({ hasText: 'Ln 13, Col 6' }), 'the cursor on the breach');
    // Ctrl+. right after the move may come before the quick fixes are computed: ask again then.
    const fix = page.locator('.action-widget').filter({ hasText: 'Open pending exception EXC-2026-015 (awaiting approval)' });
    for (let attempt = 0; attempt < 3 && !(await fix.isVisible().catch(() => false)); attempt++) {
      await page.keyboard.press('Control+.');
      await fix.waitFor({ state: 'visible', timeout: 4000 }).catch(() => page.keyboard.press('Escape'));
    }
    await expectVisible(fix, 'the quick fix in the menu');
    await screenshot('quick-fix-request-exception');
    await page.keyboard.press('Enter');
    await expectVisible(
      page.locator('.tabs-container .tab.active').filter({ hasText: 'EXC-2026-015-backup-hotfix.exception.yaml' }),
      'the pending exception opened',
    );
    await page.keyboard.press('Control+W');

    // A plan was shown with its lens: the walkthrough's second step is done.
    await runCommand('PatchOps: Get Started');
    const lensStep = page.locator('.gettingStartedContainer .getting-started-step').filter({ hasText: "Read a plan's lens" }).first();
    await expectVisible(lensStep.locator(CHECKED), "the step Read a plan's lens checked");
    await page.keyboard.press('Control+W');
  });
});
