// Node-only: runs git for the approval verifier and the snapshot reader (gitSnapshots.ts), and
// nothing else. A workspace is content someone else may control (a cloned branch, an unpacked archive with its own `.git`), so git runs with an
// argument array (no shell), a timeout, a clean environment, and every repository-local setting
// that could run a program, fetch, or change what blame and log report overridden. See
// docs/git-review.md ("What git is allowed to do") for the list and the reasons.
import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface GitCall {
  args: string[];
  /** Extra `-c key=value` settings for this call (the trusted signature settings). */
  config?: readonly string[];
  /** What git reads on its standard input (`cat-file --batch`); by default it reads nothing. */
  input?: string;
  /** Keep standard output as bytes (`GitResult.bytes`): file contents are not text until decoded. */
  binary?: boolean;
}

export interface GitResult {
  /** Exit code; null when git did not finish (timeout, could not start). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** Standard output as bytes, when the call asked for `binary` (then `stdout` is empty). */
  bytes?: Buffer;
  /** Why git did not finish, in words. */
  failure?: string;
}

/**
 * Settings that override whatever the repository's own config says. Each can otherwise run a
 * program, reach the network, or change the answers the verifier reads.
 */
const SAFE_CONFIG: readonly string[] = [
  'core.fsmonitor=', // an fsmonitor hook is a program the repo names; empty = off
  'core.hooksPath=/dev/null', // no hook runs (none should, but e.g. index writes can)
  'core.pager=cat', // with --no-pager: no pager program
  'pager.blame=false',
  'pager.log=false',
  'core.sshCommand=ssh', // with protocol.allow=never: no transport at all
  'protocol.allow=never', // a partial clone must not lazily fetch (ssh, credential helpers)
  'credential.helper=', // empty resets the list: no helper program
  'diff.external=', // no external diff program (nothing here diffs, but log could)
  'blame.markIgnoredLines=false',
  'blame.markUnblamableLines=false',
  'log.showSignature=false', // signatures only where asked, with trusted settings
  'log.mailmap=false', // authors as committed, never rewritten by a .mailmap in the branch
  'mailmap.file=',
  'mailmap.blob=',
  'advice.graftFileDeprecated=false', // GIT_GRAFT_FILE below is on purpose
  'gc.auto=0', // no automatic gc or maintenance in the background
  'maintenance.auto=false',
];

/** Global options: before the subcommand. */
const GLOBAL_OPTIONS = ['--no-pager', '--no-replace-objects', '--literal-pathspecs', '--no-optional-locks'];

/** The user's own git settings that are kept (they are not the repository's). */
const KEPT_GIT_ENV = new Set(['GIT_CONFIG_GLOBAL', 'GIT_CONFIG_SYSTEM', 'GIT_CONFIG_NOSYSTEM', 'GIT_EXEC_PATH', 'GIT_CEILING_DIRECTORIES']);

/** The environment git runs in: the caller's, minus GIT_* variables that redirect or extend git. */
export function gitEnvironment(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(base)) {
    if (value === undefined) continue;
    if (key.toUpperCase().startsWith('GIT_') && !KEPT_GIT_ENV.has(key.toUpperCase())) continue; // GIT_DIR, GIT_WORK_TREE, GIT_CONFIG_PARAMETERS, GIT_SSH_COMMAND, …
    env[key] = value;
  }
  return {
    ...env,
    GIT_TERMINAL_PROMPT: '0', // never wait for a password
    GIT_NO_REPLACE_OBJECTS: '1', // refs/replace cannot swap a commit for another
    GIT_GRAFT_FILE: os.devNull, // nor can grafts rewrite parents
    GIT_NO_LAZY_FETCH: '1', // (git ≥ 2.44) a partial clone does not fetch missing objects
    GIT_OPTIONAL_LOCKS: '0',
    GIT_PAGER: 'cat',
    PAGER: 'cat',
    LC_ALL: 'C', // messages in a known language
  };
}

function gitArgv(call: GitCall): string[] {
  const config = [...SAFE_CONFIG, ...(call.config ?? [])].flatMap((c) => ['-c', c]);
  return [...GLOBAL_OPTIONS, ...config, ...call.args];
}

export interface GitRunnerOptions {
  git: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeoutMs: number;
}

const MAX_BUFFER = 64 * 1024 * 1024;

