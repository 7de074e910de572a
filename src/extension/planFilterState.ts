// The filter of the Plans and SLA status views, kept per window folder (workspaceState) so that it
// survives a reload. The context key `patchops.planFilterOn` shows "Clear Filter" in the views' titles.
import * as vscode from 'vscode';
import { isFiltering, readFilter, type PlanFilter } from '../core/present/planFilter';

const KEY = 'patchops.planFilter';

export class PlanFilterState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private current: PlanFilter;

  constructor(private readonly memento: vscode.Memento) {
    this.current = readFilter(memento.get(KEY));
    void this.setContext();
  }

  get filter(): PlanFilter {
    return this.current;
  }

  async set(filter: PlanFilter): Promise<void> {
    this.current = readFilter(filter);
    await this.memento.update(KEY, isFiltering(this.current) ? this.current : undefined);
    await this.setContext();
    this.changed.fire();
  }

  private async setContext(): Promise<void> {
    await vscode.commands.executeCommand('setContext', 'patchops.planFilterOn', isFiltering(this.current));
  }

  dispose(): void {
    this.changed.dispose();
  }
}
