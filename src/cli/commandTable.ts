// The commands and their options, once: the parser's option list (args.ts), each command's help
// (help.ts: usage, one line per option, examples) and the shell completion scripts
// (completion.ts) are all made from this table, so none can offer what another does not know.
// The format lists come from the registries (src/core/contract.ts), the state and tier names from
// the core's status filter.
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, REPORT_FORMAT_INFO, REPORT_FORMATS, SCAN_FORMATS, STATUS_FORMATS, VALIDATE_FORMATS } from '../core/contract';
import { STATUS_SORT_KEYS, STATUS_STATE_NAMES, STATUS_TIER_NAMES } from '../core/present/statusFilter';
import { PRESET_NAMES } from '../core/templates/presetPolicies';
import { DIFF_FORMATS } from '../core/diff/formats';
import { SUMMARY_LIMIT } from '../core/report/formats';
import { DIFF_FAIL_ON, FAIL_ON } from './failOn';

/** `history --format`: the first is the default. */
export const HISTORY_FORMATS = ['text', 'json', 'csv', 'html'] as const;
const EVERY = ['month', 'week', 'commit'];

/** Every option any command takes: how it is written and whether it takes a value. */
export const OPTIONS = {
  'as-of': { value: 'ISO' },
  format: { value: 'FORMAT', short: 'f' },
  out: { value: 'FILE', short: 'o' },
  affects: { value: 'G1,G2' },
  'dry-run': {},
  'include-unfixed': {},
  kev: { value: 'FILE' },
  epss: { value: 'FILE' },
  vulnrichment: { value: 'DIR' },
  cache: {},
  'cache-location': { value: 'PATH' },
  'fail-on': { value: 'WHAT' },
  explain: {},
  summary: {},
  preset: { value: 'NAME' },
  name: { value: 'TEXT' },
  state: { value: 'S1,S2' },
  tier: { value: 'T1,T2' },
  owner: { value: 'TEAM' },
  group: { value: 'GROUP' },
  'due-within': { value: 'DURATION' },
  sort: { value: 'KEY' },
  title: { value: 'TEXT' },
  plan: { value: 'ID' },
  since: { value: 'DATE' },
  until: { value: 'DATE' },
  every: { value: 'STEP' },
  trend: {},
  help: { short: 'h' },
  version: { short: 'v' },
} as const satisfies Record<string, { value?: string; short?: string }>;

export type OptionName = keyof typeof OPTIONS;

/** What a shell may complete for a value or an argument: fixed words, a file, a folder, or nothing. */
export type Completes = readonly string[] | 'file' | 'dir' | 'none';

/** An option as one command takes it: one line of help, and what completes its value. */
export interface CommandOption {
  help: string;
  completes?: Completes;
}

export interface CommandInfo {
  /** One line: what it does. */
  summary: string;
  /** The arguments after the command word, as the usage line writes them. */
  synopsis: string;
  /** What each argument position completes to, in order (the last one repeats). */
  args: readonly Completes[];
  options: Partial<Record<OptionName, CommandOption>>;
  /** One to three command lines that work as written (in a workspace folder). */
  examples: readonly string[];
  /** What DIR is, when not DIR_NOTE. */
  dirNote?: string;
}

export const DIR_NOTE = 'DIR is the workspace folder; without it, the nearest folder from here upward that has a patchops.yaml';

const asOf: CommandOption = { help: 'compute as of this instant (default: now); a date or time without an offset is in the workspace time zone' };
const cache: CommandOption = { help: 'reuse the result of an earlier run when nothing it depends on changed (needs --as-of)' };
const cacheLocation: CommandOption = { help: 'the cache file, or a folder for one file per workspace', completes: 'file' };
const bar = (names: readonly string[]) => names.join('|');

