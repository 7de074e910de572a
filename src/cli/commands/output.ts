// What validate, status, report and export print, or write to --out: a result a cached run can
// replay byte for byte (src/cli/cache.ts).
import * as path from 'path';
import { writeErrorText, writeFileAtomic } from '../../node/atomicWrite';
import type { CachedResult } from '../../node/resultCache';
import { UsageError } from '../args';
import type { Io } from '../io';

/** What a command printed and returned, and what it writes to --out: all a cached run replays. */
export type RunResult = CachedResult;

/** `output` on standard output. */
export function printed(output: string, code = 0): RunResult {
  return { code, stdout: output, stderr: '' };
}

/** `output` printed, or written to `out` with `wrote()` printed instead. */
export function resultOf(out: string | undefined, output: string, wrote: () => string): RunResult {
  return out === undefined ? printed(output) : { code: 0, stdout: wrote(), stderr: '', file: output };
}

/** JSON as the CLI prints it: two-space indent, a final newline. */
export function jsonText(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

/** Writes the --out file (atomically, first, as a cold run does), then prints; returns the exit code. */
export function emit(out: string | undefined, io: Io, result: RunResult): number {
  if (result.file !== undefined) writeOut(out, io, result.file);
  if (result.stdout !== '') io.stdout.write(result.stdout);
  if (result.stderr !== '') io.stderr.write(result.stderr);
  return result.code;
}

function writeOut(out: string | undefined, io: Io, output: string): void {
  // Only a run with --out has a file (--out is part of the cache key); were it otherwise, print it rather than lose it.
  if (out === undefined) {
    io.stdout.write(output);
    return;
  }
  try {
    writeFileAtomic(path.resolve(io.cwd, out), output);
  } catch (err) {
    throw new UsageError(`cannot write '${out}': ${writeErrorText(err)}`);
  }
}
