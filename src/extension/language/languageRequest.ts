// A document and a position as the core's language service takes them: the file's workspace,
// kind and text, the workspace model as the registry has it now, and whether schema help is ours.
import * as vscode from 'vscode';
import type { LanguageRequest } from '../../core/language/completion';
import { schemaHelpEnabled } from '../../core/language/schemaHelp';
import { fileKindOf } from '../../core/workspace/fileKinds';
import { schemaHelpSetting } from '../settings';
import type { WorkspaceRegistry } from '../workspaceRegistry';

/** Red Hat's YAML extension, which completes and hovers from the schemas PatchOps contributes. */
const RED_HAT_YAML = 'redhat.vscode-yaml';

export function languageRequest(
  registry: WorkspaceRegistry,
  document: vscode.TextDocument,
  position: vscode.Position,
  feature: 'completion' | 'hover' | 'navigation',
): (LanguageRequest & { uriOf: (file: string) => vscode.Uri }) | undefined {
  const owner = registry.workspaceOf(document.uri);
  const kind = owner && fileKindOf(owner.rel);
  if (!owner || !kind) return undefined;
  return {
    file: owner.rel,
    kind,
    text: document.getText(),
    position: { line: position.line, character: position.character },
    model: owner.workspace.model(),
    schemaHelp: feature === 'navigation' || schemaHelp(feature, document.uri),
    uriOf: (file) => owner.workspace.uriOf(file),
  };
}

function schemaHelp(feature: 'completion' | 'hover', uri: vscode.Uri): boolean {
  const yaml = vscode.workspace.getConfiguration('yaml', uri);
  const peer = {
    installed: vscode.extensions.getExtension(RED_HAT_YAML) !== undefined,
    completion: yaml.get<boolean>('completion', true),
    hover: yaml.get<boolean>('hover', true),
  };
  return schemaHelpEnabled(schemaHelpSetting(uri), peer, feature);
}
