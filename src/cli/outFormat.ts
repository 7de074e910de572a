// `--out FILE` without `--format`: the file's extension names the format, where it names exactly
// one format of the command. An explicit `--format` that contradicts a known extension is a
// usage error (`--format md --out report.html` would write Markdown into an .html file). An
// extension the command does not know (report.txt) says nothing: the default format, as before.
// The extensions are the format registries' (src/core/contract.ts), which the editor uses too.
import * as path from 'path';
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, REPORT_FORMAT_INFO, REPORT_FORMATS, type ExportFormat, type ReportFormat } from '../core/contract';

export interface OutFormats {
  report: ReportFormat;
  export: ExportFormat;
}
type OutCommand = keyof OutFormats;

/** Extension → format; an extension two formats claim names neither. */
function byExtension<F extends string>(formats: readonly F[], extensionsOf: (format: F) => readonly string[]): ReadonlyMap<string, F> {
  const claims = new Map<string, F[]>();
  for (const format of formats) for (const ext of extensionsOf(format)) claims.set(ext, [...(claims.get(ext) ?? []), format]);
  return new Map([...claims].filter(([, claimed]) => claimed.length === 1).map(([ext, [format]]) => [ext, format]));
}

const BY_EXTENSION: { [C in OutCommand]: ReadonlyMap<string, OutFormats[C]> } = {
  report: byExtension(REPORT_FORMATS, (f) => REPORT_FORMAT_INFO[f].extensions),
  // Each export format has its own kind of file: YAML (.trivyignore.yaml), TOML, JSON, iCalendar.
  export: byExtension(EXPORT_FORMATS, (f) => EXPORT_FORMAT_INFO[f].extensions),
};

/** The format `out`'s extension names for `command`, or undefined when it names none. */
export function formatOfOut<C extends OutCommand>(command: C, out: string): OutFormats[C] | undefined {
  return (BY_EXTENSION[command] as ReadonlyMap<string, OutFormats[C]>).get(path.extname(out).toLowerCase());
}

/** The extensions that name `format` (for the error message). */
export function extensionsOf<C extends OutCommand>(command: C, format: OutFormats[C]): string[] {
  return [...(BY_EXTENSION[command] as ReadonlyMap<string, OutFormats[C]>)].filter(([, f]) => f === format).map(([ext]) => ext);
}
