// What the CLI and the editor agree on, in one module both import: the formats each offers, by
// name (from the registries of the report, export and scanner formats), and the shapes of what a
// person types — ids, e-mail addresses, instants — as the JSON Schemas say them (a test checks that
// these patterns are the schemas'). Reading input files (EPSS `.gz`, UTF-8) needs Node: that half
// of the contract is src/node/inputDecoding.ts.

export { EXPORT_FORMAT_INFO, EXPORT_FORMATS, type ExportFormat, type ExportFormatInfo } from './export/formats';
export { REPORT_FORMAT_INFO, REPORT_FORMATS, type ReportFormat, type ReportFormatInfo } from './report/formats';
export { SCAN_FORMAT_INFO, SCAN_FORMATS, type ScanFormat, type ScanFormatInfo } from './scanners/formats';

/** `patchops validate --format`: the first is the default. */
export const VALIDATE_FORMATS = ['text', 'json', 'sarif'] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

/** `patchops status --format`: the first is the default. */
export const STATUS_FORMATS = ['text', 'json'] as const;
export type StatusFormat = (typeof STATUS_FORMATS)[number];

/** An id of a plan, exception, policy, asset group or team (schemas/common.schema.json `id`). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A person, by e-mail address (schemas/common.schema.json `email`). */
export const EMAIL_PATTERN = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** An ISO 8601 date or date-time, with or without an offset (schemas/common.schema.json `timestamp`). */
export const TIMESTAMP_PATTERN = /^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?$/;
