// Breaches and due-soon counts across every PatchOps workspace; shows when time travel is on.
import * as vscode from 'vscode';
import { asOfSetting } from './settings';
import type { WorkspaceRegistry } from './workspaceRegistry';

export class PatchOpsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('patchops.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly registry: WorkspaceRegistry) {
    this.item.name = 'PatchOps SLA';
    this.item.command = 'patchops.revealSla';
    this.subscription = registry.onDidChange(() => this.update());
  }

  update(): void {
    const evaluations = this.registry.all.flatMap((w) => (w.evaluation ? [w.evaluation] : []));
    if (evaluations.length === 0) {
      this.item.hide();
      return;
    }
    const breached = evaluations.reduce((n, e) => n + e.kpis.openBreaches, 0);
    const dueSoon = evaluations.reduce((n, e) => n + e.kpis.dueSoon, 0);
    const asOf = asOfSetting();
    const travel = asOf.fixed ? `  $(history) as of ${asOf.text}` : '';
    this.item.text = `$(error) ${breached} breached  $(warning) ${dueSoon} due soon${travel}`;
    this.item.tooltip = `PatchOps: ${breached} plan(s) past their SLA deadline, ${dueSoon} due soon${asOf.fixed ? ` — computed as of ${asOf.text} (patchops.asOf), not now` : ''}. Click to show SLA status.`;
    this.item.backgroundColor = breached ? new vscode.ThemeColor('statusBarItem.errorBackground') : asOf.fixed ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
