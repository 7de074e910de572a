// Each vulnerability's severity: from its CVSS vector's base score, else its stated severity.
import type { VulnerabilityResult } from '../model/evaluation';
import type { PlanFile } from '../model/files';
import { scoreCvss } from '../risk/cvss';
import type { RuleContext } from './context';
import type { SeverityBand } from '../model/vocabulary';
import type { Entity } from '../model/workspace';

/**
 * One vulnerability of a plan, scored. It doubles as the plan's `VulnerabilityResult` when the
 * vulnerability stays in scope (most do): one object, not two, per vulnerability listed.
 */
export interface ScoredVulnerability extends VulnerabilityResult {
  id: string;
  severity: SeverityBand | null;
  score: number | null;
  cvssVersion: string | null;
  kev: boolean;
  inScope: true;
  /** EPSS probability (0..1), when the file records one. */
  epss?: number;
  discovered?: number;
  published?: number;
}

export function scoreVulnerabilities(ctx: RuleContext, plan: Entity<PlanFile>): ScoredVulnerability[] {
  return plan.data.vulnerabilities.map((v, i) => {
    const path = ['vulnerabilities', i];
    let severity: SeverityBand | null = v.severity ?? null;
    let score: number | null = null;
    let cvssVersion: string | null = null;
    if (v.cvss !== undefined) {
      const result = scoreCvss(v.cvss);
      if (result.ok) {
        ({ severity, score } = result);
        cvssVersion = result.version;
      } else {
        ctx.report(plan, [...path, 'cvss'], 'error', 'cvss.invalid', `\`cvss\`: ${result.message}`);
      }
    }
    return {
      id: v.id,
      severity,
      score,
      cvssVersion,
      kev: v.kev === true,
      epss: v.epss,
      discovered: ctx.instant(plan, [...path, 'discovered'], v.discovered),
      published: ctx.instant(plan, [...path, 'published'], v.published),
      inScope: true,
    };
  });
}

/** One vulnerability across every plan that lists it. */
export interface IndexedVulnerability {
  severity?: SeverityBand | null;
  kev: boolean;
  /** The highest EPSS probability any plan records for it. */
  epss?: number;
}
