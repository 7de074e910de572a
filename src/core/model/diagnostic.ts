// A diagnostic is how every problem reaches a person, in the CLI and in the editor alike.
import type { DIAGNOSTIC_CODES, DiagnosticSeverity } from './diagnosticCodes';

export type { DiagnosticSeverity };

/** A code names one kind of problem; the catalog (diagnosticCodes.ts) lists them all, with their docs. */
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Zero-based, like the editor's positions; the CLI adds one when it prints. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export interface RelatedInformation {
  file: string;
  range: Range;
  message: string;
}

/** A mechanical fix the editor can offer as a quick fix. */
export type FixHint = { kind: 'rename-key'; replacement: string } | { kind: 'replace-value'; replacement: string } | { kind: 'add-rollback' };

export interface Diagnostic {
  /** Workspace-relative path with `/` separators. */
  file: string;
  range: Range;
  severity: DiagnosticSeverity;
  code: DiagnosticCode;
  message: string;
  related?: RelatedInformation[];
  fix?: FixHint;
}

export const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** No diagnostics: one shared, frozen list for the many things that have none (cells, fast-path documents). */
export const NO_DIAGNOSTICS: readonly Diagnostic[] = Object.freeze([]);

const severityOrder: Record<DiagnosticSeverity, number> = { error: 0, warning: 1, info: 2 };

/** The order of the validate JSON (docs/cli.md#the-validate-json): file, line, column, code. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return (
    (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0) ||
    severityOrder[a.severity] - severityOrder[b.severity] ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}
