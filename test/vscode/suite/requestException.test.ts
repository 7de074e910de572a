// A breach offers "Request an exception": while one is pending for the plan the breach points at
// it and the quick fix opens it; without one the quick fix writes a new request from the template.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { codeOf, editFile, eventually, patchopsDiagnostics, PLAN_036, relOf, replaceOnce, Restorer, uriOf } from './helpers';

const PENDING = 'exceptions/EXC-2026-015-backup-hotfix.exception.yaml';

function breach(): vscode.Diagnostic {
  const found = patchopsDiagnostics(PLAN_036).find((d) => codeOf(d) === 'sla.breached');
  assert.ok(found, `sla.breached on ${PLAN_036}`);
  return found;
}

async function requestActions(): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    uriOf(PLAN_036),
    breach().range,
    vscode.CodeActionKind.QuickFix.value,
  );
  return (actions ?? []).filter((a) => a.command?.command === 'patchops.requestException');
}

describe('PatchOps: request an exception from a breach (extension host)', function () {
  this.timeout(60_000);
  const restorer = new Restorer();
  const created: vscode.Uri[] = [];
  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created.splice(0)) await vscode.workspace.fs.delete(uri, { useTrash: false }).then(undefined, () => undefined);
    await restorer.restore();
  });

  it('the breach of PLAN-2026-036 points at its pending exception EXC-2026-015, and the quick fix opens it', async () => {
    const d = await eventually(() => {
      const found = breach();
      assert.equal(found.relatedInformation?.length, 1, 'one related location');
      return found;
    });
    const [related] = d.relatedInformation!;
    assert.equal(relOf(related.location.uri), PENDING);
    assert.equal(related.location.range.start.line, 10, 'the line of `id: EXC-2026-015`');
    assert.match(related.message, /^exception EXC-2026-015 is requested for this plan and awaits approval/);

    await vscode.window.showTextDocument(uriOf(PLAN_036));
    const [action, ...more] = await requestActions();
    assert.equal(more.length, 0);
    assert.equal(action?.title, 'Open pending exception EXC-2026-015 (awaiting approval)');
    assert.deepEqual(action.command!.arguments, ['PLAN-2026-036']);
    const opened = await vscode.commands.executeCommand<vscode.Uri>(action.command!.command, ...action.command!.arguments);
    assert.equal(relOf(opened), PENDING);
    assert.equal(relOf(vscode.window.activeTextEditor!.document.uri), PENDING, 'the pending exception is the active editor');
    assert.equal(vscode.window.activeTextEditor!.selection.start.line, 10);
  });

  it('without a pending exception the quick fix requests one: EXC-2026-016 for PLAN-2026-036, opened on its first placeholder; then the breach points at it', async () => {
    await restorer.remember(PENDING);
    // EXC-2026-015 now asks for another plan: PLAN-2026-036 has no pending request.
    await editFile(PENDING, (t) => replaceOnce(t, 'plan: PLAN-2026-036', 'plan: PLAN-2026-031'));
    await eventually(() => assert.equal(breach().relatedInformation?.length ?? 0, 0, 'no related location any more'));
    await vscode.window.showTextDocument(uriOf(PLAN_036));
    const action = await eventually(async () => {
      const [found] = await requestActions();
      assert.equal(found?.title, 'Request an exception for PLAN-2026-036');
      return found;
    });
    const uri = await vscode.commands.executeCommand<vscode.Uri>(action.command!.command, ...action.command!.arguments!, {
      requestedBy: 'bob@contoso.example',
    });
    created.push(uri);
    assert.equal(relOf(uri), 'exceptions/EXC-2026-016.exception.yaml');
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.match(
      text,
      /^id: EXC-2026-016\nvulnerabilities: \[CVE-2026-44711, CVE-2026-44712\]\ngroups: \[backup-servers\]\nplan: PLAN-2026-036\nrequested_by: bob@contoso.example\nrequested_on: 2026-11-23\n/,
    );
    const editor = vscode.window.activeTextEditor!;
    assert.equal(relOf(editor.document.uri), 'exceptions/EXC-2026-016.exception.yaml');
    assert.equal(editor.document.getText(editor.selection), '<fill in why this cannot be patched on time>', 'the first value to fill in is selected');

    const d = await eventually(() => {
      const found = breach();
      assert.equal(found.relatedInformation?.length, 1);
      return found;
    });
    assert.equal(relOf(d.relatedInformation![0].location.uri), 'exceptions/EXC-2026-016.exception.yaml');
    const [again] = await requestActions();
    assert.equal(again?.title, 'Open pending exception EXC-2026-016 (awaiting approval)', 'never a second request');
  });

  it('an unknown plan id writes nothing', async () => {
    const before = await vscode.workspace.findFiles('exceptions/*.yaml');
    const uri = await vscode.commands.executeCommand('patchops.requestException', 'PLAN-1999-001', { requestedBy: 'bob@contoso.example' });
    assert.equal(uri, undefined);
    assert.equal((await vscode.workspace.findFiles('exceptions/*.yaml')).length, before.length);
  });
});
