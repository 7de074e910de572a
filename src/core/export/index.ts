// The export formats by name, for the CLI (`patchops export FORMAT`) and the extension.
import type { Evaluation } from '../model/evaluation';
import { renderIcs } from './ics';
import { renderOpenVex } from './openvex';
import { renderOsvScanner } from './osvScanner';
import { renderTrivyIgnore } from './trivyignore';

export type ExportFormat = 'trivyignore' | 'osv-scanner' | 'openvex' | 'ics';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['trivyignore', 'osv-scanner', 'openvex', 'ics'];

/** The file name a format is usually given (what `--out` would be in a repository). */
export const EXPORT_FILE_NAMES: Record<ExportFormat, string> = {
  trivyignore: '.trivyignore.yaml',
  'osv-scanner': 'osv-scanner.toml',
  openvex: 'patchops.openvex.json',
  ics: 'patchops.ics',
};

/** Same evaluation (files + as-of) → same bytes. */
export function renderExport(format: ExportFormat, evaluation: Evaluation, options: { version?: string } = {}): string {
  switch (format) {
    case 'trivyignore':
      return renderTrivyIgnore(evaluation);
    case 'osv-scanner':
      return renderOsvScanner(evaluation);
    case 'openvex':
      return renderOpenVex(evaluation, { tooling: `PatchOps${options.version ? ` ${options.version}` : ''}` });
    case 'ics':
      return renderIcs(evaluation, { productVersion: options.version });
  }
}
