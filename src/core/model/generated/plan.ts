/* Generated from schemas/plan.schema.json by `npm run gen:types`. Do not edit by hand. */

/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier = string;
/**
 * SLA policy id; the workspace default_sla otherwise.
 */
export type Identifier1 = string;
/**
 * Executor team (IT) that deploys.
 */
export type Identifier2 = string;
/**
 * Validator team (InfoSec) that validates.
 */
export type Identifier3 = string;
/**
 * Only when there is no CVSS vector.
 */
export type Severity = "critical" | "high" | "medium" | "low" | "none";
/**
 * When the vulnerability was published.
 */
export type Timestamp = string;
/**
 * When it was found in this organization.
 */
export type Timestamp1 = string;
/**
 * Asset group ids the vulnerabilities affect.
 *
 * @minItems 1
 */
export type IdList = [Identifier4, ...Identifier4[]];
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier4 = string;
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp2 = string;
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp3 = string;
/**
 * A person, identified by email address.
 */
export type Person = string;
/**
 * Asset group ids the wave deploys to. Give `groups`, `targets` or both.
 *
 * @minItems 1
 */
export type IdList1 = [Identifier4, ...Identifier4[]];
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp4 = string;
/**
 * How much maintenance-window time the wave takes. Give `duration` or `rate`.
 */
export type Duration = string;
/**
 * Time to wait after completion.
 */
export type Duration1 = string;
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier5 = string;
/**
 * A stable identifier: letters, digits, '.', '_' and '-'.
 */
export type Identifier6 = string;
/**
 * How the rollback is executed, step by step.
 */
export type TextList = string[];
/**
 * What makes the decider roll back.
 */
export type TextList1 = string[];
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp5 = string;
/**
 * What went well.
 */
export type TextList2 = string[];
/**
 * What to improve.
 */
export type TextList3 = string[];
/**
 * The actions agreed.
 */
export type TextList4 = string[];
/**
 * A person, identified by email address.
 */
export type Person1 = string;
/**
 * ISO 8601 date or date-time. Without an offset it is local time in the workspace timezone; a date alone means 00:00 local.
 */
export type Timestamp6 = string;
/**
 * The report's targets (OS, lock files) that had the package.
 */
export type TextList5 = string[];

/**
 * What is patched, where, how it is tested, the deployment waves (pilot -> departments -> organization) and the rollback.
 */
export interface PlanFile {
  id: Identifier;
  /**
   * Display name: what is patched, in a few words.
   */
  title: string;
  /**
   * More about the plan, for the people reading it.
   */
  description?: string;
  sla?: Identifier1;
  owner: Identifier2;
  validator: Identifier3;
  /**
   * active, or cancelled (no SLA is tracked). Default active.
   */
  status?: "active" | "cancelled";
  /**
   * The vulnerabilities the plan fixes, one or more; each needs a CVSS vector or a severity.
   *
   * @minItems 1
   */
  vulnerabilities: [Vulnerability, ...Vulnerability[]];
  affects: IdList;
  testing?: Testing;
  /**
   * Deployment waves in order: pilot -> departments -> organization.
   */
  waves?: DeploymentWave[];
  rollback?: RollbackProcedure;
  retrospective?: JointRetrospective;
  forensic_triage?: ForensicTriage;
  source?: ImportedFromAScanner;
}
export interface Vulnerability {
  /**
   * The vulnerability's own id: CVE, GHSA… any non-empty text. Exceptions name it.
   */
  id: string;
  /**
   * Display name of the vulnerability.
   */
  title?: string;
  /**
   * CVSS 3.0, 3.1 or 4.0 base vector.
   */
  cvss?: string;
  severity?: Severity;
  /**
   * Listed in CISA's Known Exploited Vulnerabilities catalog.
   */
  kev?: boolean;
  /**
   * The due date CISA's KEV catalog sets for federal agencies to remediate it (its `dueDate`); set by `patchops enrich`. Under `bod-26-04` and `fedramp-vdr` it caps the deadline; otherwise for information.
   */
  kev_due?: string;
  /**
   * When CISA added it to the KEV catalog (its `dateAdded`); set by `patchops enrich`.
   */
  kev_added?: string;
  /**
   * SSVC Exploitation, as CISA's Vulnrichment publishes it: none, poc (proof of concept) or active.
   */
  exploitation?: "none" | "poc" | "active";
  /**
   * SSVC Automatable: can an attacker automate steps 1-4 of the kill chain? yes or no.
   */
  automatable?: "yes" | "no";
  /**
   * SSVC Technical Impact: partial or total control over the affected component.
   */
  technical_impact?: "partial" | "total";
  /**
   * EPSS probability (0..1) that it is exploited in the next 30 days, from FIRST's daily EPSS scores; set by `patchops enrich`. A policy's `risk.epss_raise` may raise the tier with it.
   */
  epss?: number;
  published?: Timestamp;
  discovered?: Timestamp1;
}
/**
 * Testing in a controlled environment (IT owns it, InfoSec sees the results).
 */
