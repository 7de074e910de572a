// The CSV report: one row per plan × vulnerability, for spreadsheets and BI tools (a pivot by CVE,
// owner team or asset group needs no splitting). A plan without vulnerabilities still has one row,
// with an empty `vulnerability`: no plan is left out. RFC 4180: a header row, CRLF after every
// record (the last one too), every field through csvCell (quoting and formula neutralization).
// Rows keep the document's order: a spreadsheet user sorts for themselves. No byte-order mark: it
// would become part of the first header name for most CSV readers.

import { csvCell, type CsvValue } from './escape';
import type { PlanReport, ReportDocument } from './reportModel';
import { formatInstant } from './renderShared';

type Vulnerability = PlanReport['vulnerabilities'][number];

interface Row {
  plan: PlanReport;
  /** null: the plan lists no vulnerability. */
  vulnerability: Vulnerability | null;
  zone: string;
}

/**
 * Column name and how to read it from a row: the vulnerability's columns, then the plan's (repeated
 * on each of its rows). The plan columns of the one-row-per-plan CSV keep their names and meaning
 * (`deadline` is still the ISO instant), except `severity` and `kev`, now the row's vulnerability's.
 */
const COLUMNS: readonly (readonly [string, (r: Row) => CsvValue])[] = [
  ['vulnerability', (r) => r.vulnerability?.id ?? null],
  ['plan', (r) => r.plan.id],
  ['title', (r) => r.plan.title],
  ['owner', (r) => r.plan.owner],
  ['groups', (r) => (r.plan.groups ?? []).join(';')],
  ['tier', (r) => r.plan.tier],
  ['state', (r) => r.plan.state],
  // The deadline twice: as machines read it (ISO, UTC) and as people do (workspace zone, with its offset).
  ['deadline', (r) => r.plan.deadline],
  ['deadlineLocal', (r) => (r.plan.deadline === null ? null : formatInstant(r.plan.deadline, r.zone))],
  ['deadlineFrom', (r) => (r.plan.deadline === null ? null : (r.plan.deadlineOrigin ?? null))],
  ['severity', (r) => r.vulnerability?.severity ?? null],
  ['score', (r) => r.vulnerability?.score ?? null],
  ['kev', (r) => r.vulnerability?.kev ?? null],
  ['inScope', (r) => r.vulnerability?.inScope ?? null],
  ['impact', (r) => r.plan.impact],
  ['clockStart', (r) => r.plan.clockStart],
  ['remediatedAt', (r) => r.plan.remediatedAt],
  ['timeToPatchHours', (r) => r.plan.timeToPatchHours],
  ['targets', (r) => r.plan.endpoints.targets],
  ['patched', (r) => r.plan.endpoints.patched],
  ['failed', (r) => r.plan.endpoints.failed],
  ['endpointsPercent', (r) => r.plan.endpointsPercent],
  ['exemptedBy', (r) => r.plan.exemptedBy.join(';')],
  ['file', (r) => r.plan.file],
];

/** Column names of renderCsv's header row, in order. */
export const CSV_COLUMNS: readonly string[] = COLUMNS.map(([name]) => name);

const record = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** One header row and one row per plan × vulnerability. Same document → same bytes. */
export function renderCsv(doc: ReportDocument): string {
  const rows = doc.plans.flatMap((plan): Row[] =>
    plan.vulnerabilities.length === 0
      ? [{ plan, vulnerability: null, zone: doc.timezone }]
      : plan.vulnerabilities.map((vulnerability) => ({ plan, vulnerability, zone: doc.timezone })),
  );
  return record(CSV_COLUMNS) + rows.map((row) => record(COLUMNS.map(([, read]) => read(row)))).join('');
}
