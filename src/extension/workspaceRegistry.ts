// Every PatchOps workspace under the open folders (multi-root: each folder with a patchops.yaml is
// its own), kept up to date as files are typed in, saved, created, deleted and renamed. A change
// re-parses only the file that changed, then re-evaluates its workspace after a short debounce.
import * as vscode from 'vscode';
import { fileKindOf, isSkippedFolder } from '../core/workspace/fileKinds';
import { compareText } from '../core/present/labels';
import { PatchOpsWorkspace } from './patchopsWorkspace';
import { TaskTimer } from './taskTimer';
import { gitReviewRequired } from '../core/approvals/requests';
import { verifyApprovals } from '../node/approvals';
import { loadFromDiskInWorkers, scanWorkers } from '../node/parsePool';
import { findListedFilesAsync, realPath } from '../node/workspaceFiles';
import { warmUpSteps } from '../core/warmUp';
import { formatInstantLocal, isValidZone } from '../core/time/instants';
import { warmUpIntlInWorker } from './intlWarmUp';
import type { EditorClock } from './clock';
import { debounceSetting, gitPathSetting } from './settings';
import type { WorkspaceModel } from '../core/model/workspace';

const WORKSPACE_GLOB = '**/patchops.{yaml,yml}';
const FILES_GLOB = '**/*.{yaml,yml}';
const EXCLUDE_GLOB = '{**/node_modules/**,**/.*/**}';

/**
 * The search's patchops.yaml files, with `uri` among them exactly when it is a file on disk now
 * that the search would find (in a workspace folder, not in a skipped folder).
 */
async function withSeenFile(found: vscode.Uri[], uri: vscode.Uri): Promise<vscode.Uri[]> {
  const others = found.filter((f) => f.toString() !== uri.toString());
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const rel = folder && vscode.workspace.asRelativePath(uri, false);
  if (!rel || rel.split('/').slice(0, -1).some(isSkippedFolder)) return found;
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.File ? [...others, uri] : others;
  } catch {
    return others; // gone
  }
}

export class WorkspaceRegistry implements vscode.Disposable {
  private workspaces: PatchOpsWorkspace[] = [];
  private readonly timers = new Map<PatchOpsWorkspace, NodeJS.Timeout>();
  private running = 0;
  /** Workspaces being evaluated, and those changed meanwhile (evaluated again after). */
  private readonly evaluating = new Set<PatchOpsWorkspace>();
  private readonly pending = new Set<PatchOpsWorkspace>();
  private idleWaiters: (() => void)[] = [];
  private readonly changed = new vscode.EventEmitter<PatchOpsWorkspace | undefined>();
  private readonly disposables: vscode.Disposable[] = [this.changed];
  private ticker?: NodeJS.Timeout;
  /** Settles once the first uses of ICU, the validators and the rules are warm (start()). */
  private warmedUp: Promise<void> = Promise.resolve();
  private markStarted!: () => void;
  /** Resolves once the first scan has loaded every workspace. */
  private readonly started = new Promise<void>((resolve) => (this.markStarted = resolve));

  /** Fires after a workspace was re-evaluated (undefined: the set of workspaces changed). */
  readonly onDidChange = this.changed.event;

