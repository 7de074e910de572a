// Code lenses: ranges in provideCodeLenses (cheap), titles and commands in resolveCodeLens. Above a
// plan's id and each wave in plan files (a click reveals the plan in SLA status); above `approval:`
// in exception files.
import * as vscode from 'vscode';
import type { Evaluation } from '../core/model/evaluation';
import type { Range } from '../core/model/diagnostic';
import { approvalLensTitle, planLensTitle, waveLensTitle } from '../core/present/summaries';
import { toRange } from './convert';
import type { PlanRef } from './planTarget';
import type { WorkspaceRegistry } from './workspaceRegistry';

type Target = { kind: 'plan' } | { kind: 'wave'; index: number } | { kind: 'approval' };

class PatchOpsLens extends vscode.CodeLens {
  constructor(
    range: vscode.Range,
    readonly uri: vscode.Uri,
    /** The plan or exception id the lens was made for: a stale lens resolves to "updating". */
    readonly id: string,
    readonly target: Target,
  ) {
    super(range);
  }
}

export class PatchOpsCodeLensProvider implements vscode.CodeLensProvider<PatchOpsLens>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: WorkspaceRegistry) {
    this.subscription = registry.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(document: vscode.TextDocument): PatchOpsLens[] {
    const found = this.lookup(document.uri);
    if (!found) return [];
    const { evaluation, rel } = found;
    const plan = evaluation.plans.find((p) => p.entity.source.file === rel);
    if (plan) {
      const source = plan.entity.source;
      return [
        new PatchOpsLens(lineOf(source.rangeOf(['id'])), document.uri, plan.id, { kind: 'plan' }),
        ...plan.waves.map(
          (wave) => new PatchOpsLens(lineOf(source.rangeOf(['waves', wave.index, 'name'])), document.uri, plan.id, { kind: 'wave', index: wave.index }),
        ),
      ];
    }
    const exception = evaluation.exceptions.find((e) => e.entity.source.file === rel);
    if (exception?.entity.data.approval) {
      return [new PatchOpsLens(lineOf(exception.entity.source.rangeOf(['approval'], 'key')), document.uri, exception.id, { kind: 'approval' })];
    }
    return [];
  }

  resolveCodeLens(lens: PatchOpsLens): PatchOpsLens {
    const title = this.titleOf(lens) ?? 'PatchOps: updating…';
    // A plan's and a wave's lens reveal their plan in SLA status; an approval's shows the view.
    lens.command =
      lens.target.kind === 'approval'
        ? { title, command: 'patchops.revealSla', tooltip: 'Show SLA status' }
        : { title, command: 'patchops.revealPlan', tooltip: `Show ${lens.id} in SLA status`, arguments: [{ uri: lens.uri, id: lens.id } satisfies PlanRef] };
    return lens;
  }

  private titleOf(lens: PatchOpsLens): string | undefined {
    const found = this.lookup(lens.uri);
    if (!found) return undefined;
    const { evaluation, rel } = found;
    if (lens.target.kind === 'approval') {
      const exception = evaluation.exceptions.find((e) => e.entity.source.file === rel && e.id === lens.id);
      return exception && approvalLensTitle(exception);
    }
    const plan = evaluation.plans.find((p) => p.entity.source.file === rel && p.id === lens.id);
    if (!plan) return undefined;
    if (lens.target.kind === 'plan') return planLensTitle(plan, evaluation.asOf, evaluation.timezone);
    const wave = plan.waves[lens.target.index];
    return wave && waveLensTitle(wave, evaluation.timezone);
  }

  private lookup(uri: vscode.Uri): { evaluation: Evaluation; rel: string } | undefined {
    const owner = this.registry.workspaceOf(uri);
    const evaluation = owner?.workspace.evaluation;
    return owner && evaluation ? { evaluation, rel: owner.rel } : undefined;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

function lineOf(range: Range): vscode.Range {
  const r = toRange(range);
  return new vscode.Range(r.start.line, 0, r.start.line, 0);
}
