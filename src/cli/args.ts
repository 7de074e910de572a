// Command-line parsing with Node's own `util.parseArgs`: strict, so a mistyped flag is an error.
import { parseArgs } from 'util';
import { FAIL_ON, type FailOn } from './failOn';
import { extensionsOf, formatOfOut } from './outFormat';

export type Command = 'validate' | 'status' | 'report' | ScannerCommand;
/** The scanner round trip (docs/scanners.md): import findings, enrich with KEV/EPSS, export. */
export type ScannerCommand = 'import' | 'enrich' | 'export';

export const FORMATS: Record<Command, readonly string[]> = {
  validate: ['text', 'json', 'sarif'],
  status: ['text', 'json'],
  report: ['md', 'html', 'json', 'csv'],
  import: ['auto', 'trivy', 'grype', 'sarif'],
  enrich: ['text'],
  export: ['trivyignore', 'osv-scanner', 'openvex', 'ics'],
};

export interface CliArgs {
  command: Command;
  dir: string;
  asOf?: string;
  /** The output format; for `import` the report format (auto: detected), for `export` FORMAT. */
  format: string;
  out?: string;
  /** import: the scanner report. */
  file?: string;
  /** import: asset groups for new plans. */
  affects?: string[];
  /** import, enrich: compute and print, write nothing. */
  dryRun?: boolean;
  /** import: gather findings without a fix in one plan. */
  includeUnfixed?: boolean;
  /** enrich: the CISA KEV catalog and the EPSS scores. */
  kev?: string;
  epss?: string;
  /**
   * validate, status, report, export (their output is a function of their inputs; import and
   * enrich write files): reuse the result of an identical earlier run (src/cli/cache.ts).
   */
  cache?: boolean;
  /** Where the cache is kept: a file, or a folder (one file per workspace in it). */
  cacheLocation?: string;
  /** validate: which errors make the exit code 1 (src/cli/failOn.ts); absent elsewhere. */
  failOn?: FailOn;
}

export type ParsedCommandLine = { kind: 'run'; args: CliArgs } | { kind: 'help'; command?: Command } | { kind: 'version' };

export class UsageError extends Error {}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        'as-of': { type: 'string' },
        format: { type: 'string', short: 'f' },
        out: { type: 'string', short: 'o' },
        affects: { type: 'string' },
        'dry-run': { type: 'boolean' },
        'include-unfixed': { type: 'boolean' },
        kev: { type: 'string' },
        epss: { type: 'string' },
        cache: { type: 'boolean' },
        'cache-location': { type: 'string' },
        'fail-on': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError(plainParseError((err as Error).message));
  }
  const { values, positionals } = parsed;
  const [commandWord, dir, ...extra] = positionals;
  if (values.version) return { kind: 'version' };
  if (commandWord === 'help') return { kind: 'help', command: isCommand(dir) ? dir : undefined };
  if (values.help || commandWord === undefined) return { kind: 'help', command: isCommand(commandWord) ? commandWord : undefined };
  if (!isCommand(commandWord)) throw new UsageError(`unknown command '${commandWord}': use validate, status, report, import, enrich or export`);
  const command = commandWord;
  if (isScannerCommand(command)) return { kind: 'run', args: scannerArgs(command, positionals.slice(1), values) };
  const scannerFlag = (['affects', 'dry-run', 'include-unfixed', 'kev', 'epss'] as const).find((k) => values[k] !== undefined);
  if (scannerFlag) throw new UsageError(`--${scannerFlag} is for ${scannerFlag === 'kev' || scannerFlag === 'epss' ? 'enrich' : scannerFlag === 'dry-run' ? 'import and enrich' : 'import'}; see patchops --help`);
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': ${command} takes one folder`);
  if (values.format !== undefined && !FORMATS[command].includes(values.format)) {
    throw new UsageError(`unknown format '${values.format}' for ${command}: use ${FORMATS[command].join(', ')}`);
  }
  if (values.out !== undefined && command !== 'report') throw new UsageError(`--out is for report and export; ${command} prints to standard output`);
  const format = (values.out !== undefined && command === 'report' ? formatForOut('report', values.format, values.out) : values.format) ??
    (command === 'report' ? 'md' : 'text');
  if (values['fail-on'] !== undefined && command !== 'validate') throw new UsageError(`--fail-on is for validate; ${command} exits 0 when it ran`);
  const failOn = command === 'validate' ? checkFailOn(values['fail-on']) : undefined;
  const asOf = checkAsOf(values['as-of']);
  return { kind: 'run', args: { command, dir: dir ?? '.', asOf, format, out: values.out, ...(failOn ? { failOn } : {}), ...cacheOptions(values) } };
}

