// Each vulnerability's severity: from its CVSS vector's base score, else its stated severity.
import type { VulnerabilityResult } from '../model/evaluation';
import type { PlanFile } from '../model/files';
import { scoreCvss } from '../risk/cvss';
import { instantMs } from '../time/instants';
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
  const listed = plan.data.vulnerabilities;
  const scored: ScoredVulnerability[] = [];
  for (let i = 0; i < listed.length; i++) {
    const v = listed[i];
    const record = new Scored(v.id, v.severity ?? null, v.kev === true, v.epss);
    if (v.cvss !== undefined) {
      const result = scoreCvss(v.cvss);
      if (result.ok) {
        record.severity = result.severity;
        record.score = result.score;
        record.cvssVersion = result.version;
      } else {
        ctx.report(plan, ['vulnerabilities', i, 'cvss'], 'error', 'cvss.invalid', `\`cvss\`: ${result.message}`);
      }
    }
    record.discovered = dateOf(ctx, plan, i, 'discovered', v.discovered);
    record.published = dateOf(ctx, plan, i, 'published', v.published);
    scored.push(record);
  }
  return scored;
}

/**
 * A vulnerability's date as epoch ms. The path of the field is made only to report a wrong date:
 * plans list hundreds of thousands of dates, nearly all of them fine.
 */
function dateOf(ctx: RuleContext, plan: Entity<PlanFile>, i: number, field: 'discovered' | 'published', text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return instantMs(text, ctx.zone) ?? ctx.instant(plan, ['vulnerabilities', i, field], text);
}

/**
 * A class, not a literal, for its memory (205,000 records at 10,000 plans): its number fields
 * start as null or undefined, never a number, so V8 stores them as references to the numbers the
 * CVSS and instant caches hold, shared by every record with the same score or date, instead of a
 * box of their own each (a literal's first numbers would make them boxed fields for good).
 * Every field is set in the constructor or just after: the records are plain data all the same.
 */
class Scored implements ScoredVulnerability {
  score: number | null = null;
  cvssVersion: string | null = null;
  discovered: number | undefined = undefined;
  published: number | undefined = undefined;
  readonly inScope = true;

  constructor(
    readonly id: string,
    public severity: SeverityBand | null,
    readonly kev: boolean,
    readonly epss: number | undefined,
  ) {}
}

/** One vulnerability across every plan that lists it. */
export interface IndexedVulnerability {
  severity?: SeverityBand | null;
  kev: boolean;
  /** The highest EPSS probability any plan records for it. */
  epss?: number;
}
