// "PatchOps: Compare with Branch…": what `patchops diff BRANCH` prints, for the files as this window
// has them (unsaved edits included) against a local branch or tag read from git, both evaluated
// as of the editor's instant. The Markdown is shown in a read-only virtual document's preview.
// Git runs only through src/node/ (gitRunner.ts: argument arrays, no hooks, no fsmonitor, the
// repository's config overridden), and never in an untrusted workspace: then it says why.
import * as vscode from 'vscode';
import { renderDiffMarkdown } from '../../core/diff/diffMarkdown';
import { diffWorkspaces } from '../../core/diff/workspaceDiff';
import { listBranchesAndTags } from '../../node/gitRefs';
import { locateRepository, type GitOptions } from '../../node/gitSnapshots';
import { evaluateRevision, readRevision } from '../../node/revisionSide';
import { gitPathSetting } from '../settings';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { pickWorkspace } from './pickWorkspace';

export interface CompareRequest {
  folder?: vscode.Uri;
  /** A revision to compare with, instead of asking (tests). */
  ref?: string;
  /** False: do not open the preview. */
  open?: boolean;
}

/** The comparison shown (its document and Markdown), why none could be made, or undefined when the user cancelled. */
export type CompareResult = { uri: vscode.Uri; markdown: string } | { refused: string } | undefined;

export const DIFF_SCHEME = 'patchops-diff';

/** The comparisons as read-only documents (the preview reads them from here). */
export class DiffDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private static readonly KEPT = 20;
  private readonly texts = new Map<string, string>();
  private next = 0;

  add(markdown: string, label: string): vscode.Uri {
    // A file name from a branch name: only characters that mean nothing in a path or a URI.
    const name = label.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80);
    const uri = vscode.Uri.from({ scheme: DIFF_SCHEME, path: `/PatchOps compared with ${name}.md`, query: String(++this.next) });
    this.texts.set(uri.toString(), markdown);
    if (this.texts.size > DiffDocuments.KEPT) this.texts.delete(this.texts.keys().next().value!);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? 'This comparison is no longer kept: run "PatchOps: Compare with Branch…" again.\n';
  }

  dispose(): void {
    this.texts.clear();
  }
}

export async function compareWithBranch(registry: WorkspaceRegistry, documents: DiffDocuments, request: CompareRequest = {}): Promise<CompareResult> {
  const workspace = request.folder ? registry.all.find((w) => w.root.toString() === request.folder!.toString()) : await pickWorkspace(registry);
  if (!workspace) return undefined;
  const refuse = (reason: string): CompareResult => {
    void vscode.window.showWarningMessage(`PatchOps: cannot compare with a branch: ${reason}.`);
    return { refused: reason };
  };
  if (!vscode.workspace.isTrusted) return refuse('this workspace is not trusted, and PatchOps runs no git in Restricted Mode (trust the workspace to compare)');
  if (workspace.root.scheme !== 'file') return refuse('the branches are read with git, which needs the workspace on this machine’s disk');
  const root = workspace.root.fsPath;
  const git: GitOptions = { trusted: true, gitPath: gitPathSetting() };
  const place = await locateRepository(root, git);
  if (!place.ok) return refuse(place.reason);

  let rev = request.ref;
  let label = request.ref;
  if (rev === undefined) {
    const listed = await listBranchesAndTags(place.repoRoot, root, git);
    if (!listed.ok) return refuse(listed.reason);
    if (listed.refs.length === 0) return refuse('the repository has no branch or tag to compare with yet');
    const pick = await vscode.window.showQuickPick(
      listed.refs.map((r) => ({ label: r.name, description: `${r.kind} · ${r.commit.slice(0, 12)}`, ref: r })),
      { title: 'PatchOps: Compare with Branch…', placeHolder: 'The files as this window has them, compared with a branch or tag, as of the same instant' },
    );
    if (!pick) return undefined;
    rev = pick.ref.ref;
    label = pick.ref.name;
  }
  const base = { rev, label: label! };
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `PatchOps: comparing with ${base.label}…` }, async () => {
    const read = await readRevision(place, root, base.rev, git);
    if (!read.ok) return refuse(read.reason);
    await registry.whenIdle();
    const asOf = registry.clock.asOf();
    const head = { label: 'working tree', commit: null, evaluation: workspace.evaluate(asOf) };
    const side = await evaluateRevision({ ...read.read, label: base.label }, root, asOf, git);
    const markdown = renderDiffMarkdown(diffWorkspaces(side, head));
    const uri = documents.add(markdown, base.label);
    if (request.open !== false) await vscode.commands.executeCommand('markdown.showPreview', uri);
    return { uri, markdown };
  });
}
