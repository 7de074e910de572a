// Palette commands closing the loop with scanners: import a report, enrich with KEV/EPSS, export
// what the effective exceptions mean to scanners and calendars. The core computes; this file picks
// files, shows progress and applies the result.
import * as vscode from 'vscode';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, SCAN_FORMAT_INFO, SCAN_FORMATS, type ExportFormat } from '../../core/contract';
import { EnrichError, parseKevCatalog } from '../../core/enrich/kev';
import { parseEpssCsv } from '../../core/enrich/epss';
import { vulnrichmentData, vulnrichmentIds, vulnrichmentPath } from '../../core/enrich/vulnrichment';
import { enrichSummaryText, enrichWorkspace, type EnrichData } from '../../core/enrich/enrichPlans';
import { renderExport } from '../../core/export/index';
import { parseScanReport } from '../../core/scanners/detect';
import { ImportError, importSummaryText, planImport } from '../../core/scanners/importPlans';
import { ScanError } from '../../core/scanners/model';
import { gunzipIfGzip, InputError, utf8Text } from '../../node/inputDecoding';
import { applyFileChanges, ChangedMeanwhile, uriExists, writeAtomically } from '../applyFileChanges';
import { clockSentence } from '../clock';
import type { PatchOpsWorkspace } from '../patchopsWorkspace';
import { chooseSaveTarget, type SaveTargetRequest } from '../saveTarget';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { pickWorkspace } from './pickWorkspace';

export async function importScannerReport(registry: WorkspaceRegistry): Promise<void> {
  const workspace = await pickWorkspace(registry);
  if (!workspace?.evaluation) return;
  const [file] =
    (await vscode.window.showOpenDialog({
      title: 'Import a Trivy or Grype report (JSON or SARIF)',
      canSelectMany: false,
      filters: { 'Scanner reports': SCANNER_EXTENSIONS },
    })) ?? [];
  if (!file) return;
  await guarded(async () => {
    const report = parseScanReport(await readText('the report', file));
    const groups = [...workspace.evaluation!.model.groups.values()].map((g) => ({
      label: g.data.id,
      description: `${g.data.impact} impact · ${g.data.endpoints} endpoints`,
    }));
    const affects = await vscode.window.showQuickPick(groups, { title: 'Asset groups the new plans affect', canPickMany: true });
    if (!affects) return;
    await registry.whenIdle();
    const result = planImport(report, workspace.loadedFiles, {
      affects: affects.map((a) => a.label),
      asOf: registry.clock.asOfFor(workspace.evaluation!.model),
    });
    await applyAndReport(workspace, result.changes, importSummaryText(result.summary, false));
  });
}

export async function enrichWithKev(registry: WorkspaceRegistry): Promise<void> {
  const workspace = await pickWorkspace(registry);
  if (!workspace) return;
  const [kevFile] =
    (await vscode.window.showOpenDialog({ title: 'The CISA KEV catalog (known_exploited_vulnerabilities.json)', filters: { JSON: ['json'] } })) ?? [];
  if (!kevFile) return;
  const epssFile = (
    await vscode.window.showOpenDialog({ title: 'Optional: an EPSS scores CSV (plain or .gz) — cancel to skip', filters: { 'EPSS CSV': ['csv', 'gz'] } })
  )?.[0];
  await guarded(async () => {
    const data: EnrichData = { kev: parseKevCatalog(await readText('the KEV catalog', kevFile)) };
    if (epssFile) data.epss = parseEpssCsv(await readText('the EPSS scores', epssFile, gunzipIfGzip));
    await registry.whenIdle();
    const result = enrichWorkspace(workspace.loadedFiles, data);
    await applyAndReport(workspace, result.changes, enrichSummaryText(result, data, false));
  });
}

/** Arguments for callers without the dialogs (tests): the Vulnrichment folder and the workspace root. */
export interface VulnrichmentRequest {
  folder?: vscode.Uri;
  workspace?: vscode.Uri;
}

