// The editor's slicer (src/extension/taskTimer.ts): long work runs in slices and hands the event
// loop back in between. Behaviour only — how long a slice takes is measured by `npm run bench`.
import * as assert from 'node:assert/strict';
import { TaskTimer } from '../../../src/extension/taskTimer';

const quiet = { warn: () => undefined };

describe('editor: TaskTimer.sliced', () => {
  it('runs a job of three steps in three slices, and the event loop runs in between', async () => {
    const timer = new TaskTimer(quiet, 50, 0); // a 0 ms slice: one step per slice, whatever the machine
    const order: string[] = [];
    let steps = 0;
    const done = await timer.sliced('job', () => {
      order.push(`step ${++steps}`);
      // Someone else's work, queued during this slice: it must run before the next slice.
      setImmediate(() => order.push(`other after ${steps}`));
      return steps === 3;
    });
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(done, true);
    assert.deepEqual(order, ['step 1', 'other after 1', 'step 2', 'other after 2', 'step 3', 'other after 3']);
    assert.deepEqual(timer.stats.sliced.job, { runs: 1, slices: 3, mostSlices: 3 });
    assert.equal(timer.stats.tasks, 3, 'each slice is one measured task');
  });

  it('runs the first slice in a task of its own, never inside the task that started the job', async () => {
    const timer = new TaskTimer(quiet, 50, 0);
    const order: string[] = [];
    const job = timer.sliced('job', () => {
      order.push('slice');
      return true;
    });
    order.push('caller goes on');
    assert.equal(await job, true);
    assert.deepEqual(order, ['caller goes on', 'slice']);
  });

  it('gives up when `stop` says so after a pause, and counts each run of a job name', async () => {
    const timer = new TaskTimer(quiet, 50, 0);
    let calls = 0;
    const stopped = await timer.sliced(
      'job',
      () => ++calls > 100,
      () => calls === 2,
    );
    assert.equal(stopped, false);
    assert.equal(calls, 2);
    assert.equal(await timer.sliced('job', () => true), true);
    assert.deepEqual(timer.stats.sliced.job, { runs: 2, slices: 3, mostSlices: 2 });
  });
});
