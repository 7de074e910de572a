// `patchops export FORMAT [DIR]`: effective exceptions for scanners, VEX, and a deadline calendar,
// in one of the registry's formats (src/core/export/index.ts). It runs like validate, status and
// report (evaluated.ts, compute.ts), with the same git review of approvals: an unverified approval
// must never silence a scanner.
import { version } from '../../../package.json';
import { renderExport } from '../../core/export';
import type { Evaluation } from '../../core/model/evaluation';
import type { ExportArgs } from '../args';
import { resultOf, type RunResult } from './output';

export function renderExportResult(args: ExportArgs, evaluation: Evaluation): RunResult {
  const wrote = () => {
    const effective = evaluation.exceptions.filter((e) => e.effective).length;
    return `Wrote ${args.out} (${args.format}: ${effective} effective exception${effective === 1 ? '' : 's'}, ${evaluation.plans.length} plans)\n`;
  };
  return resultOf(args.out, renderExport(args.format, evaluation, { version }), wrote);
}
