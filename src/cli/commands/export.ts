// `patchops export FORMAT [DIR]`: effective exceptions for scanners, VEX, and a deadline calendar.
import { version } from '../../../package.json';
import { renderExport, type ExportFormat } from '../../core/export';
import type { CliArgs } from '../args';
import type { Io } from '../main';
import { evaluateWorkspace, writeOutput } from './shared';

export function runExport(args: CliArgs, io: Io): number {
  // The same git review of approvals as validate/status/report: an unverified approval must
  // never silence a scanner.
  const { evaluation } = evaluateWorkspace(args, io);
  if (writeOutput(args, io, renderExport(args.format as ExportFormat, evaluation, { version }))) {
    const effective = evaluation.exceptions.filter((e) => e.effective).length;
    io.stdout.write(`Wrote ${args.out} (${args.format}: ${effective} effective exception${effective === 1 ? '' : 's'}, ${evaluation.plans.length} plans)\n`);
  }
  return 0;
}
