// `patchops validate [DIR]`: every diagnostic, as text, JSON or SARIF; exit code 1 when it finds an
// error --fail-on counts. It runs like status, report and export (evaluated.ts, compute.ts): this
// file says what it prints.
import { version } from '../../../package.json';
import type { Evaluation } from '../../core/model/evaluation';
import { renderSarif } from '../../core/report/sarif';
import { pathInRepository } from '../../node/repoRoot';
import type { ValidateArgs } from '../args';
import { fails } from '../failOn';
import type { Io } from '../io';
import { styleFor } from '../terminal';
import { diagnosticsText } from '../textOutput';
import { jsonText, printed, type RunResult } from './output';

/** What validate needs besides the evaluation. */
export interface ValidateContext {
  /** The files read, and those warned about as misnamed (the summary line counts them). */
  fileCount: number;
  /** The workspace folder (SARIF paths are relative to the repository that holds it). */
  root: string;
}

export function renderValidate(args: ValidateArgs, evaluation: Evaluation, { fileCount, root }: ValidateContext, io: Io): RunResult {
  const code = fails(evaluation.diagnostics, args.failOn) ? 1 : 0;
  switch (args.format) {
    case 'text':
      return printed(diagnosticsText(evaluation.diagnostics, fileCount, styleFor(io.stdout, io.env)), code);
    case 'json':
      return printed(jsonText({ asOf: new Date(evaluation.asOf).toISOString(), diagnostics: evaluation.diagnostics.map(diagnosticJson) }), code);
    case 'sarif':
      return printed(renderSarif(evaluation.diagnostics, version, pathInRepository(root)), code);
  }
}

function diagnosticJson(d: Evaluation['diagnostics'][number]) {
  return {
    file: d.file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.related
      ? { related: d.related.map((r) => ({ file: r.file, line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) }
      : {}),
  };
}
