// Core values to VS Code values: the only place the two position models meet.
import * as vscode from 'vscode';
import type { Diagnostic, DiagnosticCode, Range } from '../core/model/diagnostic';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

const SEVERITY = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
} as const;

/** A diagnostic's code as text, whether it is plain or a link to its docs. */
export function codeValue(code: vscode.Diagnostic['code']): string | undefined {
  return typeof code === 'object' ? String(code.value) : code === undefined ? undefined : String(code);
}

/** `docs`: the link to a code's section of docs/diagnostics.md; without one the code is plain text. */
export function toDiagnostic(d: Diagnostic, resolve: (file: string) => vscode.Uri, docs?: (code: DiagnosticCode) => vscode.Uri | undefined): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
  diagnostic.source = 'PatchOps';
  const target = docs?.(d.code);
  diagnostic.code = target ? { value: d.code, target } : d.code;
  if (d.related?.length) {
    diagnostic.relatedInformation = d.related.map(
      (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(resolve(r.file), toRange(r.range)), r.message),
    );
  }
  return diagnostic;
}
