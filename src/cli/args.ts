// The command line → what to run: one member of a tagged union per command, holding exactly the
// options that command takes, checked here (so a command never reads another's flags, and none
// has to assert that a flag it needs is there). Node's own `util.parseArgs`, strict: a mistyped
// flag is an error. The format names and patterns are the contract the editor shares
// (src/core/contract.ts).
import { parseArgs } from 'util';
import {
  EXPORT_FORMATS,
  ID_PATTERN,
  REPORT_FORMATS,
  SCAN_FORMATS,
  STATUS_FORMATS,
  TIMESTAMP_PATTERN,
  VALIDATE_FORMATS,
  type ExportFormat,
  type ReportFormat,
  type ScanFormat,
  type StatusFormat,
  type ValidateFormat,
} from '../core/contract';
import { DIFF_FORMATS, type DiffFormat } from '../core/diff/formats';
import { checkDueWithin, parseNames, STATUS_SORT_KEYS, type StatusFilter, type StatusSortKey } from '../core/present/statusFilter';
import { closest } from '../core/schema/suggest';
import { PRESET_NAMES, type PresetName } from '../core/templates/presetPolicies';
import { COMMAND_NAMES, COMMAND_TABLE, COMMON_OPTIONS, HISTORY_FORMATS, OPTIONS, parseOptions, type CommandName, type OptionName } from './commandTable';
import { DIFF_FAIL_ON, FAIL_ON, type DiffFailOn, type FailOn } from './failOn';
import { extensionsOf, formatOfOut, type OutFormats } from './outFormat';

/** `--cache`, and where the cache is kept (`--cache-location`: a file, or a folder for one file per workspace). */
export interface CacheOption {
  location?: string;
}

/** What validate, status, report and export share: their output is a function of their inputs. */
interface EvaluatedOptions {
  /** The workspace folder (default: the current one). */
  dir: string;
  asOf?: string;
  /** Reuse the result of an identical earlier run (src/cli/cache.ts); absent without `--cache`. */
  cache?: CacheOption;
}

export interface ValidateArgs extends EvaluatedOptions {
  command: 'validate';
  format: ValidateFormat;
  /** Which errors make the exit code 1 (src/cli/failOn.ts). */
  failOn: FailOn;
}

export interface StatusArgs extends EvaluatedOptions {
  command: 'status';
  format: StatusFormat;
  /** `--explain`: under the table, why each plan's deadline is what it is (text format). */
  explain: boolean;
  /** `--state --tier --owner --group --due-within` (core/present/statusFilter.ts); absent: every plan. */
  filter?: StatusFilter;
  sort?: StatusSortKey;
}

export interface ReportArgs extends EvaluatedOptions {
  command: 'report';
  format: ReportFormat;
  /** Write here (atomically) instead of standard output. */
  out?: string;
  /** `--trend`: the HTML report gains trends and wins from git history, up to the as-of (docs/cli.md#report---trend). */
  trend?: TrendOptions;
  /** `--summary` (html, md): key figures, breakdowns and the most urgent items, naming what is left out. */
  summary?: boolean;
}

export type Every = 'month' | 'week' | 'commit';

export interface TrendOptions {
  every: Every;
  /** Start of the range (default: the oldest commit); a date without an offset is read in the workspace's zone. */
  since?: string;
}

/** `history [DIR]`: the workspace as committed at each point, evaluated as of then (docs/cli.md#history). */
export interface HistoryArgs extends TrendOptions {
  command: 'history';
  dir: string;
  /** End of the range (default: now). */
  until?: string;
  format: HistoryFormat;
}

type HistoryFormat = (typeof HISTORY_FORMATS)[number];
const EVERY: readonly Every[] = ['month', 'week', 'commit'];

export interface ExportArgs extends EvaluatedOptions {
  command: 'export';
  format: ExportFormat;
  out?: string;
}

/** The scanner round trip (docs/scanners.md): import findings, enrich with KEV/EPSS, export. */
export interface ImportArgs {
  command: 'import';
  /** The scanner report. */
  file: string;
  dir: string;
  asOf?: string;
  /** `auto`: told by the content. */
  format: ScanFormat | 'auto';
  /** Asset groups of the plans it creates (none given: empty). */
  affects: string[];
  /** Compute and print, write nothing. */
  dryRun: boolean;
  /** Gather findings without a fix in one plan. */
  includeUnfixed: boolean;
}

