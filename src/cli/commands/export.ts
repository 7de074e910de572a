// `patchops export FORMAT [DIR]`: effective exceptions for scanners, VEX, and a deadline calendar.
import * as path from 'path';
import { version } from '../../../package.json';
import { evaluate } from '../../core/evaluate';
import { renderExport, type ExportFormat } from '../../core/export';
import { assembleModel } from '../../core/workspace/load';
import { verifyApprovalsSync } from '../../node/approvals';
import { writeFileAtomic } from '../../node/atomicWrite';
import { UsageError, type CliArgs } from '../args';
import type { Io } from '../main';
import { openWorkspace, resolveAsOf, workspaceZone } from './shared';

export function runExport(args: CliArgs, io: Io): number {
  const disk = openWorkspace(args, io);
  const model = assembleModel(disk.files);
  const asOf = resolveAsOf(args.asOf, workspaceZone(disk), io);
  // The same git review of approvals as validate/status/report: an unverified approval must
  // never silence a scanner.
  const signers = io.env.PATCHOPS_ALLOWED_SIGNERS;
  const approvals = verifyApprovalsSync(disk.root, model, { trusted: true, env: { ...process.env, ...io.env }, allowedSigners: signers ? path.resolve(io.cwd, signers) : undefined });
  const evaluation = evaluate(model, { asOf, approvals });
  const output = renderExport(args.format as ExportFormat, evaluation, { version });
  if (args.out === undefined) {
    io.stdout.write(output);
    return 0;
  }
  try {
    writeFileAtomic(path.resolve(io.cwd, args.out), output);
  } catch (err) {
    throw new UsageError(`cannot write '${args.out}': ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  const effective = evaluation.exceptions.filter((e) => e.effective).length;
  io.stdout.write(`Wrote ${args.out} (${args.format}: ${effective} effective exception${effective === 1 ? '' : 's'}, ${evaluation.plans.length} plans)\n`);
  return 0;
}
