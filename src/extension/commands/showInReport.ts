// "Show in Report": the HTML report of the plan's workspace, as of the editor's clock, in a
// panel scrolled to the plan. Rendered in memory: nothing is written to the workspace (Generate
// Report writes the file). The panel runs one script, allowed by a fresh nonce.
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { renderReport } from '../../core/report';
import { planAnchor, scrolledTo } from '../../core/report/anchors';
import { buildReport } from '../../core/report/reportJson';
import { resolvePlanTarget } from '../planTarget';
import type { WorkspaceRegistry } from '../workspaceRegistry';

let panel: vscode.WebviewPanel | undefined;

/** Resolves to the anchor shown and the page (for tests), or undefined when there is no plan to show. */
export async function showInReport(registry: WorkspaceRegistry, target?: unknown): Promise<{ anchor: string; html: string } | undefined> {
  await registry.whenIdle();
  const found = resolvePlanTarget(registry, target);
  if (!found) {
    void vscode.window.showWarningMessage('PatchOps: open a plan file (*.plan.yaml) or choose a plan in the views to show it in the report.');
    return undefined;
  }
  const doc = buildReport(found.workspace.evaluate(registry.clock.asOf()));
  const anchor = planAnchor(doc, { id: found.plan.id, file: found.plan.entity.source.file });
  if (!anchor) {
    // The plan changed between the click and the evaluation (renamed, deleted): say so.
    void vscode.window.showWarningMessage(`PatchOps: ${found.plan.id} is no longer in ${found.plan.entity.source.file}; the report was not opened.`);
    return undefined;
  }
  const html = scrolledTo(
    renderReport('html', doc),
    anchor,
    randomBytes(18)
      .toString('base64')
      .replace(/[^A-Za-z0-9]/g, 'x'),
  );
  const title = `PatchOps report — ${found.workspace.name}`;
  if (!panel) {
    panel = vscode.window.createWebviewPanel('patchops.report', title, vscode.ViewColumn.Beside, { enableScripts: true, localResourceRoots: [] });
    panel.onDidDispose(() => (panel = undefined));
  } else panel.reveal(vscode.ViewColumn.Beside);
  panel.title = title;
  // A new page every time, even for the same plan: assigning the same html would not scroll again.
  panel.webview.html = '';
  panel.webview.html = html;
  return { anchor, html };
}