export interface EnrichArgs {
  command: 'enrich';
  dir: string;
  /** The CISA KEV catalog. */
  kev?: string;
  /** EPSS scores, CSV, plain or gzipped. */
  epss?: string;
  /** A copy of CISA's Vulnrichment repository (its YEAR/NNxxx/CVE-….json records). */
  vulnrichment?: string;
  dryRun: boolean;
}

/** `init [DIR] [--preset NAME] [--name TEXT]`: a new workspace; writes only files that do not exist. */
export interface InitArgs {
  command: 'init';
  dir: string;
  /** A risk model of record (docs/rules.md#risk-models); absent: the risk matrix. */
  preset?: PresetName;
  name?: string;
}

/** `diff BASE [HEAD] [DIR]`: what a change does (docs/cli.md#diff); HEAD absent: the working tree. */
export interface DiffArgs {
  command: 'diff';
  base: string;
  /** With two words, the second may name the folder instead: the command tells (commands/diff.ts). */
  head?: string;
  /** Absent: not given (the current folder, unless HEAD's word is a folder). */
  dir?: string;
  asOf?: string;
  format: DiffFormat;
  /** `new-breach`: exit 1 when the head has a new breach or a plan newly without a deadline. */
  failOn: DiffFailOn;
}

/** `new plan|exception [DIR]`: a file from the template with the next free id (src/core/templates). */
export interface NewArgs {
  command: 'new';
  kind: 'plan' | 'exception';
  dir: string;
  title?: string;
  /** exception: the plan it is for. */
  plan?: string;
}

const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** `completion bash|zsh|fish`: the script, from the command table. */
export interface CompletionArgs {
  command: 'completion';
  shell: Shell;
}

/** The commands that evaluate the workspace and print (or write) what it means; cacheable. */
export type EvaluatedArgs = ValidateArgs | StatusArgs | ReportArgs | ExportArgs;
export type CliArgs = EvaluatedArgs | ImportArgs | EnrichArgs | InitArgs | HistoryArgs | DiffArgs | NewArgs | CompletionArgs;
export type Command = CliArgs['command'];

/** The table's commands (help and completions are made from it) are the ones parsed here. */
const COMMANDS: readonly Command[] = COMMAND_NAMES satisfies readonly Command[];

/** `findWorkspace`: DIR was left out, so the workspace is the nearest folder upward with a patchops.yaml. */
export type ParsedCommandLine = { kind: 'run'; args: CliArgs; findWorkspace?: true } | { kind: 'help'; command?: Command } | { kind: 'version' };

/** A command line that cannot run: one line for a person, exit code 2. */
export class UsageError extends Error {}

export function parseCommandLine(argv: readonly string[]): ParsedCommandLine {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: parseOptions(),
    });
  } catch (err) {
    throw new UsageError(plainParseError((err as Error).message, argv));
  }
  const { values, positionals } = parsed;
  const [commandWord, dir] = positionals;
  if (values.version) return { kind: 'version' };
  if (commandWord === 'help') {
    if (dir !== undefined && !isCommand(dir)) throw unknownCommand(dir);
    return { kind: 'help', command: dir };
  }
  if (values.help || commandWord === undefined) return { kind: 'help', command: isCommand(commandWord) ? commandWord : undefined };
  if (!isCommand(commandWord)) throw unknownCommand(commandWord);
  const words = positionals.slice(1);
  const args = commandArgs(commandWord, words, values);
  checkTableFlags(args.command, values);
  // DIR left out: found upward like git (commands/workspaceFolder.ts); init creates it here instead.
  const findWorkspace = args.command !== 'init' && args.command !== 'completion' && args.dir === '.' && !words.includes('.');
  return { kind: 'run', args, ...(findWorkspace ? { findWorkspace } : {}) };
}

function unknownCommand(word: string): UsageError {
  const near = closest(word, COMMANDS);
  return new UsageError(`unknown command '${word}'${near ? `: did you mean ${near}?` : ''} (use ${either(COMMANDS)}; see patchops --help)`);
}

