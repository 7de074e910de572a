// Schema help and id navigation for every PatchOps file: completion, hover, definition, references, rename.
import * as vscode from 'vscode';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { PatchOpsCompletions } from './completion';
import { PatchOpsHover } from './hover';
import { PatchOpsNavigation } from './navigation';
import { PatchOpsRename } from './rename';

export function registerLanguageFeatures(selector: vscode.DocumentSelector, registry: WorkspaceRegistry): vscode.Disposable[] {
  const navigation = new PatchOpsNavigation(registry);
  return [
    vscode.languages.registerCompletionItemProvider(selector, new PatchOpsCompletions(registry), ...PatchOpsCompletions.triggerCharacters),
    vscode.languages.registerHoverProvider(selector, new PatchOpsHover(registry)),
    vscode.languages.registerDefinitionProvider(selector, navigation),
    vscode.languages.registerReferenceProvider(selector, navigation),
    vscode.languages.registerRenameProvider(selector, new PatchOpsRename(registry)),
  ];
}
