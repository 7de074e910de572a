// `patchops import FILE [DIR]`: a scanner report → draft plans under plans/imported/.
import { parseScanReport } from '../../core/scanners/detect';
import { ImportError, importSummaryText, planImport } from '../../core/scanners/importPlans';
import { ScanError, type ScanFormat } from '../../core/scanners/model';
import { UsageError, type CliArgs } from '../args';
import type { Io } from '../main';
import { inputText, openWorkspace, readInput, resolveAsOf, workspaceZone, writeUnlessDryRun } from './shared';

export function runImport(args: CliArgs, io: Io): number {
  const file = args.file!;
  const text = inputText('the report', file, readInput('the report', file, io));
  let report;
  try {
    report = parseScanReport(text, args.format === 'auto' ? undefined : (args.format as ScanFormat));
  } catch (err) {
    if (err instanceof ScanError) throw new UsageError(`cannot import '${file}': ${err.message}`);
    throw err;
  }
  const disk = openWorkspace(args, io);
  const asOf = resolveAsOf(args.asOf, workspaceZone(disk), io);
  if (args.affects) {
    const groups = new Set(disk.files.filter((f) => f.kind === 'assets').flatMap((f) => f.declaredIds));
    const unknown = args.affects.filter((g) => !groups.has(g));
    if (unknown.length) {
      const known = [...groups].sort();
      throw new UsageError(`--affects: unknown asset group${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: ${known.length ? `the groups are ${known.join(', ')}` : 'no *.assets.yaml declares any'}`);
    }
  }
  let result;
  try {
    result = planImport(report, disk.files, { affects: args.affects, asOf, includeUnfixed: args.includeUnfixed });
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError(`cannot import '${file}': ${err.message}`);
    throw err;
  }
  writeUnlessDryRun(args, disk.root, result.changes);
  io.stdout.write(importSummaryText(result.summary, args.dryRun === true, args.includeUnfixed === true));
  return 0;
}
