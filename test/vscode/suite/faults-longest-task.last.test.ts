// Issue 7, faults in the editor: the longest synchronous task PatchOps ran on the extension host
// (parse, evaluate, update views: anything long blocks every other extension) stays under 50 ms.
// Named *.last.test.ts: it runs after every other suite of the window (edits, quick fixes,
// reports, the 1,000 rapid edits), so it measures what they made the extension do.
import * as assert from 'node:assert/strict';
import { patchops, type PatchOpsApi } from './helpers';

/** A line in the test output (the runner's progress log; console.log elsewhere). */
function note(line: string): void {
  const log = (globalThis as { patchopsTestLog?: (line: string) => void }).patchopsTestLog;
  (log ?? console.log)(line);
}

const LIMIT_MS = 50;

export type TimedApi = PatchOpsApi & { longestTask(): { ms: number; name: string } };

describe('Faults in the editor: the longest task on the extension host (extension host)', function () {
  it(`is under ${LIMIT_MS} ms after all the suites (samples workspace)`, async () => {
    const api = (await patchops()) as TimedApi;
    assert.equal(typeof api.longestTask, 'function', 'activate() must return longestTask()');
    await api.whenIdle();
    const longest = api.longestTask();
    note(`longest task on the extension host: ${longest.ms.toFixed(1)} ms — ${longest.name || '(none)'}`);
    assert.ok(longest.ms > 0 && longest.name, 'nothing was measured: the suites before this one made PatchOps work');
    assert.ok(longest.ms < LIMIT_MS, `the longest task took ${longest.ms.toFixed(1)} ms (≥ ${LIMIT_MS} ms): ${longest.name}`);
  });
});