/** Each flag given is one the command's entry in the table lists: the net under the checks above. */
function checkTableFlags(command: CommandName, values: FlagValues): void {
  const own: Partial<Record<OptionName, unknown>> = COMMAND_TABLE[command].options;
  for (const key of Object.keys(values) as (keyof FlagValues)[]) {
    if (values[key] !== undefined && key in OPTIONS && !(key in own) && !(key in COMMON_OPTIONS)) {
      const takes = Object.keys(own).map((k) => `--${k}`);
      throw new UsageError(`--${key} is not an option of ${command}: ${takes.length ? `${command} takes ${takes.join(', ')}` : `${command} takes none`}`);
    }
  }
}

function commandArgs(commandWord: Command, words: string[], values: FlagValues): CliArgs {
  switch (commandWord) {
    case 'validate':
    case 'status':
    case 'report':
      return evaluatedArgs(commandWord, words, values);
    case 'import':
    case 'enrich':
    case 'export':
      return scannerArgs(commandWord, words, values);
    case 'init':
      return initArgs(words, values);
    case 'history':
      return historyArgs(words, values);
    case 'diff':
      return diffArgs(words, values);
    case 'new':
      return newArgs(words, values);
    case 'completion': {
      const [shell, ...extra] = words;
      if (!isOneOf(SHELLS, shell)) throw new UsageError(`completion needs a shell: patchops completion ${SHELLS.join('|')}`);
      if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': completion takes one shell`);
      return { command: 'completion', shell };
    }
  }
}

/** `new plan [DIR] [--title TEXT]`, `new exception [DIR] [--plan ID]`. */
function newArgs(words: string[], values: FlagValues): NewArgs {
  const [kind, dir, ...extra] = words;
  if (kind !== 'plan' && kind !== 'exception') {
    const near = kind !== undefined ? closest(kind, ['plan', 'exception']) : undefined;
    const said = kind === undefined ? '' : near ? ` ('${kind}': did you mean ${near}?)` : ` (not '${kind}')`;
    throw new UsageError(`new needs what to create: patchops new plan [DIR] [--title TEXT], or patchops new exception [DIR] --plan ID${said}`);
  }
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': new ${kind} takes one folder`);
  if (kind === 'plan' && values.plan !== undefined) throw new UsageError('--plan is for new exception: a plan is not for another plan');
  if (kind === 'exception' && values.title !== undefined) throw new UsageError('--title is for new plan: an exception has no title');
  if (values.plan !== undefined && !ID_PATTERN.test(values.plan)) throw new UsageError(`--plan '${values.plan}' is not a plan id (like PLAN-2026-041)`);
  return {
    command: 'new',
    kind,
    dir: dir ?? '.',
    ...(values.title !== undefined ? { title: values.title } : {}),
    ...(values.plan !== undefined ? { plan: values.plan } : {}),
  };
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
  vulnrichment?: string;
  cache?: boolean;
  'cache-location'?: string;
  'fail-on'?: string;
  explain?: boolean;
  summary?: boolean;
  preset?: string;
  name?: string;
  state?: string;
  tier?: string;
  owner?: string;
  group?: string;
  'due-within'?: string;
  sort?: string;
  title?: string;
  plan?: string;
  since?: string;
  until?: string;
  every?: string;
  trend?: boolean;
}

/** `init [DIR] --preset NAME --name TEXT`: no other flag. */
function initArgs(words: string[], values: FlagValues): InitArgs {
  const other = (Object.keys(values) as (keyof FlagValues)[]).find((k) => values[k] !== undefined && k !== 'preset' && k !== 'name' && k in FLAG_NAMES);
  if (other) throw new UsageError(`--${other} is not an option of init: init takes --preset, --name`);
  const [dir, ...extra] = words;
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': init takes one folder`);
  const preset = values.preset;
  if (preset !== undefined && preset !== 'matrix' && !isOneOf(PRESET_NAMES, preset)) {
    const near = PRESET_NAMES.find((p) => p.replace(/-/g, '') === preset.replace(/-/g, '').toLowerCase());
    throw new UsageError(`unknown preset '${preset}'${near ? `: did you mean ${near}?` : ''} (use matrix, ${PRESET_NAMES.join(', ')})`);
  }
  return {
    command: 'init',
    dir: dir ?? '.',
    ...(preset !== undefined && preset !== 'matrix' ? { preset: preset } : {}),
    ...(values.name !== undefined ? { name: values.name } : {}),
  };
}

