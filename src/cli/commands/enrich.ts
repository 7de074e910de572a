// `patchops enrich [DIR] --kev FILE [--epss FILE]`: kev, kev_due and epss on every plan's vulnerabilities.
import { parseEpssCsv, type EpssScores } from '../../core/enrich/epss';
import { enrichSummaryText, enrichWorkspace } from '../../core/enrich/enrichPlans';
import { EnrichError, parseKevCatalog } from '../../core/enrich/kev';
import { UsageError, type EnrichArgs } from '../args';
import type { Io } from '../io';
import { readInputText } from './inputFiles';
import { openWorkspace, writeUnlessDryRun } from './workspace';

export function runEnrich(args: EnrichArgs, io: Io): number {
  const kev = parsed('the KEV catalog', args.kev, readInputText('the KEV catalog', args.kev, io), parseKevCatalog);
  let epss: EpssScores | undefined;
  if (args.epss !== undefined) {
    // FIRST publishes the scores gzipped; a plain CSV works too.
    epss = parsed('the EPSS scores', args.epss, readInputText('the EPSS scores', args.epss, io, { gzipped: true }), parseEpssCsv);
  }
  const disk = openWorkspace(args.dir, io);
  const data = { kev, epss };
  const result = enrichWorkspace(disk.files, data);
  writeUnlessDryRun(args.dryRun, disk.root, result.changes);
  io.stdout.write(enrichSummaryText(result, data, args.dryRun));
  return 0;
}

/** A catalog's parse; what it cannot read is one usage line naming the file. */
function parsed<T>(what: string, file: string, text: string, parse: (text: string) => T): T {
  try {
    return parse(text);
  } catch (err) {
    if (err instanceof EnrichError) throw new UsageError(`cannot read ${what} '${file}': ${err.message}`);
    throw err;
  }
}
