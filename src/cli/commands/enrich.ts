// `patchops enrich [DIR] [--kev FILE] [--epss FILE] [--vulnrichment DIR]`: kev, kev_added, kev_due,
// epss, and CISA's SSVC decision points on every plan's vulnerabilities.
import * as fs from 'fs';
import * as path from 'path';
import { parseEpssCsv, type EpssScores } from '../../core/enrich/epss';
import { enrichSummaryText, enrichWorkspace, type EnrichData } from '../../core/enrich/enrichPlans';
import { EnrichError, parseKevCatalog, type KevCatalog } from '../../core/enrich/kev';
import { vulnrichmentData, vulnrichmentIds, vulnrichmentPath } from '../../core/enrich/vulnrichment';
import { UsageError, type EnrichArgs } from '../args';
import type { Io } from '../io';
import { readInputText } from './inputFiles';
import { openWorkspace, writeUnlessDryRun } from './workspace';
import { existingFolder } from './workspaceFolder';

export function runEnrich(args: EnrichArgs, io: Io): number {
  let kev: KevCatalog | undefined;
  if (args.kev !== undefined) kev = parsed('the KEV catalog', args.kev, readInputText('the KEV catalog', args.kev, io), parseKevCatalog);
  let epss: EpssScores | undefined;
  if (args.epss !== undefined) {
    // FIRST publishes the scores gzipped; a plain CSV works too.
    epss = parsed('the EPSS scores', args.epss, readInputText('the EPSS scores', args.epss, io, { gzipped: true }), parseEpssCsv);
  }
  const disk = openWorkspace(args.dir, io);
  const data: EnrichData = { kev, epss };
  if (args.vulnrichment !== undefined) data.vulnrichment = readVulnrichment(args.vulnrichment, vulnrichmentIds(disk.files), io);
  const result = enrichWorkspace(disk.files, data);
  writeUnlessDryRun(args.dryRun, disk.root, result.changes);
  io.stdout.write(enrichSummaryText(result, data, args.dryRun));
  return 0;
}

/** Each CVE's record from the repository's layout (YEAR/NNxxx/CVE-….json): its SSVC facts, or why there are none. */
function readVulnrichment(dir: string, ids: readonly string[], io: Io): NonNullable<EnrichData['vulnrichment']> {
  const root = existingFolder(dir, io, `cannot read Vulnrichment '${dir}': it is not a folder (give a copy of CISA's vulnrichment repository)`);
  const records = new Map<string, string | undefined>();
  for (const id of ids) {
    const file = path.join(root, vulnrichmentPath(id)!);
    records.set(id, fs.existsSync(file) ? readInputText(`the Vulnrichment record of ${id}`, file, io) : undefined);
  }
  return parsed('Vulnrichment', dir, '', () => vulnrichmentData(records));
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
