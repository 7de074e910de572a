// The editor's warm-up (src/core/warmUp.ts): small steps, each run in a task of its own while the
// first scan's workers read, so each first use (a parser, a template file, the rules) is its own
// step. Behaviour only: how long a step takes is measured by `npm run bench`.
import * as assert from 'node:assert/strict';
import { warmUpSteps } from '../../../src/core/warmUp';

describe('core: the warm-up steps', () => {
  it('load the template workspace one file a step, each parser in a step of its own, and evaluate what they loaded last, without the plan first', () => {
    const steps = warmUpSteps('America/Chicago');
    const names = steps.map((s) => s.name);
    const loads = names.filter((n) => n.startsWith('load '));
    assert.deepEqual([...loads].sort(), [
      'load assets/groups.assets.yaml',
      'load patchops.yaml',
      'load plans/warm.plan.yaml',
      'load policies/standard.sla.yaml',
    ]);
    assert.ok(names.includes('the fast YAML parser') && names.includes('the full YAML parser'), names.join(', '));
    assert.deepEqual(names.slice(-2), ['evaluate the template workspace without its plan', 'evaluate a template workspace']);
    assert.equal(new Set(names).size, names.length, 'every step has a name of its own');
    for (const step of steps) assert.doesNotThrow(() => step.run(), step.name);
  });
});
