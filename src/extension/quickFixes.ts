// Quick fixes from the core's fix hints, as WorkspaceEdits that touch only the node at fault.
import * as vscode from 'vscode';
import { quickFixFor } from '../core/fixes/quickFixes';
import { pendingExceptionFor, REQUEST_EXCEPTION_CODES, requestExceptionTitle } from '../core/fixes/requestException';
import type { Range } from '../core/model/diagnostic';
import type { PlanFile } from '../core/model/files';
import { codeValue, toRange } from './convert';
import type { WorkspaceRegistry } from './workspaceRegistry';
import { parsedFrom } from '../core/model/source';

export class PatchOpsQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly registry: WorkspaceRegistry) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range): vscode.CodeAction[] {
    const owner = this.registry.workspaceOf(document.uri);
    const evaluation = owner?.workspace.evaluation;
    if (!owner || !evaluation) return [];
    const text = document.getText();
    // Fixes carry ranges from the last evaluation: offer none until it has caught up with the buffer.
    const source = evaluation.model.files.find((f) => f.file === owner.rel)?.source;
    if (!source || !parsedFrom(source, text)) return [];
    const planResult = evaluation.plans.find((p) => p.entity.source.file === owner.rel);
    const plan: PlanFile | undefined = planResult?.entity.data;
    const actions: vscode.CodeAction[] = [];
    for (const d of evaluation.diagnosticsByFile.get(owner.rel) ?? []) {
      if (planResult && REQUEST_EXCEPTION_CODES.includes(d.code) && toRange(d.range).intersection(range)) {
        // A breach: open the exception already requested for the plan, or request one.
        const action = new vscode.CodeAction(requestExceptionTitle(planResult.id, pendingExceptionFor(evaluation, planResult)), vscode.CodeActionKind.QuickFix);
        action.command = { command: 'patchops.requestException', title: action.title, arguments: [planResult.id] };
        action.diagnostics = this.matching(document, d.code, d.range);
        actions.push(action);
      }
      if (!d.fix || !toRange(d.range).intersection(range)) continue;
      const fix = quickFixFor(d, { text, owner: plan?.owner, validator: plan?.validator });
      if (!fix) continue;
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) action.edit.replace(document.uri, toRange(edit.range), edit.newText);
      action.diagnostics = this.matching(document, d.code, d.range);
      action.isPreferred = d.fix.kind !== 'add-rollback';
      actions.push(action);
    }
    return actions;
  }

  /** The published diagnostics an action resolves: the same code on the same range. */
  private matching(document: vscode.TextDocument, code: string, range: Range): vscode.Diagnostic[] {
    return vscode.languages.getDiagnostics(document.uri).filter((x) => codeValue(x.code) === code && x.range.isEqual(toRange(range)));
  }
}
