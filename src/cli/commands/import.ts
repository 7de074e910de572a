// `patchops import FILE [DIR]`: a scanner report → draft plans under plans/imported/.
import { parseScanReport } from '../../core/scanners/detect';
import { ImportError, importSummaryText, planImport } from '../../core/scanners/importPlans';
import { ScanError } from '../../core/scanners/model';
import { UsageError, type ImportArgs } from '../args';
import type { Io } from '../io';
import { readInputText } from './inputFiles';
import { openWorkspace, resolveAsOf, workspaceZone, writeUnlessDryRun } from './workspace';

export function runImport(args: ImportArgs, io: Io): number {
  const { file } = args;
  const text = readInputText('the report', file, io);
  let report;
  try {
    report = parseScanReport(text, args.format === 'auto' ? undefined : args.format);
  } catch (err) {
    if (err instanceof ScanError) throw new UsageError(`cannot import '${file}': ${err.message}`);
    throw err;
  }
  const disk = openWorkspace(args.dir, io);
  const asOf = resolveAsOf(args.asOf, workspaceZone(disk), io);
  const groups = new Set(disk.files.filter((f) => f.kind === 'assets').flatMap((f) => f.declaredIds));
  const unknown = args.affects.filter((g) => !groups.has(g));
  if (unknown.length) {
    const known = [...groups].sort();
    throw new UsageError(
      `--affects: unknown asset group${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}: ${known.length ? `the groups are ${known.join(', ')}` : 'no *.assets.yaml declares any'}`,
    );
  }
  let result;
  try {
    result = planImport(report, disk.files, { affects: args.affects, asOf, includeUnfixed: args.includeUnfixed });
  } catch (err) {
    if (err instanceof ImportError) throw new UsageError(`cannot import '${file}': ${err.message}`);
    throw err;
  }
  writeUnlessDryRun(args.dryRun, disk.root, result.changes);
  io.stdout.write(importSummaryText(result.summary, args.dryRun, args.includeUnfixed));
  return 0;
}
