// The CLI keeps V8's young generation small while it loads and evaluates (youngGeneration.ts):
// that it stays small while a large heap is built, and grows again after.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const MODULE = path.resolve(__dirname, '../../../src/node/youngGeneration.js');

/**
 * In a fresh Node (a test run's own young generation has grown already): the new space's size
 * before, after building ~60 MB inside (after a nested call has ended), and after as much more
 * outside.
 */
function sizes(): { before: number; inside: number; after: number } {
  const script = `
    const v8 = require('v8');
    const { withSmallYoungGeneration } = require(${JSON.stringify(MODULE)});
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const kept = [];
    const build = () => { for (let i = 0; i < 600000; i++) kept.push({ i, s: 'x' + i, a: [i] }); };
    const before = newSpace();
    // Nested, as the CLI's validate does: the inner call's end leaves it small.
    withSmallYoungGeneration(() => { withSmallYoungGeneration(() => undefined); build(); });
    const inside = newSpace();
    build();
    console.log(JSON.stringify({ before, inside, after: newSpace() }));`;
  const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout);
}

describe('withSmallYoungGeneration', function () {
  this.timeout(60_000);

  it('keeps the young generation small while the work keeps what it makes, and lets it grow after', () => {
    const { before, inside, after } = sizes();
    const MB = 1024 * 1024;
    // V8 may still take one step (1 → 2 MB) inside; by default it doubles up to 2 × 16 MB.
    assert.ok(inside <= Math.max(4 * MB, before), `at most a few MB inside (${before} → ${inside})`);
    assert.ok(after >= 4 * inside, `grows again after (${inside} → ${after})`);
  });
});
