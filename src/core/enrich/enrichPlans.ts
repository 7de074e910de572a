// Sets kev / kev_added / kev_due (CISA KEV), epss (FIRST EPSS) and exploitation / automatable /
// technical_impact (CISA Vulnrichment SSVC) on the vulnerabilities of every plan, with
// minimal text edits: a changed value's node is replaced, a missing field is a new line after
// the vulnerability's last line (or `, key: value` in a flow mapping). Comments stay; only changed
// lines change. Pure: files in, whole-file contents out.
import { isMap, isScalar, isSeq } from 'yaml';
import { applyEdits, parseForEdit, setMapFields, type Scalar, type TextEdit } from '../scanners/yamlText';
import type { EpssScores } from './epss';
import type { KevCatalog } from './kev';
import type { SsvcFacts } from './vulnrichment';
import type { LoadedFile } from '../model/workspace';

export interface EnrichData {
  kev?: KevCatalog;
  epss?: EpssScores;
  /** CISA Vulnrichment: SSVC facts by upper-case CVE id, and the CVEs whose record gave none, with why. */
  vulnrichment?: { facts: ReadonlyMap<string, SsvcFacts>; missing: ReadonlyMap<string, string> };
}

export interface FieldChange {
  vulnerability: string;
  field: 'kev' | 'kev_added' | 'kev_due' | 'epss' | 'exploitation' | 'automatable' | 'technical_impact';
  from: Scalar | null;
  to: Scalar;
}

export interface EnrichedFile {
  file: string;
  before: string;
  after: string;
  changes: FieldChange[];
}

export interface EnrichResult {
  /** Only files that change. */
  changes: EnrichedFile[];
  /** Plan files left alone because they do not parse. */
  skipped: { file: string; reason: string }[];
  plansChecked: number;
  vulnerabilitiesChecked: number;
}

/** The new text of one plan file, and what changed in it. */
export function enrichPlanText(text: string, data: EnrichData): { after: string; changes: FieldChange[] } {
  const doc = parseForEdit(text);
  if (doc.errors.length) throw new Error(doc.errors[0].message.split('\n')[0]);
  const seq = doc.get('vulnerabilities', true);
  const edits: TextEdit[] = [];
  const changes: FieldChange[] = [];
  if (!isSeq(seq)) return { after: text, changes };
  for (const item of seq.items) {
    if (!isMap(item)) continue;
    const map = item;
    const idNode = map.get('id', true);
    if (!isScalar(idNode) || typeof idNode.value !== 'string') continue;
    const id = idNode.value;
    const wanted: [FieldChange['field'], Scalar][] = [];
    const kev = data.kev?.entries.get(id.trim().toUpperCase());
    if (kev) {
      wanted.push(['kev', true]);
      if (kev.dateAdded) wanted.push(['kev_added', kev.dateAdded]);
      if (kev.dueDate) wanted.push(['kev_due', kev.dueDate]);
    }
    const ssvc = data.vulnrichment?.facts.get(id.trim().toUpperCase());
    if (ssvc) wanted.push(['exploitation', ssvc.exploitation], ['automatable', ssvc.automatable], ['technical_impact', ssvc.technical_impact]);
    const epss = data.epss?.scores.get(id.trim().toUpperCase());
    if (epss !== undefined) wanted.push(['epss', epss]);
    const differing = wanted.filter(([field, value]) => {
      const node = map.get(field, true);
      return !(isScalar(node) && node.value === value);
    });
    if (differing.length === 0) continue;
    for (const [field, to] of differing) {
      const node = map.get(field, true);
      changes.push({ vulnerability: id, field, from: isScalar(node) ? (node.value as Scalar) : null, to });
    }
    edits.push(...setMapFields(text, map, differing));
  }
  return { after: applyEdits(text, edits), changes };
}

export function enrichWorkspace(files: readonly LoadedFile[], data: EnrichData): EnrichResult {
  const result: EnrichResult = { changes: [], skipped: [], plansChecked: 0, vulnerabilitiesChecked: 0 };
  for (const f of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    if (f.kind !== 'plan') continue;
    const text = f.source.text;
    if (f.source.value === undefined || f.source.problems.some((p) => p.severity === 'error')) {
      result.skipped.push({ file: f.file, reason: 'it does not parse (fix it, then enrich again)' });
      continue;
    }
    result.plansChecked++;
    const vulns = (f.source.value as { vulnerabilities?: unknown }).vulnerabilities;
    if (Array.isArray(vulns)) result.vulnerabilitiesChecked += vulns.length;
    try {
      const { after, changes } = enrichPlanText(text, data);
      if (changes.length) result.changes.push({ file: f.file, before: text, after, changes });
    } catch (err) {
      result.skipped.push({ file: f.file, reason: (err as Error).message });
    }
  }
  return result;
}

export function enrichSummaryText(result: EnrichResult, data: EnrichData, dryRun: boolean): string {
  const out: string[] = [];
  // eslint-disable-next-line no-control-regex
  const clean = (t: string) => t.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const epss = data.epss ? `, EPSS ${data.epss.scores.size} scores${data.epss.scoreDate ? ` of ${data.epss.scoreDate}` : ''}` : '';
  const sources = [
    ...(data.kev ? [`KEV catalog ${data.kev.version ?? '(no version)'} with ${data.kev.entries.size} entries`] : []),
    ...(data.epss ? [epss.slice(2)] : []),
    ...(data.vulnrichment ? [`Vulnrichment SSVC for ${data.vulnrichment.facts.size} CVEs`] : []),
  ];
  out.push(`${sources.join(', ')}: ${result.plansChecked} plans, ${result.vulnerabilitiesChecked} vulnerabilities checked`);
  for (const f of result.changes) {
    out.push(`  ${dryRun ? 'would change' : 'changed'} ${f.file}`);
    for (const c of f.changes) out.push(`    ${clean(c.vulnerability)}: ${c.field} ${c.from === null ? '' : `${String(c.from)} → `}${String(c.to)}`);
  }
  for (const s of result.skipped) out.push(`  skipped ${s.file}: ${s.reason}`);
  // Reported, not guessed: the plan keeps what it had, and the models assume the worst for it.
  for (const [id, why] of [...(data.vulnrichment?.missing ?? [])].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    out.push(`  no SSVC data for ${clean(id)}: ${clean(why)}`);
  }
  if (result.changes.length === 0) out.push('  nothing to change');
  if (dryRun) out.push('Dry run: nothing was written.');
  return out.join('\n') + '\n';
}
