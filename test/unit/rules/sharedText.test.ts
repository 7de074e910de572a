// The texts results keep recur across plans (sharedText.ts): an evaluation keeps one string per
// distinct text, not one (of pieces) per plan. What a heap holds is seen only in a heap snapshot,
// taken in a fresh Node so that it holds nothing else of ours.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const SUPPORT = path.resolve(__dirname, '../../support/workspace.js');

/** Per text, how many strings and joined strings (V8's trees of pieces) with that text a heap snapshot holds. */
function countTexts(snapshotFile: string, texts: readonly string[]): Map<string, { strings: number; joined: number }> {
  const snapshot = JSON.parse(fs.readFileSync(snapshotFile, 'utf8'));
  const { node_fields: fields, node_types: nodeTypes } = snapshot.snapshot.meta;
  const type = fields.indexOf('type');
  const name = fields.indexOf('name');
  // A Map: a heap holds strings such as `__proto__`, which an object's keys would not count but reach through.
  const counts = new Map(texts.map((text) => [text, { strings: 0, joined: 0 }]));
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const kind = nodeTypes[0][snapshot.nodes[i + type]];
    const counted = counts.get(snapshot.strings[snapshot.nodes[i + name]]);
    if (!counted) continue;
    if (kind === 'string') counted.strings++;
    else if (kind === 'concatenated string') counted.joined++;
  }
  return counts;
}

describe('rules/sharedText: the texts results keep', function () {
  this.timeout(120_000);

  it('40 plans whose second wave waits on the same gate keep its reason and their deadline origin once each', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-shared-'));
    try {
      const snapshotFile = path.join(dir, 'heap.heapsnapshot');
      const blockedBy = '`Pilot` is in progress, not complete';
      const origin = 'critical tier: 72h from testing passed';
      const script = `
        const v8 = require('v8');
        const { evaluateFiles, plan, withBase } = require(${JSON.stringify(SUPPORT)});
        const files = {};
        for (let i = 0; i < 40; i++)
          files['p' + i + '.plan.yaml'] = plan({
            id: 'PLAN-' + i,
            waves: 'waves:\\n  - { name: Pilot, groups: [pilot], status: in_progress, started: 2026-11-20T09:00 }\\n  - { name: Everyone, groups: [payroll], status: planned }',
          });
        globalThis.kept = evaluateFiles(withBase(files), '2026-11-23T12:00:00Z');
        const texts = new Set(globalThis.kept.plans.flatMap((p) => [p.waves[1].blockedBy, p.deadlineOrigin]));
        v8.writeHeapSnapshot(${JSON.stringify(snapshotFile)});
        console.log(JSON.stringify([...texts]));`;
      const r = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
      // The texts are what the test expects, so that the counts below are about them.
      assert.deepEqual(JSON.parse(r.stdout), [blockedBy, origin]);
      const counts = countTexts(snapshotFile, [blockedBy, origin]);
      assert.deepEqual(
        [...counts],
        [
          [blockedBy, { strings: 1, joined: 0 }],
          [origin, { strings: 1, joined: 0 }],
        ],
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
