// Where a report or an export is written: the user says, in a save dialog that starts in the
// folder chosen last time for that kind (remembered per workspace), else in the workspace's
// `reports/` folder, else at the workspace's root. Nothing is written anywhere the user was not
// asked about (not even an empty `reports/`); cancel writes nothing.
import * as vscode from 'vscode';
import { uriExists } from './applyFileChanges';
import type { PatchOpsWorkspace } from './patchopsWorkspace';

/** What callers without a dialog (tests, other extensions) may pass. */
export interface SaveTargetRequest {
  /** Write here, without asking. */
  target?: vscode.Uri;
  /** Asks instead of `vscode.window.showSaveDialog` (tests: the native dialog cannot be clicked). */
  saveDialog?: (options: vscode.SaveDialogOptions) => Thenable<vscode.Uri | undefined>;
}

/** The kinds whose folders are remembered apart: reports go to one place, scanner files to another. */
export type SaveKind = 'report' | 'export';

/** The folder a kind's dialog starts in before anything was chosen. */
const DEFAULT_SAVE_FOLDER = 'reports';

export async function chooseSaveTarget(
  memory: vscode.Memento,
  workspace: PatchOpsWorkspace,
  kind: SaveKind,
  file: { name: string; title: string; filterName: string; extensions: readonly string[] },
  request: SaveTargetRequest = {},
): Promise<vscode.Uri | undefined> {
  const key = `patchops.saveFolder.${kind}:${workspace.root.toString()}`;
  let target = request.target;
  if (!target) {
    const remembered = memory.get<string>(key);
    // A folder that is gone is not proposed: VS Code's own dialog refuses a path whose folder does not exist.
    const candidates = [...(remembered ? [vscode.Uri.parse(remembered, true)] : []), vscode.Uri.joinPath(workspace.root, DEFAULT_SAVE_FOLDER)];
    let folder = workspace.root;
    for (const candidate of candidates) {
      if (!(await uriExists(candidate))) continue;
      folder = candidate;
      break;
    }
    target = await (request.saveDialog ?? vscode.window.showSaveDialog)({
      title: file.title,
      defaultUri: vscode.Uri.joinPath(folder, file.name),
      saveLabel: 'Save',
      filters: { [file.filterName]: file.extensions.map((e) => e.replace(/^\./, '')) },
    });
    if (!target) return undefined;
    await memory.update(key, vscode.Uri.joinPath(target, '..').toString());
  }
  // A target given by a caller may be in a folder that does not exist yet.
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..'));
  return target;
}
