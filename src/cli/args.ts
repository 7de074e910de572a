// Command-line parsing with Node's own `util.parseArgs`: strict, so a mistyped flag is an error.
import { parseArgs } from 'util';

export type Command = 'validate' | 'status' | 'report';

export const FORMATS: Record<Command, readonly string[]> = {
  validate: ['text', 'json', 'sarif'],
  status: ['text', 'json'],
  report: ['md', 'html', 'json', 'csv'],
};

export interface CliArgs {
  command: Command;
  dir: string;
  asOf?: string;
  format: string;
  out?: string;
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
  if (!isCommand(commandWord)) throw new UsageError(`unknown command '${commandWord}': use validate, status or report`);
  const command = commandWord;
  if (extra.length) throw new UsageError(`unexpected argument '${extra[0]}': ${command} takes one folder`);
  const format = values.format ?? (command === 'report' ? 'md' : 'text');
  if (!FORMATS[command].includes(format)) {
    throw new UsageError(`unknown format '${format}' for ${command}: use ${FORMATS[command].join(', ')}`);
  }
  if (values.out !== undefined && command !== 'report') throw new UsageError(`--out is for report; ${command} prints to standard output`);
  const asOf = values['as-of'];
  if (asOf !== undefined && !ISO.test(asOf)) {
    throw new UsageError(`--as-of '${asOf}' is not an ISO 8601 date or date-time: use e.g. 2026-11-23 or 2026-11-23T12:00:00Z`);
  }
  return { kind: 'run', args: { command, dir: dir ?? '.', asOf, format, out: values.out } };
}

function isCommand(word: string | undefined): word is Command {
  return word === 'validate' || word === 'status' || word === 'report';
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
  patchops validate [DIR] [--as-of ISO] [--format text|json|sarif]
  patchops status   [DIR] [--as-of ISO] [--format text|json]
  patchops report   [DIR] [--as-of ISO] [--format md|html|json|csv] [--out FILE]

DIR is a workspace folder with a patchops.yaml (default: the current folder).

Options:
  --as-of ISO     compute as of this instant (default: now); a date or time without
                  an offset is read in the workspace time zone
  -f, --format    output format (validate/status: text; report: md)
  -o, --out FILE  write the report to FILE instead of standard output
  -h, --help      show this help
  -v, --version   show the version

Exit codes: 0 no error diagnostics (status and report: ran), 1 error diagnostics
(validate), 2 could not run (no workspace, bad flag, unreadable path).
Colour is used on a terminal only, and never when NO_COLOR is set.
`;
