// `patchops status [DIR]`: the KPIs, every plan and exception worst first, as text or as the report
// JSON (docs/cli.md#the-report-json). It runs like validate, report and export (evaluated.ts,
// compute.ts): this file says what it prints.
import type { Evaluation } from '../../core/model/evaluation';
import { unknownFilterReference } from '../../core/present/statusFilter';
import { buildReport } from '../../core/report/reportJson';
import { UsageError, type StatusArgs } from '../args';
import type { Io } from '../io';
import { styleFor } from '../terminal';
import { statusText } from '../textOutput';
import { jsonText, printed, type RunResult } from './output';

export function renderStatus(args: StatusArgs, evaluation: Evaluation, io: Io): RunResult {
  switch (args.format) {
    case 'text': {
      // An --owner or --group the workspace does not have is an error, not an empty table.
      const unknown = args.filter && unknownFilterReference(args.filter, evaluation.model);
      if (unknown) throw new UsageError(unknown);
      return printed(statusText(evaluation, styleFor(io.stdout, io.env), { explain: args.explain, filter: args.filter, sort: args.sort }));
    }
    case 'json':
      return printed(jsonText(buildReport(evaluation)));
  }
}
