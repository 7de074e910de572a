// `--out FILE` without `--format`: the file's extension names the format, where it names exactly
// one format of the command. An explicit `--format` that contradicts a known extension is a
// usage error (`--format md --out report.html` would write Markdown into an .html file). An
// extension the command does not know (report.txt) says nothing: the default format, as before.
import * as path from 'path';

type OutCommand = 'report' | 'export';

const BY_EXTENSION: Record<OutCommand, Record<string, string>> = {
  report: { '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.json': 'json', '.csv': 'csv' },
  // Each export format has its own kind of file: YAML (.trivyignore.yaml), TOML, JSON, iCalendar.
  export: { '.yaml': 'trivyignore', '.yml': 'trivyignore', '.toml': 'osv-scanner', '.json': 'openvex', '.ics': 'ics' },
};

/** The format `out`'s extension names for `command`, or undefined when it names none. */
export function formatOfOut(command: OutCommand, out: string): string | undefined {
  return BY_EXTENSION[command][path.extname(out).toLowerCase()];
}

/** The extensions that name `format` (for the error message). */
export function extensionsOf(command: OutCommand, format: string): string[] {
  return Object.entries(BY_EXTENSION[command]).filter(([, f]) => f === format).map(([ext]) => ext);
}
