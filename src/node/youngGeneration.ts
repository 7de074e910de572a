// Node-only: how far V8 lets the young generation grow while PatchOps' own work runs: a CLI run's
// loading and evaluation, and each task PatchOps runs on the extension host (taskTimer.ts).
//
// Why: loading and evaluating a workspace keeps nearly everything it makes (the files' data, the
// results), and each object is copied out of the young generation however large that is. V8's
// default lets it double up to two 16 MB halves on Node 20, and to 128 MB in all on Node 24 (the
// bench's VS Code, code-server, runs its extension host on it): fewer collections, but more
// memory and no less copying. Kept at its start (two 1 MB halves) it is collected so often that
// the collections' fixed costs add up. Two 2 MB halves are the measured best of both, at 10,000
// plans: `validate` takes 1.08 s at 247 MB, against 1.14 s at 264 MB by default and 1.20 s at
// 246 MB kept at the start. In the extension host, PatchOps' first scan grew it from the 64 MB
// VS Code's start had left to 128 MB, ~60 MB of the host's peak RSS (README, Performance).
// Rendering a report, which makes and drops many strings, is faster with room: a report or
// export gets the default growth back for it.
//
// How: V8 reads --semi-space-growth-factor each time it would grow the young generation, so
// setting it mid-run takes effect from then on; the size it may grow to is fixed when the process
// starts. So growth is allowed until the young generation has reached the cap, and stopped there:
// the loops that keep what they make call `capYoungGeneration` as they go
// (test/unit/workspace/youngGeneration.test.ts). Changing a flag after start is not what V8
// promises to honour: where a V8 ignores it, the run is as it was without, nothing else.
//
// The flag is the process's. In the extension host it is held while PatchOps' own work runs: each
// of its tasks, and from start to end its first load of a workspace and its jobs in slices
// (taskTimer.ts), since V8 also collects the young generation in tasks of its own between
// PatchOps' tasks. It is set back when that work ends (a first load of 10,000 plans: ~2 s), so the
// young generation keeps the size it had (VS Code's own start grows it to 64 MB) and grows as it
// always did for whatever runs after.
//
// A young generation larger than the cap when a hold starts (VS Code's: 64 MB, ~40 MB of it
// touched) cannot be shrunk: V8 shrinks it only after a full collection made to reduce memory.
// But V8 collects it in a task of its own, between other tasks, once a share of it is used
// (--minor-gc-task-trigger, 80%, also read each time). Inside a hold that share is lowered to what
// the cap holds, so PatchOps' work, which hands the thread back between slices, touches little
// more of it than of a young generation at the cap (V8 sometimes lets a task's collection wait):
// ~15 MB of the extension host's peak RSS at 10,000 plans. What stays is V8's to decide: once the
// host is idle, its memory reducer shrinks the young generation anyway (README, Performance). The
// collections stay V8's own tasks, not part of PatchOps' (asking for one from a task, with `gc()`,
// made those tasks longer and forced V8's marking to end early).
//
// Workers have their own cap (parsePool.ts, resourceLimits), and on Node 20 a worker's start sets
// the growth factor back to V8's default (Node 24 leaves it), so the flags are set again once it is
// online and at each of PatchOps' tasks.
import * as v8 from 'v8';

/** V8's default: each growth doubles the young generation. */
const DEFAULT_GROWTH = 2;
/** The young generation's size to stop growing at: two halves of 2 MB. */
const CAP_BYTES = 4 * 1024 * 1024;
/** `capYoungGeneration` looks at the size once in this many calls. */
const LOOK_EVERY = 16;

/** V8's default: it collects the young generation in a task of its own once this % of it is used. */
const DEFAULT_TASK_TRIGGER = 80;

let growth = DEFAULT_GROWTH;
let taskTrigger = DEFAULT_TASK_TRIGGER;
/** How many holds are on (`holdSmallYoungGeneration`, `withSmallYoungGeneration`). */
let depth = 0;
/** Whether growth is allowed until the cap (inside a hold, below the cap). */
let watching = false;
let calls = 0;

/** `work`, with the young generation grown to the cap at most; V8's default growth after (calls nest). */
export function withSmallYoungGeneration<T>(work: () => T): T {
  const release = holdSmallYoungGeneration();
  try {
    return work();
  } finally {
    release();
  }
}

/**
 * The cap from now until the returned function is called, for work that awaits (the editor's scan,
 * a job in slices); nests with `withSmallYoungGeneration`. V8 also collects the young generation
 * in tasks of its own between PatchOps' tasks, where the cap would not hold without this.
 */
export function holdSmallYoungGeneration(): () => void {
  if (depth++ === 0) {
    watching = true;
    setGrowth(DEFAULT_GROWTH);
  } else {
    // Inside a hold, again at each entry (a task of the extension's): on Node 20, V8 sets the
    // factor back to 2 whenever an isolate starts (a worker thread, ours or another extension's).
    reapplyYoungGenerationCap();
  }
  look();
  let held = true;
  return () => {
    if (!held) return;
    held = false;
    if (--depth === 0) {
      watching = false;
      setGrowth(DEFAULT_GROWTH);
      setTaskTrigger(DEFAULT_TASK_TRIGGER);
    }
  };
}

/** Stops the young generation's growth once it has reached the cap. Cheap: call it per item of a long loop. */
export function capYoungGeneration(): void {
  if (watching && ++calls % LOOK_EVERY === 0) look();
}

/**
 * At the cap, stops the young generation's growth. Larger than the cap already (grown before the
 * hold: VS Code's start), it cannot be shrunk, so V8 is asked to collect it in a task of its own
 * once as much is used as the cap would hold, not at 80%: the pages past that stay mostly untouched.
 */
function look(): void {
  if (!watching) return;
  const size = newSpaceBytes();
  if (size < CAP_BYTES) return;
  watching = false;
  setGrowth(1);
  setTaskTrigger(Math.max(1, Math.min(DEFAULT_TASK_TRIGGER, Math.floor((100 * CAP_BYTES) / size))));
}

function newSpaceBytes(): number {
  for (const space of v8.getHeapSpaceStatistics()) if (space.space_name === 'new_space') return space.space_size;
  return 0;
}

function setGrowth(factor: number): void {
  if (factor === growth) return;
  growth = factor;
  v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}

function setTaskTrigger(percent: number): void {
  if (percent === taskTrigger) return;
  taskTrigger = percent;
  v8.setFlagsFromString(`--minor-gc-task-trigger=${percent}`);
}

/**
 * Sets the flags again: on Node 20, V8 sets a growth factor below 2 back to 2 as any isolate
 * starts (a worker thread; measured, and not so on Node 24), which would let this thread's young
 * generation grow under a cap. Call it once a worker is online.
 */
export function reapplyYoungGenerationCap(): void {
  if (growth !== DEFAULT_GROWTH) v8.setFlagsFromString(`--semi-space-growth-factor=${growth}`);
  if (taskTrigger !== DEFAULT_TASK_TRIGGER) v8.setFlagsFromString(`--minor-gc-task-trigger=${taskTrigger}`);
}
