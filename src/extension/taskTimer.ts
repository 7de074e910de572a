// Measures the synchronous work our code does on the extension host, where anything long
// blocks every other extension: the longest task is logged (and measured by `npm run bench`), and
// long jobs run in slices that hand the extension host back in between.
import type * as vscode from 'vscode';
import { holdSmallYoungGeneration, withSmallYoungGeneration } from '../node/youngGeneration';

/**
 * How long one slice of a long job (reading, evaluating, publishing thousands of files) may run
 * before it hands the extension host back: well under the 50 ms a task may take, since a garbage
 * collection or the other processes on a small machine can stretch any slice.
 */
const SLICE_MS = 8;

/** Per sliced job name: how many times it ran, its slices in all, and the most one run took. */
export interface SlicedJobStats {
  runs: number;
  slices: number;
  mostSlices: number;
}

export class TaskTimer {
  private longest = { ms: 0, name: '' };
  private tasks = 0;
  /** Keyed by job name (a few per workspace), so it stays small in a window open for days. */
  private readonly jobs = new Map<string, SlicedJobStats>();

  constructor(
    private readonly log: Pick<vscode.LogOutputChannel, 'warn'>,
    private readonly warnAboveMs = 50,
    private readonly sliceMs = SLICE_MS,
  ) {}

  /**
   * `work` as one task. It keeps most of what it makes (a file's data, an evaluation's results),
   * so V8's young generation is not grown past a small cap while it runs (youngGeneration.ts).
   */
  run<T>(name: string, work: () => T): T {
    const started = performance.now();
    try {
      return withSmallYoungGeneration(work);
    } finally {
      const ms = performance.now() - started;
      this.tasks++;
      if (ms > this.longest.ms) this.longest = { ms, name };
      if (ms > this.warnAboveMs) this.log.warn(`${name} took ${ms.toFixed(1)} ms on the extension host`);
    }
  }

  /**
   * Long work in slices of about sliceMs, each timed as one task, handing the extension host
   * back in between — also before the first slice, which would otherwise lengthen the task that
   * started the job (an evaluation's end starts publishing). `work(deadline)` does what it can
   * before `deadline` — at least one step, so that a slice stretched by a busy machine still makes
   * progress — and says whether it is done; `stop`, asked before each slice, gives up. Resolves
   * to true when the work was done.
   */
  async sliced(name: string, work: (deadline: number) => boolean, stop?: () => boolean): Promise<boolean> {
    return this.held(() => this.slices(name, work, stop));
  }

  /**
   * Async work of PatchOps' own (a first scan, a job in slices): V8's young generation is held at
   * its cap until it ends, also in the collections V8 runs between the tasks (youngGeneration.ts).
   */
  async held<T>(work: () => Promise<T>): Promise<T> {
    const release = holdSmallYoungGeneration();
    try {
      return await work();
    } finally {
      release();
    }
  }

  private async slices(name: string, work: (deadline: number) => boolean, stop?: () => boolean): Promise<boolean> {
    const stats = this.jobs.get(name) ?? { runs: 0, slices: 0, mostSlices: 0 };
    this.jobs.set(name, stats);
    stats.runs++;
    for (let slice = 1; ; slice++) {
      await new Promise((resolve) => setImmediate(resolve));
      if (stop?.()) return false;
      stats.slices++;
      stats.mostSlices = Math.max(stats.mostSlices, slice);
      if (this.run(`${name} (slice ${slice})`, () => work(performance.now() + this.sliceMs))) return true;
    }
  }

  get longestTask(): { ms: number; name: string } {
    return { ...this.longest };
  }

  /** How many tasks ran, and every sliced job by name. */
  get stats(): { tasks: number; sliced: Record<string, SlicedJobStats> } {
    return { tasks: this.tasks, sliced: Object.fromEntries([...this.jobs].map(([name, s]) => [name, { ...s }])) };
  }
}
