// Schema help without other extensions, inside VS Code: completion, hover, go to definition, find
// references and rename, through the editor's own commands (every registered provider answers).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { editFile, eventually, evaluation, PLAN_039, relOf, replaceOnce, Restorer, SERVERS, uriOf } from './helpers';

const PLAN_037 = 'plans/2026-037-openjdk-october-cpu.plan.yaml';
const EXC_014 = 'exceptions/EXC-2026-014-payroll-java.exception.yaml';

async function completionItems(rel: string, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uriOf(rel), position);
  return list?.items ?? [];
}

const label = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);
const ofKind = (items: readonly vscode.CompletionItem[], kind: vscode.CompletionItemKind) => items.filter((i) => i.kind === kind).map(label);

async function hoverText(rel: string, position: vscode.Position): Promise<string> {
  const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uriOf(rel), position)) ?? [];
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : c.value))
    .join('\n---\n');
}

/** The position of the `n`th character of `needle` on the only line of `rel` containing it (a RegExp: matching it). */
async function positionOf(rel: string, needle: string | RegExp, n = 0): Promise<vscode.Position> {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  const lines = doc.getText().split('\n');
  const found = lines.map((l, i) => [i, typeof needle === 'string' ? l.indexOf(needle) : l.search(needle)]).filter(([, c]) => c >= 0);
  assert.equal(found.length, 1, `exactly one line of ${rel} contains ${needle}`);
  return new vscode.Position(found[0][0], found[0][1] + n);
}

const where = (locations: readonly vscode.Location[]) => locations.map((l) => `${relOf(l.uri)}:${l.range.start.line + 1}`).sort();

async function setSchemaHelp(value: string | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('patchops').update('schemaHelp', value, vscode.ConfigurationTarget.Global);
}

