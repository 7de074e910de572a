// Issue 7, faults in the editor: the restricted workspace in the workbench. scripts/vscode/run.js
// runs this in its own phase, in a second code-server started WITHOUT --disable-workspace-trust
// (workspace trust on, never granted) after the extension-host suite
// test/vscode/suite/faults-restricted.test.ts ran in the same window. It checks Restricted Mode is
// what the user sees, that PatchOps still shows its problems and the approvals as `unchecked`, that
// no marker was written — and then that a plain `git status` in that repository DOES write the
// markers (the trap works, so the absence above means something).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { APPROVAL_LABELS, inText } from '../../../src/core/present/labels';
import {
  AS_OF,
  cli,
  dismissNotifications,
  expectVisible,
  focusWorkbench,
  openWorkbench,
  screenshot,
  setPaneExpanded,
  showPatchOps,
  treeRow,
  ui,
} from './workbench';

interface Trap {
  workspace: string;
  markers: Record<string, string>;
  bin: string;
  approved: string[];
}

function trap(): Trap {
  assert.ok(process.env.PATCHOPS_TEST_RESTRICTED, 'run.js sets PATCHOPS_TEST_RESTRICTED for this phase');
  return JSON.parse(process.env.PATCHOPS_TEST_RESTRICTED) as Trap;
}

function present(t: Trap): string[] {
  return Object.entries(t.markers)
    .filter(([, file]) => fs.existsSync(file))
    .map(([name, file]) => `${name}: ${fs.readFileSync(file, 'utf8').trim()}`);
}

/** `patchops validate` counts for the same files without the repository (approvals unchecked there too, and no trap can fire). */
function expectedCounts(workspace: string): { error: number; warning: number; info: number } {
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-restricted-copy-'));
  try {
    fs.cpSync(workspace, copy, { recursive: true, filter: (src) => path.basename(src) !== '.git' });
    const out = JSON.parse(cli(['validate', copy, '--as-of', AS_OF, '--format', 'json'])) as { diagnostics: { severity: string }[] };
    const count = (s: string) => out.diagnostics.filter((d) => d.severity === s).length;
    return { error: count('error'), warning: count('warning'), info: count('info') };
  } finally {
    fs.rmSync(copy, { recursive: true, force: true });
  }
}

describe('UI: a restricted (untrusted) workspace', function () {
  before(async function () {
    if (!process.env.PATCHOPS_TEST_RESTRICTED) this.skip();
    await openWorkbench();
  });

  it('shows Restricted Mode (banner and status bar), and trust is never granted', async () => {
    const page = ui().page;
    await expectVisible(page.locator('.part.banner').filter({ hasText: /Restricted Mode/ }), 'the Restricted Mode banner');
    await expectVisible(page.locator('[id="status.workspaceTrust"]').filter({ hasText: /Restricted Mode/ }), 'the "Restricted Mode" status bar item');
    await screenshot('restricted-mode');
  });

  it('PatchOps still shows its problems (the CLI counts) and the approvals as unchecked', async () => {
    const page = ui().page;
    const t = trap();
    await dismissNotifications();
    await focusWorkbench();
    await page.keyboard.press('Control+Shift+M');
    const panel = page.locator('.markers-panel');
    await expectVisible(panel, 'the Problems panel');
    await expectVisible(panel.locator('.monaco-list-row').filter({ hasText: 'SLA breached' }), 'a problem "SLA breached"');
    const c = expectedCounts(t.workspace);
    const expected = `Errors: ${c.error}, Warnings: ${c.warning}, Infos: ${c.info}`;
    await expectVisible(page.locator(`[id="status.problems"][aria-label="${expected}"]`), `the problems counter "${expected}"`);
    await screenshot('restricted-problems');
    await page.keyboard.press('Control+Shift+M');

    await showPatchOps();
    await setPaneExpanded('Plans', false);
    await setPaneExpanded('SLA status', false);
    await setPaneExpanded('Exceptions', true);
    for (const file of t.approved) {
      const id = /^exceptions\/(EXC-\d{4}-\d{3})/.exec(file)?.[1];
      assert.ok(id, `an exception id in ${file}`);
      const row = treeRow('Exceptions', id);
      await expectVisible(row, `the Exceptions row ${id}`);
      const text = (await row.first().textContent()) ?? '';
      // The approval's label, as every surface words `unchecked` (src/core/present/labels.ts).
      assert.ok(text.endsWith(` · ${inText(APPROVAL_LABELS.unchecked)}`), `${id} row "${text}" shows its approval as unchecked`);
    }
    await screenshot('restricted-exceptions');
  });

  it('no process ran: no marker — while a plain `git status` there writes them (the trap works)', async () => {
    const t = trap();
    assert.deepEqual(present(t), [], 'no marker after the suites and the UI checks');
    // The same git the extension host would find first on PATH, in the same repository.
    execFileSync('git', ['status', '--short'], {
      cwd: t.workspace,
      encoding: 'utf8',
      env: { ...process.env, PATH: `${t.bin}${path.delimiter}${process.env.PATH}` },
    });
    const after = present(t);
    assert.ok(
      after.some((m) => m.startsWith('fsmonitor:')),
      `git status ran the repository's core.fsmonitor hook: ${JSON.stringify(after)}`,
    );
    assert.ok(
      after.some((m) => m.startsWith('git:')),
      `git status went through the PATH wrapper: ${JSON.stringify(after)}`,
    );
  });
});
