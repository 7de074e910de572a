// Each vulnerability's severity: from its CVSS vector's base score, else its stated severity.
import type { VulnerabilityResult } from '../model/evaluation';
import type { PlanFile, Vulnerability } from '../model/files';
import { scoreCvss, type CvssResult } from '../risk/cvss';
import { instantMs } from '../time/instants';
import type { RuleContext } from './context';
import type { SeverityBand } from '../model/vocabulary';
import type { Entity } from '../model/workspace';

/** One vulnerability of a plan, scored and in scope: the record a plan's result lists for it. */
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

/** A vector that scored. */
type VectorScore = Extract<CvssResult, { ok: true }>;

/**
 * A plan's vulnerabilities, scored: what each one's vector gives (severity, score, version) and
 * its dates as instants; the rest is read from the plan's own list. 205,000 vulnerabilities at
 * 10,000 plans: a record each took 104 bytes and was 20 MB of the extension host's heap. Here each
 * costs three references in one array (24 bytes), to values the CVSS memo and the instant cache
 * hold anyway. The records a result lists are made when it is read (`record`), and not kept.
 */
export class ScoredVulnerabilities {
  constructor(
    /** The plan's own list: ids, stated severities, kev and epss are read from it. */
    private readonly listed: readonly Vulnerability[],
    /** Per vulnerability, in order: its vector's score (null: none, or no valid vector), its discovered and its published instant. */
    private readonly facts: readonly (VectorScore | null | number | undefined)[],
  ) {}

  get length(): number {
    return this.listed.length;
  }

  id(i: number): string {
    return this.listed[i].id;
  }

  /** From the vector, else as stated; null when neither can be read. */
  severity(i: number): SeverityBand | null {
    return this.vector(i)?.severity ?? this.listed[i].severity ?? null;
  }

  score(i: number): number | null {
    return this.vector(i)?.score ?? null;
  }

  cvssVersion(i: number): string | null {
    return this.vector(i)?.version ?? null;
  }

  kev(i: number): boolean {
    return this.listed[i].kev === true;
  }

  epss(i: number): number | undefined {
    return this.listed[i].epss;
  }

  /** The date as an instant; undefined when it is not written or is no instant. */
  date(i: number, field: 'discovered' | 'published'): number | undefined {
    return this.facts[3 * i + (field === 'discovered' ? 1 : 2)] as number | undefined;
  }

  /** The `i`th vulnerability's record, in scope: plain data, made anew on each call. */
  record(i: number): ScoredVulnerability {
    return {
      id: this.id(i),
      severity: this.severity(i),
      score: this.score(i),
      cvssVersion: this.cvssVersion(i),
      kev: this.kev(i),
      epss: this.epss(i),
      discovered: this.date(i, 'discovered'),
      published: this.date(i, 'published'),
      inScope: true,
    };
  }

  /** What a result lists of the `i`th vulnerability when effective exceptions cover all its groups. */
  outOfScopeRecord(i: number): VulnerabilityResult {
    return { id: this.id(i), severity: this.severity(i), score: this.score(i), cvssVersion: this.cvssVersion(i), kev: this.kev(i), inScope: false };
  }

  private vector(i: number): VectorScore | null {
    return this.facts[3 * i] as VectorScore | null;
  }
}

export function scoreVulnerabilities(ctx: RuleContext, plan: Entity<PlanFile>): ScoredVulnerabilities {
  const listed = plan.data.vulnerabilities;
  // Made at its length, not grown by push: growing copies the array each time it fills (13 MB of
  // garbage at 10,000 plans) and leaves room to spare. Each vulnerability's vector (or null) is
  // stored first, never a number: the array holds references from the start, and the instants
  // stored after are the cache's own numbers, not copies.
  const facts = new Array<VectorScore | null | number | undefined>(3 * listed.length);
  for (let i = 0; i < listed.length; i++) {
    const v = listed[i];
    let vector: VectorScore | null = null;
    if (v.cvss !== undefined) {
      const result = scoreCvss(v.cvss);
      if (result.ok) vector = result;
      else ctx.report(plan, ['vulnerabilities', i, 'cvss'], 'error', 'cvss.invalid', `\`cvss\`: ${result.message}`);
    }
    facts[3 * i] = vector;
    facts[3 * i + 1] = dateOf(ctx, plan, i, 'discovered', v.discovered);
    facts[3 * i + 2] = dateOf(ctx, plan, i, 'published', v.published);
  }
  return new ScoredVulnerabilities(listed, facts);
}

/**
 * A vulnerability's date as epoch ms. The path of the field is made only to report a wrong date:
 * plans list hundreds of thousands of dates, nearly all of them fine.
 */
function dateOf(ctx: RuleContext, plan: Entity<PlanFile>, i: number, field: 'discovered' | 'published', text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  return instantMs(text, ctx.zone) ?? ctx.instant(plan, ['vulnerabilities', i, field], text);
}

/** One vulnerability across every plan that lists it. */
export interface IndexedVulnerability {
  severity?: SeverityBand | null;
  kev: boolean;
  /** The highest EPSS probability any plan records for it. */
  epss?: number;
}
