// `patchops status [DIR]`: the KPIs, every plan and exception worst first, as text or as the report
// JSON (docs/cli.md#the-report-json). It runs like validate, report and export (evaluated.ts,
// compute.ts): this file says what it prints.
import type { Evaluation } from '../../core/model/evaluation';
import { buildReport } from '../../core/report/reportJson';
import type { StatusArgs } from '../args';
import type { Io } from '../io';
import { styleFor } from '../terminal';
import { statusText } from '../textOutput';
import { jsonText, printed, type RunResult } from './output';

export function renderStatus(args: StatusArgs, evaluation: Evaluation, io: Io): RunResult {
  switch (args.format) {
    case 'text':
      return printed(statusText(evaluation, styleFor(io.stdout, io.env)));
    case 'json':
      return printed(jsonText(buildReport(evaluation)));
  }
}