export function runGitSync(call: GitCall, o: GitRunnerOptions): GitResult {
  const r = spawnSync(o.git, gitArgv(call), {
    cwd: o.cwd,
    env: o.env,
    encoding: 'buffer',
    timeout: o.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: MAX_BUFFER,
    windowsHide: true,
    shell: false,
    input: call.input !== undefined ? Buffer.from(call.input, 'utf8') : undefined,
    stdio: [call.input !== undefined ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  const failure = r.error ? failureOf(r.error, o.timeoutMs) : r.signal ? `git was stopped (${r.signal})` : undefined;
  return { code: failure ? null : r.status, ...outputOf(call, r.stdout, r.stderr), ...(failure ? { failure } : {}) };
}

function outputOf(call: GitCall, stdout: Buffer | null | undefined, stderr: Buffer | null | undefined): Pick<GitResult, 'stdout' | 'stderr' | 'bytes'> {
  const out = stdout ?? Buffer.alloc(0);
  return { stdout: call.binary ? '' : out.toString('utf8'), stderr: (stderr ?? Buffer.alloc(0)).toString('utf8'), ...(call.binary ? { bytes: out } : {}) };
}

export function runGitAsync(call: GitCall, o: GitRunnerOptions): Promise<GitResult> {
  return new Promise((resolve) => {
    const child = execFile(
      o.git,
      gitArgv(call),
      { cwd: o.cwd, env: o.env, encoding: 'buffer', timeout: o.timeoutMs, killSignal: 'SIGKILL', maxBuffer: MAX_BUFFER, windowsHide: true, shell: false },
      (err, stdout, stderr) => {
        const output = outputOf(call, stdout, stderr);
        if (!err) return resolve({ code: 0, ...output });
        const e = err as NodeJS.ErrnoException & { code?: number | string; killed?: boolean; signal?: string };
        if (typeof e.code === 'number') return resolve({ code: e.code, ...output });
        const failure = e.killed || e.signal ? `git did not answer within ${o.timeoutMs / 1000} s` : failureOf(e, o.timeoutMs);
        resolve({ code: null, ...output, failure });
      },
    );
    child.stdin?.on('error', () => undefined); // git may exit before reading it all; its exit code says why
    child.stdin?.end(call.input);
  });
}

function failureOf(err: NodeJS.ErrnoException, timeoutMs: number): string {
  if (err.code === 'ETIMEDOUT') return `git did not answer within ${timeoutMs / 1000} s`;
  if (err.code === 'ENOBUFS') return 'git printed more than PatchOps reads';
  return `git could not run: ${err.code ?? err.message}`;
}

export type Located = { ok: true; path: string } | { ok: false; state: 'unchecked' | 'unverified'; reason: string };

/**
 * The git to run: `gitPath` when given, else the first `git` on PATH. A git inside the workspace
 * (or inside the repository that holds it) is never run: whoever controls the files would control
 * the check. Relative PATH entries (`.`, empty) are ignored for the same reason.
 */
export function locateExecutable(name: string, root: string, env: NodeJS.ProcessEnv, explicit?: string): Located {
  const forbidden = forbiddenFolders(root);
  const inside = (file: string) => forbidden.some((dir) => isInside(dir, file));
  if (explicit !== undefined) {
    if (!path.isAbsolute(explicit)) return { ok: false, state: 'unverified', reason: `the ${name} to run must be an absolute path, not \`${explicit}\`` };
    const real = realpath(explicit);
    if (!real || !isExecutableFile(real)) return { ok: false, state: 'unchecked', reason: `${explicit} is not an executable file` };
    if (inside(real)) return { ok: false, state: 'unverified', reason: `refusing to run ${explicit}: it is inside the workspace or its repository` };
    return { ok: true, path: real };
  }
  const names = process.platform === 'win32' ? [`${name}.exe`] : [name];
  const refused: string[] = [];
  for (const dir of (pathVariable(env) ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    for (const n of names) {
      const candidate = path.join(dir, n);
      const real = realpath(candidate);
      if (!real || !isExecutableFile(real)) continue;
      if (inside(real)) {
        refused.push(candidate);
        continue;
      }
      return { ok: true, path: real };
    }
  }
  if (refused.length)
    return { ok: false, state: 'unverified', reason: `refusing to run ${refused[0]}: the only ${name} on PATH is inside the workspace or its repository` };
  return { ok: false, state: 'unchecked', reason: `${name} is not installed (not found on PATH)` };
}

function pathVariable(env: NodeJS.ProcessEnv): string | undefined {
  const key = Object.keys(env).find((k) => k.toUpperCase() === 'PATH');
  return key ? env[key] : undefined;
}

/** The workspace folder and the enclosing repository's folder (the nearest parent with `.git`). */
function forbiddenFolders(root: string): string[] {
  const real = realpath(root) ?? path.resolve(root);
  const out = [real];
  for (let dir = real; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, '.git'))) {
      if (dir !== real) out.push(dir);
      break;
    }
    if (path.dirname(dir) === dir) break;
  }
  return out;
}

function isInside(dir: string, file: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function realpath(p: string): string | undefined {
  try {
    return fs.realpathSync(p);
  } catch {
    return undefined;
  }
}

function isExecutableFile(p: string): boolean {
  try {
    if (!fs.statSync(p).isFile()) return false;
    fs.accessSync(p, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
