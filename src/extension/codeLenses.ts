// Code lenses on plan files: ranges in provideCodeLenses (cheap), titles in resolveCodeLens.
import * as vscode from 'vscode';
import type { Evaluation, PlanResult } from '../core/model/evaluation';
import { planLensTitle, waveLensTitle } from '../core/present/summaries';
import { toRange } from './convert';
import type { WorkspaceRegistry } from './workspaceRegistry';

class PlanLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly uri: vscode.Uri,
    readonly planId: string,
    readonly wave?: number,
  ) {
    super(range);
  }
}

export class PlanCodeLensProvider implements vscode.CodeLensProvider<PlanLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: WorkspaceRegistry) {
    this.subscription = registry.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): PlanLens[] {
    const found = this.planOf(document.uri);
    if (!found) return [];
    const { plan } = found;
    const source = plan.entity.source;
    const lenses = [new PlanLens(lineOf(source.rangeOf(['id'])), document.uri, plan.id)];
    plan.waves.forEach((wave) => {
      lenses.push(new PlanLens(lineOf(source.rangeOf(['waves', wave.index, 'name'])), document.uri, plan.id, wave.index));
    });
    return lenses;
  }

  resolveCodeLens(lens: PlanLens): PlanLens {
    const found = this.planOf(lens.uri);
    const plan = found?.plan.id === lens.planId ? found.plan : undefined;
    if (!plan || !found) {
      lens.command = { title: 'PatchOps: updating…', command: '' };
      return lens;
    }
    const evaluation = found.evaluation;
    const title = lens.wave === undefined ? planLensTitle(plan, evaluation.asOf, evaluation.timezone) : waveLensTitle(plan.waves[lens.wave]);
    lens.command = { title, command: 'patchops.revealSla', tooltip: 'Show in SLA status' };
    return lens;
  }

  private planOf(uri: vscode.Uri): { plan: PlanResult; evaluation: Evaluation } | undefined {
    const owner = this.registry.workspaceOf(uri);
    const evaluation = owner?.workspace.evaluation;
    const plan = evaluation?.plans.find((p) => p.entity.source.file === owner!.rel);
    return plan && evaluation ? { plan, evaluation } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function lineOf(range: Parameters<typeof toRange>[0]): vscode.Range {
  const r = toRange(range);
  return new vscode.Range(r.start.line, 0, r.start.line, 0);
}
