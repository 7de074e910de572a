// Node-only: git review of exception approvals (docs/git-review.md). Gathers what git
// says about each approved exception — blame of the committed file, authors, ancestry,
// signatures — and lets the pure core decide (`decideApproval`). The CLI calls the synchronous
// form; the editor calls `verifyApprovals`. Both walk the same steps (`verificationSteps`).
import * as fs from 'fs';
import * as path from 'path';
import type { ApprovalCheck, ApprovalChecks } from '../core/approvals/approvalCheck';
import { approvalCommitOf, decideApproval, otherCommits } from '../core/approvals/decide';
import { editorLines, gitLines, mapLines } from '../core/approvals/lineMap';
import { logFormat, parseBlamePorcelain, parseConfigZ, parseLog, parseLsTree, type Blame, type CommitFacts } from '../core/approvals/porcelain';
import { approvalRequests, gitReviewRequired, type ApprovalRequest } from '../core/approvals/requests';
import { gitEnvironment, locateExecutable, runGitAsync, runGitSync, type GitCall, type GitResult, type GitRunnerOptions } from './gitRunner';
import type { WorkspaceModel } from '../core/model/workspace';

export interface VerifyOptions {
  /** False in an untrusted (Restricted Mode) workspace: git does not run, approvals are `unchecked`. */
  trusted: boolean;
  /** An absolute path to git; default: the first git on PATH that is not inside the workspace. */
  gitPath?: string;
  /**
   * The SSH allowed-signers file (absolute, or relative to the current folder). Default: the
   * `gpg.ssh.allowedSignersFile` of the user's global or the system git config — never the
   * repository's own config. The CLI reads it from PATCHOPS_ALLOWED_SIGNERS.
   */
  allowedSigners?: string;
  /** The environment git runs in (default: this process's). GIT_* variables are dropped but a few. */
  env?: NodeJS.ProcessEnv;
  /** Per git command; default 15 s. */
  timeoutMs?: number;
  /**
   * Review as of this commit (a full commit id) instead of HEAD: for a workspace read as committed
   * there (`patchops diff`), so an approval is judged by the history up to that commit.
   */
  revision?: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

type Steps = Generator<GitCall, Map<string, ApprovalCheck>, GitResult>;

interface Prepared {
  files: string[];
  early?: Map<string, ApprovalCheck>;
  steps?: Steps;
  runner?: GitRunnerOptions;
}

/** Checks by exception file for `evaluate(model, { asOf, approvals })`. */
export async function verifyApprovals(root: string, model: WorkspaceModel, options: VerifyOptions): Promise<ApprovalChecks> {
  const p = prepare(root, model, options);
  if (p.early) return p.early;
  return settle(p, async (steps) => {
    let r = steps.next();
    while (!r.done) r = steps.next(await runGitAsync(r.value, p.runner!));
    return r.value;
  });
}

/** The same, synchronously (the CLI is synchronous). */
export function verifyApprovalsSync(root: string, model: WorkspaceModel, options: VerifyOptions): ApprovalChecks {
  const p = prepare(root, model, options);
  if (p.early) return p.early;
  try {
    const steps = p.steps!;
    let r = steps.next();
    while (!r.done) r = steps.next(runGitSync(r.value, p.runner!));
    return r.value;
  } catch (err) {
    return failed(p, err);
  }
}

async function settle(p: Prepared, drive: (steps: Steps) => Promise<Map<string, ApprovalCheck>>): Promise<ApprovalChecks> {
  try {
    return await drive(p.steps!);
  } catch (err) {
    return failed(p, err);
  }
}

/** Git failed in a way that says nothing about the approvals: nothing is verified (fail closed). */
function failed(p: Prepared, err: unknown): ApprovalChecks {
  if (!(err instanceof GitFailure)) throw err;
  return new Map(p.files.map((f): [string, ApprovalCheck] => [f, { state: 'unverified', reason: err.message }]));
}

class GitFailure extends Error {}

function prepare(root: string, model: WorkspaceModel, options: VerifyOptions): Prepared {
  const requests = gitReviewRequired(model) ? approvalRequests(model) : [];
  const files = requests.map((r) => r.file);
  const all = (check: ApprovalCheck) => ({ files, early: new Map(files.map((f): [string, ApprovalCheck] => [f, check])) });
  if (requests.length === 0) return all({ state: 'unchecked' });
  if (!options.trusted) return all({ state: 'unchecked', reason: 'the workspace is not trusted: git does not run in Restricted Mode' });
  const env = gitEnvironment(options.env ?? process.env);
  const git = locateExecutable('git', root, env, options.gitPath);
  if (!git.ok) return all({ state: git.state, reason: git.reason });
  const runner: GitRunnerOptions = { git: git.path, cwd: root, env, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const realRoot = safeRealpath(root);
  const program = (name: string, configured: string | undefined): string => {
    const value = configured || name;
    if (path.isAbsolute(value) || value.startsWith('~')) return value;
    const found = locateExecutable(value, root, env);
    // Not found (or only inside the workspace): a path that cannot run, so git cannot look it up
    // on PATH itself; the signature then "cannot be checked" and nothing is verified.
    return found.ok ? found.path : path.join(path.sep, 'nonexistent', 'patchops-refused', value);
  };
  return { files, runner, steps: verificationSteps(realRoot, requests, options, program) };
}

/** Blame results by repository, HEAD, path and blob: the same committed file is blamed once. */
const blameCache = new Map<string, Blame>();
const CACHE_LIMIT = 500;

function* verificationSteps(
  rootKey: string,
  requests: ApprovalRequest[],
  options: VerifyOptions,
  program: (name: string, configured: string | undefined) => string,
): Steps {
  const all = (check: ApprovalCheck) => new Map(requests.map((r): [string, ApprovalCheck] => [r.file, check]));

  // Where the workspace is in its repository; whether history is complete.
  const where: GitResult = yield { args: ['rev-parse', '--show-prefix', '--is-shallow-repository'] };
  if (where.code !== 0) {
    if (where.failure) throw new GitFailure(where.failure);
    if (/not a git repository/i.test(where.stderr)) return all({ state: 'unchecked', reason: 'the workspace is not in a git repository' });
    throw new GitFailure(`git cannot read the repository: ${firstLine(where.stderr)}`);
  }
  const [prefix = '', shallowText = 'false'] = where.stdout.split('\n');
  const shallow = shallowText.trim() === 'true';
  const repoPath = (file: string) => `${prefix}${file}`;

  // What HEAD (or the revision asked for) has: the committed blob of each exception file (none in a repo without commits).
  // A revision other than HEAD is a full commit id: nothing git could read as an option.
  if (options.revision !== undefined && !/^[0-9a-f]{40,64}$/.test(options.revision)) throw new GitFailure(`\`${options.revision}\` is not a full commit id`);
  const headResult: GitResult = yield { args: ['rev-parse', '--verify', '--quiet', `${options.revision ?? 'HEAD'}^{commit}`] };
  const head = headResult.code === 0 ? headResult.stdout.trim() : null;
  if (headResult.failure) throw new GitFailure(headResult.failure);
  let blobs = new Map<string, string>();
  if (head) {
    const tree = must(yield { args: ['ls-tree', '-r', '-z', '--full-tree', head, '--', ...requests.map((r) => repoPath(r.file))] }, 'ls-tree');
    blobs = parseLsTree(tree.stdout);
  }

  // Blame each committed file once (cached by repository, HEAD, path and blob).
  const blames = new Map<string, Blame>();
  for (const r of requests) {
    const blob = blobs.get(repoPath(r.file));
    if (!head || !blob) continue;
    const key = `${rootKey}\0${head}\0${repoPath(r.file)}\0${blob}`;
    let blame = blameCache.get(key);
    if (!blame) {
      // `--ignore-revs-file ""` clears blame.ignoreRevsFile: the repository cannot hide a commit.
      // The path is relative to the workspace folder (git's current folder).
      const out = must(yield { args: ['blame', '--porcelain', '--no-textconv', '--ignore-revs-file', '', head, '--', r.file] }, 'blame');
      blame = parseBlamePorcelain(out.stdout);
      if (blameCache.size >= CACHE_LIMIT) blameCache.delete(blameCache.keys().next().value!);
      blameCache.set(key, blame);
    }
    blames.set(r.file, blame);
  }

  // Each current line → the commit that last changed it (null: not committed).
  const origins = new Map<string, (string | null)[]>();
  for (const r of requests) origins.set(r.file, originsOf(r.text, blames.get(r.file)));

  // Authors, dates and — where a policy asks — signatures, in one `git log`.
  const commits = new Set<string>();
  for (const o of origins.values()) for (const c of o) if (c) commits.add(c);
  const withSignatures = requests.some((r) => r.requireSigned);
  let signatureConfig: string[] = [];
  let signersProblem: string | undefined;
  if (withSignatures) {
    const trusted = new Map<string, string>();
    for (const scope of ['--system', '--global']) {
      const r: GitResult = yield { args: ['config', scope, '--includes', '-z', '--get-regexp', '^gpg\\.'] };
      if (r.code === 0) for (const [k, v] of parseConfigZ(r.stdout)) trusted.set(k, v);
    }
    const signers = options.allowedSigners ? path.resolve(options.allowedSigners) : (trusted.get('gpg.ssh.allowedsignersfile') ?? '');
    if (!signers)
      signersProblem =
        'no SSH allowed signers are configured (PATCHOPS_ALLOWED_SIGNERS, or gpg.ssh.allowedSignersFile in your global git config); GPG keys come from your keyring';
    signatureConfig = [
      `gpg.program=${program('gpg', trusted.get('gpg.program') ?? trusted.get('gpg.openpgp.program'))}`,
      `gpg.openpgp.program=${program('gpg', trusted.get('gpg.openpgp.program') ?? trusted.get('gpg.program'))}`,
      `gpg.x509.program=${program('gpgsm', trusted.get('gpg.x509.program'))}`,
      `gpg.ssh.program=${program('ssh-keygen', trusted.get('gpg.ssh.program'))}`,
      `gpg.ssh.allowedSignersFile=${signers}`,
      `gpg.ssh.revocationFile=${trusted.get('gpg.ssh.revocationfile') ?? ''}`,
      `gpg.minTrustLevel=${trusted.get('gpg.mintrustlevel') ?? 'marginal'}`,
    ];
  }
  let facts = new Map<string, CommitFacts>();
  if (commits.size) {
    const log = must(
      yield { args: ['log', '--no-walk=unsorted', '--no-use-mailmap', `--format=${logFormat(withSignatures)}`, ...commits, '--'], config: signatureConfig },
      'log',
    );
    facts = parseLog(log.stdout);
  }

  // Did the approver see every other change? (Is each such commit an ancestor of the approval?)
  const ancestry = new Map<string, boolean>();
  const checks = new Map<string, ApprovalCheck>();
  for (const r of requests) {
    const o = origins.get(r.file)!;
    const approval = approvalCommitOf(r, { origins: o, commits: facts });
    const unseen = new Set<string>();
    if (approval) {
      for (const other of otherCommits(r, o)) {
        const key = `${other} ${approval}`;
        if (!ancestry.has(key)) {
          const res: GitResult = yield { args: ['merge-base', '--is-ancestor', other, approval] };
          if (res.code !== 0 && res.code !== 1) throw new GitFailure(`git merge-base failed: ${res.failure ?? firstLine(res.stderr)}`);
          ancestry.set(key, res.code === 0);
        }
        if (!ancestry.get(key)) unseen.add(other);
      }
    }
    const boundaries = new Set<string>();
    if (shallow) for (const c of blames.get(r.file)?.commits.values() ?? []) if (c.boundary) boundaries.add(c.commit);
    checks.set(r.file, decideApproval(r, { origins: o, commits: facts, shallowBoundaries: boundaries, unseen, signersProblem }));
  }
  return checks;
}

/** For each editor line of `text`: the blamed commit of the committed line it matches, or null. */
function originsOf(text: string, blame: Blame | undefined): (string | null)[] {
  const current = editorLines(text);
  if (!blame) return current.map(() => null);
  const committedText = blame.content.join('\n');
  const committed = gitLines(committedText);
  const byLine = new Map(blame.lines.map((l) => [l.line, l.commit]));
  return mapLines(current, committed).map((i) => (i === null ? null : (byLine.get(i + 1) ?? null)));
}

function must(result: GitResult, what: string): GitResult {
  if (result.code === 0) return result;
  throw new GitFailure(`git ${what} failed: ${result.failure ?? firstLine(result.stderr) ?? `exit ${result.code}`}`);
}

function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((l) => l.trim() !== '' && !l.startsWith('hint:'))
      ?.trim() ?? 'no message'
  );
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}
