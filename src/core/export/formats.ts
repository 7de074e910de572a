// The export formats by name: what `patchops export FORMAT` accepts, the --out extensions that name
// each one, `--help`, and the editor's Export picker. Names and words only, so the CLI reads them
// without loading a renderer; the renderers are in index.ts, keyed by the same names.

export type ExportFormat = 'trivyignore' | 'osv-scanner' | 'openvex' | 'ics';

export interface ExportFormatInfo {
  /** What it is, in a few words (the editor's picker). */
  description: string;
  /** The file name it is usually given (what `--out` would be in a repository; the editor writes it). */
  fileName: string;
  /** File extensions that name it (`export --out patchops.ics`): each kind of file is its own. */
  extensions: readonly string[];
}

export const EXPORT_FORMAT_INFO: Readonly<Record<ExportFormat, ExportFormatInfo>> = {
  trivyignore: { description: 'Trivy ignore file for the effective exceptions', fileName: '.trivyignore.yaml', extensions: ['.yaml', '.yml'] },
  'osv-scanner': { description: 'osv-scanner.toml [[IgnoredVulns]]', fileName: 'osv-scanner.toml', extensions: ['.toml'] },
  openvex: { description: 'OpenVEX v0.2.0 statements', fileName: 'patchops.openvex.json', extensions: ['.json'] },
  ics: { description: 'Calendar feed of deadlines and revisit dates', fileName: 'patchops.ics', extensions: ['.ics'] },
};

export const EXPORT_FORMATS = Object.keys(EXPORT_FORMAT_INFO) as readonly ExportFormat[];
