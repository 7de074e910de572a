/**
 * CVSS base scores and severity bands (docs/rules.md#severity).
 *
 * Scoring is done by ae-cvss-calculator; the vector is checked here first because the library is
 * lenient in ways that would hide mistakes: it strips any `CVSS:x.y` prefix, logs and skips
 * malformed parts, accepts long metric names, treats missing base metrics as "not defined" and
 * lets a repeated metric silently override the first. So: every part must be a known short metric
 * name with a valid value, each metric once, all base metrics present. Metrics may come in any
 * order. Temporal/threat, environmental and supplemental metrics are checked but do not change
 * the result: the score is the base score (for v4.0, CVSS-B).
 */
import { Cvss3P0, Cvss3P1, Cvss4P0 } from 'ae-cvss-calculator';

export type SeverityBand = 'critical' | 'high' | 'medium' | 'low' | 'none';
export type CvssVersion = '3.0' | '3.1' | '4.0';
export type CvssResult = { ok: true; version: CvssVersion; score: number; severity: SeverityBand } | { ok: false; message: string };

/** Qualitative rating of a 0.0–10.0 score (CVSS v3.1 §5 / v4.0): None, Low, Medium, High, Critical. */
export function severityOfScore(score: number): SeverityBand {
  if (!Number.isFinite(score) || score < 0 || score > 10) {
    throw new RangeError(`severityOfScore: ${score} is not a CVSS score (0.0–10.0)`);
  }
  if (score >= 9) return 'critical';
  if (score >= 7) return 'high';
  if (score >= 4) return 'medium';
  if (score > 0) return 'low';
  return 'none';
}

// The same vectors repeat across thousands of plans; distinct ones are few.
const memo = new Map<string, CvssResult>();
const MAX_MEMO = 10_000;

/** Base score, version and severity band of a CVSS 3.0, 3.1 or 4.0 vector string. */
export function scoreCvss(vector: string): CvssResult {
  let result = memo.get(vector);
  if (result === undefined) {
    if (memo.size >= MAX_MEMO) memo.clear();
    result = computeScore(vector);
    memo.set(vector, result);
  }
  return result;
}

/** The same, computed anew: what the memo must agree with (the tests compare the two on real vectors). */
export function scoreCvssAnew(vector: string): CvssResult {
  return computeScore(vector);
}

// ---------------------------------------------------------------------------------------------

type Registry = ReturnType<Cvss3P1['getRegisteredComponents']>;
type Component = Registry extends Map<unknown, (infer C)[]> ? C : never;
type ComponentValue = Component['values'][number];
/** What this module uses of the library's vector classes (Cvss3P0, Cvss3P1, Cvss4P0). */
interface Scorer {
  getRegisteredComponents(): Registry;
  applyComponent(component: Component, value: ComponentValue, notifyListeners?: boolean): void;
  calculateScores(): { base: number | undefined };
}

interface MetricSpec {
  component: Component;
  values: Map<string, ComponentValue>;
}
interface VersionSpec {
  version: CvssVersion;
  create: () => Scorer;
  metrics: Map<string, MetricSpec>;
  baseNames: string[];
}

const FACTORIES: Record<CvssVersion, () => Scorer> = {
  '3.0': () => new Cvss3P0(),
  '3.1': () => new Cvss3P1(),
  '4.0': () => new Cvss4P0(),
};

const versionSpecs = new Map<CvssVersion, VersionSpec>();

/** Metric names and allowed values per version, read once from the library's registry. */
function versionSpec(version: CvssVersion): VersionSpec {
  let spec = versionSpecs.get(version);
  if (!spec) {
    spec = buildVersionSpec(version);
    versionSpecs.set(version, spec);
  }
  return spec;
}

function buildVersionSpec(version: CvssVersion): VersionSpec {
  const metrics = new Map<string, MetricSpec>();
  const baseNames: string[] = [];
  for (const [category, components] of FACTORIES[version]().getRegisteredComponents()) {
    const base = category.name === 'base';
    for (const component of components) {
      const values = new Map(
        component.values
          .filter((value) => !base || isAllowedBaseValue(version, component.shortName, value.shortName))
          .map((value) => [value.shortName, value] as const),
      );
      metrics.set(component.shortName, { component, values });
      if (base) baseNames.push(component.shortName);
    }
  }
  return { version, create: FACTORIES[version], metrics, baseNames };
}

/** Base metrics have no "not defined" (X); v4.0 Safety (S) only exists for MSI/MSA, not SC/SI/SA. */
function isAllowedBaseValue(version: CvssVersion, metric: string, value: string): boolean {
  if (value === 'X') return false;
  return !(version === '4.0' && value === 'S' && ['SC', 'SI', 'SA'].includes(metric));
}