  readonly timer: TaskTimer;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    /** The instant every evaluation is as of (this window's choice, patchops.asOf, or now). */
    readonly clock: EditorClock,
  ) {
    this.timer = new TaskTimer(log);
  }

  get all(): readonly PatchOpsWorkspace[] {
    return this.workspaces;
  }

  /** The workspace a file belongs to: the deepest root that contains it. */
  workspaceOf(uri: vscode.Uri): { workspace: PatchOpsWorkspace; rel: string } | undefined {
    let best: { workspace: PatchOpsWorkspace; rel: string } | undefined;
    for (const workspace of this.workspaces) {
      const rel = workspace.relative(uri);
      if (rel !== undefined && (!best || rel.length < best.rel.length)) best = { workspace, rel };
    }
    return best && !best.rel.split('/').slice(0, -1).some(isSkippedFolder) ? best : undefined;
  }

  async start(): Promise<void> {
    this.watch();
    // First uses are slow (ICU data, JIT): warmed up while the first scan lists and reads the
    // files (on worker threads for a large folder), and done before anything is evaluated.
    this.warmedUp = this.warmUp().catch((err) => this.log.warn(`warm-up failed (the first evaluation is slower): ${(err as Error).message}`));
    try {
      await this.discover();
    } finally {
      this.markStarted();
    }
    // With "now" as the as-of, states move with the clock: re-evaluate (no re-parse) every minute.
    this.ticker = setInterval(() => {
      if (this.clock.state.kind !== 'fixed') this.workspaces.forEach((w) => this.schedule(w, 0));
    }, 60_000);
  }

  /** ICU in a worker, the rest one step per task. */
  private async warmUp(): Promise<void> {
    await warmUpIntlInWorker();
    for (const step of warmUpSteps()) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      this.timer.run(`warm up: ${step.name}`, step.run);
    }
  }

  /**
   * Finds every patchops.yaml and loads its workspace from scratch. `seen`: the patchops.yaml
   * whose creation or deletion the file watcher just reported. The search can answer before it
   * sees that change (a file written a moment ago, in a folder just made): what is on disk now
   * decides for that file.
   */
  async discover(seen?: vscode.Uri): Promise<void> {
    const started = Date.now();
    let found = await vscode.workspace.findFiles(WORKSPACE_GLOB, EXCLUDE_GLOB);
    if (seen) found = await withSeenFile(found, seen);
    this.log.info(`searched for patchops.yaml in ${Date.now() - started} ms: ${found.length} found`);
    const roots = found.map((uri) => vscode.Uri.joinPath(uri, '..')).sort((a, b) => compareText(a.path, b.path));
    this.workspaces = roots.map((root) => new PatchOpsWorkspace(root, this.timer));
    // Not awaited: a round trip to the window (busy while it starts) that loading need not wait for.
    void Promise.resolve(vscode.commands.executeCommand('setContext', 'patchops.hasWorkspace', this.workspaces.length > 0)).catch((err) =>
      this.log.warn(`cannot set patchops.hasWorkspace: ${(err as Error).message}`),
    );
    // A first load keeps what it makes: V8's young generation stays small meanwhile (youngGeneration.ts).
    await this.track(this.timer.held(() => Promise.all(this.workspaces.map((w) => this.loadAll(w)))));
    this.timer.run('update views', () => this.changed.fire(undefined));
    this.log.info(`found ${this.workspaces.length} PatchOps workspace(s) in ${Date.now() - started} ms`);
  }

  private async loadAll(workspace: PatchOpsWorkspace): Promise<void> {
    const started = Date.now();
    const open = new Map<string, vscode.TextDocument>();
    for (const doc of vscode.workspace.textDocuments) {
      const owner = this.workspaceOf(doc.uri);
      if (owner?.workspace === workspace) open.set(owner.rel, doc);
    }
    if (workspace.root.scheme === 'file') await this.loadLocal(workspace, open);
    else {
      const pattern = new vscode.RelativePattern(workspace.root, FILES_GLOB);
      const uris = (await vscode.workspace.findFiles(pattern, EXCLUDE_GLOB)).filter((uri) => {
        const owner = this.workspaceOf(uri);
        return owner?.workspace === workspace && PatchOpsWorkspace.isWorkspaceFile(owner.rel);
      });
      await inBatches(uris, 32, async (uri) => {
        const rel = workspace.relative(uri)!;
        const doc = open.get(rel);
        if (doc) workspace.updateText(rel, doc.getText());
        else await workspace.updateFromDisk(rel);
      });
    }
    // The workspace's own time zone is first used here: its own task, after the warm-up, before the evaluation.
    await this.warmedUp;
    await new Promise((resolve) => setTimeout(resolve, 0));
    const model = this.timer.run(`assemble ${workspace.root.fsPath}`, () => workspace.model());
    const zone = model.settings?.data.timezone;
    if (zone) this.timer.run(`warm up: time zone ${zone}`, () => void (isValidZone(zone) && formatInstantLocal(0, zone)));
    const parsed = Date.now();
    await this.evaluate(workspace, model);
    this.log.info(
      `loaded ${workspace.fileCount} files of ${workspace.root.fsPath}: read and parsed in ${parsed - started} ms, evaluated in ${Date.now() - parsed} ms`,
    );
  }

  /**
   * A local folder is listed and read with Node, as the CLI does, in short slices: for
   * 10,000 files the editor's findFiles and file system API took seconds more.
   */
  private async loadLocal(workspace: PatchOpsWorkspace, open: ReadonlyMap<string, vscode.TextDocument>): Promise<void> {
    // Files of a workspace nested inside this one belong to that one.
    const nested = this.workspaces.map((w) => (w === workspace ? undefined : workspace.relative(w.root))).filter((rel) => rel !== undefined);
    const listStarted = performance.now();
    const everything = await findListedFilesAsync(workspace.root.fsPath, true, (work) => this.timer.run(`list ${workspace.root.fsPath}`, work));
    const found = this.timer.run(`list ${workspace.root.fsPath}`, () => everything.filter((f) => !nested.some((n) => f.rel.startsWith(`${n}/`))));
    const listed = found.map((f) => f.rel);
    this.log.info(`listed ${listed.length} YAML files of ${workspace.root.fsPath} in ${Math.round(performance.now() - listStarted)} ms`);
    const realRoot = realPath(workspace.root.fsPath); // once, not once a file
    // A large workspace: worker threads read and parse its PatchOps files (those not open in an
    // editor), this thread only takes their answers; what they leave is read here, as before.
    let rels = listed;
    // The workers open each file in the folder the listing checked, without resolving its path again.
    const onDisk = found.filter((f) => fileKindOf(f.rel) && !open.has(f.rel));
    const workers = scanWorkers(onDisk.length);
    if (workers > 0) {
      const started = performance.now();
      const left = await loadFromDiskInWorkers(workspace.root.fsPath, realRoot, onDisk, workers, (i, loaded) => workspace.setScanned(onDisk[i].rel, loaded), {
        timed: (work) => this.timer.run(`take parsed files of ${workspace.root.fsPath}`, work),
      });
      const notAnswered = new Set(left);
      const fromWorkers = new Set(onDisk.flatMap((f, i) => (notAnswered.has(i) ? [] : [f.rel])));
      rels = listed.filter((rel) => !fromWorkers.has(rel));
      this.log.info(
        `${workers} worker threads read and parsed ${fromWorkers.size} files of ${workspace.root.fsPath} in ${Math.round(performance.now() - started)} ms`,
      );
    }
    let next = 0;
    let busy = 0;
    await this.timer.sliced(`read and parse ${workspace.root.fsPath}`, (deadline) => {
      const start = performance.now();
      // At least one file a slice: a slice stretched by a busy machine still makes progress.
      for (let first = true; next < rels.length && (first || performance.now() < deadline); first = false) {
        const rel = rels[next++];
        const doc = open.get(rel);
        if (doc) workspace.updateText(rel, doc.getText());
        else workspace.updateFromLocalDisk(rel, realRoot);
      }
      busy += performance.now() - start;
      return next >= rels.length;
    });
    this.log.info(`read and parsed ${rels.length} files of ${workspace.root.fsPath}: ${Math.round(busy)} ms of work`);
  }

  private watch(): void {
    const watcher = vscode.workspace.createFileSystemWatcher(FILES_GLOB);
    const onDisk = (uri: vscode.Uri, deleted: boolean) => {
      if (/\/patchops\.ya?ml$/.test(uri.path)) return void this.discover(uri);
      const owner = this.workspaceOf(uri);
      if (!owner) {
        // A deleted folder arrives as one event for the folder itself.
        if (deleted)
          for (const w of this.workspaces) {
            const rel = w.relative(uri);
            if (rel !== undefined && w.removeUnder(rel)) this.schedule(w, 0);
          }
        return;
      }
      if (!PatchOpsWorkspace.isWorkspaceFile(owner.rel)) return;
      if (deleted) {
        if (owner.workspace.remove(owner.rel)) this.schedule(owner.workspace, 0);
        return;
      }
      void this.track(this.reload(owner.workspace, owner.rel, uri));
    };
    this.disposables.push(
      watcher,
      watcher.onDidCreate((uri) => onDisk(uri, false)),
      watcher.onDidChange((uri) => onDisk(uri, false)),
      watcher.onDidDelete((uri) => onDisk(uri, true)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length === 0) return;
        const owner = this.workspaceOf(e.document.uri);
        if (!owner || !PatchOpsWorkspace.isWorkspaceFile(owner.rel)) return;
        // Parse now (one file), evaluate after the debounce.
        if (this.timer.run(`parse ${owner.rel}`, () => owner.workspace.updateText(owner.rel, e.document.getText()))) {
          this.schedule(owner.workspace, debounceSetting());
        }
      }),
      vscode.workspace.onDidSaveTextDocument((doc) => {
        const owner = this.workspaceOf(doc.uri);
        if (owner && PatchOpsWorkspace.isWorkspaceFile(owner.rel)) {
          this.timer.run(`parse ${owner.rel}`, () => owner.workspace.updateText(owner.rel, doc.getText()));
          this.schedule(owner.workspace, 0);
        }
      }),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Closed without saving: the disk is the truth again.
        const owner = this.workspaceOf(doc.uri);
        if (owner && PatchOpsWorkspace.isWorkspaceFile(owner.rel) && owner.workspace.has(owner.rel)) {
          void this.track(this.reload(owner.workspace, owner.rel, doc.uri));
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.discover()),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.workspaces.forEach((w) => this.schedule(w, 0))),
      this.clock.onDidChange(() => this.workspaces.forEach((w) => this.schedule(w, 0))),
    );
  }

  /**
   * A file changed on disk. An open document's buffer wins over the disk — also over a read that
   * finishes after the user typed, which would otherwise bring back older content for good.
   */
  private async reload(workspace: PatchOpsWorkspace, rel: string, uri: vscode.Uri): Promise<void> {
    const open = () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!open()?.isDirty) await workspace.updateFromDisk(rel);
    const doc = open();
    if (doc?.isDirty) this.timer.run(`parse ${rel}`, () => workspace.updateText(rel, doc.getText()));
    this.schedule(workspace, 0);
  }

  /** Re-evaluate after `delay` ms; a newer change restarts the wait (debounce). */
  schedule(workspace: PatchOpsWorkspace, delay: number): void {
    clearTimeout(this.timers.get(workspace));
    this.timers.set(
      workspace,
      setTimeout(() => {
        this.timers.delete(workspace);
        void this.track(this.evaluate(workspace));
      }, delay),
    );
  }

  /**
   * Evaluate in slices (see PatchOpsWorkspace.evaluateInSlices); one at a time per workspace: a
   * change meanwhile evaluates again once this one is done. `model`: the workspace as assembled
   * now, when the caller already has it.
   */
  private async evaluate(workspace: PatchOpsWorkspace, model?: WorkspaceModel): Promise<void> {
    if (this.evaluating.has(workspace)) return void this.pending.add(workspace);
    this.evaluating.add(workspace);
    try {
      model ??= this.timer.run(`assemble ${workspace.root.fsPath}`, () => workspace.model());
      // Undefined when a command evaluated meanwhile: the views then show that newer evaluation.
      await workspace.evaluateInSlices(this.clock.asOfFor(model), model);
      this.timer.run('update views', () => this.changed.fire(workspace));
      void this.track(this.reviewApprovals(workspace, model));
    } catch (err) {
      this.log.error(`evaluation of ${workspace.root.fsPath} failed: ${(err as Error).stack ?? String(err)}`);
    } finally {
      this.evaluating.delete(workspace);
      if (this.pending.delete(workspace)) this.schedule(workspace, 0);
    }
  }

  /**
   * Git review of approvals runs git, so only in a trusted, local workspace whose policy asks for
   * it; meanwhile approvals show the last known result. A changed verdict re-evaluates.
   */
  private async reviewApprovals(workspace: PatchOpsWorkspace, model: WorkspaceModel): Promise<void> {
    if (workspace.root.scheme !== 'file' || !gitReviewRequired(model)) return;
    const started = Date.now();
    try {
      const checks = await verifyApprovals(workspace.root.fsPath, model, { trusted: vscode.workspace.isTrusted, gitPath: gitPathSetting() });
      if (JSON.stringify([...checks]) === JSON.stringify([...workspace.approvals])) return;
      workspace.approvals = checks;
      this.log.info(`git review of ${checks.size} approval(s) in ${Date.now() - started} ms`);
      this.schedule(workspace, 0);
    } catch (err) {
      this.log.error(`git review failed: ${(err as Error).message}`);
    }
  }

  /** Work that `whenIdle` waits for. */
  async track<T>(work: Promise<T>): Promise<T> {
    this.running++;
    try {
      return await work;
    } finally {
      this.running--;
      this.settle();
    }
  }

  private settle(): void {
    if (this.running > 0 || this.timers.size > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    waiters.forEach((resolve) => resolve());
  }

  /** Resolves once the first scan is done and no load or re-evaluation is pending. */
  async whenIdle(): Promise<void> {
    await this.started;
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.settle();
    });
  }

  dispose(): void {
    clearInterval(this.ticker);
    this.timers.forEach((t) => clearTimeout(t));
    for (const d of this.disposables) d.dispose();
  }
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}