describe('PatchOps language features (extension host)', function () {
  this.timeout(60_000);
  const restorer = new Restorer();
  before(() => evaluation());
  afterEach(async () => {
    await setSchemaHelp(undefined);
    await restorer.restore();
  });

  it('completes the keys the schema allows, minus those present, and enum values on a half-written line', async () => {
    await restorer.remember(PLAN_039);
    const doc = await editFile(PLAN_039, (t) => replaceOnce(t, /^ {2}status: passed$/m, '  status: '), { save: false });
    const status = await positionOf(PLAN_039, /^ {2}status: $/, 10);
    assert.deepEqual(ofKind(await completionItems(PLAN_039, status), vscode.CompletionItemKind.EnumMember), ['pending', 'in_progress', 'passed', 'failed']);
    const end = doc.lineAt(doc.lineCount - 1).range.end;
    const edit = new vscode.WorkspaceEdit();
    edit.insert(doc.uri, end, `${end.character ? '\n' : ''}re`);
    assert.ok(await vscode.workspace.applyEdit(edit));
    const keys = ofKind(await completionItems(PLAN_039, doc.lineAt(doc.lineCount - 1).range.end), vscode.CompletionItemKind.Property);
    assert.ok(keys.includes('retrospective') && keys.includes('description'), `keys: ${keys.join(', ')}`);
    assert.ok(!keys.includes('owner') && !keys.includes('rollback'), `present keys are not offered again: ${keys.join(', ')}`);
  });

  it('completes the ids of teams and groups from the other files', async () => {
    await restorer.remember(PLAN_039);
    await editFile(PLAN_039, (t) => replaceOnce(t, /^owner: it-ops$/m, 'owner: '), { save: false });
    const owner = ofKind(await completionItems(PLAN_039, await positionOf(PLAN_039, 'owner: ', 7)), vscode.CompletionItemKind.Reference);
    assert.deepEqual(owner, ['infosec', 'it-endpoint', 'it-ops']);
    const affects = ofKind(await completionItems(PLAN_039, await positionOf(PLAN_039, 'affects: [payroll-servers]', 10)), vscode.CompletionItemKind.Reference);
    assert.ok(affects.includes('payroll-servers') && affects.includes('app-servers'), `groups: ${affects.join(', ')}`);
  });

  it('patchops.schemaHelp: with "ids" (as when Red Hat YAML offers the schema) only ids; "always" and "auto" without it offer keys', async () => {
    assert.equal(vscode.extensions.getExtension('redhat.vscode-yaml'), undefined, 'this VS Code has no Red Hat YAML: auto means PatchOps offers the schema');
    await restorer.remember(PLAN_039);
    await editFile(PLAN_039, (t) => replaceOnce(t, /^owner: it-ops$/m, 'owner: it-ops\nre'), { save: false });
    const at = (await positionOf(PLAN_039, 'owner: it-ops')).translate(1, 2);
    const keysNow = async () => ofKind(await completionItems(PLAN_039, at), vscode.CompletionItemKind.Property);
    assert.ok((await keysNow()).includes('retrospective'), 'auto, no Red Hat YAML: keys');
    await setSchemaHelp('ids');
    await eventually(async () => assert.deepEqual(await keysNow(), []));
    const owner = await positionOf(PLAN_039, 'owner: it-ops', 9);
    assert.ok(ofKind(await completionItems(PLAN_039, owner), vscode.CompletionItemKind.Reference).includes('it-ops'), 'ids are still offered');
    assert.doesNotMatch(await hoverText(PLAN_039, owner), /Executor team/, 'no schema description in the hover');
    assert.match(await hoverText(PLAN_039, owner), /Team `it-ops`/, 'what the id is, still');
    await setSchemaHelp('always');
    await eventually(async () => assert.ok((await keysNow()).includes('retrospective')));
  });

  it("hovers with the schema's description and what an id names", async () => {
    const key = await hoverText(PLAN_039, await positionOf(PLAN_039, 'owner: it-ops', 1));
    assert.match(key, /\*\*owner\*\* · Identifier/);
    assert.match(key, /Executor team \(IT\) that deploys\./);
    assert.match(key, /Team `it-ops`: executor · IT Operations \\\(servers\\\) · 3 members/);
    const affects = await hoverText(PLAN_037, await positionOf(PLAN_037, 'affects:', 1));
    assert.match(affects, /Asset group ids the vulnerabilities affect\./);
  });

  it('goes to the definition of a team and finds every reference to a group across files', async () => {
    const definition = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeDefinitionProvider',
      uriOf(PLAN_039),
      await positionOf(PLAN_039, 'owner: it-ops', 9),
    );
    assert.deepEqual(where(definition), ['patchops.yaml:21']);
    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider',
      uriOf(SERVERS),
      await positionOf(SERVERS, 'id: payroll-servers', 6),
    );
    assert.deepEqual(
      where(refs),
      [EXC_014 + ':12', SERVERS + ':7', PLAN_037 + ':26', PLAN_039 + ':22', PLAN_039 + ':34', PLAN_039 + ':42', PLAN_039 + ':50'].sort(),
    );
  });

  it('renames a group in every file, and refuses an id that exists', async () => {
    await restorer.remember(SERVERS, PLAN_037, PLAN_039, EXC_014);
    const before = new Map<string, string>();
    for (const rel of [SERVERS, PLAN_037, PLAN_039, EXC_014]) before.set(rel, (await vscode.workspace.openTextDocument(uriOf(rel))).getText());
    const at = await positionOf(PLAN_037, 'affects: [payroll-servers', 12);
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand('vscode.executeDocumentRenameProvider', uriOf(PLAN_037), at, 'app-servers')),
      /an asset group `app-servers` already exists/,
    );
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>('vscode.executeDocumentRenameProvider', uriOf(PLAN_037), at, 'payroll-app-servers');
    assert.deepEqual(
      edit
        .entries()
        .map(([uri, edits]) => `${relOf(uri)} ${edits.length}`)
        .sort(),
      [`${EXC_014} 1`, `${PLAN_037} 1`, `${PLAN_039} 4`, `${SERVERS} 1`].sort(),
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    for (const [rel, text] of before) {
      const after = (await vscode.workspace.openTextDocument(uriOf(rel))).getText();
      assert.equal(after, text.replace(/(?<=[[\s])payroll-servers(?=[\],\s])/g, 'payroll-app-servers'), `${rel}: only the ids changed`);
    }
    await eventually(async () => {
      const unknown = (await evaluation()).diagnostics.filter((d) => d.code === 'ref.unknown').map((d) => d.message);
      assert.deepEqual(
        unknown.filter((m) => m.includes('payroll')),
        [],
        'every reference still resolves',
      );
    });
  });
});
