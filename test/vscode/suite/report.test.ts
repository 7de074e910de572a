// "PatchOps: Generate Report" with arguments (no prompts, the target given): the file it writes is the CLI's report.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AS_OF, cli, folder, patchops, relOf, uriOf } from './helpers';

describe('PatchOps report command (extension host)', function () {
  this.timeout(60_000);
  const written: vscode.Uri[] = [];

  before(async () => {
    await patchops();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of [...written, uriOf('reports')])
      await vscode.workspace.fs.delete(uri, { useTrash: false, recursive: true }).then(undefined, () => undefined);
  });

  it('json: writes reports/patchops-report.json whose JSON equals `patchops report --format json`', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('patchops.generateReport', {
      format: 'json',
      folder: folder().uri,
      open: false,
      target: uriOf('reports/patchops-report.json'),
    });
    assert.ok(uri instanceof vscode.Uri, `the command returns the Uri it wrote (got ${String(uri)})`);
    written.push(uri);
    assert.equal(relOf(uri), 'reports/patchops-report.json');
    const fromEditor = JSON.parse(Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8'));
    const fromCli = JSON.parse(cli(['report', folder().uri.fsPath, '--as-of', AS_OF, '--format', 'json']));
    assert.deepEqual(fromEditor, fromCli);
    assert.equal(fromEditor.kpis.openBreaches, 1);
  });

  for (const format of ['md', 'csv', 'html'] as const) {
    it(`${format}: writes reports/patchops-report.${format} with the same text as \`patchops report --out\``, async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('patchops.generateReport', {
        format,
        folder: folder().uri,
        open: false,
        target: uriOf(`reports/patchops-report.${format}`),
      });
      assert.ok(uri instanceof vscode.Uri, `the command returns the Uri it wrote (got ${String(uri)})`);
      written.push(uri);
      assert.equal(relOf(uri), `reports/patchops-report.${format}`);
      const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-report-')), `report.${format}`);
      try {
        cli(['report', folder().uri.fsPath, '--as-of', AS_OF, '--format', format, '--out', out]);
        const fromEditor = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
        assert.ok(fromEditor.length > 100, 'a real report');
        assert.equal(fromEditor, fs.readFileSync(out, 'utf8'));
      } finally {
        fs.rmSync(path.dirname(out), { recursive: true, force: true });
      }
    });
  }

  it('with open: true, the json report opens in an editor', async () => {
    const uri = await vscode.commands.executeCommand<vscode.Uri>('patchops.generateReport', {
      format: 'json',
      folder: folder().uri,
      target: uriOf('reports/patchops-report.json'),
    });
    written.push(uri);
    const active = vscode.window.activeTextEditor;
    assert.ok(active, 'an editor is active');
    assert.equal(active.document.uri.toString(), uri.toString());
  });
});
