// The VS Code extension: a thin adapter that shows what the core computes. Activation only
// registers providers; loading the workspace happens right after, off the activation path.
import * as vscode from 'vscode';
import type { Evaluation } from '../core/model/evaluation';
import { PatchOpsCodeLensProvider } from './codeLenses';
import { generateReport, type ReportRequest } from './commands/generateReport';
import { compareWithBranch, DIFF_SCHEME, DiffDocuments, type CompareRequest } from './commands/compareWithBranch';
import {
  enrichWithKev,
  enrichWithVulnrichment,
  exportForScanners,
  importScannerReport,
  type ExportRequest,
  type VulnrichmentRequest,
} from './commands/scanners';
import { setAsOf, type SetAsOfRequest } from './commands/setAsOf';
import { requestException, type RequestExceptionOptions } from './commands/requestException';
import { newException, newPlan, newWorkspace, type NewWorkspaceRequest } from './commands/templates';
import { showInReport } from './commands/showInReport';
import { filterPlans } from './commands/filterPlans';
import { attentionItems, showAttention } from './commands/attentionPick';
import { EditorClock, type ClockState } from './clock';
import { DiagnosticDocs } from './diagnosticDocs';
import { DiagnosticsPublisher } from './diagnosticsPublisher';
import { registerLanguageFeatures } from './language/register';
import { PatchOpsQuickFixes } from './quickFixes';
import { PatchOpsStatusBar } from './statusBar';
import type { SlicedJobStats } from './taskTimer';
import { PlanViews } from './planViews';
import { PlanFilterState } from './planFilterState';
import { openPlan, resolvePlanTarget } from './planTarget';
import { NO_FILTER, type PlanFilter } from '../core/present/planFilter';
import { WalkthroughProgress } from './walkthrough';
import { WorkspaceRegistry } from './workspaceRegistry';

/** What tests (and other extensions) can ask of a running PatchOps. */
export interface PatchOpsApi {
  whenIdle(): Promise<void>;
  evaluation(folder: vscode.Uri): Evaluation | undefined;
  /** The longest synchronous task PatchOps ran on the extension host so far (a measurement: npm run bench). */
  longestTask(): { ms: number; name: string };
  /** How many tasks ran on the extension host, each long job run in slices, by name, and how many files' diagnostics were handed to VS Code, by workspace root. */
  tasks(): { tasks: number; sliced: Record<string, SlicedJobStats>; filesPublished: Record<string, number> };
  /** The instant everything is computed as of, where it comes from, and the bad patchops.asOf values warned about. */
  clock(): { state: ClockState; asOf: number; warned: readonly string[] };
  /** The status bar items PatchOps shows now. */
  statusBar(): { text: string; tooltip: string }[];
  /** How long activate() took, and from its start until the first scan's diagnostics were published. */
  timings(): ActivationTimings;
  /** What the views show now: each one's selected plan, description and message, and the items of the status bar's quick pick; what Plans lists from the top. */
  views(): { [view in 'plans' | 'sla']: { selected: string[]; description?: string; message?: string; visible: boolean } } & {
    attention: string[];
    plansListed: { label: string; description?: string; command?: vscode.Command }[];
  };
}

export interface ActivationTimings {
  /** From the start of activate() to its return. */
  activationMs: number;
  /** From the start of activate() until the first full scan's diagnostics are published; unset until then. */
  firstDiagnosticsMs?: number;
  /** When activate() started, in ms since the extension host process started. */
  activationStartedAtMs: number;
}

const LENS_FILES: vscode.DocumentSelector = [{ pattern: '**/*.{plan,exception}.{yaml,yml}' }];
const ALL_FILES: vscode.DocumentSelector = [{ pattern: '**/{patchops,*.plan,*.sla,*.assets,*.exception}.{yaml,yml}' }];

