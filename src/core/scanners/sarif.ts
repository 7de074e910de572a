// SARIF 2.1.0 from Trivy (`--format sarif`) or Grype (`-o sarif`). SARIF has no fields for
// packages or versions: both scanners write them as `Key: value` lines in the result message
// (Trivy) or the rule's help text (Grype), which is what is read here.
import { severityOfScore } from '../risk/cvss';
import { pickVector } from './cvssPick';
import { asArray, asObject, isoTime, str, type Json } from './json';
import { ScanError, type Finding, type ScanReport, type ScannerName } from './model';
import { severityOf } from './severity';

export function looksLikeSarif(doc: Json): boolean {
  const o = asObject(doc);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a mapping `$schema` reads '[object Object]', which does not match
  return typeof o.version === 'string' && (/sarif/i.test(String(o.$schema ?? '')) || 'runs' in o);
}

export function parseSarif(doc: Json): ScanReport {
  const o = asObject(doc);
  if (o.version !== '2.1.0') throw new ScanError(`SARIF version ${JSON.stringify(o.version)} is not supported: PatchOps reads SARIF 2.1.0`);
  const runs = asArray(o.runs);
  if (runs.length === 0) throw new ScanError('the SARIF file has no runs: there is nothing to import');
  let scanner: ScannerName | undefined;
  let scannedAt: string | undefined;
  let artifact: string | undefined;
  const findings: Finding[] = [];
  for (const runValue of runs) {
    const run = asObject(runValue);
    const driver = asObject(asObject(run.tool).driver);
    const name = str(driver.name) ?? '';
    const runScanner: ScannerName | undefined = /trivy/i.test(name) ? 'trivy' : /grype/i.test(name) ? 'grype' : undefined;
    if (!runScanner)
      throw new ScanError(`SARIF from ${name ? `'${name}'` : 'an unnamed tool'} is not supported: PatchOps reads SARIF written by Trivy or Grype`);
    scanner ??= runScanner;
    for (const inv of asArray(run.invocations)) {
      const i = asObject(inv);
      const at = isoTime(i.startTimeUtc) ?? isoTime(i.endTimeUtc);
      if (at && (!scannedAt || at < scannedAt)) scannedAt = at;
    }
    const rules = asArray(driver.rules).map(asObject);
    const runProps = asObject(run.properties);
    for (const resultValue of asArray(run.results)) {
      const result = asObject(resultValue);
      const rule = ruleOf(result, rules);
      const fields = { ...keyValues(str(asObject(rule.help).text)), ...keyValues(str(asObject(result.message).text)) };
      const props = asObject(rule.properties);
      const id = fields.Vulnerability ?? str(result.ruleId);
      const binary = fields.Package;
      if (!id || !binary) continue;
      const location = asObject(asObject(asArray(result.locations)[0]).physicalLocation);
      const target = str(asObject(location.artifactLocation).uri);
      artifact ??= str(runProps.imageName) ?? target;
      const vectors = ['cvssv3_vector', 'cvssv40_vector', 'cvssv4_vector'].flatMap((k) => (str(props[k]) ? [{ source: 'sarif', vector: str(props[k])! }] : []));
      const fixed = (fields['Fixed Version'] ?? fields['Fix Version'])?.split(',')[0].trim();
      findings.push({
        id,
        title: runScanner === 'trivy' ? str(asObject(rule.shortDescription).text) : undefined,
        package: binary,
        binaryPackage: binary,
        installedVersion: fields['Installed Version'] ?? fields.Version,
        fixedVersion: fixed ? fixed : undefined,
        target,
        cvss: pickVector(vectors),
        severity: severityOf(fields.Severity) ?? severityFromProps(props),
      });
    }
  }
  return { scanner: scanner!, format: 'sarif', scannedAt, artifact, findings };
}

function ruleOf(result: Record<string, Json>, rules: Record<string, Json>[]): Record<string, Json> {
  const index = result.ruleIndex;
  if (typeof index === 'number' && rules[index] && rules[index].id === result.ruleId) return rules[index];
  return rules.find((r) => r.id === result.ruleId) ?? {};
}

/** `Package: x\nInstalled Version: y\nVulnerability CVE-…` → { Package: x, 'Installed Version': y, Vulnerability: CVE-… }. */
function keyValues(text: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of (text ?? '').split('\n')) {
    const kv = /^\s*([A-Za-z][A-Za-z ]*?):\s*(.*?)\s*$/.exec(line);
    if (kv && kv[2] !== '') out[kv[1]] = kv[2];
    const vuln = /^\s*Vulnerability\s+(\S+)\s*$/.exec(line);
    if (vuln) out.Vulnerability = vuln[1];
  }
  return out;
}

function severityFromProps(props: Record<string, Json>): Finding['severity'] {
  for (const tag of asArray(props.tags)) {
    const s = severityOf(tag);
    if (s) return s;
  }
  const score = Number(props['security-severity']);
  return Number.isFinite(score) && score >= 0 && score <= 10 ? severityOfScore(score) : undefined;
}
