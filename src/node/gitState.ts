// Node-only: a fingerprint of everything the git review of approvals (src/node/approvals.ts) reads
// from git, for `--cache`, when no approval needs a signature check. The verifier asks git about the
// commit HEAD names (blame of HEAD, the log of the commits blame names, their ancestry): with
// replace refs and grafts switched off, all of that is fixed by the HEAD commit id, how the
// workspace sits in the repository, and the git config (which blame and log read). So the
// fingerprint is: which git runs (and that binary's identity), `git rev-parse` of the prefix,
// shallowness, git folder and HEAD (or its error: no repository, no commit yet, dubious
// ownership), and every git config setting with its origin. The text of each exception file is
// part of the workspace's own key. Signatures are not covered: they depend on keyrings, allowed
// signers and the current time (an expired key); the caller does not cache those runs at all.
import * as crypto from 'crypto';
import * as fs from 'fs';
import { gitEnvironment, locateExecutable, runGitSync, type GitRunnerOptions } from './gitRunner';

const TIMEOUT_MS = 15_000;

/**
 * The fingerprint (hex), or undefined when the state cannot be pinned down and the result must not
 * be cached: git did not answer, or the history is shallow (a deeper fetch changes blame without
 * moving HEAD). `env` is the environment the verifier gets (it keeps the same variables).
 */
export function gitStateFingerprint(root: string, env: NodeJS.ProcessEnv): string | undefined {
  const gitEnv = gitEnvironment(env);
  const h = crypto.createHash('sha256');
  const git = locateExecutable('git', root, gitEnv);
  if (!git.ok) return h.update(JSON.stringify(['no git', git.state, git.reason])).digest('hex');
  let binary: fs.Stats;
  try {
    binary = fs.statSync(git.path);
  } catch {
    return undefined;
  }
  h.update(JSON.stringify(['git', git.path, binary.size, binary.mtimeMs, binary.ino]));
  const runner: GitRunnerOptions = { git: git.path, cwd: root, env: gitEnv, timeoutMs: TIMEOUT_MS };
  const where = runGitSync({ args: ['rev-parse', '--show-prefix', '--is-shallow-repository', '--absolute-git-dir', 'HEAD'] }, runner);
  if (where.failure !== undefined) return undefined;
  if (where.stdout.split('\n')[1]?.trim() === 'true') return undefined;
  h.update(JSON.stringify(['rev-parse', where.code, where.stdout, where.stderr]));
  const config = runGitSync({ args: ['config', '--list', '-z', '--show-origin'] }, runner);
  if (config.failure !== undefined) return undefined;
  h.update(JSON.stringify(['config', config.code, config.stdout, config.stderr]));
  return h.digest('hex');
}
