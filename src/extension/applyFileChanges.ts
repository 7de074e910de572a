// Applies whole-file results from the core (import, enrichment) as the smallest edits: an open
// document gets one WorkspaceEdit over the bytes that differ (undo works, nothing else moves);
// a closed file is written atomically. Every file must still read as the core saw it.
import * as vscode from 'vscode';
import { smallestReplacement } from '../core/fixes/textDiff';
import { writeFileAtomic, WriteRefused } from '../node/atomicWrite';
import type { PatchOpsWorkspace } from './patchopsWorkspace';

export interface FileChange {
  file: string;
  /** The text the change was computed from; null for a file that must not exist yet. */
  before: string | null;
  after: string;
}

export class ChangedMeanwhile extends Error {}

export async function applyFileChanges(workspace: PatchOpsWorkspace, changes: readonly FileChange[]): Promise<vscode.Uri[]> {
  const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
  // Check everything before writing anything.
  for (const change of changes) {
    const uri = workspace.uriOf(change.file);
    const current = open.get(uri.toString())?.getText() ?? (await readIfExists(uri));
    if ((current ?? null) !== change.before) {
      throw new ChangedMeanwhile(`${change.file} changed since it was read; nothing was written. Try again.`);
    }
  }
  const edit = new vscode.WorkspaceEdit();
  const written: vscode.Uri[] = [];
  for (const change of changes) {
    const uri = workspace.uriOf(change.file);
    const doc = open.get(uri.toString());
    if (doc && change.before !== null) {
      const { start, end, text } = smallestReplacement(change.before, change.after);
      edit.replace(uri, new vscode.Range(doc.positionAt(start), doc.positionAt(end)), text);
    } else {
      await writeAtomically(uri, change.after);
    }
    written.push(uri);
  }
  if (edit.size > 0 && !(await vscode.workspace.applyEdit(edit))) throw new ChangedMeanwhile('the editor refused the edit; nothing was changed in open files');
  for (const uri of written) await open.get(uri.toString())?.save();
  return written;
}

async function readIfExists(uri: vscode.Uri): Promise<string | undefined> {
  try {
    // The core reads text without a byte-order mark.
    return Buffer.from(await vscode.workspace.fs.readFile(uri))
      .toString('utf8')
      .replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Never replaces anything but a regular file (a link, folder, device or pipe is refused: WriteRefused). */
export async function writeAtomically(target: vscode.Uri, text: string): Promise<void> {
  const refused = (why: string) => new WriteRefused(`cannot write ${vscode.workspace.asRelativePath(target)}: ${why}`);
  if (target.scheme === 'file') {
    // Local files: the CLI's writer, which follows a symbolic link to its regular file.
    try {
      return writeFileAtomic(target.fsPath, text);
    } catch (err) {
      throw err instanceof WriteRefused ? refused(err.message) : err;
    }
  }
  const type = await vscode.workspace.fs.stat(target).then(
    (s) => s.type,
    () => undefined,
  );
  if (type !== undefined && type !== vscode.FileType.File)
    throw refused(type & vscode.FileType.SymbolicLink ? 'it is a symbolic link' : 'it is not a regular file');
  const temp = target.with({ path: `${target.path}.${Date.now().toString(36)}.tmp` });
  await vscode.workspace.fs.writeFile(temp, Buffer.from(text, 'utf8'));
  await vscode.workspace.fs.rename(temp, target, { overwrite: true });
}

/** Whether anything (file or folder) stands at `uri`, through the editor's file system. */
export async function uriExists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}