export function activate(context: vscode.ExtensionContext): PatchOpsApi {
  const started = performance.now();
  const timings: ActivationTimings = { activationMs: 0, activationStartedAtMs: started };
  const log = vscode.window.createOutputChannel('PatchOps', { log: true });
  const clock = new EditorClock(log);
  const registry = new WorkspaceRegistry(log, clock);
  const lenses = new PatchOpsCodeLensProvider(registry);
  const statusBar = new PatchOpsStatusBar(registry, clock);
  const command = (id: string, run: (...args: never[]) => unknown) => vscode.commands.registerCommand(id, run);
  const planFilter = new PlanFilterState(context.workspaceState);
  const views = new PlanViews(registry, planFilter);
  const walkthrough = new WalkthroughProgress(registry);
  const publisher = new DiagnosticsPublisher(registry, new DiagnosticDocs(context.extensionUri, log));

  context.subscriptions.push(
    log,
    clock,
    registry,
    publisher,
    lenses,
    statusBar,
    vscode.languages.registerCodeLensProvider(LENS_FILES, lenses),
    vscode.languages.registerCodeActionsProvider(ALL_FILES, new PatchOpsQuickFixes(registry), { providedCodeActionKinds: PatchOpsQuickFixes.kinds }),
    planFilter,
    views,
    command('patchops.generateReport', (request?: ReportRequest) => generateReport(registry, context.workspaceState, request)),
    command('patchops.refresh', () => registry.discover()),
    command('patchops.setAsOf', (request?: SetAsOfRequest) => setAsOf(clock, request)),
    command('patchops.newWorkspace', (request?: NewWorkspaceRequest) =>
      newWorkspace(registry, request && typeof request === 'object' && !(request instanceof vscode.Uri) ? request : {}),
    ),
    command('patchops.newPlan', () => newPlan(registry)),
    command('patchops.newException', () => newException(registry)),
    command('patchops.requestException', (planId?: unknown, options?: RequestExceptionOptions) => requestException(registry, planId, options)),
    command('patchops.revealSla', () => vscode.commands.executeCommand('patchops.sla.focus')),
    command('patchops.showLog', () => log.show()),
    command('patchops.importScan', () => importScannerReport(registry)),
    command('patchops.enrich', () => enrichWithKev(registry)),
    command('patchops.enrichVulnrichment', (request?: VulnrichmentRequest) => enrichWithVulnrichment(registry, request)),
    command('patchops.export', (request?: ExportRequest) => exportForScanners(registry, context.workspaceState, request)),
    command('patchops.openPlan', async (target?: unknown) => {
      const found = resolvePlanTarget(registry, target);
      if (found) await openPlan(found);
    }),
    command('patchops.showInReport', (target?: unknown) => showInReport(registry, target)),
    command('patchops.filterPlans', (request?: Partial<PlanFilter>) => filterPlans(registry, planFilter, request)),
    command('patchops.clearPlanFilter', () => planFilter.set(NO_FILTER)),
    command('patchops.revealPlan', async (target?: unknown) => {
      const found = resolvePlanTarget(registry, target);
      // Filtered out of SLA status (or gone): the view still comes into focus, with its filter message.
      if (!found || !(await views.revealInSla(found))) await vscode.commands.executeCommand('patchops.sla.focus');
    }),
    command('patchops.showAttention', () => showAttention(registry)),
    command('patchops.getStarted', () => walkthrough.open()),
    walkthrough,
    ...registerLanguageFeatures(ALL_FILES, registry),
  );
  const diffs = disposable(context, new DiffDocuments());
  context.subscriptions.push(
    vscode.workspace.registerTextDocumentContentProvider(DIFF_SCHEME, diffs),
    command('patchops.compareWithBranch', (request?: CompareRequest) => compareWithBranch(registry, diffs, request)),
  );
  // A patchops.asOf that is no instant is said at once, not first when something is computed.
  clock.warnIfInvalid();

  // The first scan reads every file: start it after activation returns.
  setTimeout(() => {
    const scanStarted = performance.now();
    // First diagnostics: the first scan evaluated and every file's diagnostics published.
    registry
      .start()
      .then(() => registry.whenIdle())
      .then(
        () => {
          timings.firstDiagnosticsMs = performance.now() - started;
          log.info(
            `first diagnostics after ${Math.round(timings.firstDiagnosticsMs)} ms from activation (the first scan took ${Math.round(performance.now() - scanStarted)} ms)`,
          );
        },
        (err) => log.error(`loading failed: ${(err as Error).stack ?? err}`),
      );
  }, 0);
  timings.activationMs = performance.now() - started;
  log.info(`activated in ${timings.activationMs.toFixed(1)} ms`);

  return {
    whenIdle: () => registry.whenIdle(),
    evaluation: (folder) => registry.all.find((w) => w.root.toString() === folder.toString())?.evaluation,
    longestTask: () => registry.timer.longestTask,
    tasks: () => ({ ...registry.timer.stats, filesPublished: publisher.filesPublished }),
    clock: () => ({ state: clock.state, asOf: clock.asOf(), warned: clock.warnedValues }),
    statusBar: () => statusBar.shown,
    timings: () => ({ ...timings }),
    views: () => {
      const of = (view: vscode.TreeView<{ kind: string; plan?: { id: string } }>) => ({
        selected: view.selection.flatMap((n) => (n.kind === 'plan' && n.plan ? [n.plan.id] : [])),
        description: view.description,
        message: view.message,
        visible: view.visible,
      });
      return {
        plans: of(views.plans),
        sla: of(views.sla),
        attention: attentionItems(registry).map((i) => (i.kind === vscode.QuickPickItemKind.Separator ? `— ${i.label}` : `${i.label} · ${i.detail}`)),
        plansListed: views.plansListed(),
      };
    },
  };
}

function disposable<T extends vscode.Disposable>(context: vscode.ExtensionContext, value: T): T {
  context.subscriptions.push(value);
  return value;
}

export function deactivate(): void {
  // Everything is in context.subscriptions.
}
