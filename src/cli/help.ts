// `patchops --help`. The format lists and the extensions --out knows are the registries'
// (src/core/contract.ts), so what the help offers is what the commands accept.
import { EXPORT_FORMAT_INFO, EXPORT_FORMATS, REPORT_FORMAT_INFO, REPORT_FORMATS, SCAN_FORMATS, STATUS_FORMATS, VALIDATE_FORMATS } from '../core/contract';
import { DIFF_FORMATS } from '../core/diff/formats';
import { PRESET_NAMES } from '../core/templates/presetPolicies';
import { SUMMARY_LIMIT } from '../core/report/formats';
import { COMMAND_TABLE, COMMON_OPTIONS, DIR_NOTE, HISTORY_FORMATS, OPTIONS, type CommandName, type CommandOption, type OptionName } from './commandTable';
import { DIFF_FAIL_ON, FAIL_ON } from './failOn';

/** Where option descriptions start, and where lines end. */
const INDENT = 18;
const WIDTH = 82;

/** An option: its flags, then its description wrapped under INDENT (never inside a NBSP-joined phrase). */
function option(flags: string, description: string): string {
  const lines: string[] = [];
  let line = `  ${flags}`.padEnd(INDENT - 1);
  for (const word of description.split(' ').map((w) => w.replace(/\u00a0/g, ' '))) {
    if (line.length + 1 + word.length > WIDTH && line.trim() !== '') {
      lines.push(line);
      line = ' '.repeat(INDENT - 1);
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join('\n');
}

const bar = (names: readonly string[]) => names.join('|');

export function helpText(): string {
  const reportExtensions = REPORT_FORMATS.flatMap((f) => REPORT_FORMAT_INFO[f].extensions);
  // ".yaml (trivyignore)", but ".ics" alone: the name would say it twice.
  const exportExtensions = EXPORT_FORMATS.map((f) => {
    const ext = EXPORT_FORMAT_INFO[f].extensions[0];
    return ext === `.${f}` ? ext : `${ext}\u00a0(${f})`;
  });
  return `patchops — patch management as code

Usage:
  patchops validate [DIR] [--as-of ISO] [--format ${bar(VALIDATE_FORMATS)}] [--cache]
                    [--fail-on ${bar(FAIL_ON)}]
  patchops status   [DIR] [--as-of ISO] [--format ${bar(STATUS_FORMATS)}] [--explain] [--cache]
                    [--state S1,S2] [--tier T1,T2] [--owner TEAM] [--group GROUP]
                    [--due-within DURATION] [--sort KEY]
  patchops init     [DIR] [--preset matrix|${PRESET_NAMES.join('|')}] [--name TEXT]
  patchops report   [DIR] [--as-of ISO] [--format ${bar(REPORT_FORMATS)}] [--out FILE] [--cache]
                    [--summary]
  patchops import   FILE [DIR] [--affects g1,g2] [--as-of ISO] [--dry-run]
                    [--format ${bar(SCAN_FORMATS)}] [--include-unfixed]
  patchops enrich   [DIR] [--kev FILE] [--epss FILE] [--vulnrichment DIR] [--dry-run]
  patchops export   ${bar(EXPORT_FORMATS)} [DIR] [--as-of ISO] [--out FILE]
                    [--cache]
  patchops export   [DIR] --out FILE${bar(EXPORT_FORMATS.map((f) => EXPORT_FORMAT_INFO[f].extensions[0]))} [--as-of ISO] [--cache]
  patchops history  [DIR] [--since DATE] [--until DATE] [--every month|week|commit]
                    [--format ${bar(HISTORY_FORMATS)}]
  patchops report   [DIR] --format html --trend [--every month|week|commit] [--since DATE]
  patchops diff     BASE [HEAD] [DIR] [--as-of ISO] [--format ${bar(DIFF_FORMATS)}]
                    [--fail-on ${bar(DIFF_FAIL_ON)}]
  patchops new      plan|exception [DIR] [--title TEXT] [--plan ID]
  patchops completion bash|zsh|fish
  patchops help     COMMAND     (or COMMAND --help): its options and examples

DIR is a workspace folder with a patchops.yaml (default: the nearest one from the current
folder upward, as git finds a repository).
diff evaluates the workspace at BASE and at HEAD (git revisions; HEAD left out: the
working tree; a second word that names a folder is DIR) as of one instant, and prints
what changed: tiers, deadlines and states, new breaches, exceptions, approvals added,
key figures before and after.
import turns a Trivy/Grype JSON or SARIF report into draft plans under plans/imported/
(one per fix; re-imports add only what is new); enrich sets kev/kev_added/kev_due from
the CISA KEV catalog, epss from an EPSS CSV (plain or .gz) and exploitation/automatable/
technical_impact from CISA Vulnrichment; export writes what the effective exceptions and
open deadlines mean for scanners and calendars (see docs/scanners.md).

Options:
  --as-of ISO     compute as of this instant (default: now); a date or time without
                  an offset is read in the workspace time zone
${option(
  '-f, --format',
  `output format (validate/status: ${VALIDATE_FORMATS[0]}; report: ${REPORT_FORMATS[0]}, or the one --out's extension names: ${reportExtensions.join(' ')})`,
)}
${option(
  '-o, --out FILE',
  'write the report (or export) to FILE instead of standard output; a format its extension contradicts is an error. ' +
    `export's format may be left out when the extension names one: ${exportExtensions.join(', ')}. ` +
    'A symbolic link is written through to its file; nothing else but a file is replaced',
)}
  --fail-on WHAT  validate: the errors that make the exit code 1: error (any, the
                  default), file (all but the deadline errors sla.breached and
                  exception.expired), sla (those, and sla.unknown: a plan whose
                  deadline cannot be computed may be late), never
                  diff: new-breach (exit 1 when HEAD has a plan breached, or newly
                  without a deadline, that BASE has not) or never (the default)
${option('--summary', `report (html, md): key figures, breakdowns and the ${SUMMARY_LIMIT} most urgent plans and exceptions, naming what it leaves out`)}
  --affects G,..  import: asset groups of the plans it creates (required then)
  --dry-run       import, enrich: print what would change, write nothing
  --include-unfixed  import: gather findings without a fix in one plan
  --kev FILE      enrich: CISA known_exploited_vulnerabilities.json
  --epss FILE     enrich: EPSS scores CSV, plain or gzipped
  --vulnrichment DIR  enrich: a copy of CISA's vulnrichment repository
  --cache         validate, status, report, export: reuse the result of an earlier run
                  when nothing it depends on changed (files by content hash, options,
                  --as-of, the PatchOps build, the git state approvals were checked
                  against). Needs --as-of: without it the answer depends on the current
                  time, and the run is not cached. Nor are runs whose policies require
                  signed approvals (keys and their expiry cannot be fingerprinted)
  --cache-location PATH  the cache file, or a folder for one file per workspace
                  (default: $XDG_CACHE_HOME/patchops/, else ~/.cache/patchops/)
  --every WHEN    history, report --trend: a point at each month or week start (00:00
                  in the workspace time zone; default month) or at each commit of the
                  branch's first-parent chain
  --since DATE    history, report --trend: start of the range (default: the oldest
  --until DATE    commit); history: end of the range (default: now; report --trend
                  ends at --as-of). A date without an offset is the workspace zone's
                  midnight
  --trend         report (HTML): add trends and wins from the git history
  -h, --help      show this help
  -v, --version   show the version

Exit codes: 0 no error diagnostics (status, report, import, enrich, export: ran),
1 error diagnostics (validate; which ones: --fail-on), 2 could not run (no workspace,
bad flag, unreadable path, a report or catalog that cannot be read, an --out that is
a folder, device or pipe or whose folder is missing; nothing is written then).
diff exits 1 on a new breach with --fail-on new-breach, else as status does.
Colour is used on a terminal only, and never when NO_COLOR is set.
`;
}

/** `patchops help COMMAND`, `patchops COMMAND --help`: usage, one line per option, examples (commandTable.ts). */
export function commandHelpText(command: CommandName): string {
  const info = COMMAND_TABLE[command];
  const usage = usageLines(`patchops ${command}`, info.synopsis);
  const options = [
    ...(Object.entries(info.options) as [OptionName, CommandOption][]),
    ...(Object.entries(COMMON_OPTIONS) as [OptionName, CommandOption][]),
  ].map(([name, o]) => {
    const spec: { value?: string; short?: string } = OPTIONS[name];
    const flags = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.value ? ` ${spec.value}` : ''}`;
    return flags.length + 4 > INDENT ? `  ${flags}\n${option('', o.help)}` : option(flags, o.help);
  });
  const usesDir = (info.args as readonly unknown[]).includes('dir');
  return `${wrap(`patchops ${command} — ${info.summary}`)}

Usage:
${usage}
${usesDir ? `\n${wrap(`${'dirNote' in info ? info.dirNote : DIR_NOTE}.`)}\n` : ''}
Options:
${options.join('\n')}

Examples:
${info.examples.map((e) => `  ${e}`).join('\n')}
`;
}

/** `patchops status [DIR] [--as-of ISO] …` wrapped at WIDTH, a bracketed group never split, continued under the first argument. */
function usageLines(head: string, synopsis: string): string {
  const groups = synopsis.match(/\[[^\]]*\]|\S+/g) ?? [];
  const lines: string[] = [];
  let line = `  ${head}`;
  for (const group of groups) {
    if (line.length + 1 + group.length > WIDTH && line.trim() !== head) {
      lines.push(line);
      line = ' '.repeat(head.length + 2);
    }
    line += ` ${group}`;
  }
  lines.push(line);
  return lines.join('\n');
}

/** Plain text wrapped at WIDTH. */
function wrap(text: string): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  lines.push(line);
  return lines.join('\n');
}
