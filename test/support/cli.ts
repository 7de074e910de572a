// Runs the CLI in-process with captured output and a fixed clock.
import { run } from '../../src/cli/main';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(argv: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; tty?: boolean } = {}): CliResult {
  let stdout = '';
  let stderr = '';
  const code = run(argv, {
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => Date.parse('2026-11-23T12:00:00Z'),
  });
  return { code, stdout, stderr };
}
