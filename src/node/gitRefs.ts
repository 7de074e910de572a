// Node-only: the local branches and tags of a repository, for the editor's Compare with Branch…
// pick. One `git for-each-ref` through gitRunner.ts (argument array, the repository's config
// overridden, no hooks, no fsmonitor), and none at all in an untrusted workspace.
import { gitEnvironment, locateExecutable, runGitAsync } from './gitRunner';
import type { Failable, GitOptions } from './gitSnapshots';

export interface GitRef {
  /** The full name, unambiguous: `refs/heads/main`, `refs/tags/v1`. */
  ref: string;
  /** As people write it: `main`, `v1`. */
  name: string;
  kind: 'branch' | 'tag';
  commit: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/** Branches then tags, each most recent first. `dir`: the workspace folder (a git inside it, or inside its repository, is never run). */
export async function listBranchesAndTags(repoRoot: string, dir: string, opts: GitOptions): Promise<Failable<{ refs: GitRef[] }>> {
  if (!opts.trusted) return { ok: false, reason: 'the workspace is not trusted: PatchOps does not run git in Restricted Mode' };
  const env = gitEnvironment(opts.env ?? process.env);
  const git = locateExecutable('git', dir, env, opts.gitPath);
  if (!git.ok) return { ok: false, reason: git.reason };
  const r = await runGitAsync(
    { args: ['for-each-ref', '--sort=-creatordate', '--format=%(refname)%00%(refname:short)%00%(objectname)', 'refs/heads', 'refs/tags'] },
    { git: git.path, cwd: repoRoot, env, timeoutMs: opts.timeoutMs ?? DEFAULT_TIMEOUT_MS },
  );
  if (r.code !== 0)
    return {
      ok: false,
      reason: `cannot list the branches: ${r.failure ?? r.stderr.split('\n').find((l) => l.trim() !== '') ?? `git exited with code ${r.code}`}`,
    };
  const refs: GitRef[] = [];
  for (const line of r.stdout.split('\n')) {
    const [ref, name, commit] = line.split('\0');
    if (!ref || !name || !commit) continue;
    refs.push({ ref, name, commit, kind: ref.startsWith('refs/tags/') ? 'tag' : 'branch' });
  }
  // Branches first; the sort above is kept within each kind.
  return { ok: true, refs: [...refs.filter((x) => x.kind === 'branch'), ...refs.filter((x) => x.kind === 'tag')] };
}