/** `diff BASE [HEAD] [DIR] --as-of ISO --format F --fail-on WHAT`: no other flag. */
function diffArgs(words: string[], values: FlagValues): DiffArgs {
  const allowed: (keyof FlagValues)[] = ['as-of', 'format', 'fail-on'];
  const other = (Object.keys(values) as (keyof FlagValues)[]).find((k) => values[k] !== undefined && k in FLAG_NAMES && !allowed.includes(k));
  if (other) throw new UsageError(`--${other} is not an option of diff: diff takes ${allowed.map((k) => `--${k}`).join(', ')}`);
  const [base, head, dir, ...extra] = words;
  if (base === undefined) throw new UsageError('diff needs the revision to compare with: patchops diff BASE [HEAD] [DIR], e.g. patchops diff origin/main');
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': diff takes BASE, HEAD and one folder`);
  const format = values.format ?? DIFF_FORMATS[0];
  if (!isOneOf(DIFF_FORMATS, format)) throw new UsageError(`unknown format '${format}' for diff: use ${DIFF_FORMATS.join(', ')}`);
  const failOn = values['fail-on'] ?? DIFF_FAIL_ON[0];
  if (!isOneOf(DIFF_FAIL_ON, failOn)) throw new UsageError(`unknown --fail-on '${failOn}' for diff: use ${DIFF_FAIL_ON.join(', ')}`);
  return {
    command: 'diff',
    base,
    ...(head !== undefined ? { head } : {}),
    ...(dir !== undefined ? { dir } : {}),
    asOf: checkAsOf(values['as-of']),
    format,
    failOn,
  };
}

const FORMATS = { validate: VALIDATE_FORMATS, status: STATUS_FORMATS, report: REPORT_FORMATS } as const;

/** `validate|status|report [DIR]`. */
function evaluatedArgs(command: 'validate' | 'status' | 'report', words: string[], values: FlagValues): ValidateArgs | StatusArgs | ReportArgs {
  const initFlag = (['preset', 'name'] as const).find((k) => values[k] !== undefined);
  if (initFlag) throw new UsageError(`--${initFlag} is for init; see patchops --help`);
  const scannerFlag = (['affects', 'dry-run', 'include-unfixed', 'kev', 'epss', 'vulnrichment'] as const).find((k) => values[k] !== undefined);
  if (scannerFlag)
    throw new UsageError(
      `--${scannerFlag} is for ${scannerFlag === 'kev' || scannerFlag === 'epss' || scannerFlag === 'vulnrichment' ? 'enrich' : scannerFlag === 'dry-run' ? 'import and enrich' : 'import'}; see patchops --help`,
    );
  const [dir, ...extra] = words;
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': ${command} takes one folder`);
  const format = values.format;
  if (format !== undefined && !isOneOf(FORMATS[command], format)) {
    throw new UsageError(`unknown format '${format}' for ${command}: use ${FORMATS[command].join(', ')}`);
  }
  if (values.out !== undefined && command !== 'report') throw new UsageError(`--out is for report and export; ${command} prints to standard output`);
  if (values.explain !== undefined && command !== 'status') throw new UsageError(`--explain is for status; ${command} does not take it`);
  if (values.summary !== undefined && command !== 'report') throw new UsageError(`--summary is for report; ${command} does not take it`);
  const trend = trendOptions(command, values);
  const options = (): EvaluatedOptions => ({ dir: dir ?? '.', asOf: checkAsOf(values['as-of']), ...cacheOption(values) });
  switch (command) {
    case 'validate':
      return { command, format: isOneOf(VALIDATE_FORMATS, format) ? format : VALIDATE_FORMATS[0], failOn: checkFailOn(values['fail-on']), ...options() };
    case 'status': {
      noFailOn(command, values);
      const statusFormat = isOneOf(STATUS_FORMATS, format) ? format : STATUS_FORMATS[0];
      const filter = statusFilter(values);
      const sort = values.sort;
      if (sort !== undefined && !isOneOf(STATUS_SORT_KEYS, sort)) throw new UsageError(`unknown --sort '${sort}': use ${STATUS_SORT_KEYS.join(', ')}`);
      if ((filter || sort !== undefined) && statusFormat !== 'text') {
        throw new UsageError(
          `status filters and --sort are for the text table; --format ${statusFormat} prints every plan (the report JSON), for jq or a script to filter`,
        );
      }
      return {
        command,
        format: statusFormat,
        explain: values.explain === true,
        ...options(),
        ...(filter ? { filter } : {}),
        ...(sort !== undefined ? { sort } : {}),
      };
    }
    case 'report': {
      const given = isOneOf(REPORT_FORMATS, format) ? format : undefined;
      if (given !== undefined && values.out !== undefined) checkOutFits('report', given, values.out);
      const named = values.out !== undefined ? formatOfOut('report', values.out) : undefined;
      noFailOn(command, values);
      const report: ReportArgs = {
        command,
        format: given ?? named ?? REPORT_FORMATS[0],
        ...(values.out !== undefined ? { out: values.out } : {}),
        ...(values.summary ? { summary: true } : {}),
        ...options(),
      };
      if (report.summary && report.format !== 'html' && report.format !== 'md') {
        throw new UsageError(`--summary is for the html and md reports; the ${report.format} report always has every plan`);
      }
      if (trend && report.format !== 'html') throw new UsageError(`--trend is for the HTML report: use --format html (not ${report.format})`);
      if (trend && report.cache) throw new UsageError('--trend reads the git history, which --cache does not cover: leave out --cache');
      return trend ? { ...report, trend } : report;
    }
  }
}

