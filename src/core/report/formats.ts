// The report formats by name: what `patchops report --format` accepts, the --out extensions that
// name each one, `--help`, and the editor's Generate Report picker. Names and words only, so the CLI
// reads them without loading a renderer (a run replayed from --cache loads none); the renderers
// are in index.ts, keyed by the same names.

export type ReportFormat = 'md' | 'html' | 'json' | 'csv';

export interface ReportFormatInfo {
  /** What it is for, in a few words (the editor's picker). */
  description: string;
  /** File extensions that name it (`--out report.htm`); the first is the one a written report gets. */
  extensions: readonly string[];
}

/** In the CLI's order: the first is `patchops report`'s default. */
export const REPORT_FORMAT_INFO: Readonly<Record<ReportFormat, ReportFormatInfo>> = {
  md: { description: 'Markdown, for a wiki or a pull request', extensions: ['.md', '.markdown'] },
  html: { description: 'One self-contained page for the CISO and the IT lead', extensions: ['.html', '.htm'] },
  json: { description: 'The report JSON, for machines', extensions: ['.json'] },
  csv: { description: 'One row per plan and vulnerability, for a spreadsheet', extensions: ['.csv'] },
};

export const REPORT_FORMATS = Object.keys(REPORT_FORMAT_INFO) as readonly ReportFormat[];

/** How many items each list of `report --summary` holds at most (plans and exceptions that need attention, breakdown rows, files). */
export const SUMMARY_LIMIT = 200;
