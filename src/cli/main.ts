// `patchops`: a thin adapter from the command line to the core. Every number comes from the core.
import { version } from '../../package.json';
import type { Evaluation } from '../core/model/evaluation';
import { renderCsv } from '../core/report/csv';
import { renderHtml } from '../core/report/html';
import { renderMarkdown } from '../core/report/markdown';
import { buildReport } from '../core/report/reportJson';
import { renderSarif } from '../core/report/sarif';
import { HELP, isScannerCommand, parseCommandLine, UsageError, type CliArgs } from './args';
import { runScannerCommand } from './commands';
import { evaluateWorkspace, writeOutput } from './commands/shared';
import { styleFor } from './terminal';
import { diagnosticsText, statusText } from './textOutput';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The real clock, read only here: the core always takes an explicit as-of. */
  now(): number;
}

/** Runs one command line; returns the exit code (0 fine, 1 error diagnostics, 2 could not run). */
export function run(argv: readonly string[], io: Io): number {
  try {
    const parsed = parseCommandLine(argv);
    if (parsed.kind === 'help') {
      io.stdout.write(HELP);
      return 0;
    }
    if (parsed.kind === 'version') {
      io.stdout.write(`${version}\n`);
      return 0;
    }
    const args = parsed.args;
    if (isScannerCommand(args.command)) return runScannerCommand({ ...args, command: args.command }, io);
    return runCommand(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr.write(`patchops: ${err.message}\n`);
      return 2;
    }
    const detail = io.env.PATCHOPS_DEBUG ? `\n${(err as Error).stack}` : '';
    io.stderr.write(`patchops: internal error: ${(err as Error).message} (please report it)${detail}\n`);
    return 2;
  }
}

function runCommand(args: CliArgs, io: Io): number {
  const { disk, evaluation } = evaluateWorkspace(args, io);
  if (writeOutput(args, io, render(args, evaluation, disk.files.length, io))) {
    io.stdout.write(`Wrote ${args.out} (${evaluation.plans.length} plans, ${evaluation.exceptions.length} exceptions)\n`);
  }
  const errors = evaluation.diagnostics.some((d) => d.severity === 'error');
  return args.command === 'validate' && errors ? 1 : 0;
}


function render(args: CliArgs, evaluation: Evaluation, fileCount: number, io: Io): string {
  const style = styleFor(io.stdout, io.env);
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  switch (`${args.command}:${args.format}`) {
    case 'validate:text':
      return diagnosticsText(evaluation.diagnostics, fileCount, style);
    case 'validate:json':
      return json({ asOf: new Date(evaluation.asOf).toISOString(), diagnostics: evaluation.diagnostics.map(diagnosticJson) });
    case 'validate:sarif':
      return renderSarif(evaluation.diagnostics, version);
    case 'status:text':
      return statusText(evaluation, style);
    case 'status:json':
    case 'report:json':
      return json(buildReport(evaluation));
    case 'report:md':
      return renderMarkdown(buildReport(evaluation));
    case 'report:html':
      return renderHtml(buildReport(evaluation));
    case 'report:csv':
      return renderCsv(buildReport(evaluation));
  }
  throw new UsageError(`unknown format '${args.format}'`);
}

function diagnosticJson(d: Evaluation['diagnostics'][number]) {
  return {
    file: d.file,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
    endLine: d.range.end.line + 1,
    endColumn: d.range.end.character + 1,
    severity: d.severity,
    code: d.code,
    message: d.message,
    ...(d.related ? { related: d.related.map((r) => ({ file: r.file, line: r.range.start.line + 1, column: r.range.start.character + 1, message: r.message })) } : {}),
  };
}


if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0); // the reader went away (e.g. `| head`)
  });
  process.exitCode = run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  });
}
