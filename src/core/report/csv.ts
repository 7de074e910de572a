// The CSV report: one row per plan, for spreadsheets and BI tools. RFC 4180: a header row, CRLF
// after every record (the last one too), every field through csvCell (quoting and formula
// neutralization). Rows keep the document's order: a spreadsheet user sorts for themselves.
// No byte-order mark: it would become part of the first header name for most CSV readers.

import { csvCell, type CsvValue } from './escape';
import type { PlanReport, ReportDocument } from './reportModel';

/** Column name and how to read it from a plan. */
const COLUMNS: readonly (readonly [string, (p: PlanReport) => CsvValue])[] = [
  ['id', (p) => p.id],
  ['title', (p) => p.title],
  ['tier', (p) => p.tier],
  ['state', (p) => p.state],
  ['severity', (p) => p.severity],
  ['impact', (p) => p.impact],
  ['kev', (p) => p.kev],
  ['clockStart', (p) => p.clockStart],
  ['deadline', (p) => p.deadline],
  ['remediatedAt', (p) => p.remediatedAt],
  ['timeToPatchHours', (p) => p.timeToPatchHours],
  ['targets', (p) => p.endpoints.targets],
  ['patched', (p) => p.endpoints.patched],
  ['failed', (p) => p.endpoints.failed],
  ['endpointsPercent', (p) => p.endpointsPercent],
  ['exemptedBy', (p) => p.exemptedBy.join(';')],
];

/** Column names of renderCsv's header row, in order. */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

const record = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** One header row and one row per plan. Same document → same bytes. */
export function renderCsv(doc: ReportDocument): string {
  return record(CSV_COLUMNS) + doc.plans.map((plan) => record(COLUMNS.map(([, read]) => read(plan)))).join('');
}