/**
 * The format of `--out FILE` (src/cli/outFormat.ts): `--format` when given, else the one the
 * extension names (undefined when it names none); a `--format` the extension contradicts is an error.
 */
function formatForOut(command: 'report' | 'export', format: string | undefined, out: string): string | undefined {
  const named = formatOfOut(command, out);
  if (format === undefined || named === undefined || named === format) return format ?? named;
  const fits = extensionsOf(command, format);
  const [what, flag] = command === 'report' ? [`--format ${format}`, '--format'] : [`export ${format}`, 'the format'];
  const rename = fits.length ? `name it ${fits.join(' or ')}, or ` : '';
  throw new UsageError(`${what} does not match --out '${out}', which names ${named}: ${rename}leave out ${flag} to write ${named}`);
}

function checkFailOn(value: string | undefined): FailOn {
  if (value === undefined) return 'error';
  if (!(FAIL_ON as readonly string[]).includes(value)) throw new UsageError(`unknown --fail-on '${value}': use ${FAIL_ON.join(', ')}`);
  return value as FailOn;
}

function cacheOptions(values: FlagValues): Pick<CliArgs, 'cache' | 'cacheLocation'> {
  if (values['cache-location'] !== undefined && values.cache !== true) throw new UsageError('--cache-location is used with --cache');
  return values.cache === true ? { cache: true, cacheLocation: values['cache-location'] } : {};
}

function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf !== undefined && !ISO.test(asOf)) {
    throw new UsageError(`--as-of '${asOf}' is not an ISO 8601 date or date-time: use e.g. 2026-11-23 or 2026-11-23T12:00:00Z`);
  }
  return asOf;
}

interface FlagValues {
  'as-of'?: string;
  format?: string;
  out?: string;
  affects?: string;
  'dry-run'?: boolean;
  'include-unfixed'?: boolean;
  kev?: string;
  epss?: string;
  cache?: boolean;
  'cache-location'?: string;
  'fail-on'?: string;
}

/** `import FILE [DIR]`, `enrich [DIR] --kev FILE`, `export FORMAT [DIR]`: each with its own flags. */
function scannerArgs(command: ScannerCommand, words: string[], values: FlagValues): CliArgs {
  const allowed: Record<ScannerCommand, (keyof FlagValues)[]> = {
    import: ['as-of', 'format', 'affects', 'dry-run', 'include-unfixed'],
    enrich: ['kev', 'epss', 'dry-run'],
    export: ['as-of', 'out', 'cache', 'cache-location'],
  };
  for (const key of Object.keys(values) as (keyof FlagValues)[]) {
    if (values[key] !== undefined && key in FLAG_NAMES && !allowed[command].includes(key)) {
      throw new UsageError(`--${key} is not an option of ${command}: ${command} takes ${allowed[command].map((k) => `--${k}`).join(', ')}`);
    }
  }
  const asOf = checkAsOf(values['as-of']);
  switch (command) {
    case 'import': {
      const [file, dir, ...extra] = words;
      if (file === undefined) throw new UsageError('import needs the scanner report: patchops import FILE [DIR] --affects GROUPS');
      if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': import takes a report file and one folder`);
      const format = values.format ?? 'auto';
      if (!FORMATS.import.includes(format)) throw new UsageError(`unknown format '${format}' for import: use trivy, grype or sarif (default: detected from the content)`);
      let affects: string[] | undefined;
      if (values.affects !== undefined) {
        affects = values.affects.split(',').map((g) => g.trim()).filter((g) => g !== '');
        const bad = affects.find((g) => !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(g));
        if (affects.length === 0 || bad !== undefined) throw new UsageError(`--affects '${values.affects}': give asset group ids separated by commas, e.g. --affects web-servers,kiosks`);
      }
      return { command, dir: dir ?? '.', asOf, format, file, affects, dryRun: values['dry-run'] === true, includeUnfixed: values['include-unfixed'] === true };
    }
    case 'enrich': {
      const [dir, ...extra] = words;
      if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': enrich takes one folder`);
      if (values.kev === undefined) throw new UsageError('enrich needs the CISA KEV catalog: patchops enrich [DIR] --kev known_exploited_vulnerabilities.json [--epss epss_scores.csv.gz]');
      return { command, dir: dir ?? '.', format: 'text', kev: values.kev, epss: values.epss, dryRun: values['dry-run'] === true };
    }
    case 'export': {
      // FORMAT may be left out when --out's extension names it: `export --out patchops.ics [DIR]`.
      const named = values.out !== undefined ? formatOfOut('export', values.out) : undefined;
      const given = words[0] !== undefined && FORMATS.export.includes(words[0]);
      const [format, dir, ...extra] = given || named === undefined || words.length > 1 ? words : [undefined, ...words];
      if (format === undefined && named === undefined) throw new UsageError(`export needs a format: patchops export ${FORMATS.export.join('|')} [DIR]`);
      if (format !== undefined && !FORMATS.export.includes(format)) throw new UsageError(`unknown export format '${format}': use ${FORMATS.export.join(', ')}`);
      if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': export takes a format and one folder`);
      const resolved = values.out !== undefined ? formatForOut('export', format, values.out)! : format!;
      return { command, dir: dir ?? '.', asOf, format: resolved, out: values.out, ...cacheOptions(values) };
    }
  }
}

