// Quick fixes from the core's fix hints, as WorkspaceEdits that touch only the node at fault.
import * as vscode from 'vscode';
import { quickFixFor } from '../core/fixes/quickFixes';
import type { PlanFile } from '../core/model/files';
import { codeValue, toRange } from './convert';
import type { WorkspaceRegistry } from './workspaceRegistry';

export class PatchOpsQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly registry: WorkspaceRegistry) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const owner = this.registry.workspaceOf(document.uri);
    const evaluation = owner?.workspace.evaluation;
    if (!owner || !evaluation) return [];
    const text = document.getText();
    // Fixes carry ranges from the last evaluation: offer none until it has caught up with the buffer.
    if (evaluation.model.files.find((f) => f.file === owner.rel)?.source.text !== text) return [];
    const plan: PlanFile | undefined = evaluation.plans.find((p) => p.entity.source.file === owner.rel)?.entity.data;
    const actions: vscode.CodeAction[] = [];
    for (const d of evaluation.diagnosticsByFile.get(owner.rel) ?? []) {
      if (!d.fix || !toRange(d.range).intersection(range)) continue;
      const fix = quickFixFor(d, { text, owner: plan?.owner, validator: plan?.validator });
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
      action.diagnostics = vscode.languages.getDiagnostics(document.uri).filter((x) => codeValue(x.code) === d.code && x.range.isEqual(toRange(d.range)));
      action.isPreferred = d.fix.kind !== 'add-rollback';
      actions.push(action);
    }
    return actions;
  }
}
