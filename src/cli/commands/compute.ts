// What validate, status, report and export compute: parse the workspace read by evaluated.ts,
// review approvals with git (docs/git-review.md; git runs only when a policy requires it),
// evaluate as of --as-of, and render what the command prints (validate.ts, status.ts, report.ts,
// export.ts). Every number comes from the core.
import * as path from 'path';
import { approvalRequests, gitReviewRequired } from '../../core/approvals/requests';
import { evaluate } from '../../core/evaluate';
import type { Evaluation } from '../../core/model/evaluation';
import { assembleModel } from '../../core/workspace/load';
import { verifyApprovalsSync } from '../../node/approvals';
import { COLLECT_FROM_BYTES, collectGarbage } from '../../node/collectGarbage';
import { defaultJobs } from '../../node/parsePool';
import { withSmallYoungGeneration } from '../../node/youngGeneration';
import type { ListedWorkspace, RawWorkspace } from '../../node/workspaceBytes';
import { loadWorkspace } from '../../node/workspaceFiles';
import type { EvaluatedArgs } from '../args';
import type { OpenCache } from '../cache';
import type { Io } from '../io';
import { renderExportResult } from './export';
import type { RunResult } from './output';
import { renderReportResult } from './report';
import { renderStatus } from './status';
import { renderValidate, type ValidateContext } from './validate';
import { resolveAsOf, workspaceZone } from './workspace';

/**
 * The result, and (with --cache) what stores it once it has been emitted. Consumes the bytes of a
 * workspace read already. `jobs`: threads that load the files (PATCHOPS_JOBS); undefined: the
 * default for the workspace's size.
 */
export function computeResult(
  args: EvaluatedArgs,
  io: Io,
  workspace: RawWorkspace | ListedWorkspace,
  cache: OpenCache | undefined,
  jobs?: number,
): { result: RunResult; store?: () => void } {
  // Loading and evaluating keep what they make: a small young generation (youngGeneration.ts).
  // A report or an export then makes and drops many strings, faster with room to do it in
  // (validate and status keep it small throughout: evaluated.ts).
  const { disk, evaluation, review, approvals } = withSmallYoungGeneration(() => {
    const disk = loadWorkspace(workspace, jobs ?? defaultJobs(workspace.files.length));
    if (!('unread' in workspace)) releaseBytes(workspace);
    const model = { ...assembleModel(disk.files), misnamed: disk.misnamed };
    const asOf = resolveAsOf(args.asOf, workspaceZone(disk), io);
    const review = cache?.beforeReview(gitReviewRequired(model) ? approvalRequests(model) : []);
    const signers = io.env.PATCHOPS_ALLOWED_SIGNERS;
    const approvals = verifyApprovalsSync(disk.root, model, {
      trusted: true,
      env: { ...process.env, ...io.env },
      allowedSigners: signers ? path.resolve(io.cwd, signers) : undefined,
    });
    return { disk, evaluation: evaluate(model, { asOf, approvals }), review, approvals };
  });
  const fileCount = disk.files.length + disk.misnamed.length; // the files read, and those warned about as misnamed
  const result = render(args, evaluation, { fileCount, root: disk.root }, io);
  return { result, store: review && (() => review.store(result, approvals)) };
}

/**
 * Parsed: the bytes (38 MB at 10,000 files) need not stay for the evaluation, and are freed now,
 * not at a full collection a short run may never reach (collectGarbage.ts). A function of its
 * own, and the sum in another: a frame still running may hold the list in a register, which would
 * keep every file's bytes alive through the collection.
 */
function releaseBytes(raw: RawWorkspace): void {
  const bytes = bytesOf(raw);
  raw.files = [];
  raw.candidates = [];
  if (bytes >= COLLECT_FROM_BYTES) collectGarbage();
}

function bytesOf(raw: RawWorkspace): number {
  let sum = 0;
  for (const f of raw.files) sum += f.bytes?.length ?? 0;
  for (const f of raw.candidates) sum += f.bytes?.length ?? 0;
  return sum;
}

function render(args: EvaluatedArgs, evaluation: Evaluation, context: ValidateContext, io: Io): RunResult {
  switch (args.command) {
    case 'validate':
      return renderValidate(args, evaluation, context, io);
    case 'status':
      return renderStatus(args, evaluation, io);
    case 'report':
      return renderReportResult(args, evaluation, { root: context.root, io });
    case 'export':
      return renderExportResult(args, evaluation);
  }
}