const FLAG_NAMES: Record<keyof FlagValues, true> = {
  'as-of': true,
  format: true,
  out: true,
  affects: true,
  'dry-run': true,
  'include-unfixed': true,
  kev: true,
  epss: true,
  cache: true,
  'cache-location': true,
  'fail-on': true,
};

export function isScannerCommand(word: string | undefined): word is ScannerCommand {
  return word === 'import' || word === 'enrich' || word === 'export';
}

function isCommand(word: string | undefined): word is Command {
  return word === 'validate' || word === 'status' || word === 'report' || isScannerCommand(word);
}

function plainParseError(message: string): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `unknown option '${unknown[1]}': see patchops --help`;
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `option '${missing[1].replace(/^-\w, /, '')}' needs a value`;
  return message.split('\n')[0];
}

export const HELP = `patchops — patch management as code

Usage:
  patchops validate [DIR] [--as-of ISO] [--format text|json|sarif] [--cache]
                    [--fail-on error|file|sla|never]
  patchops status   [DIR] [--as-of ISO] [--format text|json] [--cache]
  patchops report   [DIR] [--as-of ISO] [--format md|html|json|csv] [--out FILE] [--cache]
  patchops import   FILE [DIR] [--affects g1,g2] [--as-of ISO] [--dry-run]
                    [--format trivy|grype|sarif] [--include-unfixed]
  patchops enrich   [DIR] --kev FILE [--epss FILE] [--dry-run]
  patchops export   trivyignore|osv-scanner|openvex|ics [DIR] [--as-of ISO] [--out FILE]
                    [--cache]
  patchops export   [DIR] --out FILE.yaml|.toml|.json|.ics [--as-of ISO] [--cache]

DIR is a workspace folder with a patchops.yaml (default: the current folder).
import turns a Trivy/Grype JSON or SARIF report into draft plans under plans/imported/
(one per fix; re-imports add only what is new); enrich sets kev/kev_due from the CISA
KEV catalog and epss from an EPSS CSV (plain or .gz); export writes what the effective
exceptions and open deadlines mean for scanners and calendars (see docs/scanners.md).

Options:
  --as-of ISO     compute as of this instant (default: now); a date or time without
                  an offset is read in the workspace time zone
  -f, --format    output format (validate/status: text; report: md, or the one
                  --out's extension names: .md .markdown .html .htm .json .csv)
  -o, --out FILE  write the report (or export) to FILE instead of standard output;
                  a format its extension contradicts is an error. export's format
                  may be left out when the extension names one: .yaml (trivyignore),
                  .toml (osv-scanner), .json (openvex), .ics. A symbolic link is
                  written through to its file; nothing else but a file is replaced
  --fail-on WHAT  validate: the errors that make the exit code 1: error (any, the
                  default), file (all but the deadline errors sla.breached and
                  exception.expired), sla (those, and sla.unknown: a plan whose
                  deadline cannot be computed may be late), never
  --affects G,..  import: asset groups of the plans it creates (required then)
  --dry-run       import, enrich: print what would change, write nothing
  --include-unfixed  import: gather findings without a fix in one plan
  --kev FILE      enrich: CISA known_exploited_vulnerabilities.json
  --epss FILE     enrich: EPSS scores CSV, plain or gzipped
  --cache         validate, status, report, export: reuse the result of an earlier run
                  when nothing it depends on changed (files by content hash, options,
                  --as-of, the PatchOps build, the git state approvals were checked
                  against). Needs --as-of: without it the answer depends on the current
                  time, and the run is not cached. Nor are runs whose policies require
                  signed approvals (keys and their expiry cannot be fingerprinted)
  --cache-location PATH  the cache file, or a folder for one file per workspace
                  (default: $XDG_CACHE_HOME/patchops/, else ~/.cache/patchops/)
  -h, --help      show this help
  -v, --version   show the version

Exit codes: 0 no error diagnostics (status, report, import, enrich, export: ran),
1 error diagnostics (validate; which ones: --fail-on), 2 could not run (no workspace,
bad flag, unreadable path, a report or catalog that cannot be read, an --out that is
a folder, device or pipe or whose folder is missing; nothing is written then).
Colour is used on a terminal only, and never when NO_COLOR is set.
`;
