// `patchops enrich [DIR] --kev FILE [--epss FILE]`: kev, kev_due and epss on every plan's vulnerabilities.
import { gunzipSync } from 'zlib';
import { parseEpssCsv, type EpssScores } from '../../core/enrich/epss';
import { enrichSummaryText, enrichWorkspace } from '../../core/enrich/enrichPlans';
import { EnrichError, parseKevCatalog } from '../../core/enrich/kev';
import { UsageError, type CliArgs } from '../args';
import type { Io } from '../main';
import { inputText, openWorkspace, readInput, writeUnlessDryRun } from './shared';

export function runEnrich(args: CliArgs, io: Io): number {
  const kevFile = args.kev!;
  let kev;
  try {
    kev = parseKevCatalog(inputText('the KEV catalog', kevFile, readInput('the KEV catalog', kevFile, io)));
  } catch (err) {
    if (err instanceof EnrichError) throw new UsageError(`cannot read the KEV catalog '${kevFile}': ${err.message}`);
    throw err;
  }
  let epss: EpssScores | undefined;
  if (args.epss !== undefined) {
    const epssFile = args.epss;
    let bytes: Uint8Array = readInput('the EPSS scores', epssFile, io);
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      try {
        bytes = gunzipSync(bytes, { maxOutputLength: 1024 * 1024 * 1024 });
      } catch (err) {
        throw new UsageError(`cannot read the EPSS scores '${epssFile}': the gzip data is damaged (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
      }
    }
    try {
      epss = parseEpssCsv(inputText('the EPSS scores', epssFile, bytes));
    } catch (err) {
      if (err instanceof EnrichError) throw new UsageError(`cannot read the EPSS scores '${epssFile}': ${err.message}`);
      throw err;
    }
  }
  const disk = openWorkspace(args, io);
  const data = { kev, epss };
  const result = enrichWorkspace(disk.files, data);
  writeUnlessDryRun(args, disk.root, result.changes);
  io.stdout.write(enrichSummaryText(result, data, args.dryRun === true));
  return 0;
}
