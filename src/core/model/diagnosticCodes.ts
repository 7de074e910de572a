// The catalog of diagnostic codes: every problem PatchOps reports has one code that names it, and
// this is the one list of them. The `DiagnosticCode` type, the SARIF rules, the editor's links to
// the docs, the README's list and the tests all derive from it; docs/diagnostics.md has one
// section per code (a test holds the two together).

/** Declared here, with the codes, so that diagnostic.ts imports the catalog and not the other way round. */
export type DiagnosticSeverity = 'error' | 'warning' | 'info';

export interface DiagnosticCodeInfo {
  /** One sentence: the problem, as a reader of a rule list wants it. */
  readonly summary: string;
  /**
   * The severity it is reported with. Two when it depends on the case: the first is the usual one,
   * and `severityNote` says when the other applies.
   */
  readonly severity: DiagnosticSeverity | readonly [DiagnosticSeverity, DiagnosticSeverity];
  readonly severityNote?: string;
  /**
   * Its section in docs/diagnostics.md, as a path relative to the project root with the
   * heading's anchor (the heading is the code itself, so the anchor is stable). Relative on
   * purpose: the project names no public URL (see docs/diagnostics.md, "Links to this page").
   */
  readonly docs: string;
}

export const DIAGNOSTICS_DOC = 'docs/diagnostics.md';

export const DIAGNOSTIC_CODES = {
  'yaml.syntax': {
    summary: 'The file does not parse as YAML, or is refused before parsing (too large, binary, not UTF-8, an alias bomb).',
    severity: ['error', 'warning'],
    severityNote: 'a language tag such as `!!python/object` is a warning: the tag is ignored and the file is still read',
    docs: 'docs/diagnostics.md#yamlsyntax',
  },
  schema: {
    summary: 'The file does not match its JSON schema: an unknown field, a missing one, or a value of the wrong type or form.',
    severity: 'error',
    docs: 'docs/diagnostics.md#schema',
  },
  'date.invalid': {
    summary: 'A date or time that does not exist on the calendar or the clock (February 30, month 13, 24:30).',
    severity: 'error',
    docs: 'docs/diagnostics.md#dateinvalid',
  },
  'duration.too-long': {
    summary: 'A duration longer than PatchOps can compute with (more than 10,000 years).',
    severity: 'error',
    docs: 'docs/diagnostics.md#durationtoo-long',
  },
  'cvss.invalid': {
    summary: 'A CVSS vector that cannot be scored: an unknown metric or value, a metric twice, or one missing.',
    severity: 'error',
    docs: 'docs/diagnostics.md#cvssinvalid',
  },
  'cycle.invalid': {
    summary: 'A scheduled cycle whose RRULE cannot be read or never produces a cycle start.',
    severity: 'error',
    docs: 'docs/diagnostics.md#cycleinvalid',
  },
  'timezone.unknown': {
    summary: 'The `timezone` of patchops.yaml is not an IANA time zone name; UTC is used meanwhile.',
    severity: 'error',
    docs: 'docs/diagnostics.md#timezoneunknown',
  },
  'ref.unknown': {
    summary: 'A reference to a team, group, SLA policy, cycle, plan, vulnerability or person that does not exist.',
    severity: 'error',
    docs: 'docs/diagnostics.md#refunknown',
  },
  'ref.duplicate-id': {
    summary: 'An id declared more than once in the workspace.',
    severity: 'error',
    docs: 'docs/diagnostics.md#refduplicate-id',
  },
  'ref.role': {
    summary: 'A team or person in the wrong role (IT executes, InfoSec validates).',
    severity: 'error',
    docs: 'docs/diagnostics.md#refrole',
  },
  'workspace.missing': {
    summary: 'No patchops.yaml at the root of the folder PatchOps was asked to check.',
    severity: 'error',
    docs: 'docs/diagnostics.md#workspacemissing',
  },
  'workspace.misnamed': {
    summary: 'A YAML file that looks like a PatchOps file but is not named like one, so PatchOps does not read it.',
    severity: 'warning',
    docs: 'docs/diagnostics.md#workspacemisnamed',
  },
  'sla.breached': {
    summary: 'A plan is past its SLA deadline and not remediated.',
    severity: 'error',
    docs: 'docs/diagnostics.md#slabreached',
  },
  'sla.due-soon': {
    summary: 'A plan is within its warning window before the SLA deadline.',
    severity: 'warning',
    docs: 'docs/diagnostics.md#sladue-soon',
  },
  'sla.missed': {
    summary: 'A plan was remediated after its SLA deadline.',
    severity: 'info',
    docs: 'docs/diagnostics.md#slamissed',
  },
  'sla.unknown': {
    summary: 'A plan has no computable deadline (an unusable policy, an unreadable value): PatchOps cannot tell whether it is late.',
    severity: 'error',
    docs: 'docs/diagnostics.md#slaunknown',
  },
  'sla.at-risk': {
    summary: 'A plan not late yet whose waves are projected to finish after its deadline (its schedule, maintenance windows and freezes).',
    severity: 'warning',
    docs: 'docs/diagnostics.md#slaat-risk',
  },
  'testing.required': {
    summary: 'A wave after the pilot started before testing passed.',
    severity: 'error',
    docs: 'docs/diagnostics.md#testingrequired',
  },
  'testing.completed-missing': {
    summary: 'Testing has passed but `testing.completed` does not say when.',
    severity: 'error',
    docs: 'docs/diagnostics.md#testingcompleted-missing',
  },
  'wave.gate': {
    summary: "A wave started before the previous wave's gate was met.",
    severity: 'warning',
    docs: 'docs/diagnostics.md#wavegate',
  },
  'wave.progress': {
    summary: 'Wave progress numbers are impossible, or a complete wave does not say when it completed.',
    severity: 'error',
    docs: 'docs/diagnostics.md#waveprogress',
  },
  'wave.window': {
    summary: 'A planned wave start outside every maintenance window or inside a freeze, or a maintenance window or freeze that cannot be used.',
    severity: ['warning', 'error'],
    severityNote:
      'an error for a window or freeze that cannot be used (an rrule that never occurs, a freeze that ends before it starts); a warning for a planned start, and for windows that overlap',
    docs: 'docs/diagnostics.md#wavewindow',
  },
  'rollback.missing': {
    summary: 'No rollback procedure, or one without who decides, who executes and how it is communicated.',
    severity: ['error', 'warning'],
    severityNote: 'an error for a critical- or high-tier plan; a warning for a medium- or low-tier plan, or one whose tier cannot be computed',
    docs: 'docs/diagnostics.md#rollbackmissing',
  },
  'risk.input-missing': {
    summary: 'A risk model of record needs an input the files do not give: a group without `pain` under `fedramp-vdr`.',
    severity: 'error',
    docs: 'docs/diagnostics.md#riskinput-missing',
  },
  'risk.forensic-triage': {
    summary: 'A BOD 26-04 outcome is "3 days + forensic triage" and the plan does not record the triage (who, when, finding).',
    severity: 'error',
    docs: 'docs/diagnostics.md#riskforensic-triage',
  },
  'exception.expired': {
    summary: 'An exception is past its revisit date.',
    severity: 'error',
    docs: 'docs/diagnostics.md#exceptionexpired',
  },
  'exception.expiring': {
    summary: 'An exception is close to its revisit date.',
    severity: 'warning',
    docs: 'docs/diagnostics.md#exceptionexpiring',
  },
  'exception.too-long': {
    summary: 'An exception runs longer than its tier allows.',
    severity: 'error',
    docs: 'docs/diagnostics.md#exceptiontoo-long',
  },
  'exception.self-approved': {
    summary: 'An exception approved by its requester.',
    severity: 'error',
    docs: 'docs/diagnostics.md#exceptionself-approved',
  },
  'exception.unauthorized': {
    summary: 'An exception approved by someone outside the approver teams.',
    severity: 'error',
    docs: 'docs/diagnostics.md#exceptionunauthorized',
  },
  'exception.pending': {
    summary: 'An exception without approval: it exempts nothing yet.',
    severity: 'info',
    docs: 'docs/diagnostics.md#exceptionpending',
  },
  'exception.unverified': {
    summary: 'An approval git does not show the approver committed.',
    severity: 'error',
    docs: 'docs/diagnostics.md#exceptionunverified',
  },
  'template.placeholder': {
    summary:
      'A value a template left to fill in (`<fill in …>`): it is never read as data, so a plan that still has one in its vulnerabilities or groups has no deadline.',
    severity: ['warning', 'error'],
    severityNote: 'an error where the schema rejects it in a policy, exception or asset group, which is then not used at all',
    docs: 'docs/diagnostics.md#templateplaceholder',
  },
} as const satisfies Record<string, DiagnosticCodeInfo>;

