// A YAML file that looks like a PatchOps file but is not named like one: the extension lists and
// watches it too, and the Problems panel shows the same `workspace.misnamed` warning as the CLI,
// live as it is created, typed in, renamed and deleted.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cliDiagnostics, codeOf, editFile, editorDiagnostics, eventually, patchops, patchopsDiagnostics, PLAN_036, uriOf } from './helpers';

const DRAFT = 'plans/draft.yaml';
const RENAMED = 'plans/draft.plan.yaml';

describe('PatchOps misnamed files (extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    await patchops();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of [DRAFT, RENAMED]) await vscode.workspace.fs.delete(uriOf(rel), { useTrash: false }).then(undefined, () => undefined);
    const expected = cliDiagnostics();
    await eventually(() => assert.deepEqual(editorDiagnostics(), expected), 30_000);
  });

  it('a plan saved as plans/draft.yaml gets the warning, as the CLI says, and loses it when renamed *.plan.yaml', async () => {
    const plan = Buffer.from(await vscode.workspace.fs.readFile(uriOf(PLAN_036)))
      .toString('utf8')
      .replace(/^id: PLAN-2026-036$/m, 'id: PLAN-2026-099');
    assert.match(plan, /^id: PLAN-2026-099$/m, 'the sample plan changed?');
    await vscode.workspace.fs.writeFile(uriOf(DRAFT), Buffer.from(plan));

    const cli = cliDiagnostics().filter((d) => d.file === DRAFT);
    assert.deepEqual(
      cli.map((d) => [d.line, d.column, d.severity, d.code]),
      [[1, 1, 'warning', 'workspace.misnamed']],
    );
    await eventually(() => {
      const shown = patchopsDiagnostics(DRAFT);
      assert.deepEqual(shown.map(codeOf), ['workspace.misnamed']);
      assert.equal(shown[0].severity, vscode.DiagnosticSeverity.Warning);
      assert.equal(shown[0].message, cli[0].message);
      assert.match(shown[0].message, /rename it to `plans\/draft\.plan\.yaml`$/);
    });

    // Typed away in the editor (not saved): the warning goes; typed back: it returns.
    const doc = await editFile(DRAFT, (text) => text.replace(/^affects:/m, 'services:').replace(/^vulnerabilities:/m, 'jobs:'), { save: false });
    await eventually(() => assert.deepEqual(patchopsDiagnostics(DRAFT).map(codeOf), []));
    await editFile(DRAFT, () => plan, { save: false });
    await eventually(() => assert.deepEqual(patchopsDiagnostics(DRAFT).map(codeOf), ['workspace.misnamed']));
    assert.ok(await doc.save());
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    // Renamed as the warning says: now it is a plan, checked like the others, the same as the CLI.
    await vscode.workspace.fs.rename(uriOf(DRAFT), uriOf(RENAMED));
    const expected = cliDiagnostics();
    assert.ok(!expected.some((d) => d.code === 'workspace.misnamed'));
    assert.ok(
      expected.some((d) => d.file === RENAMED && d.code === 'sla.breached'),
      'the CLI reads the renamed copy of the breached plan',
    );
    await eventually(() => {
      assert.deepEqual(patchopsDiagnostics(DRAFT), []);
      assert.ok(patchopsDiagnostics(RENAMED).some((d) => codeOf(d) === 'sla.breached'));
      assert.deepEqual(editorDiagnostics(), expected);
    });
  });
});
