// `--cache`: validate, status, report and export print a pure function of their inputs, so an
// identical earlier run's result (stdout, stderr, exit code, the --out file) can be replayed
// without parsing anything. The key is a SHA-256 over all of those inputs:
//
// - the PatchOps version and a hash of the running program (and Node.js/ICU/tz data versions);
// - the command and its options: format, --fail-on, --as-of as given (a date without an offset
//   is read in the workspace's time zone, which is in patchops.yaml, hashed below), --out as given
//   and resolved, whether stdout gets colour, the workspace's folder, TZ; for SARIF, the
//   workspace's path in its git repository (its paths start there);
// - every workspace file's path and the SHA-256 of its bytes (or why it could not be read);
// - when a policy requires git review and some exception is approved: the git state the
//   verifier reads (src/node/gitState.ts), checked again on every hit.
//
// Not cached (the run computes as usual): a run without --as-of (it is "now", never the same
// twice); a run where some approval needs a signature check (keyrings, allowed signers and key
// expiry against the real clock cannot be fingerprinted cheaply); a run where git failed or the
// history is shallow; exit code 2. A cache that cannot be read is a miss; one that cannot be
// written is a warning.
import * as path from 'path';
import { version } from '../../package.json';
import type { ApprovalChecks } from '../core/approvals/approvalCheck';
import type { ApprovalRequest } from '../core/approvals/requests';
import { writeErrorText } from '../node/atomicWrite';
import { gitStateFingerprint } from '../node/gitState';
import { pathInRepository } from '../node/repoRoot';
import { cacheFileFor, programDigest, readCacheEntry, sha256Hex, workspaceDigest, writeCacheEntry, type CachedResult } from '../node/resultCache';
import type { RawWorkspace } from '../node/workspaceBytes';
import type { EvaluatedArgs } from './args';
import type { Io } from './io';
import { styleFor } from './terminal';

export interface OpenCache {
  /** The stored result for exactly these inputs, or undefined. */
  lookup(): CachedResult | undefined;
  /**
   * Before git review runs, with what it will check (none when no policy requires it): notes what
   * the result will depend on; `store` keeps the result if it can be trusted to repeat.
   */
  beforeReview(requests: readonly ApprovalRequest[]): { store(result: CachedResult, approvals: ApprovalChecks): void };
}

/** The cache for this run, or undefined when the run cannot be cached (then it says why only if that is a problem). */
export function openCache(args: EvaluatedArgs, io: Io, raw: RawWorkspace): OpenCache | undefined {
  if (args.asOf === undefined || raw.realRoot === undefined) return undefined;
  const location = args.cache?.location;
  const where = cacheFileFor(location !== undefined ? path.resolve(io.cwd, location) : undefined, raw.realRoot, io.env);
  if ('problem' in where) {
    warn(io, `not caching: ${where.problem}`);
    return undefined;
  }
  const file = where.file;
  const outArg = args.command === 'report' || args.command === 'export' ? args.out : undefined;
  const out = outArg !== undefined ? path.resolve(io.cwd, outArg) : null;
  const colour = styleFor(io.stdout, io.env).red('') !== '';
  const failOn = args.command === 'validate' ? args.failOn : null;
  const explain = args.command === 'status' && args.explain;
  const view = args.command === 'status' ? [args.filter ?? null, args.sort ?? null] : null;
  const summary = args.command === 'report' && args.summary === true;
  const slot = sha256Hex(JSON.stringify(['slot', raw.realRoot, args.command, args.format, outArg ?? null, out, colour, failOn, explain, view, summary]));
  const key = sha256Hex(
    JSON.stringify([
      'patchops --cache 1',
      version,
      io.programDigest ?? programDigest(),
      slot,
      args.asOf,
      path.resolve(io.cwd, args.dir),
      io.env.TZ ?? null,
      workspaceDigest(raw),
      // SARIF paths start from the repository root: where the workspace sits in a repository.
      args.format === 'sarif' ? (pathInRepository(raw.realRoot) ?? null) : null,
    ]),
  );
  const root = raw.root;
  const gitEnv = { ...process.env, ...io.env };
  return {
    lookup() {
      const entry = readCacheEntry(file, slot);
      if (!entry || entry.key !== key) return undefined;
      if (entry.git !== undefined && entry.git !== gitStateFingerprint(root, gitEnv)) return undefined;
      return entry.result;
    },
    beforeReview(requests) {
      // Signature checks depend on keyrings and the clock: such a run is never stored.
      const cacheable = !requests.some((r) => r.requireSigned);
      const before = cacheable && requests.length > 0 ? gitStateFingerprint(root, gitEnv) : undefined;
      return {
        store(result, approvals) {
          if (!cacheable || (requests.length > 0 && before === undefined)) return;
          if (result.code !== 0 && result.code !== 1) return;
          // A git failure (a timeout, a broken repository) may not happen next time.
          if ([...approvals.values()].some((c) => c.state === 'unverified' && c.reason?.startsWith('git '))) return;
          // The state may have moved while git answered: only a result on one stable state is kept.
          if (requests.length > 0 && gitStateFingerprint(root, gitEnv) !== before) return;
          // A text that UTF-8 cannot carry exactly would not be replayed byte for byte.
          if (![result.stdout, result.stderr, result.file ?? ''].every(wellFormed)) return;
          try {
            writeCacheEntry(file, { slot, key, ...(before !== undefined ? { git: before } : {}), result });
          } catch (err) {
            warn(io, `cannot write the cache ${file}: ${writeErrorText(err)}`);
          }
        },
      };
    },
  };
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function wellFormed(text: string): boolean {
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  return native ? native.call(text) : !LONE_SURROGATE.test(text);
}

function warn(io: Io, message: string): void {
  io.stderr.write(`patchops: warning: ${message}\n`);
}
