// Rename of ids across files, from the core's language service. A refusal is thrown: VS Code shows
// its message where the rename was asked for.
import * as vscode from 'vscode';
import { prepareRename, rename } from '../../core/language/rename';
import { toRange } from '../convert';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { languageRequest } from './languageRequest';

export class PatchOpsRename implements vscode.RenameProvider {
  constructor(private readonly registry: WorkspaceRegistry) {}

  prepareRename(document: vscode.TextDocument, position: vscode.Position): { range: vscode.Range; placeholder: string } {
    const request = languageRequest(this.registry, document, position, 'navigation');
    if (!request) throw new Error('not a file of a PatchOps workspace');
    const prepared = prepareRename(request);
    if (!prepared.ok) throw new Error(prepared.message);
    return { range: toRange(prepared.range), placeholder: prepared.placeholder };
  }

  provideRenameEdits(document: vscode.TextDocument, position: vscode.Position, newName: string): vscode.WorkspaceEdit {
    const request = languageRequest(this.registry, document, position, 'navigation');
    if (!request) throw new Error('not a file of a PatchOps workspace');
    const result = rename(request, newName);
    if (!result.ok) throw new Error(result.message);
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(request.uriOf(e.file), toRange(e.range), e.newText);
    return edit;
  }
}
