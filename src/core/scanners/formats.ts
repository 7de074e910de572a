// The scanner report formats by name: what `patchops import --format` accepts, `--help`, and the
// editor's Import file dialog. Names and words only, so the CLI reads them without loading a
// parser; the parsers are in detect.ts, keyed by the same names.

export type ScanFormat = 'trivy' | 'grype' | 'sarif';

export interface ScanFormatInfo {
  /** The format's name for a person ("Trivy JSON"). */
  title: string;
  /** The top-level keys that tell it from the others (said when none is recognized). */
  marks: string;
  /** File extensions such reports have (the editor's file dialog). */
  extensions: readonly string[];
}

export const SCAN_FORMAT_INFO: Readonly<Record<ScanFormat, ScanFormatInfo>> = {
  trivy: { title: 'Trivy JSON', marks: 'SchemaVersion, Results', extensions: ['.json'] },
  grype: { title: 'Grype JSON', marks: 'matches, descriptor', extensions: ['.json'] },
  sarif: { title: 'SARIF 2.1.0', marks: 'version, runs', extensions: ['.sarif', '.json'] },
};

export const SCAN_FORMATS = Object.keys(SCAN_FORMAT_INFO) as readonly ScanFormat[];
