// The report formats and their renderers, one registry for `patchops report` and the editor's
// Generate Report: both write the same bytes for the same evaluation.
import { renderCsv } from './csv';
import { REPORT_FORMAT_INFO, type ReportFormat, type ReportFormatInfo } from './formats';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { ReportDocument } from './reportModel';
import type { RenderOptions } from './renderShared';

export interface ReportRenderer extends ReportFormatInfo {
  /** Same document (and options) → same bytes. Only html and md have a summary. */
  render(doc: ReportDocument, options?: RenderOptions): string;
}

/** A Record: a format cannot be named without a renderer. */
export const REPORTS: Readonly<Record<ReportFormat, ReportRenderer>> = {
  md: { ...REPORT_FORMAT_INFO.md, render: renderMarkdown },
  html: { ...REPORT_FORMAT_INFO.html, render: renderHtml },
  json: { ...REPORT_FORMAT_INFO.json, render: (doc) => JSON.stringify(doc, null, 2) + '\n' },
  csv: { ...REPORT_FORMAT_INFO.csv, render: renderCsv },
};

export function renderReport(format: ReportFormat, doc: ReportDocument, options: RenderOptions = {}): string {
  return REPORTS[format].render(doc, options);
}
