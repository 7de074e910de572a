// Go to definition and find references, from the core's language service.
import * as vscode from 'vscode';
import { definition, references, type LanguageLocation } from '../../core/language/navigation';
import { toRange } from '../convert';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { languageRequest } from './languageRequest';

export class PatchOpsNavigation implements vscode.DefinitionProvider, vscode.ReferenceProvider {
  constructor(private readonly registry: WorkspaceRegistry) {}

  provideDefinition(document: vscode.TextDocument, position: vscode.Position): vscode.Location[] {
    const request = languageRequest(this.registry, document, position, 'navigation');
    return request ? locations(definition(request), request.uriOf) : [];
  }

  provideReferences(document: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] {
    const request = languageRequest(this.registry, document, position, 'navigation');
    return request ? locations(references(request, context.includeDeclaration), request.uriOf) : [];
  }
}

function locations(list: readonly LanguageLocation[], uriOf: (file: string) => vscode.Uri): vscode.Location[] {
  return list.map((l) => new vscode.Location(uriOf(l.file), toRange(l.range)));
}