/** CISA's SSVC decision points (exploitation, automatable, technical impact) from a Vulnrichment copy. */
export async function enrichWithVulnrichment(registry: WorkspaceRegistry, request: VulnrichmentRequest = {}): Promise<void> {
  const workspace = request.workspace ? registry.all.find((w) => w.root.toString() === request.workspace!.toString()) : await pickWorkspace(registry);
  if (!workspace) return;
  const folder =
    request.folder ??
    (await vscode.window.showOpenDialog({ title: "A copy of CISA's vulnrichment repository", canSelectFolders: true, canSelectFiles: false }))?.[0];
  if (!folder) return;
  await guarded(async () => {
    await registry.whenIdle();
    const records = new Map<string, string | undefined>();
    for (const id of vulnrichmentIds(workspace.loadedFiles)) {
      const uri = vscode.Uri.joinPath(folder, ...vulnrichmentPath(id)!.split('/'));
      records.set(id, (await uriExists(uri)) ? await readText(`the Vulnrichment record of ${id}`, uri) : undefined);
    }
    const data: EnrichData = { vulnrichment: vulnrichmentData(records) };
    const result = enrichWorkspace(workspace.loadedFiles, data);
    // Called with arguments (no dialogs), the summary is shown but not waited on.
    await applyAndReport(workspace, result.changes, enrichSummaryText(result, data, false), { wait: request.folder === undefined });
  });
}

/** Arguments for callers without the prompts (tests): the workspace root, the format, where to write. */
export interface ExportRequest extends SaveTargetRequest {
  folder?: vscode.Uri;
  format?: ExportFormat;
  open?: boolean;
}

export async function exportForScanners(registry: WorkspaceRegistry, memory: vscode.Memento, request: ExportRequest = {}): Promise<vscode.Uri | undefined> {
  const workspace = request.folder ? registry.all.find((w) => w.root.toString() === request.folder!.toString()) : await pickWorkspace(registry);
  if (!workspace) return undefined;
  const picks = EXPORT_FORMATS.map((f) => ({ label: f, description: EXPORT_FORMAT_INFO[f].description, format: f }));
  const format = request.format ?? (await vscode.window.showQuickPick(picks, { title: 'Export for…' }))?.format;
  if (!format) return undefined;
  const info = EXPORT_FORMAT_INFO[format];
  const target = await chooseSaveTarget(
    memory,
    workspace,
    'export',
    { name: info.fileName, title: `Save the ${format} export`, filterName: format, extensions: info.extensions },
    request,
  );
  if (!target) return undefined;
  await guarded(async () => {
    await registry.whenIdle();
    const model = workspace.model();
    const evaluation = workspace.evaluate(registry.clock.asOfFor(model), model);
    await writeAtomically(target, renderExport(format, evaluation));
    const clock = registry.clock.state;
    if (clock.kind === 'invalid') void vscode.window.showWarningMessage(`PatchOps: the export is as of now. ${clockSentence(clock)}`);
    if (request.open !== false) await vscode.window.showTextDocument(target);
  });
  return target;
}

async function applyAndReport(
  workspace: PatchOpsWorkspace,
  changes: Parameters<typeof applyFileChanges>[1],
  summary: string,
  options: { wait?: boolean } = {},
): Promise<void> {
  const written = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'PatchOps: writing…' }, () =>
    applyFileChanges(workspace, changes),
  );
  const firstLine = summary.split('\n').find((l) => l.trim()) ?? 'done';
  const open = written.length ? 'Open changed files' : undefined;
  const shown = vscode.window.showInformationMessage(`PatchOps: ${firstLine}`, { detail: summary, modal: false }, ...(open ? [open] : []));
  if (options.wait === false) return;
  const choice = await shown;
  if (choice === open) for (const uri of written) await vscode.window.showTextDocument(uri, { preview: false });
}

/** Input problems become one error message; nothing is written. */
async function guarded(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    if (err instanceof ScanError || err instanceof ImportError || err instanceof EnrichError || err instanceof InputError || err instanceof ChangedMeanwhile) {
      void vscode.window.showErrorMessage(`PatchOps: ${err.message}`);
      return;
    }
    throw err;
  }
}

/** The extensions scanner reports have, for the file dialog ("json", "sarif"). */
const SCANNER_EXTENSIONS = [...new Set(SCAN_FORMATS.flatMap((f) => SCAN_FORMAT_INFO[f].extensions.map((e) => e.slice(1))))];

/** An input file's text, decoded as the CLI decodes it (src/node/inputDecoding.ts); `unpack` first when given. */
async function readText(what: string, uri: vscode.Uri, unpack: (bytes: Uint8Array) => Uint8Array = (b) => b): Promise<string> {
  const bytes = await vscode.workspace.fs.readFile(uri);
  try {
    return utf8Text(unpack(bytes));
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`cannot read ${what} '${uri.path.slice(uri.path.lastIndexOf('/') + 1)}': ${err.message}`);
    throw err;
  }
}
