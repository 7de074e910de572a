// Breaches and due-soon counts across every PatchOps workspace, and next to them the clock when it
// is not plainly now: frozen ("as of 2026-11-30 03:00 (-06:00)", click to change or reset) or invalid.
import * as vscode from 'vscode';
import { inText, PLAN_STATE_LABELS } from '../core/present/labels';
import { clockSentence, clockText, type EditorClock } from './clock';
import type { WorkspaceRegistry } from './workspaceRegistry';

export class PatchOpsStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('patchops.status', vscode.StatusBarAlignment.Left, 50);
  private readonly clockItem = vscode.window.createStatusBarItem('patchops.clock', vscode.StatusBarAlignment.Left, 49);
  private readonly subscriptions: vscode.Disposable[];
  /** Items shown now (a StatusBarItem does not say). */
  private readonly visible = new Set<vscode.StatusBarItem>();

  constructor(
    private readonly registry: WorkspaceRegistry,
    private readonly clock: EditorClock,
  ) {
    this.item.name = 'PatchOps SLA';
    this.item.command = 'patchops.showAttention';
    this.clockItem.name = 'PatchOps clock';
    this.clockItem.command = 'patchops.setAsOf';
    this.subscriptions = [registry.onDidChange(() => this.update()), clock.onDidChange(() => this.update())];
  }

  update(): void {
    const evaluations = this.registry.all.flatMap((w) => (w.evaluation ? [w.evaluation] : []));
    if (evaluations.length === 0) {
      this.hide(this.item);
      this.hide(this.clockItem);
      return;
    }
    const breached = evaluations.reduce((n, e) => n + e.kpis.openBreaches, 0);
    const dueSoon = evaluations.reduce((n, e) => n + e.kpis.dueSoon, 0);
    // Plans whose deadline cannot be computed may be late: they are shown, never left out.
    const unknown = evaluations.reduce((n, e) => n + e.kpis.unknownDeadlines, 0);
    // Projected to finish after the deadline (docs/rules.md#forecast): late before it happens.
    const atRisk = evaluations.reduce((n, e) => n + e.kpis.atRisk, 0);
    const state = this.clock.state;
    // One workspace time zone: instants in it, like the code lenses; several: as written (or UTC when it has an offset).
    const zones = new Set(evaluations.map((e) => e.timezone));
    const clock = clockText(state, zones.size === 1 ? [...zones][0] : zones.size === 0 ? 'UTC' : undefined);
    const word = (state: 'breached' | 'unknown' | 'due_soon') => inText(PLAN_STATE_LABELS[state]);
    const noDeadline = unknown ? `  $(question) ${unknown} ${word('unknown')}` : '';
    const risk = atRisk ? `  $(watch) ${atRisk} at risk` : '';
    this.item.text = `$(error) ${breached} ${word('breached')}${noDeadline}  $(warning) ${dueSoon} ${word('due_soon')}${risk}`;
    const unknownSentence = unknown ? ` ${unknown} plan(s) with no computable deadline: they may be late.` : '';
    const riskSentence = atRisk ? ` ${atRisk} plan(s) projected to finish after their deadline.` : '';
    this.item.tooltip = `PatchOps: ${breached} plan(s) past their SLA deadline, ${dueSoon} due soon.${unknownSentence}${riskSentence} ${clockSentence(state)} Click to pick a plan to act on.`;
    this.item.backgroundColor = breached || unknown ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    this.show(this.item);
    if (!clock) {
      this.hide(this.clockItem);
      return;
    }
    this.clockItem.text = `${state.kind === 'invalid' ? '$(warning)' : '$(history)'} ${clock}`;
    this.clockItem.tooltip = `PatchOps: ${clockSentence(state)} Click to choose.`;
    this.clockItem.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
    this.show(this.clockItem);
  }

  private show(item: vscode.StatusBarItem): void {
    item.show();
    this.visible.add(item);
  }

  private hide(item: vscode.StatusBarItem): void {
    item.hide();
    this.visible.delete(item);
  }

  /** What the items show now (for tests: the workbench renders exactly these). */
  get shown(): { text: string; tooltip: string }[] {
    return [this.item, this.clockItem]
      .filter((item) => this.visible.has(item))
      .map((item) => ({ text: item.text, tooltip: typeof item.tooltip === 'string' ? item.tooltip : (item.tooltip?.value ?? '') }));
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
    this.clockItem.dispose();
  }
}
