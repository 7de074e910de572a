// `patchops`: a thin adapter from the command line to the core. This file only dispatches: the
// command line is parsed in args.ts, each command is its own file in commands/, and what a command
// may touch of the process is io.ts. Every number comes from the core.
import { version } from '../../package.json';
import { parseCommandLine, UsageError, type CliArgs } from './args';
import { runEvaluated } from './commands/evaluated';
import { findWorkspaceFolder } from './commands/workspaceFolder';
import { commandHelpText, helpText } from './help';
import type { Io } from './io';

/** Runs one command line; returns the exit code (0 fine, 1 error diagnostics, 2 could not run). */
export function run(argv: readonly string[], io: Io): number {
  try {
    const parsed = parseCommandLine(argv);
    switch (parsed.kind) {
      case 'help':
        io.stdout.write(parsed.command ? commandHelpText(parsed.command) : helpText());
        return 0;
      case 'version':
        io.stdout.write(`${version}\n`);
        return 0;
      case 'run':
        return runCommand(parsed.findWorkspace && 'dir' in parsed.args ? { ...parsed.args, dir: findWorkspaceFolder(io) } : parsed.args, io);
    }
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
  switch (args.command) {
    // Light until it knows the result is not cached (commands/evaluated.ts).
    case 'validate':
    case 'status':
    case 'report':
    case 'export':
      return runEvaluated(args, io);
    // They parse the workspace in any case: loaded only when run.
    case 'import':
      return (require('./commands/import') as typeof import('./commands/import')).runImport(args, io);
    case 'enrich':
      return (require('./commands/enrich') as typeof import('./commands/enrich')).runEnrich(args, io);
    case 'init':
      return (require('./commands/init') as typeof import('./commands/init')).runInit(args, io);
    case 'new':
      return (require('./commands/new') as typeof import('./commands/new')).runNew(args, io);
    case 'completion':
      io.stdout.write((require('./completion') as typeof import('./completion')).completionScript(args.shell));
      return 0;
    case 'history':
      return (require('./commands/history') as typeof import('./commands/history')).runHistory(args, io);
    case 'diff':
      return (require('./commands/diff') as typeof import('./commands/diff')).runDiff(args, io);
  }
}

if (require.main === module) {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(0); // the reader went away (e.g. `| head`)
  });
  const code = run(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
  });
  exitOnceWritten(code);
}

/**
 * Ends the process once everything written to stdout and stderr has been handed to the system (a
 * write's callback comes after every earlier write's). Nothing else is left to run: the CLI is
 * synchronous. Exiting rather than letting Node wind down skips tearing down V8's heap piece by
 * piece, which the system does at once: ~12 ms of a cold validate at 10,000 plans.
 */
function exitOnceWritten(code: number): void {
  process.exitCode = code;
  let pending = 2;
  const done = () => --pending === 0 && process.exit(code);
  process.stdout.write('', done);
  process.stderr.write('', done);
}
