// validate, status and report: an evaluation as text, JSON, SARIF, Markdown, HTML or CSV.
import { version } from '../../../package.json';
import type { Evaluation } from '../../core/model/evaluation';
import { renderCsv } from '../../core/report/csv';
import { renderHtml } from '../../core/report/html';
import { renderMarkdown } from '../../core/report/markdown';
import { buildReport } from '../../core/report/reportJson';
import { renderSarif } from '../../core/report/sarif';
import { pathInRepository } from '../../node/repoRoot';
import { UsageError, type CliArgs } from '../args';
import { fails } from '../failOn';
import type { Io } from '../main';
import { styleFor } from '../terminal';
import { diagnosticsText, statusText } from '../textOutput';
import { resultOf, type RunResult } from './evaluated';

/** What the renderers need besides the evaluation. */
export interface RenderContext {
  fileCount: number;
  /** The workspace folder (SARIF paths are relative to the repository that holds it). */
  root: string;
}

export function renderResult(args: CliArgs, evaluation: Evaluation, context: RenderContext, io: Io): RunResult {
  const failed = args.command === 'validate' && fails(evaluation.diagnostics, args.failOn ?? 'error');
  const wrote = () => `Wrote ${args.out} (${evaluation.plans.length} plans, ${evaluation.exceptions.length} exceptions)\n`;
  return resultOf(args, render(args, evaluation, context, io), wrote, failed ? 1 : 0);
}

function render(args: CliArgs, evaluation: Evaluation, { fileCount, root }: RenderContext, io: Io): string {
  const style = styleFor(io.stdout, io.env);
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  switch (`${args.command}:${args.format}`) {
    case 'validate:text':
      return diagnosticsText(evaluation.diagnostics, fileCount, style);
    case 'validate:json':
      return json({ asOf: new Date(evaluation.asOf).toISOString(), diagnostics: evaluation.diagnostics.map(diagnosticJson) });
    case 'validate:sarif':
      return renderSarif(evaluation.diagnostics, version, pathInRepository(root));
    case 'status:text':
      return statusText(evaluation, style);
    case 'status:json':
    case 'report:json':
      return json(buildReport(evaluation));
    case 'report:md':
      return renderMarkdown(buildReport(evaluation));
    case 'report:html':
      return renderHtml(buildReport(evaluation));
    case 'report:csv':
      return renderCsv(buildReport(evaluation));
  }
  throw new UsageError(`unknown format '${args.format}'`);
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
    ...(d.related ? { related: d.related.map((r) => ({ file: r.file, line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
  };
}
