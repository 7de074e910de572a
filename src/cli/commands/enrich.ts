// `patchops enrich [DIR] [--kev FILE] [--epss FILE] [--vulnrichment DIR]`: kev, kev_added, kev_due,
// epss, and CISA's SSVC decision points on every plan's vulnerabilities.
import * as fs from 'fs';
import * as path from 'path';
import { parseEpssCsv, type EpssScores } from '../../core/enrich/epss';
import { enrichSummaryText, enrichWorkspace, type EnrichData } from '../../core/enrich/enrichPlans';
import { EnrichError, parseKevCatalog, type KevCatalog } from '../../core/enrich/kev';
import { parseVulnrichmentRecord, vulnrichmentPath, type SsvcFacts } from '../../core/enrich/vulnrichment';
import type { LoadedFile } from '../../core/model/workspace';
import { UsageError, type EnrichArgs } from '../args';
import type { Io } from '../io';
import { readInputText } from './inputFiles';
import { openWorkspace, writeUnlessDryRun } from './workspace';

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
  if (args.vulnrichment !== undefined) data.vulnrichment = readVulnrichment(args.vulnrichment, cveIds(disk.files), io);
  const result = enrichWorkspace(disk.files, data);
  writeUnlessDryRun(args.dryRun, disk.root, result.changes);
  io.stdout.write(enrichSummaryText(result, data, args.dryRun));
  return 0;
}

/** The CVE ids the plans name (upper case), to read only their records. */
function cveIds(files: readonly LoadedFile[]): Set<string> {
  const ids = new Set<string>();
  for (const f of files) {
    if (f.kind !== 'plan') continue;
    const vulns = (f.source.value as { vulnerabilities?: unknown } | undefined)?.vulnerabilities;
    if (!Array.isArray(vulns)) continue;
    for (const v of vulns) {
      const id = (v as { id?: unknown })?.id;
      if (typeof id === 'string' && vulnrichmentPath(id) !== undefined) ids.add(id.trim().toUpperCase());
    }
  }
  return ids;
}

/** Each CVE's record from the repository's layout (YEAR/NNxxx/CVE-….json): its SSVC facts, or why there are none. */
function readVulnrichment(dir: string, ids: ReadonlySet<string>, io: Io): NonNullable<EnrichData['vulnrichment']> {
  const root = path.resolve(io.cwd, dir);
  let isDir = false;
  try {
    isDir = fs.statSync(root).isDirectory();
  } catch {
    isDir = false;
  }
  if (!isDir) throw new UsageError(`cannot read Vulnrichment '${dir}': it is not a folder (give a copy of CISA's vulnrichment repository)`);
  const facts = new Map<string, SsvcFacts>();
  const missing = new Map<string, string>();
  for (const id of [...ids].sort()) {
    const rel = vulnrichmentPath(id)!;
    const file = path.join(root, rel);
    if (!fs.existsSync(file)) {
      missing.set(id, `no record (${rel})`);
      continue;
    }
    const record = parsed(`the Vulnrichment record of ${id}`, path.join(dir, rel), readInputText(`the Vulnrichment record of ${id}`, file, io), (t) => parseVulnrichmentRecord(t, id));
    if ('ssvc' in record) facts.set(id, record.ssvc);
    else missing.set(id, record.missing);
  }
  return { facts, missing };
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
