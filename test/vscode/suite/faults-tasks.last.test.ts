// Issue 7, faults in the editor: PatchOps' work on the extension host (where anything long blocks
// every other extension) runs as measured tasks, and its long jobs — reading and parsing,
// evaluating, publishing — run in slices that hand the host back in between. Behaviour only: how
// long the longest task takes is logged here and measured by `npm run bench` (the VS Code row),
// never asserted in a test — a busy machine stretches any task.
// Named *.last.test.ts: it runs after every other suite of the window (edits, quick fixes,
// reports, the 1,000 rapid edits), so the longest task it logs covers what they made PatchOps do.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PatchOpsApi as FullApi } from '../../../src/extension/extension';
import { folder, patchops } from './helpers';

/** A line in the test output (the runner's progress log; console.log elsewhere). */
function note(line: string): void {
  const log = (globalThis as { patchopsTestLog?: (line: string) => void }).patchopsTestLog;
  (log ?? console.log)(line);
}

describe('Faults in the editor: work on the extension host runs in measured tasks and slices (extension host)', function () {
  this.timeout(60_000);

  it('a full scan (Refresh) reads, evaluates and publishes through the slicer, each slice a measured task', async () => {
    const api = (await patchops()) as unknown as FullApi;
    assert.equal(typeof api.tasks, 'function', 'activate() must return tasks()');
    await api.whenIdle();
    const before = api.tasks();
    await vscode.commands.executeCommand('patchops.refresh');
    await api.whenIdle();
    const after = api.tasks();
    const root = folder().uri.fsPath;
    const runs = (stats: typeof before, job: string) => stats.sliced[job]?.runs ?? 0;
    for (const job of [`read and parse ${root}`, `evaluate ${root}`, 'publish diagnostics']) {
      assert.ok(runs(after, job) > runs(before, job), `"${job}" did not run through the slicer; sliced jobs: ${JSON.stringify(after.sliced)}`);
    }
    assert.ok(after.tasks > before.tasks, 'the slices were measured as tasks');
    // Each file's diagnostics are handed to VS Code once per scan: the scan's end does not publish them all again.
    const key = folder().uri.toString();
    const handedOver = (after.filesPublished[key] ?? 0) - (before.filesPublished[key] ?? 0);
    const files = (await patchops()).evaluation(folder().uri)?.diagnosticsByFile.size;
    assert.ok(files, 'the refreshed workspace has an evaluation with files');
    assert.equal(
      handedOver,
      files,
      `the refresh handed over ${handedOver} files' diagnostics for ${files} files (publishing counts: ${JSON.stringify(after.filesPublished)})`,
    );

    // What all the suites made PatchOps do: logged, not asserted.
    const longest = api.longestTask();
    note(`longest task on the extension host: ${longest.ms.toFixed(1)} ms — ${longest.name || '(none)'} (a measurement, not a bound: see npm run bench)`);
    note(
      `${after.tasks} tasks; sliced jobs: ${Object.entries(after.sliced)
        .map(([name, s]) => `${name}: ${s.runs} run(s), ${s.slices} slice(s), at most ${s.mostSlices}`)
        .join('; ')}`,
    );
  });
});
