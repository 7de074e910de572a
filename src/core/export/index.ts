// The export formats and their renderers, one registry for `patchops export FORMAT` and the editor.
import type { Evaluation } from '../model/evaluation';
import { EXPORT_FORMAT_INFO, type ExportFormat, type ExportFormatInfo } from './formats';
import { renderIcs } from './ics';
import { renderOpenVex } from './openvex';
import { renderOsvScanner } from './osvScanner';
import { renderTrivyIgnore } from './trivyignore';

export { EXPORT_FORMATS } from './formats';

export interface ExportOptions {
  /** The PatchOps version, named in the formats that say who wrote them. */
  version?: string;
}

export interface ExportRenderer extends ExportFormatInfo {
  render(evaluation: Evaluation, options: ExportOptions): string;
}

/** A Record: a format cannot be named without a renderer. */
export const EXPORTS: Readonly<Record<ExportFormat, ExportRenderer>> = {
  trivyignore: { ...EXPORT_FORMAT_INFO.trivyignore, render: (evaluation) => renderTrivyIgnore(evaluation) },
  'osv-scanner': { ...EXPORT_FORMAT_INFO['osv-scanner'], render: (evaluation) => renderOsvScanner(evaluation) },
  openvex: {
    ...EXPORT_FORMAT_INFO.openvex,
    render: (evaluation, options) => renderOpenVex(evaluation, { tooling: `PatchOps${options.version ? ` ${options.version}` : ''}` }),
  },
  ics: { ...EXPORT_FORMAT_INFO.ics, render: (evaluation, options) => renderIcs(evaluation, { productVersion: options.version }) },
};

/** Same evaluation (files + as-of) → same bytes. */
export function renderExport(format: ExportFormat, evaluation: Evaluation, options: ExportOptions = {}): string {
  return EXPORTS[format].render(evaluation, options);
}