/** The commands, in the order `patchops --help` lists them. */
export const COMMAND_TABLE = {
  validate: {
    summary: 'every diagnostic of the workspace; the exit code for CI',
    synopsis: `[DIR] [--as-of ISO] [--format ${bar(VALIDATE_FORMATS)}] [--fail-on ${bar(FAIL_ON)}] [--cache]`,
    args: ['dir'],
    options: {
      'as-of': asOf,
      format: { help: `output format: ${VALIDATE_FORMATS.join(', ')} (default ${VALIDATE_FORMATS[0]})`, completes: VALIDATE_FORMATS },
      'fail-on': { help: 'the errors that make the exit code 1: error (any), file (all but deadline errors), sla, never', completes: FAIL_ON },
      cache,
      'cache-location': cacheLocation,
    },
    examples: ['patchops validate', 'patchops validate --fail-on file --format sarif > patchops.sarif', 'patchops validate ops/patching --as-of 2026-11-23'],
  },
  status: {
    summary: 'the KPIs, every plan and exception, most urgent first',
    synopsis: `[DIR] [--as-of ISO] [--format ${bar(STATUS_FORMATS)}] [--explain] [--cache] [--state S1,S2] [--tier T1,T2] [--owner TEAM] [--group GROUP] [--due-within DURATION] [--sort ${bar(STATUS_SORT_KEYS)}]`,
    args: ['dir'],
    options: {
      'as-of': asOf,
      format: { help: `output format: ${STATUS_FORMATS.join(', ')} (default ${STATUS_FORMATS[0]}); the filters are for text`, completes: STATUS_FORMATS },
      explain: { help: 'under the tables, why each plan deadline is what it is' },
      state: { help: `only plans in these states: ${STATUS_STATE_NAMES.join(', ')}`, completes: STATUS_STATE_NAMES },
      tier: { help: `only plans of these tiers: ${STATUS_TIER_NAMES.join(', ')}`, completes: STATUS_TIER_NAMES },
      owner: { help: 'only plans this executor team owns' },
      group: { help: 'only plans that affect this asset group' },
      'due-within': { help: 'only open plans due within this duration (72h, 7d, 2w), overdue ones and those with no deadline' },
      sort: { help: `order: ${STATUS_SORT_KEYS.join(', ')} (default state: most urgent first)`, completes: STATUS_SORT_KEYS },
      cache,
      'cache-location': cacheLocation,
    },
    examples: ['patchops status', 'patchops status --state breached,due-soon --owner it-ops', 'patchops status --due-within 7d --sort deadline'],
  },
  report: {
    summary: 'the report as Markdown, HTML, JSON or CSV',
    synopsis: `[DIR] [--as-of ISO] [--format ${bar(REPORT_FORMATS)}] [--out FILE] [--cache] [--summary]`,
    args: ['dir'],
    options: {
      'as-of': asOf,
      format: {
        help: `output format: ${REPORT_FORMATS.join(', ')} (default ${REPORT_FORMATS[0]}, or what --out's extension names: ${REPORT_FORMATS.flatMap((f) => REPORT_FORMAT_INFO[f].extensions).join(' ')})`,
        completes: REPORT_FORMATS,
      },
      out: { help: 'write to FILE (atomically) instead of standard output', completes: 'file' },
      summary: { help: `html, md: key figures, breakdowns and the ${SUMMARY_LIMIT} most urgent plans and exceptions, naming what it leaves out` },
      trend: { help: 'html: add the KPIs over time and the wins, from the git history up to --as-of' },
      every: { help: 'with --trend: a point each month (default), week or commit', completes: EVERY },
      since: { help: 'with --trend: where the trend starts (default: the oldest commit)' },
      cache,
      'cache-location': cacheLocation,
    },
    examples: ['patchops report --format html --out report.html', 'patchops report --format html --trend --since 2026-01-01 --out report.html'],
  },
  import: {
    summary: 'a Trivy/Grype JSON or SARIF report into draft plans under plans/imported/',
    synopsis: `FILE [DIR] [--affects G1,G2] [--as-of ISO] [--dry-run] [--format ${bar(SCAN_FORMATS)}] [--include-unfixed]`,
    args: ['file', 'dir'],
    options: {
      affects: { help: 'asset groups of the plans it creates' },
      'as-of': { help: 'when the findings were discovered (default: now)' },
      'dry-run': { help: 'print what would change, write nothing' },
      format: { help: `the report's format: ${SCAN_FORMATS.join(', ')} (default: told by the content)`, completes: SCAN_FORMATS },
      'include-unfixed': { help: 'gather findings without a fix in one plan' },
    },
    examples: ['patchops import trivy.json --affects web-servers', 'patchops import grype.json --affects kiosks --dry-run'],
  },
  enrich: {
    summary: 'KEV, EPSS and SSVC facts into the plans and exceptions',
    synopsis: '[DIR] [--kev FILE] [--epss FILE] [--vulnrichment DIR] [--dry-run]',
    args: ['dir'],
    options: {
      kev: { help: "CISA's known_exploited_vulnerabilities.json", completes: 'file' },
      epss: { help: 'EPSS scores CSV, plain or gzipped', completes: 'file' },
      vulnrichment: { help: "a copy of CISA's vulnrichment repository", completes: 'dir' },
      'dry-run': { help: 'print what would change, write nothing' },
    },
    examples: ['patchops enrich --kev known_exploited_vulnerabilities.json --epss epss.csv.gz', 'patchops enrich --vulnrichment ../vulnrichment --dry-run'],
  },
  export: {
    summary: 'effective exceptions and open deadlines for scanners and calendars',
    synopsis: `${bar(EXPORT_FORMATS)} [DIR] [--as-of ISO] [--out FILE] [--cache]`,
    args: [EXPORT_FORMATS, 'dir'],
    options: {
      'as-of': asOf,
      out: {
        help: `write to FILE instead of standard output; its extension may name the format (${EXPORT_FORMATS.map((f) => EXPORT_FORMAT_INFO[f].extensions[0]).join(' ')})`,
        completes: 'file',
      },
      cache,
      'cache-location': cacheLocation,
    },
    examples: ['patchops export trivyignore --out .trivyignore.yaml', 'patchops export --out deadlines.ics'],
  },
  init: {
    summary: 'a new workspace: teams, a policy and asset groups (never overwrites)',
    synopsis: `[DIR] [--preset matrix|${bar(PRESET_NAMES)}] [--name TEXT]`,
    args: ['dir'],
    dirNote: 'DIR is the folder for the new workspace (default: the current folder); it is made if missing',
    options: {
      preset: { help: 'the risk model of the policy: matrix (default) or a model of record', completes: ['matrix', ...PRESET_NAMES] },
      name: { help: 'the workspace name (default: "FOLDER patching")' },
    },
    examples: ['patchops init', 'patchops init payroll --preset bod-26-04 --name "Payroll patching"'],
  },
  history: {
    summary: 'the KPIs over time, from the workspace as committed in git',
    synopsis: `[DIR] [--since DATE] [--until DATE] [--every ${bar(EVERY)}] [--format ${bar(HISTORY_FORMATS)}]`,
    args: ['dir'],
    options: {
      since: { help: 'the first point (default: the oldest commit); a date without an offset is in the workspace time zone' },
      until: { help: 'the last point (default: now)' },
      every: { help: 'a point each month (default), each week, or at each commit', completes: EVERY },
      format: { help: `output format: ${HISTORY_FORMATS.join(', ')} (default ${HISTORY_FORMATS[0]})`, completes: HISTORY_FORMATS },
    },
    examples: ['patchops history --every month --since 2026-01-01', 'patchops history --every commit --format csv > history.csv'],
  },
  diff: {
    summary: 'what a change does: the workspace at two git revisions, evaluated as of one instant',
    synopsis: `BASE [HEAD] [DIR] [--as-of ISO] [--format ${bar(DIFF_FORMATS)}] [--fail-on ${bar(DIFF_FAIL_ON)}]`,
    args: ['none', 'none', 'dir'],
    dirNote:
      'BASE and HEAD are git revisions; HEAD left out: the working tree. DIR is the workspace folder; without it, the nearest folder from here upward that has a patchops.yaml',
    options: {
      'as-of': { help: 'evaluate both sides as of this instant (default: now)' },
      format: { help: `output format: ${DIFF_FORMATS.join(', ')} (default ${DIFF_FORMATS[0]})`, completes: DIFF_FORMATS },
      'fail-on': { help: 'new-breach: exit 1 when HEAD has a new breach or a plan newly without a deadline', completes: DIFF_FAIL_ON },
    },
    examples: ['patchops diff origin/main', 'patchops diff origin/main HEAD --format md --fail-on new-breach'],
  },
  new: {
    summary: 'a new plan or exception with the next free id; what it leaves to fill in is flagged',
    synopsis: 'plan|exception [DIR] [--title TEXT] [--plan ID]',
    args: [['plan', 'exception'], 'dir'],
    options: {
      title: { help: 'plan: its title (default: a placeholder)' },
      plan: { help: 'exception: the plan it is for (its vulnerabilities and groups are copied)' },
    },
    examples: ['patchops new plan --title "Chrome zero-day"', 'patchops new exception --plan PLAN-2026-041'],
  },
  completion: {
    summary: 'a completion script for bash, zsh or fish',
    synopsis: 'bash|zsh|fish',
    args: [['bash', 'zsh', 'fish']],
    options: {},
    examples: [
      'source <(patchops completion bash)',
      'patchops completion zsh > "${fpath[1]}/_patchops"',
      'patchops completion fish > ~/.config/fish/completions/patchops.fish',
    ],
  },
} as const satisfies Record<string, CommandInfo>;

export type CommandName = keyof typeof COMMAND_TABLE;
export const COMMAND_NAMES = Object.keys(COMMAND_TABLE) as CommandName[];

/** Options every command takes, beside its own. */
export const COMMON_OPTIONS: Partial<Record<OptionName, CommandOption>> = {
  help: { help: "show this command's help" },
};

type ParseOption<O> = { type: O extends { value: string } ? 'string' : 'boolean'; short?: string };

/** `util.parseArgs`'s option list, from OPTIONS. */
export function parseOptions(): { [K in OptionName]: ParseOption<(typeof OPTIONS)[K]> } {
  const out: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const [name, o] of Object.entries(OPTIONS) as [OptionName, { value?: string; short?: string }][]) {
    out[name] = { type: o.value !== undefined ? 'string' : 'boolean', ...(o.short !== undefined ? { short: o.short } : {}) };
  }
  return out as { [K in OptionName]: ParseOption<(typeof OPTIONS)[K]> };
}
