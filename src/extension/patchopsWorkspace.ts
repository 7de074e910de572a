// One PatchOps workspace (a folder with patchops.yaml) as the editor sees it: every file's
// latest text, parsed once per change, and the evaluation of the whole as of an instant.
import * as fs from 'fs';
import * as vscode from 'vscode';
import { Evaluator, runToEnd } from '../core/evaluate';
import type { Diagnostic } from '../core/model/diagnostic';
import type { Evaluation } from '../core/model/evaluation';
import { DEFAULT_LIMITS, tooLargeMessage } from '../core/parse/sourceDocument';
import { fileKindOf, isCandidateName } from '../core/workspace/fileKinds';
import { assembleModel, loadFile, refusedFile } from '../core/workspace/load';
import type { ApprovalChecks } from '../core/approvals/approvalCheck';
import { readWorkspaceFile } from '../node/workspaceFiles';
import { CandidateFiles } from './candidateFiles';
import type { TaskTimer } from './taskTimer';
import type { LoadedFile, WorkspaceModel } from '../core/model/workspace';

interface CachedFile {
  /** The text it was loaded from (editor buffer or disk), to skip re-parsing unchanged content. */
  text: string | undefined;
  loaded: LoadedFile;
}

export class PatchOpsWorkspace {
  private readonly files = new Map<string, CachedFile>();
  /** The other YAML files: only whether each looks like a misnamed PatchOps file. */
  private readonly candidates = new CandidateFiles();
  private current?: Evaluation;
  /** Keeps each rule's answers between evaluations: an edit re-evaluates what depends on it. */
  private readonly evaluator = new Evaluator();
  /** An evaluation in slices that has not finished yet. */
  private running?: { steps: Generator<void, Evaluation>; result?: Evaluation };
  /** Each file's diagnostics as last published, to publish only what changed. */
  published = new Map<string, readonly Diagnostic[]>();

  constructor(
    /** The folder holding patchops.yaml. */
    readonly root: vscode.Uri,
    private readonly timer: TaskTimer,
  ) {}

  get name(): string {
    return this.current?.workspaceName || this.root.path.slice(this.root.path.lastIndexOf('/') + 1);
  }

  get evaluation(): Evaluation | undefined {
    return this.current;
  }

  /** Workspace-relative path with `/`, or undefined when the uri is not inside this root. */
  relative(uri: vscode.Uri): string | undefined {
    const base = this.root.path.endsWith('/') ? this.root.path : `${this.root.path}/`;
    if (uri.scheme !== this.root.scheme || uri.authority !== this.root.authority || !uri.path.startsWith(base)) return undefined;
    return uri.path.slice(base.length);
  }

  uriOf(rel: string): vscode.Uri {
    return vscode.Uri.joinPath(this.root, ...rel.split('/'));
  }

  has(rel: string): boolean {
    return this.files.has(rel) || this.candidates.has(rel);
  }

  get fileCount(): number {
    return this.files.size;
  }

  /** Text from an open editor: parsed only when it differs from what was loaded. */
  updateText(rel: string, text: string): boolean {
    if (!fileKindOf(rel)) return this.candidates.updateText(rel, text);
    const cached = this.files.get(rel);
    if (cached && cached.text === text) return false;
    this.files.set(rel, { text, loaded: loadFile(rel, text) });
    return true;
  }

  /**
   * Content of a local file, read with Node like the CLI reads it (same refusals: links out of
   * the workspace, devices, huge files); the editor's file system API costs far more per file.
   * `realRoot`: the root's real path when the caller resolved it already (a whole scan).
   */
  updateFromLocalDisk(rel: string, realRoot?: string): void {
    if (!fileKindOf(rel)) return void this.candidates.updateFromLocalDisk(this.root.fsPath, rel, realRoot);
    this.files.set(rel, { text: undefined, loaded: readWorkspaceFile(this.root.fsPath, rel, DEFAULT_LIMITS.maxChars, realRoot) });
  }

