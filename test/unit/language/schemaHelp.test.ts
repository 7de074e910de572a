// Who offers the schema's keys, values and descriptions: PatchOps, or Red Hat's YAML extension.
import assert from 'node:assert/strict';
import { schemaHelpEnabled } from '../../../src/core/language/schemaHelp';

const absent = { installed: false, completion: true, hover: true };
const present = { installed: true, completion: true, hover: true };

describe('language: schema help beside Red Hat YAML', () => {
  it('auto: PatchOps offers it unless Red Hat YAML is installed and offers it too', () => {
    assert.equal(schemaHelpEnabled('auto', absent, 'completion'), true);
    assert.equal(schemaHelpEnabled('auto', present, 'completion'), false);
    assert.equal(schemaHelpEnabled('auto', present, 'hover'), false);
    // Red Hat YAML with its completion turned off: PatchOps completes, Red Hat still hovers.
    assert.equal(schemaHelpEnabled('auto', { ...present, completion: false }, 'completion'), true);
    assert.equal(schemaHelpEnabled('auto', { ...present, completion: false }, 'hover'), false);
  });

  it('always and ids do what they say whatever is installed', () => {
    for (const peer of [absent, present]) {
      assert.equal(schemaHelpEnabled('always', peer, 'completion'), true);
      assert.equal(schemaHelpEnabled('ids', peer, 'hover'), false);
    }
  });
});
