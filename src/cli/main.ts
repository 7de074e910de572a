// `patchops`: a thin adapter from the command line to the core. Every number comes from the core.
import { version } from '../../package.json';
import { HELP, parseCommandLine, UsageError } from './args';
import { runEvaluated } from './commands/evaluated';

export interface Io {
  stdout: { write(s: string): unknown; isTTY?: boolean };
  stderr: { write(s: string): unknown; isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** The real clock, read only here: the core always takes an explicit as-of. */
  now(): number;
  /** Tests: stands in for the hash of the running program in `--cache` keys (src/node/resultCache.ts). */
  programDigest?: string;
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
    if (args.command === 'import' || args.command === 'enrich') {
      const { runScannerCommand } = require('./commands') as typeof import('./commands');
      return runScannerCommand({ ...args, command: args.command }, io);
    }
    return runEvaluated(args, io);
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
