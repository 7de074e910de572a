// The CLI caps V8's young generation while it loads and evaluates (youngGeneration.ts): that it
// grows to the cap and no further while a large heap is built, and grows again after.
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
    const { withSmallYoungGeneration, capYoungGeneration } = require(${JSON.stringify(MODULE)});
    const newSpace = () => v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size;
    const kept = [];
    // As the CLI's loops do, the loop looks at the cap as it goes (a no-op outside).
    const build = () => { for (let i = 0; i < 600000; i++) { kept.push({ i, s: 'x' + i, a: [i] }); capYoungGeneration(); } };
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

  it('lets the young generation grow to the cap while the work keeps what it makes, no further, and on after', () => {
    const { before, inside, after } = sizes();
    const MB = 1024 * 1024;
    // The cap is two 2 MB halves; by default V8 doubles it up to two 16 MB halves.
    assert.ok(inside >= 4 * MB && inside > before, `grows to the cap inside (${before} → ${inside})`);
    assert.ok(inside <= 4 * MB, `no further inside (${before} → ${inside})`);
    assert.ok(after >= 4 * inside, `grows again after (${inside} → ${after})`);
  });
});
