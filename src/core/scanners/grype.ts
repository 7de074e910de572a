// Grype JSON reports: matches[] of { vulnerability, relatedVulnerabilities, matchDetails, artifact }.
import { pickVector, type VectorCandidate } from './cvssPick';
import { asArray, asObject, isoTime, num, str, type Json } from './json';
import { ScanError, type Finding, type ScanReport } from './model';
import { severityOf } from './severity';

export function looksLikeGrype(doc: Json): boolean {
  const o = asObject(doc);
  return 'matches' in o && ('descriptor' in o || 'source' in o);
}

export function parseGrype(doc: Json): ScanReport {
  const o = asObject(doc);
  if (!Array.isArray(o.matches)) throw new ScanError('Grype report: `matches` is not a list');
  const findings: Finding[] = [];
  for (const match of o.matches) {
    const m = asObject(match);
    const v = asObject(m.vulnerability);
    const a = asObject(m.artifact);
    const id = str(v.id);
    const binary = str(a.name);
    if (!id || !binary) continue;
    const upstream = asObject(asArray(a.upstreams)[0]);
    const candidates: VectorCandidate[] = [...grypeVectors(v.cvss)];
    for (const related of asArray(m.relatedVulnerabilities)) candidates.push(...grypeVectors(asObject(related).cvss));
    const epss = num(asObject(asArray(v.epss)[0]).epss);
    findings.push({
      id,
      package: str(upstream.name) ?? binary,
      binaryPackage: binary,
      installedVersion: str(a.version),
      fixedVersion: fixedVersionOf(m),
      target: str(asObject(asArray(a.locations)[0]).path),
      cvss: pickVector(candidates),
      severity: severityOf(v.severity),
      kev: asArray(v.knownExploited).length > 0 ? true : undefined,
      epss: epss !== undefined && epss >= 0 && epss <= 1 ? epss : undefined,
    });
  }
  const source = asObject(o.source);
  const target = source.target;
  const artifact = typeof target === 'string' ? str(target) : (str(asObject(target).userInput) ?? str(asObject(target).name));
  return { scanner: 'grype', format: 'grype', scannedAt: isoTime(asObject(o.descriptor).timestamp), artifact, findings };
}

/** Grype's suggested version (the lowest that fixes the installed one), else the first it lists. */
function fixedVersionOf(m: Record<string, Json>): string | undefined {
  const fix = asObject(asObject(m.vulnerability).fix);
  const versions = asArray(fix.versions)
    .map(str)
    .filter((s): s is string => s !== undefined);
  if (fix.state !== 'fixed' || versions.length === 0) return undefined;
  for (const detail of asArray(m.matchDetails)) {
    const suggested = str(asObject(asObject(detail).fix).suggestedVersion);
    if (suggested) return suggested;
  }
  return versions[0];
}

function grypeVectors(cvss: Json): VectorCandidate[] {
  return asArray(cvss).flatMap((entry) => {
    const e = asObject(entry);
    const vector = str(e.vector);
    return vector && vector.startsWith('CVSS:') ? [{ source: str(e.source) ?? '', vector }] : [];
  });
}