/** The codes in catalog order. */
export const DIAGNOSTIC_CODE_LIST = Object.keys(DIAGNOSTIC_CODES) as (keyof typeof DIAGNOSTIC_CODES)[];

/** The usual severity of a code (the first, when it depends on the case). */
export function defaultSeverity(info: DiagnosticCodeInfo): DiagnosticSeverity {
  return typeof info.severity === 'string' ? info.severity : info.severity[0];
}

/**
 * The anchor a Markdown heading gets on GitHub and in VS Code's preview: lower case, punctuation
 * other than `-` and `_` dropped, spaces to `-`. `sla.due-soon` → `sladue-soon`.
 */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, '')
    .replace(/ /g, '-');
}

/**
 * The 0-based line of each code's section heading (`## sla.breached`) in the text of
 * docs/diagnostics.md: where the editor's link to a code's docs opens the file.
 */
export function sectionLines(markdown: string): Map<string, number> {
  const lines = new Map<string, number>();
  let fence = false;
  markdown.split(/\r?\n/).forEach((line, i) => {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const m = fence ? null : /^## +`?([a-z][a-z.-]*)`? *$/.exec(line);
    if (m && Object.hasOwn(DIAGNOSTIC_CODES, m[1]) && !lines.has(m[1])) lines.set(m[1], i);
  });
  return lines;
}
