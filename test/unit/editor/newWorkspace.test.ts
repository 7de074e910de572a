// "New Workspace" next to existing files: the example policy and groups whose ids the folder
// already declares are left out, so the new workspace never declares an id twice.
import * as assert from 'node:assert/strict';
import { newWorkspaceFiles, TEMPLATE_GROUP_IDS, TEMPLATE_POLICY_ID } from '../../../src/core/templates/templates';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { POLICY } from '../../support/workspace';

const MINE = `groups:
  - { id: workstations, title: Our workstations, impact: high, endpoints: 900, owner: it-ops }
`;

function model(files: Record<string, string>) {
  return assembleModel(Object.entries(files).map(([f, t]) => loadFile(f, t)));
}

describe('templates: a new workspace next to existing files', () => {
  it('with nothing taken: the workspace, the example policy and both example groups', () => {
    const files = newWorkspaceFiles('Acme', 'UTC');
    assert.deepEqual(Object.keys(files).sort(), ['assets/groups.assets.yaml', 'patchops.yaml', 'policies/standard.sla.yaml']);
    assert.deepEqual([...model(files).groups.keys()].sort(), [...TEMPLATE_GROUP_IDS].sort());
  });

  it('a group id the folder already declares is left out; the others are added, with no duplicate', () => {
    const files = newWorkspaceFiles('Acme', 'UTC', { groups: new Set(['workstations']) });
    const m = model({ ...files, 'assets/mine.assets.yaml': MINE });
    assert.deepEqual(m.duplicates, []);
    assert.deepEqual([...m.groups.keys()].sort(), ['pilot-ring', 'workstations']);
    assert.equal(m.groups.get('workstations')!.data.title, 'Our workstations', "the folder's own group stays the one");
    // Only what the team must fill in: its members.
    assert.deepEqual(
      m.files.flatMap((f) => f.diagnostics).map((d) => `${d.severity} ${d.code}`),
      ['warning template.placeholder', 'warning template.placeholder'],
    );
  });

  it("every example id taken: only patchops.yaml, and it refers to the folder's own `standard` policy", () => {
    const files = newWorkspaceFiles('Acme', 'UTC', { policies: new Set([TEMPLATE_POLICY_ID]), groups: new Set(TEMPLATE_GROUP_IDS) });
    assert.deepEqual(Object.keys(files), ['patchops.yaml']);
    const m = model({
      ...files,
      'policies/ours.sla.yaml': POLICY,
      'assets/mine.assets.yaml': MINE.replace('\n', '\n  - { id: pilot-ring, title: Ours, impact: low, endpoints: 1, owner: it-ops }\n').trimEnd() + '\n',
    });
    assert.deepEqual(m.duplicates, []);
    assert.deepEqual([...m.policies.keys()], ['standard']);
    assert.equal(m.settings?.data.default_sla, 'standard');
  });

  it('another policy id does not keep the example policy out', () => {
    const files = newWorkspaceFiles('Acme', 'UTC', { policies: new Set(['emergency']) });
    assert.ok('policies/standard.sla.yaml' in files);
  });
});