const V2_MESSAGE = 'CVSS 2 vectors are not supported: use a CVSS 3.1 or 4.0 vector';

function computeScore(vector: string): CvssResult {
  if (typeof vector !== 'string' || vector.trim() === '') return fail('the CVSS vector is empty');
  const text = vector.trim();
  const prefix = /^CVSS:([^/]*)(?:\/(.*))?$/s.exec(text);
  if (!prefix) {
    if (/(^|[/(])Au:/.test(text)) return fail(V2_MESSAGE);
    return fail('a CVSS vector starts with its version, `CVSS:3.1/` (or `CVSS:3.0/`) or `CVSS:4.0/`');
  }
  const version = prefix[1];
  if (/^2(\.\d+)?$/.test(version)) return fail(V2_MESSAGE);
  if (version !== '3.0' && version !== '3.1' && version !== '4.0') {
    return fail(`CVSS version \`${version}\` is not supported: use a 3.0, 3.1 or 4.0 vector`);
  }
  if (!prefix[2]) return fail(`no metrics after \`CVSS:${version}/\``);
  return scoreParts(versionSpec(version), prefix[2].split('/'));
}

function scoreParts(spec: VersionSpec, parts: string[]): CvssResult {
  const chosen = new Map<string, ComponentValue>();
  for (const part of parts) {
    const problem = partProblem(spec, part, chosen);
    if (problem) return fail(problem);
  }
  const missing = spec.baseNames.filter((name) => !chosen.has(name));
  if (missing.length > 0) {
    const list = missing.map((name) => `\`${name}\``).join(', ');
    return fail(`missing base metric${missing.length > 1 ? 's' : ''} ${list}`);
  }
  const score = baseScore(spec, chosen);
  if (score === undefined) return fail('the CVSS vector could not be scored');
  return new VectorScore(spec.version, score, severityOfScore(score));
}

/**
 * A scored vector, kept in the memo. A class for its `score`: a class's declared fields start
 * undefined, so V8 keeps the number as a reference that every vulnerability record with this
 * vector then shares (rules/vulnerabilities.ts), where a literal's would be copied into a new box
 * per record.
 */
class VectorScore {
  readonly ok = true;
  constructor(
    readonly version: CvssVersion,
    readonly score: number,
    readonly severity: SeverityBand,
  ) {}
}

/** Checks one `metric:value` part and records it in `chosen`; returns a message when wrong. */
function partProblem(spec: VersionSpec, part: string, chosen: Map<string, ComponentValue>): string | undefined {
  if (part === '') return 'the CVSS vector has an empty part (a doubled or trailing `/`)';
  const m = /^([^:]+):(.*)$/.exec(part);
  if (!m) return `\`${part}\` is not a \`metric:value\` pair`;
  const [, name, value] = m;
  const metric = spec.metrics.get(name);
  if (!metric) return unknownMetricMessage(spec, name);
  if (chosen.has(name)) return `metric \`${name}\` appears more than once`;
  const chosenValue = metric.values.get(value);
  if (!chosenValue) {
    const valid = [...metric.values.keys()].map((v) => `\`${v}\``).join(', ');
    return `\`${name}:${value}\`: unknown value \`${value}\` for \`${name}\` (${metric.component.name}); valid: ${valid}`;
  }
  chosen.set(name, chosenValue);
  return undefined;
}

function unknownMetricMessage(spec: VersionSpec, name: string): string {
  const base = spec.baseNames.join(', ');
  // A v3 metric in a v4 vector or the reverse is the usual mix-up: say so.
  const other: CvssVersion = spec.version === '4.0' ? '3.1' : '4.0';
  const hint = versionSpec(other).metrics.has(name) ? ` (it is a CVSS ${other === '4.0' ? '4.0' : '3.x'} metric)` : '';
  return `unknown metric \`${name}\` for CVSS ${spec.version}${hint}; base metrics are ${base}`;
}

/** Scores only the base metrics, so threat/temporal/environmental values cannot change it. */
function baseScore(spec: VersionSpec, chosen: Map<string, ComponentValue>): number | undefined {
  const cvss = spec.create();
  for (const name of spec.baseNames) {
    const metric = spec.metrics.get(name) as MetricSpec;
    cvss.applyComponent(metric.component, chosen.get(name) as ComponentValue, false);
  }
  const score = cvss.calculateScores().base;
  return typeof score === 'number' && Number.isFinite(score) ? Math.round(score * 10) / 10 : undefined;
}

function fail(message: string): CvssResult {
  return { ok: false, message };
}
