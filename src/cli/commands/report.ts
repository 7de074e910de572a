// `patchops report [DIR]`: the report in one of the registry's formats (src/core/report/index.ts),
// printed or written to --out. It runs like validate, status and export (evaluated.ts, compute.ts):
// this file says what it prints.
import type { Evaluation } from '../../core/model/evaluation';
import { renderReport } from '../../core/report';
import { buildReport } from '../../core/report/reportJson';
import type { ReportArgs } from '../args';
import { resultOf, type RunResult } from './output';

export function renderReportResult(args: ReportArgs, evaluation: Evaluation): RunResult {
  const wrote = () => `Wrote ${args.out} (${evaluation.plans.length} plans, ${evaluation.exceptions.length} exceptions)\n`;
  return resultOf(args.out, renderReport(args.format, buildReport(evaluation), { summary: args.summary === true }), wrote);
}
