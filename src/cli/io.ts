// What a command may touch of the process: its streams, environment, folder and the clock. The
// real process in main.ts; captured ones in tests.

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