/** `report --trend [--every …] [--since …]`; these flags anywhere else are an error. */
function trendOptions(command: 'validate' | 'status' | 'report', values: FlagValues): TrendOptions | undefined {
  if (values.until !== undefined)
    throw new UsageError(`--until is for history; ${command === 'report' ? 'report --trend ends at --as-of' : `${command} does not take it`}`);
  const other = (['every', 'since'] as const).find((k) => values[k] !== undefined);
  if (command !== 'report' || !values.trend) {
    if (values.trend) throw new UsageError(`--trend is for report; ${command} does not take it`);
    if (other) throw new UsageError(`--${other} is for history and report --trend`);
    return undefined;
  }
  return { every: checkEvery(values.every), ...(values.since !== undefined ? { since: checkDate('--since', values.since) } : {}) };
}

/** `history [DIR] [--since DATE] [--until DATE] [--every month|week|commit] [--format text|json|csv|html]`. */
function historyArgs(words: string[], values: FlagValues): HistoryArgs {
  const allowed: (keyof FlagValues)[] = ['since', 'until', 'every', 'format'];
  const other = (Object.keys(values) as (keyof FlagValues)[]).find((k) => values[k] !== undefined && k in FLAG_NAMES && !allowed.includes(k));
  if (other) throw new UsageError(`--${other} is not an option of history: history takes ${allowed.map((k) => `--${k}`).join(', ')}`);
  const [dir, ...extra] = words;
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': history takes one folder`);
  const format = values.format ?? 'text';
  if (!isOneOf(HISTORY_FORMATS, format)) throw new UsageError(`unknown format '${format}' for history: use ${HISTORY_FORMATS.join(', ')}`);
  return {
    command: 'history',
    dir: dir ?? '.',
    every: checkEvery(values.every),
    format,
    ...(values.since !== undefined ? { since: checkDate('--since', values.since) } : {}),
    ...(values.until !== undefined ? { until: checkDate('--until', values.until) } : {}),
  };
}

function checkEvery(value: string | undefined): Every {
  if (value === undefined) return 'month';
  if (!isOneOf(EVERY, value)) throw new UsageError(`unknown --every '${value}': use ${EVERY.join(', ')}`);
  return value;
}

function checkDate(flag: string, value: string): string {
  if (!TIMESTAMP_PATTERN.test(value))
    throw new UsageError(`${flag} '${value}' is not an ISO 8601 date or date-time: use e.g. 2026-11-01 or 2026-11-01T00:00:00Z`);
  return value;
}

