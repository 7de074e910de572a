// "PatchOps: New Workspace" (issue item 11) never creates duplicate groups, policies or ids: a
// folder that already has a patchops.yaml is refused (nothing written), and next to existing
// asset groups and policies only what is missing is added. Run with arguments (no prompts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { assembleModel } from '../../../src/core/workspace/load';
import { readWorkspace } from '../../../src/node/workspaceFiles';
import { cli, evaluation, folder, patchops } from './helpers';

const newWorkspace = (dir: string, name = 'Test patching') =>
  vscode.commands.executeCommand<string[] | undefined>('patchops.newWorkspace', { folder: vscode.Uri.file(dir), name });

/** Every file under `dir` (but .git and the like) with its bytes, to compare before and after. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(dir, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** What the core makes of the folder: its group and policy ids (each once?) and duplicate problems. */
function ids(dir: string) {
  const model = assembleModel(readWorkspace(dir).files);
  const declared = model.files.flatMap((f) => (f.kind === 'assets' || f.kind === 'sla' ? f.declaredIds.map((id) => `${f.kind} ${id}`) : []));
  return { declared: declared.sort(), duplicates: model.duplicates.map((d) => d.message) };
}

describe('New Workspace never duplicates (extension host)', function () {
  this.timeout(60_000);
  const temps: string[] = [];
  const temp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-new-'));
    temps.push(dir);
    return dir;
  };

  before(async () => {
    await patchops();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('in a folder that already has a patchops.yaml (the samples): refused, nothing written', async () => {
    const dir = folder().uri.fsPath;
    const before = snapshot(dir);
    const groups = [...(await evaluation()).model.groups.keys()];
    assert.deepEqual(await newWorkspace(dir), []);
    assert.deepEqual(snapshot(dir), before, 'no file was created or changed');
    assert.deepEqual([...(await evaluation()).model.groups.keys()], groups);
    assert.deepEqual((await evaluation()).model.duplicates, []);
  });

  it('twice in an empty folder: the first creates the workspace, the second nothing — one of each id', async () => {
    const dir = temp();
    const created = await newWorkspace(dir);
    assert.deepEqual([...(created ?? [])].sort(), ['assets/groups.assets.yaml', 'patchops.yaml', 'policies/standard.sla.yaml']);
    const first = snapshot(dir);
    assert.deepEqual(await newWorkspace(dir, 'Another name'), []);
    assert.deepEqual(snapshot(dir), first, 'the second run changed nothing');
    assert.deepEqual(ids(dir), { declared: ['assets pilot-ring', 'assets workstations', 'sla standard'], duplicates: [] });
    const validate = JSON.parse(cli(['validate', dir, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json'])) as {
      diagnostics: { severity: string; code: string }[];
    };
    assert.deepEqual(
      validate.diagnostics.filter((d) => d.severity === 'error'),
      [],
      'the new workspace has no error',
    );
  });

  it('next to asset groups and a policy with the example ids: only what is missing is added', async () => {
    const dir = temp();
    fs.mkdirSync(path.join(dir, 'inventory'));
    fs.writeFileSync(
      path.join(dir, 'inventory', 'ours.assets.yaml'),
      'groups:\n  - { id: workstations, title: Our desks, impact: high, endpoints: 40, owner: it-ops }\n',
    );
    fs.writeFileSync(path.join(dir, 'inventory', 'ours.sla.yaml'), fs.readFileSync(path.join(folder().uri.fsPath, 'policies', 'standard.sla.yaml')));
    const created = await newWorkspace(dir);
    assert.deepEqual([...(created ?? [])].sort(), ['assets/groups.assets.yaml', 'patchops.yaml'], 'no second `standard` policy');
    assert.deepEqual(ids(dir), { declared: ['assets pilot-ring', 'assets workstations', 'sla standard'], duplicates: [] });
    const validate = JSON.parse(cli(['validate', dir, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json'])) as { diagnostics: { code: string }[] };
    assert.deepEqual(
      validate.diagnostics.filter((d) => d.code === 'ref.duplicate-id'),
      [],
    );
  });
});
