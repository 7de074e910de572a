// Completion items from the core's language service.
import * as vscode from 'vscode';
import { completions, type LanguageCompletion } from '../../core/language/completion';
import { toRange } from '../convert';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { languageRequest } from './languageRequest';

const KINDS: Record<LanguageCompletion['kind'], vscode.CompletionItemKind> = {
  property: vscode.CompletionItemKind.Property,
  enum: vscode.CompletionItemKind.EnumMember,
  value: vscode.CompletionItemKind.Value,
  id: vscode.CompletionItemKind.Reference,
};

export class PatchOpsCompletions implements vscode.CompletionItemProvider {
  /** After `key: ` a value's choices open by themselves; a space elsewhere (indenting, prose) opens nothing. */
  static readonly triggerCharacters = [' ', ':'];

  constructor(private readonly registry: WorkspaceRegistry) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, _token: vscode.CancellationToken, context: vscode.CompletionContext) {
    if (context.triggerKind === vscode.CompletionTriggerKind.TriggerCharacter && context.triggerCharacter === ' ') {
      const before = document.lineAt(position.line).text.slice(0, position.character);
      if (!/(?::|^\s*-|[[{,]) $/.test(before)) return undefined;
    }
    const request = languageRequest(this.registry, document, position, 'completion');
    if (!request) return undefined;
    return completions(request).map((c) => {
      const item = new vscode.CompletionItem(c.label, KINDS[c.kind]);
      item.detail = c.detail;
      if (c.documentation) item.documentation = new vscode.MarkdownString(c.documentation);
      item.insertText = c.insertText;
      item.range = toRange(c.range);
      item.sortText = c.sortText;
      if (c.retrigger) item.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
      return item;
    });
  }
}
