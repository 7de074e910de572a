// Node-only: how far V8 lets the young generation grow, for the part of a CLI run that keeps what
// it allocates.
//
// Why: loading and evaluating a workspace keeps nearly everything it makes (the files' data, the
// results), and each object is copied out of the young generation however large that is. Letting
// it grow (V8 doubles it, up to two 16 MB halves) buys fewer, larger collections of the same
// copying, and costs peak memory: `validate` at 10,000 plans peaks at ~246 MB instead of ~264 MB
// with it kept small, no slower (README, Performance). Rendering a report, which makes and drops
// many strings, is faster with room: a report or export gets the default growth back for it.
//
// How: V8 reads --semi-space-growth-factor each time it would grow the young generation, so
// setting it mid-run takes effect from then on (test/unit/workspace/youngGeneration.test.ts).
// Changing a flag after start is not what V8 promises to honour: where a V8 ignores it, or raises
// it to a minimum of its own, the run is as it was without, nothing else. The extension never
// calls this: its host is VS Code's, not PatchOps' to tune.
import * as v8 from 'v8';

/** V8's default: each growth doubles the young generation. */
const DEFAULT_GROWTH = 2;
let growth = DEFAULT_GROWTH;

/** `work`, with the young generation kept small (it grows by one step at most); as before after (calls nest). */
export function withSmallYoungGeneration<T>(work: () => T): T {
  const before = growth;
  setGrowth(1);
  try {
    return work();
  } finally {
    setGrowth(before);
  }
}

function setGrowth(factor: number): void {
  growth = factor;
  v8.setFlagsFromString(`--semi-space-growth-factor=${factor}`);
}
