// Measures the synchronous work our code does on the extension host, where anything long
// blocks every other extension: the longest task is logged and exposed to tests.
import type * as vscode from 'vscode';

/**
 * How long one slice of a long job (reading, evaluating, publishing thousands of files) may run
 * before it hands the extension host back: well under the 50 ms a task may take, since a garbage
 * collection or the other processes on a small machine can stretch any slice.
 */
const SLICE_MS = 8;

export class TaskTimer {
  private longest = { ms: 0, name: '' };

  constructor(private readonly log: vscode.LogOutputChannel, private readonly warnAboveMs = 50) {}

  run<T>(name: string, work: () => T): T {
    const started = performance.now();
    try {
      return work();
    } finally {
      const ms = performance.now() - started;
      if (ms > this.longest.ms) this.longest = { ms, name };
      if (ms > this.warnAboveMs) this.log.warn(`${name} took ${ms.toFixed(1)} ms on the extension host`);
    }
  }

  /**
   * Long work in slices of about SLICE_MS, each timed as one task, handing the extension host
   * back in between. `work(deadline)` does what it can before `deadline` and says whether it is
   * done; `stop`, asked after each pause, gives up. Resolves to true when the work was done.
   */
  async sliced(name: string, work: (deadline: number) => boolean, stop?: () => boolean): Promise<boolean> {
    for (let slice = 1; ; slice++) {
      if (this.run(`${name} (slice ${slice})`, () => work(performance.now() + SLICE_MS))) return true;
      await new Promise((resolve) => setImmediate(resolve));
      if (stop?.()) return false;
    }
  }

  get longestTask(): { ms: number; name: string } {
    return { ...this.longest };
  }
}
