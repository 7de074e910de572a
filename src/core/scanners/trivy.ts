// Trivy JSON reports (SchemaVersion 2): Results[].Vulnerabilities[].
import { pickVector, type VectorCandidate } from './cvssPick';
import { asArray, asObject, isoTime, str, type Json } from './json';
import { ScanError, type Finding, type ScanReport } from './model';
import { severityOf } from './severity';

export function looksLikeTrivy(doc: Json): boolean {
  const o = asObject(doc);
  return 'SchemaVersion' in o && ('Results' in o || 'ArtifactName' in o);
}

export function parseTrivy(doc: Json): ScanReport {
  const o = asObject(doc);
  if (o.SchemaVersion !== 2) {
    throw new ScanError(`Trivy report SchemaVersion ${JSON.stringify(o.SchemaVersion)} is not supported: PatchOps reads SchemaVersion 2 (trivy --format json)`);
  }
  if (o.Results !== undefined && !Array.isArray(o.Results)) throw new ScanError('Trivy report: `Results` is not a list');
  const findings: Finding[] = [];
  for (const result of asArray(o.Results)) {
    const r = asObject(result);
    const target = str(r.Target);
    for (const item of asArray(r.Vulnerabilities)) {
      const v = asObject(item);
      const id = str(v.VulnerabilityID);
      const binary = str(v.PkgName);
      if (!id || !binary) continue;
      findings.push({
        id,
        title: str(v.Title),
        package: str(v.SrcName) ?? binary,
        binaryPackage: binary,
        installedVersion: str(v.SrcName) ? (str(v.SrcVersion) ?? str(v.InstalledVersion)) : str(v.InstalledVersion),
        fixedVersion: str(v.FixedVersion),
        target,
        cvss: pickVector(trivyVectors(v.CVSS), str(v.SeveritySource)),
        severity: severityOf(v.Severity),
        published: isoTime(v.PublishedDate),
      });
    }
  }
  return { scanner: 'trivy', format: 'trivy', scannedAt: isoTime(o.CreatedAt), artifact: str(o.ArtifactName), findings };
}

/** `CVSS: { nvd: { V3Vector, V40Vector, V2Vector }, redhat: {…} }` → candidates (V2 left out). */
function trivyVectors(cvss: Json): VectorCandidate[] {
  const out: VectorCandidate[] = [];
  for (const [source, entry] of Object.entries(asObject(cvss))) {
    const e = asObject(entry);
    for (const key of ['V3Vector', 'V40Vector', 'V4Vector']) {
      const vector = str(e[key]);
      if (vector) out.push({ source, vector });
    }
  }
  return out;
}