export interface Testing {
  /**
   * Where it is tested.
   */
  environment?: string;
  /**
   * pending, in_progress, passed or failed. `passed` needs `completed`: the clock may start then.
   */
  status: "pending" | "in_progress" | "passed" | "failed";
  started?: Timestamp2;
  completed?: Timestamp3;
  validated_by?: Person;
  /**
   * Link to the test record.
   */
  evidence?: string;
  /**
   * Notes on the test.
   */
  notes?: string;
}
export interface DeploymentWave {
  /**
   * Display name of the wave.
   */
  name: string;
  groups?: IdList1;
  /**
   * Endpoints targeted. Default: the sum of the groups' endpoints.
   */
  targets?: number;
  /**
   * Endpoints patched so far. Default 0.
   */
  patched?: number;
  /**
   * Endpoints where the patch failed. Default 0.
   */
  failed?: number;
  /**
   * planned, in_progress, paused, complete or rolled_back. A complete wave needs `completed`.
   */
  status?: "planned" | "in_progress" | "paused" | "complete" | "rolled_back";
  started?: Timestamp2;
  completed?: Timestamp2;
  planned_start?: Timestamp4;
  duration?: Duration;
  /**
   * Endpoints patched per day (24 hours) of maintenance-window time. Give `duration` or `rate`.
   */
  rate?: number;
  /**
   * What this wave must show before the next one may start.
   */
  gate?: {
    /**
     * Minimum patched / targets, in percent.
     */
    min_success?: number;
    soak?: Duration1;
  };
  /**
   * Notes on the wave (a change ticket, for instance).
   */
  notes?: string;
}
/**
 * Who decides, who executes, and how it is communicated.
 */
export interface RollbackProcedure {
  decided_by?: Identifier5;
  executed_by?: Identifier6;
  /**
   * How a rollback is communicated, and to whom.
   */
  communication?: string;
  steps?: TextList;
  triggers?: TextList1;
}
/**
 * IT and InfoSec look back together after the cycle: when, and what was learned.
 */
export interface JointRetrospective {
  held?: Timestamp5;
  went_well?: TextList2;
  to_improve?: TextList3;
  actions?: TextList4;
}
/**
 * BOD 26-04 "3 days + forensic triage": who triaged the affected assets for compromise, when, and what was found. Required while a vulnerability × group of the plan has that outcome.
 */
export interface ForensicTriage {
  by?: Person1;
  on?: Timestamp6;
  /**
   * What was found ("no indicators of compromise", or the incident's reference).
   */
  finding?: string;
}
/**
 * Where an imported plan came from, written by `patchops import`: a re-import of a later scan finds the plan by scanner-independent package and fixed version (or `awaiting_fix`) and adds only what is new: vulnerabilities, and asset groups named with `--affects`.
 */
export interface ImportedFromAScanner {
  /**
   * The scanner whose report created the plan.
   */
  scanner: "trivy" | "grype";
  /**
   * The package the fix is deployed as: the source package where the scanner names one (Trivy `SrcName`, Grype `upstreams`), else the binary package.
   */
  package?: string;
  /**
   * The version installed when the scan ran.
   */
  installed_version?: string;
  /**
   * The version that fixes the plan's vulnerabilities.
   */
  fixed_version?: string;
  /**
   * What was scanned: the image, folder or file named in the report.
   */
  artifact?: string;
  targets?: TextList5;
  /**
   * true for the plan gathering findings that have no fixed version yet (`patchops import --include-unfixed`).
   */
  awaiting_fix?: boolean;
}
