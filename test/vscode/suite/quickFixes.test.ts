// Quick fixes inside VS Code: offered on the diagnostic, applied as a WorkspaceEdit that changes
// only the node at fault, so comments and formatting elsewhere stay byte for byte.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, editFile, eventually, patchopsDiagnostics, PLAN_039, replaceOnce, Restorer, uriOf } from './helpers';

async function fixesAt(rel: string, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uriOf(rel),
    diagnostic.range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a) => a.edit);
}

describe('PatchOps quick fixes (extension host)', function () {
  this.timeout(60_000);
  const restorer = new Restorer();
  afterEach(() => restorer.restore());

  it('renames a misspelled field and keeps every comment', async () => {
    await restorer.remember(PLAN_039);
    const doc = await editFile(PLAN_039, (t) => replaceOnce(t, /^owner:/m, 'ownr:'), { save: false });
    const misspelled = doc.getText();
    const d = await eventually(() => {
      const found = patchopsDiagnostics(PLAN_039).find((x) => /unknown field `ownr`/.test(x.message));
      assert.ok(found, 'the schema diagnostic for `ownr`');
      return found;
    });
    const [fix] = await fixesAt(PLAN_039, d);
    assert.equal(fix?.title, 'Rename to `owner`');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.equal(doc.getText(), misspelled.replace(/^ownr:/m, 'owner:'), 'only the key changed');
    await eventually(() => assert.equal(patchopsDiagnostics(PLAN_039).filter((x) => codeOf(x) === 'schema').length, 0));
  });

  it('adds a rollback skeleton after the last line, and rollback.missing goes away', async () => {
    await restorer.remember(PLAN_039);
    const doc = await editFile(PLAN_039, (t) => t.slice(0, t.indexOf('\nrollback:') + 1), { save: false });
    const before = doc.getText();
    const d = await eventually(() => {
      const all = patchopsDiagnostics(PLAN_039);
      const found = all.find((x) => codeOf(x) === 'rollback.missing');
      assert.ok(
        found,
        `rollback.missing among ${JSON.stringify(all.map((x) => [codeOf(x), x.range.start.line, x.message.slice(0, 60)]))}; text ends ${JSON.stringify(doc.getText().slice(-80))}`,
      );
      return found;
    });
    const fix = (await fixesAt(PLAN_039, d)).find((a) => /rollback/i.test(a.title));
    assert.ok(fix, 'a rollback quick fix');
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    assert.ok(doc.getText().startsWith(before), 'the existing text is untouched');
    await eventually(() => assert.equal(patchopsDiagnostics(PLAN_039).filter((x) => codeOf(x) === 'rollback.missing').length, 0));
  });
});
