// Reports and exports ask where to save: the dialog starts in the folder chosen last for that
// kind, else the workspace's reports/ folder, else the root; cancel writes nothing; nothing lands
// in the workspace unasked. The dialog is the command's `saveDialog` argument here (a native
// dialog cannot be clicked); the UI test drives VS Code's own dialog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { folder, patchops, relOf, uriOf } from './helpers';

type Dialog = (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>;

/** A dialog that records what it was asked and answers `answer(defaultUri)`. */
function dialog(answer: (defaultUri: vscode.Uri) => vscode.Uri | undefined): { asked: vscode.SaveDialogOptions[]; saveDialog: Dialog } {
  const asked: vscode.SaveDialogOptions[] = [];
  return {
    asked,
    saveDialog: (options) => {
      asked.push(options);
      return Promise.resolve(answer(options.defaultUri!));
    },
  };
}

async function rootEntries(): Promise<string[]> {
  return (await vscode.workspace.fs.readDirectory(folder().uri)).map(([name]) => name).sort();
}

describe('PatchOps: save dialogs for reports and exports (extension host)', function () {
  this.timeout(60_000);
  const cleanup = ['reports', 'elsewhere'];

  before(async () => {
    await patchops();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of cleanup) await vscode.workspace.fs.delete(uriOf(rel), { useTrash: false, recursive: true }).then(undefined, () => undefined);
  });

  it('cancel writes nothing: without reports/ the dialog offered the root, and the root is unchanged', async () => {
    const before = await rootEntries();
    assert.ok(!before.includes('reports'), 'the samples have no reports/ folder');
    const d = dialog(() => undefined);
    const uri = await vscode.commands.executeCommand('patchops.generateReport', { format: 'html', folder: folder().uri, saveDialog: d.saveDialog });
    assert.equal(uri, undefined);
    assert.equal(d.asked.length, 1, 'asked once');
    assert.equal(relOf(d.asked[0].defaultUri!), 'patchops-report.html');
    assert.deepEqual(Object.values(d.asked[0].filters!), [['html', 'htm']], 'the extensions of the format');
    assert.deepEqual(await rootEntries(), before, 'nothing written, not even reports/');
  });

  it('with a reports/ folder the dialog starts there', async () => {
    await vscode.workspace.fs.createDirectory(uriOf('reports'));
    const d = dialog(() => undefined);
    await vscode.commands.executeCommand('patchops.generateReport', { format: 'csv', folder: folder().uri, saveDialog: d.saveDialog });
    assert.equal(relOf(d.asked[0].defaultUri!), 'reports/patchops-report.csv');
  });

  it('the report goes where the dialog says, and the next dialog starts in that folder (remembered per kind)', async () => {
    const before = await rootEntries();
    const first = dialog(() => uriOf('elsewhere/nov/my-report.md'));
    const written = await vscode.commands.executeCommand<vscode.Uri>('patchops.generateReport', {
      format: 'md',
      folder: folder().uri,
      open: false,
      saveDialog: first.saveDialog,
    });
    assert.equal(relOf(written), 'elsewhere/nov/my-report.md');
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(written)).toString('utf8'), /^# /, 'a Markdown report, its folder created');
    assert.deepEqual(
      (await rootEntries()).filter((n) => !before.includes(n)),
      ['elsewhere'],
      'only the folder chosen is new at the root',
    );

    const second = dialog(() => undefined);
    await vscode.commands.executeCommand('patchops.generateReport', { format: 'json', folder: folder().uri, saveDialog: second.saveDialog });
    assert.equal(relOf(second.asked[0].defaultUri!), 'elsewhere/nov/patchops-report.json', 'the report dialog remembers the folder');

    // Exports remember their own folder: the first export dialog starts in reports/.
    const exportDialog = dialog((d) => d);
    const exported = await vscode.commands.executeCommand<vscode.Uri>('patchops.export', {
      format: 'ics',
      folder: folder().uri,
      open: false,
      saveDialog: exportDialog.saveDialog,
    });
    assert.equal(relOf(exportDialog.asked[0].defaultUri!), 'reports/patchops.ics');
    assert.equal(relOf(exported), 'reports/patchops.ics');
    assert.match(Buffer.from(await vscode.workspace.fs.readFile(exported)).toString('utf8'), /^BEGIN:VCALENDAR/);
  });

  it('an export canceled writes nothing', async () => {
    const before = await rootEntries();
    const d = dialog(() => undefined);
    const uri = await vscode.commands.executeCommand('patchops.export', { format: 'trivyignore', folder: folder().uri, saveDialog: d.saveDialog });
    assert.equal(uri, undefined);
    assert.equal(d.asked.length, 1);
    assert.deepEqual(await rootEntries(), before);
  });
});