  /**
   * A file the first scan's worker threads loaded from disk (src/node/parsePool.ts), unless it was
   * loaded meanwhile (an edit, or a change on disk): that content is the newer.
   */
  setScanned(rel: string, loaded: LoadedFile): void {
    if (!this.files.has(rel)) this.files.set(rel, { text: undefined, loaded });
  }

  /** Content from disk (the file is not open, or was closed without saving). */
  async updateFromDisk(rel: string): Promise<void> {
    const uri = this.uriOf(rel);
    if (!fileKindOf(rel)) return void (await this.candidates.updateFromDisk(uri, this.root.fsPath, rel));
    if (uri.scheme === 'file') {
      if (fs.existsSync(uri.fsPath)) this.timer.run(`parse ${rel}`, () => this.updateFromLocalDisk(rel));
      else this.files.delete(rel);
      return;
    }
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > DEFAULT_LIMITS.maxChars) {
        this.files.set(rel, { text: undefined, loaded: refusedFile(rel, tooLargeMessage(stat.size, DEFAULT_LIMITS.maxChars)) });
        return;
      }
      const bytes = await vscode.workspace.fs.readFile(uri);
      this.files.set(rel, { text: undefined, loaded: this.timer.run(`parse ${rel}`, () => loadFile(rel, bytes)) });
    } catch (err) {
      if (err instanceof vscode.FileSystemError && err.code === 'FileNotFound') this.files.delete(rel);
      else this.files.set(rel, { text: undefined, loaded: refusedFile(rel, `cannot read the file: ${(err as Error).message}`) });
    }
  }

  remove(rel: string): boolean {
    return this.candidates.delete(rel) || this.files.delete(rel);
  }

  /** Drop every file under a deleted folder. */
  removeUnder(relFolder: string): boolean {
    let changed = this.candidates.deleteUnder(relFolder);
    for (const rel of [...this.files.keys()]) {
      if (rel.startsWith(`${relFolder}/`)) changed = this.files.delete(rel) || changed;
    }
    return changed;
  }

  /** Git review results (docs/git-review.md) from the last verification; empty until one has run. */
  approvals: ApprovalChecks = new Map();

  /** The files as loaded, for commands that edit or import (scanner import, enrichment). */
  get loadedFiles(): LoadedFile[] {
    return [...this.files.values()].map((f) => f.loaded);
  }

  model(): WorkspaceModel {
    return { ...assembleModel(this.loadedFiles), misnamed: this.candidates.warnings() };
  }

  /** Evaluate at once, in one task (commands that need the answer now). */
  evaluate(asOf: number, model = this.model()): Evaluation {
    this.finishRunning();
    this.current = this.evaluator.evaluate(model, { asOf, approvals: this.approvals });
    return this.current;
  }

  /**
   * Evaluate in slices, giving the extension host back between them, so a first evaluation of
   * thousands of files never holds it for long. Resolves to undefined when a newer evaluation
   * overtook this one.
   */
  async evaluateInSlices(asOf: number, model = this.model()): Promise<Evaluation | undefined> {
    this.finishRunning();
    const run: { steps: Generator<void, Evaluation>; result?: Evaluation } = { steps: this.evaluator.steps(model, { asOf, approvals: this.approvals }) };
    this.running = run;
    const done = await this.timer.sliced(
      `evaluate ${this.root.fsPath}`,
      (deadline) => {
        for (;;) {
          const next = run.steps.next();
          if (next.done) {
            run.result = next.value;
            return true;
          }
          if (performance.now() >= deadline) return false;
        }
      },
      () => this.running !== run, // finished by a newer evaluation meanwhile
    );
    if (!done) return undefined;
    this.running = undefined;
    this.current = run.result;
    return run.result;
  }

  /** The evaluator's state is consistent only between evaluations: finish the one in slices. */
  private finishRunning(): void {
    const run = this.running;
    if (!run) return;
    this.running = undefined;
    run.result = runToEnd(run.steps);
  }

  /** A file this workspace reads: a PatchOps file, or other YAML checked for being misnamed. */
  static isWorkspaceFile(rel: string): boolean {
    return fileKindOf(rel) !== undefined || isCandidateName(rel);
  }
}
