// `PATCHOPS_JOBS=N`: how many threads load the workspace's files (src/node/parsePool.ts), checked
// before anything is read. Unset: parsePool.ts `defaultJobs` (one thread, unless three cores or more).
import { UsageError } from './args';
import type { Io } from './io';

const MAX = 64;

/** The thread count PATCHOPS_JOBS forces, or undefined (the default for the workspace's size). */
export function jobsFromEnv(io: Io): number | undefined {
  const given = io.env.PATCHOPS_JOBS;
  if (given === undefined || given === '') return undefined;
  const n = /^[0-9]{1,3}$/.test(given.trim()) ? Number(given.trim()) : NaN;
  if (!(n >= 1 && n <= MAX)) {
    throw new UsageError(`PATCHOPS_JOBS='${given}' is not a thread count: give a whole number from 1 (no worker threads) to ${MAX}, or leave it unset`);
  }
  return n;
}
