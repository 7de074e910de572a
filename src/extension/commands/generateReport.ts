// "PatchOps: Generate Report": the same report as `patchops report`, written where the user says.
import * as vscode from 'vscode';
import { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat } from '../../core/contract';
import { renderReport } from '../../core/report';
import { buildReport } from '../../core/report/reportJson';
import { writeAtomically } from '../applyFileChanges';
import { clockSentence } from '../clock';
import type { PatchOpsWorkspace } from '../patchopsWorkspace';
import { chooseSaveTarget, type SaveTargetRequest } from '../saveTarget';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { pickWorkspace } from './pickWorkspace';

export interface ReportRequest extends SaveTargetRequest {
  format?: ReportFormat;
  folder?: vscode.Uri;
  open?: boolean;
}

/** The registry's formats, the page first: in the editor it is the one to open and forward. */
const FORMAT_PICKS: (vscode.QuickPickItem & { format: ReportFormat })[] = ['html' as const, ...REPORT_FORMATS.filter((f) => f !== 'html')].map((format) => ({
  label: format,
  description: REPORT_FORMAT_INFO[format].description,
  format,
}));

export async function generateReport(registry: WorkspaceRegistry, memory: vscode.Memento, request: ReportRequest = {}): Promise<vscode.Uri | undefined> {
  const workspace = request.folder ? registry.all.find((w) => w.root.toString() === request.folder!.toString()) : await pickWorkspace(registry);
  if (!workspace) return undefined;
  const format = request.format ?? (await vscode.window.showQuickPick(FORMAT_PICKS, { title: 'PatchOps report format' }))?.format;
  if (!format) return undefined;

  const extensions = REPORT_FORMAT_INFO[format].extensions;
  const target = await chooseSaveTarget(
    memory,
    workspace,
    'report',
    { name: `patchops-report${extensions[0]}`, title: `Save the PatchOps ${format} report`, filterName: `${format} report`, extensions },
    request,
  );
  if (!target) return undefined;
  await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PatchOps: writing the ${format} report…` }, async () => {
    await registry.whenIdle();
    const model = workspace.model();
    const evaluation = workspace.evaluate(registry.clock.asOfFor(model), model);
    await writeAtomically(target, renderReport(format, buildReport(evaluation)));
  });
  const clock = registry.clock.state;
  if (clock.kind === 'invalid') void vscode.window.showWarningMessage(`PatchOps: the ${format} report is as of now. ${clockSentence(clock)}`);
  if (request.open !== false) await openReport(target, format, workspace);
  return target;
}

async function openReport(target: vscode.Uri, format: ReportFormat, workspace: PatchOpsWorkspace): Promise<void> {
  if (format === 'md') {
    await vscode.commands.executeCommand('markdown.showPreview', target);
    return;
  }
  if (format === 'html') {
    const panel = vscode.window.createWebviewPanel('patchops.report', `PatchOps report — ${workspace.name}`, vscode.ViewColumn.Active, {
      enableScripts: false,
      localResourceRoots: [],
    });
    // The report is self-contained, script-free and carries its own strict CSP.
    panel.webview.html = Buffer.from(await vscode.workspace.fs.readFile(target)).toString('utf8');
    return;
  }
  await vscode.window.showTextDocument(target);
}