/** `--state --tier --owner --group --due-within`, checked; undefined when none is given. */
function statusFilter(values: FlagValues): StatusFilter | undefined {
  const filter: StatusFilter = {};
  for (const flag of ['state', 'tier'] as const) {
    const text = values[flag];
    if (text === undefined) continue;
    const parsed = parseNames(flag, text);
    if (!parsed.ok) throw new UsageError(parsed.message);
    filter[flag === 'state' ? 'states' : 'tiers'] = parsed.names;
  }
  for (const flag of ['owner', 'group'] as const) {
    const id = values[flag];
    if (id === undefined) continue;
    if (!ID_PATTERN.test(id))
      throw new UsageError(
        `--${flag} '${id}' is not an id: give a ${flag === 'owner' ? 'team' : 'asset group'} id, e.g. --${flag} ${flag === 'owner' ? 'it-ops' : 'workstations'}`,
      );
    filter[flag] = id;
  }
  const due = values['due-within'];
  if (due !== undefined) {
    const problem = checkDueWithin(due);
    if (problem) throw new UsageError(problem);
    filter.dueWithin = due;
  }
  return Object.keys(filter).length ? filter : undefined;
}

function noFailOn(command: string, values: FlagValues): void {
  if (values['fail-on'] !== undefined) throw new UsageError(`--fail-on is for validate; ${command} exits 0 when it ran`);
}

/** The flags each scanner command takes. */
const SCANNER_FLAGS: Record<'import' | 'enrich' | 'export', (keyof FlagValues)[]> = {
  import: ['as-of', 'format', 'affects', 'dry-run', 'include-unfixed'],
  enrich: ['kev', 'epss', 'vulnrichment', 'dry-run'],
  export: ['as-of', 'out', 'cache', 'cache-location'],
};

/** `import FILE [DIR]`, `enrich [DIR] --kev FILE`, `export FORMAT [DIR]`: each with its own flags. */
function scannerArgs(command: 'import' | 'enrich' | 'export', words: string[], values: FlagValues): ImportArgs | EnrichArgs | ExportArgs {
  const allowed = SCANNER_FLAGS[command];
  for (const key of Object.keys(values) as (keyof FlagValues)[]) {
    if (values[key] !== undefined && key in FLAG_NAMES && !allowed.includes(key)) {
      throw new UsageError(`--${key} is not an option of ${command}: ${command} takes ${allowed.map((k) => `--${k}`).join(', ')}`);
    }
  }
  const asOf = checkAsOf(values['as-of']);
  switch (command) {
    case 'import': {
      const [file, dir, ...extra] = words;
      if (file === undefined) throw new UsageError('import needs the scanner report: patchops import FILE [DIR] --affects GROUPS');
      if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': import takes a report file and one folder`);
      const format = values.format ?? 'auto';
      if (format !== 'auto' && !isOneOf(SCAN_FORMATS, format)) {
        throw new UsageError(`unknown format '${format}' for import: use ${either(SCAN_FORMATS)} (default: detected from the content)`);
      }
      let affects: string[] = [];
      if (values.affects !== undefined) {
        affects = values.affects
          .split(',')
          .map((g) => g.trim())
          .filter((g) => g !== '');
        const bad = affects.find((g) => !ID_PATTERN.test(g));
        if (affects.length === 0 || bad !== undefined)
          throw new UsageError(`--affects '${values.affects}': give asset group ids separated by commas, e.g. --affects web-servers,kiosks`);
      }
      return { command, file, dir: dir ?? '.', asOf, format, affects, dryRun: values['dry-run'] === true, includeUnfixed: values['include-unfixed'] === true };
    }
    case 'enrich': {
      const [dir, ...extra] = words;
      if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': enrich takes one folder`);
      if (values.kev === undefined && values.vulnrichment === undefined) {
        throw new UsageError(
          'enrich needs the CISA KEV catalog or Vulnrichment: patchops enrich [DIR] --kev known_exploited_vulnerabilities.json [--epss epss_scores.csv.gz] [--vulnrichment DIR]',
        );
      }
      return {
        command,
        dir: dir ?? '.',
        ...(values.kev !== undefined ? { kev: values.kev } : {}),
        ...(values.epss !== undefined ? { epss: values.epss } : {}),
        ...(values.vulnrichment !== undefined ? { vulnrichment: values.vulnrichment } : {}),
        dryRun: values['dry-run'] === true,
      };
    }
    case 'export': {
      // FORMAT may be left out when --out's extension names it: `export --out patchops.ics [DIR]`.
      const named = values.out !== undefined ? formatOfOut('export', values.out) : undefined;
      const given = words[0] !== undefined && isOneOf(EXPORT_FORMATS, words[0]);
      const [word, dir, ...extra] = given || named === undefined || words.length > 1 ? words : [undefined, ...words];
      const format = word ?? named;
      if (format === undefined) throw new UsageError(`export needs a format: patchops export ${EXPORT_FORMATS.join('|')} [DIR]`);
      if (!isOneOf(EXPORT_FORMATS, format)) throw new UsageError(`unknown export format '${format}': use ${EXPORT_FORMATS.join(', ')}`);
      if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': export takes a format and one folder`);
      if (values.out !== undefined) checkOutFits('export', format, values.out);
      return { command, dir: dir ?? '.', asOf, format, ...(values.out !== undefined ? { out: values.out } : {}), ...cacheOption(values) };
    }
  }
}

