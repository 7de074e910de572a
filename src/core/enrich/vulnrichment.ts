// CISA's Vulnrichment records (CVE JSON 5 with the "CISA ADP Vulnrichment" container): the SSVC
// decision points CISA publishes per CVE. Values as CISA writes them vary in case (`None`, `Yes`,
// `PoC`): read case-insensitively. A record without SSVC data says so; nothing is guessed.
import { EnrichError } from './kev';

export interface SsvcFacts {
  exploitation: 'none' | 'poc' | 'active';
  automatable: 'yes' | 'no';
  technical_impact: 'partial' | 'total';
}

/** The SSVC facts, or why there are none (`no SSVC decision points`, `Automatable missing`). */
export type VulnrichmentRecord = { id: string; ssvc: SsvcFacts } | { id: string; missing: string };

const CVE = /^CVE-(\d{4})-(\d{4,})$/;

/** Where the Vulnrichment repository keeps a CVE's record: `2024/21xxx/CVE-2024-21762.json`. */
export function vulnrichmentPath(cveId: string): string | undefined {
  const m = CVE.exec(cveId.trim().toUpperCase());
  if (!m) return undefined;
  return `${m[1]}/${Math.floor(Number(m[2]) / 1000)}xxx/CVE-${m[1]}-${m[2]}.json`;
}

export function parseVulnrichmentRecord(text: string, expectedId: string): VulnrichmentRecord {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new EnrichError(`the Vulnrichment record of ${expectedId} is not valid JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  const record = doc as { cveMetadata?: { cveId?: unknown }; containers?: { adp?: unknown } };
  const id = typeof record?.cveMetadata?.cveId === 'string' ? record.cveMetadata.cveId : expectedId;
  const adp = Array.isArray(record?.containers?.adp) ? (record.containers.adp as { title?: unknown; metrics?: unknown }[]) : [];
  const cisa = adp.find((a) => a?.title === 'CISA ADP Vulnrichment');
  if (!cisa) return { id, missing: 'no "CISA ADP Vulnrichment" container' };
  const metrics = Array.isArray(cisa.metrics) ? (cisa.metrics as { other?: { type?: unknown; content?: { options?: unknown } } }[]) : [];
  const ssvc = metrics.find((m) => m?.other?.type === 'ssvc')?.other?.content;
  if (!ssvc || !Array.isArray(ssvc.options)) return { id, missing: 'no SSVC decision points' };
  const options = new Map<string, string>();
  for (const o of ssvc.options as Record<string, unknown>[]) {
    for (const [k, v] of Object.entries(o ?? {})) if (typeof v === 'string') options.set(k.trim().toLowerCase(), v.trim().toLowerCase());
  }
  const pick = <T extends string>(name: string, allowed: readonly T[]): T | string => {
    const v = options.get(name.toLowerCase());
    if (v === undefined) return `${name} missing`;
    return (allowed as readonly string[]).includes(v) ? v : `${name} \`${v}\` is not one of ${allowed.join(', ')}`;
  };
  const exploitation = pick('Exploitation', ['none', 'poc', 'active'] as const);
  const automatable = pick('Automatable', ['yes', 'no'] as const);
  const technical = pick('Technical Impact', ['partial', 'total'] as const);
  const problem = [exploitation, automatable, technical].find((x) => x.includes(' '));
  if (problem !== undefined) return { id, missing: problem };
  return { id, ssvc: { exploitation, automatable, technical_impact: technical } as SsvcFacts };
}

/** The CVE ids the plans name (upper case, sorted), to read only their records. */
export function vulnrichmentIds(files: readonly { kind?: string; source: { value?: unknown } }[]): string[] {
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
  return [...ids].sort();
}

/**
 * Each CVE's SSVC facts from its record's text (undefined: no record at `vulnrichmentPath`), or why
 * there are none. A record that is not JSON throws EnrichError.
 */
export function vulnrichmentData(records: ReadonlyMap<string, string | undefined>): { facts: Map<string, SsvcFacts>; missing: Map<string, string> } {
  const facts = new Map<string, SsvcFacts>();
  const missing = new Map<string, string>();
  for (const [id, text] of records) {
    if (text === undefined) {
      missing.set(id, `no record (${vulnrichmentPath(id)})`);
      continue;
    }
    const record = parseVulnrichmentRecord(text, id);
    if ('ssvc' in record) facts.set(id, record.ssvc);
    else missing.set(id, record.missing);
  }
  return { facts, missing };
}
