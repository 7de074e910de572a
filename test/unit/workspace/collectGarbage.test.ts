// The CLI frees the files' bytes with a full collection once they are parsed (collectGarbage.ts):
// that the collection really happens, without `--expose-gc`, and frees what nothing reaches.
import assert from 'node:assert/strict';
import { collectGarbage } from '../../../src/node/collectGarbage';

/** A fresh object only a WeakRef points to (made in a function of its own, so no frame of the test holds it). */
function unreachable(): WeakRef<object> {
  return new WeakRef({ bytes: new Uint8Array(1024) });
}

describe('collectGarbage', () => {
  it('runs a full collection in a process started without --expose-gc', async () => {
    assert.ok(!process.execArgv.includes('--expose-gc'));
    const refs = Array.from({ length: 4 }, unreachable);
    // A WeakRef keeps its target until the job that made it ends.
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(collectGarbage(), true);
    assert.deepEqual(
      refs.map((r) => r.deref()),
      [undefined, undefined, undefined, undefined],
    );
  });

  it('can be asked again', () => {
    assert.equal(collectGarbage(), true);
    assert.equal(collectGarbage(), true);
  });
});
