// `patchops report [DIR]`: the report in one of the registry's formats (src/core/report/index.ts),
// printed or written to --out. It runs like validate, status and export (evaluated.ts, compute.ts):
// this file says what it prints.
import type { Evaluation } from '../../core/model/evaluation';
import { renderReport } from '../../core/report';
import { renderHtml } from '../../core/report/html';
import { buildReport } from '../../core/report/reportJson';
import type { ReportArgs } from '../args';
import type { Io } from '../io';
import { resultOf, type RunResult } from './output';

export function renderReportResult(args: ReportArgs, evaluation: Evaluation, context: { root: string; io: Io }): RunResult {
  const wrote = () => `Wrote ${args.out} (${evaluation.plans.length} plans, ${evaluation.exceptions.length} exceptions)\n`;
  const options = { summary: args.summary === true };
  if (args.trend) {
    // Loaded only with --trend: the git history reader and the trend charts.
    const { trendsHtml } = require('./history') as typeof import('./history');
    return resultOf(
      args.out,
      renderHtml(buildReport(evaluation), options, trendsHtml({ ...args, trend: args.trend }, context.root, evaluation, context.io)),
      wrote,
    );
  }
  return resultOf(args.out, renderReport(args.format, buildReport(evaluation), options), wrote);
}
