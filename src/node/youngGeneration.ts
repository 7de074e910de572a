// Node-only: how far V8 lets the young generation grow, for the part of a CLI run that keeps what
// it allocates.
//
// Why: loading and evaluating a workspace keeps nearly everything it makes (the files' data, the
// results), and each object is copied out of the young generation however large that is. V8's
// default lets it double up to two 16 MB halves: fewer collections, but more memory and no less
// copying. Kept at its start (two 1 MB halves) it is collected so often that the collections'
// fixed costs add up. Two 2 MB halves are the measured best of both, at 10,000 plans: `validate`
// takes 1.08 s at 247 MB, against 1.14 s at 264 MB by default and 1.20 s at 246 MB kept at the
// start (README, Performance). Rendering a report, which makes and drops many strings, is faster
// with room: a report or export gets the default growth back for it.
//
// How: V8 reads --semi-space-growth-factor each time it would grow the young generation, so
// setting it mid-run takes effect from then on; the size it may grow to is fixed when the process
// starts. So growth is allowed until the young generation has reached the cap, and stopped there:
// the loops that keep what they make call `capYoungGeneration` as they go
// (test/unit/workspace/youngGeneration.test.ts). Changing a flag after start is not what V8
// promises to honour: where a V8 ignores it, the run is as it was without, nothing else. The
// extension never calls this: its host is VS Code's, not PatchOps' to tune.
import * as v8 from 'v8';

/** V8's default: each growth doubles the young generation. */
const DEFAULT_GROWTH = 2;
/** The young generation's size to stop growing at: two halves of 2 MB. */
const CAP_BYTES = 4 * 1024 * 1024;
/** `capYoungGeneration` looks at the size once in this many calls. */
const LOOK_EVERY = 16;

let growth = DEFAULT_GROWTH;
/** How many `withSmallYoungGeneration` calls are running. */
let depth = 0;
/** Whether growth is allowed until the cap (inside `withSmallYoungGeneration`, below the cap). */
let watching = false;
let calls = 0;

/** `work`, with the young generation grown to the cap at most; V8's default growth after (calls nest). */
export function withSmallYoungGeneration<T>(work: () => T): T {
  if (depth++ === 0) {
    watching = newSpaceBytes() < CAP_BYTES;
    setGrowth(watching ? DEFAULT_GROWTH : 1);
  }
  try {
    return work();
  } finally {
    if (--depth === 0) {
      watching = false;
      setGrowth(DEFAULT_GROWTH);
    }
  }
}

/** Stops the young generation's growth once it has reached the cap. Cheap: call it per item of a long loop. */
export function capYoungGeneration(): void {
  if (!watching || ++calls % LOOK_EVERY !== 0) return;
  if (newSpaceBytes() < CAP_BYTES) return;
  watching = false;
  setGrowth(1);
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
