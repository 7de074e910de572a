// Which CVSS vector an imported vulnerability gets: NVD's first, then the vendors'; CVSS 3.x
// before 4.0 within one source (most vulnerabilities only have 3.x, and one version across the
// fleet keeps severities comparable); only vectors PatchOps can score (CVSS 2 is skipped).
import { scoreCvss } from '../risk/cvss';

export interface VectorCandidate {
  /** nvd, redhat, ghsa, nvd@nist.gov … */
  source: string;
  vector: string;
}

const isNvd = (source: string): boolean => /^nvd\b/i.test(source.trim());

/** The first scorable vector in preference order; `preferredVendor` ranks right after NVD. */
export function pickVector(candidates: readonly VectorCandidate[], preferredVendor?: string): string | undefined {
  const rank = (c: VectorCandidate): number => {
    const source = isNvd(c.source) ? 0 : preferredVendor && c.source.toLowerCase() === preferredVendor.toLowerCase() ? 1 : 2;
    const v4 = /^CVSS:4\./.test(c.vector) ? 1 : 0;
    return source * 2 + v4;
  };
  const ordered = candidates
    .map((c, index) => ({ c, index, rank: rank(c) }))
    .sort((a, b) => a.rank - b.rank || (a.rank >= 4 ? cmp(a.c.source, b.c.source) : 0) || a.index - b.index);
  for (const { c } of ordered) {
    const vector = c.vector.trim();
    if (scoreCvss(vector).ok) return vector;
  }
  return undefined;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
