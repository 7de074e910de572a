// Hovers from the core's language service.
import * as vscode from 'vscode';
import { hover } from '../../core/language/hover';
import { toRange } from '../convert';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { languageRequest } from './languageRequest';

export class PatchOpsHover implements vscode.HoverProvider {
  constructor(private readonly registry: WorkspaceRegistry) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const request = languageRequest(this.registry, document, position, 'hover');
    const found = request && hover(request);
    // Plain Markdown: no command links, no HTML (values come from the user's files).
    return found && new vscode.Hover(new vscode.MarkdownString(found.markdown), toRange(found.range));
  }
}