/** A format `--out FILE`'s extension contradicts is an error (src/cli/outFormat.ts); one it does not name is fine. */
function checkOutFits<C extends keyof OutFormats>(command: C, format: OutFormats[C], out: string): void {
  const named = formatOfOut(command, out);
  if (named === undefined || named === format) return;
  const fits = extensionsOf(command, format);
  const [what, flag] = command === 'report' ? [`--format ${format}`, '--format'] : [`export ${format}`, 'the format'];
  const rename = fits.length ? `name it ${fits.join(' or ')}, or ` : '';
  throw new UsageError(`${what} does not match --out '${out}', which names ${named}: ${rename}leave out ${flag} to write ${named}`);
}

function checkFailOn(value: string | undefined): FailOn {
  if (value === undefined) return 'error';
  if (!isOneOf(FAIL_ON, value)) throw new UsageError(`unknown --fail-on '${value}': use ${FAIL_ON.join(', ')}`);
  return value;
}

function cacheOption(values: FlagValues): { cache?: CacheOption } {
  if (values['cache-location'] !== undefined && values.cache !== true) throw new UsageError('--cache-location is used with --cache');
  if (values.cache !== true) return {};
  return { cache: values['cache-location'] !== undefined ? { location: values['cache-location'] } : {} };
}

function checkAsOf(asOf: string | undefined): string | undefined {
  if (asOf !== undefined && !TIMESTAMP_PATTERN.test(asOf)) {
    throw new UsageError(`--as-of '${asOf}' is not an ISO 8601 date or date-time: use e.g. 2026-11-23 or 2026-11-23T12:00:00Z`);
  }
  return asOf;
}

const FLAG_NAMES: Record<keyof FlagValues, true> = {
  since: true,
  until: true,
  every: true,
  trend: true,
  state: true,
  tier: true,
  owner: true,
  group: true,
  'due-within': true,
  sort: true,
  title: true,
  plan: true,
  explain: true,
  summary: true,
  preset: true,
  name: true,
  vulnrichment: true,
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

function isCommand(word: string | undefined): word is Command {
  return isOneOf(COMMANDS, word);
}

function isOneOf<T extends string>(known: readonly T[], value: string | undefined): value is T {
  return value !== undefined && (known as readonly string[]).includes(value);
}

/** "a, b or c". */
function either(words: readonly string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function plainParseError(message: string, argv: readonly string[]): string {
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) {
    // The command's own options first: `status --stat` means --state, whatever else is near.
    const command = argv.find((a) => !a.startsWith('-'));
    const own = isCommand(command) ? Object.keys(COMMAND_TABLE[command].options) : [];
    const word = unknown[1].replace(/^-+/, '');
    const near = closest(word, own) ?? closest(word, Object.keys(OPTIONS));
    return `unknown option '${unknown[1]}'${near ? `: did you mean --${near}?` : ''} (see patchops ${isCommand(command) ? `${command} ` : ''}--help)`;
  }
  const missing = /Option '([^']+?)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `option '${missing[1].replace(/^-\w, /, '')}' needs a value`;
  return message.split('\n')[0];
}
