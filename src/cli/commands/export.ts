// `patchops export FORMAT [DIR]`: effective exceptions for scanners, VEX, and a deadline calendar.
// It runs like validate/status/report (evaluated.ts), with the same git review of approvals: an
// unverified approval must never silence a scanner.
import { version } from '../../../package.json';
import { renderExport, type ExportFormat } from '../../core/export';
import type { Evaluation } from '../../core/model/evaluation';
import type { CliArgs } from '../args';
import { resultOf, type RunResult } from './evaluated';

export function renderExportResult(args: CliArgs, evaluation: Evaluation): RunResult {
  const wrote = () => {
    const effective = evaluation.exceptions.filter((e) => e.effective).length;
    return `Wrote ${args.out} (${args.format}: ${effective} effective exception${effective === 1 ? '' : 's'}, ${evaluation.plans.length} plans)\n`;
  };
  return resultOf(args, renderExport(args.format as ExportFormat, evaluation, { version }), wrote);
}
