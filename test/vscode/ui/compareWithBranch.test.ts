// "PatchOps: Compare with Branch…" from the command palette: the UI workspace made a git repository
// (its files committed as they are on `main`), a branch `looser` whose policy gives critical
// patches 7 days instead of 72 hours made beside it (a separate worktree: the window's files do not
// change), then the command, the branch picked, and the Markdown preview of the comparison. The
// repository is removed afterwards: the other UI tests see the workspace as it was.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AS_OF, cli, dismissNotifications, expectVisible, openWorkbench, pick, runCommand, screenshot, ui } from './workbench';

/** The test's git: no hooks, no fsmonitor, fixed people and dates, no user config. */
function git(args: string[], cwd = ui().workspace): string {
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=', ...args], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Alice',
      GIT_AUTHOR_EMAIL: 'alice@example.com',
      GIT_COMMITTER_NAME: 'Alice',
      GIT_COMMITTER_EMAIL: 'alice@example.com',
      GIT_AUTHOR_DATE: '2026-11-20T10:00:00+00:00',
      GIT_COMMITTER_DATE: '2026-11-20T10:00:00+00:00',
    },
  });
}

describe('UI: Compare with Branch…', function () {
  let beside: string;

  before(async () => {
    await openWorkbench();
    git(['init', '-q', '-b', 'main']);
    git(['add', '-A']);
    git(['commit', '-q', '--no-verify', '-m', 'The samples']);
    beside = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-ui-looser-'));
    fs.rmSync(beside, { recursive: true });
    git(['worktree', 'add', '-q', '-b', 'looser', beside]);
    const policy = path.join(beside, 'policies', 'standard.sla.yaml');
    const text = fs.readFileSync(policy, 'utf8');
    assert.match(text, /critical: \{ within: 72h \}/, 'the samples policy gives critical patches 72h');
    fs.writeFileSync(policy, text.replace('critical: { within: 72h }', 'critical: { within: 7d }'));
    git(['commit', '-q', '--no-verify', '-am', 'Looser critical deadline'], beside);
    git(['worktree', 'remove', '--force', beside]);
  });

  after(async () => {
    await runCommand('View: Close All Editors').catch(() => undefined);
    fs.rmSync(path.join(ui().workspace, '.git'), { recursive: true, force: true });
    fs.rmSync(beside, { recursive: true, force: true });
  });

  it('F1 → PatchOps: Compare with Branch… → looser opens the preview of what `patchops diff looser` prints', async () => {
    const page = ui().page;
    await dismissNotifications();
    // The oracle: what the preview shows is this Markdown (the extension-host suite checks equality).
    const expected = cli(['diff', 'looser', ui().workspace, '--as-of', AS_OF, '--format', 'md']);
    const title = /^## PatchOps: (looser \([0-9a-f]{12}\)) → working tree$/m.exec(expected);
    assert.ok(title, expected);
    assert.match(expected, /\| PLAN-2026-039 \| .* \| On track → Due soon \|/, 'under 72h a payroll plan is due soon that is on track under 7 days');

    await runCommand('PatchOps: Compare with Branch…');
    await pick('looser');
    await expectVisible(page.locator('.tabs-container .tab').filter({ hasText: 'Preview PatchOps compared with looser.md' }), 'the preview tab', 30_000);
    // The preview is a webview: its text is inside nested frames.
    const heading = page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame').locator('h2');
    await expectVisible(heading.filter({ hasText: `PatchOps: ${title[1]} → working tree` }), 'the comparison heading in the preview', 30_000);
    await screenshot('compare-with-branch');
  });
});
