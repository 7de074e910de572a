// Starting files for a new workspace, plan or exception: valid against the schemas as written
// (tested), with comments that teach the format.

import { placeholder } from '../model/placeholders';
import { presetGroupFields, presetPolicyText, type PresetName } from './presetPolicies';

const yamlString = (s: string) => JSON.stringify(s);

/** The ids the new workspace's example policy and asset groups use. */
export const TEMPLATE_POLICY_ID = 'standard';
const TEMPLATE_GROUPS: Record<string, string> = {
  'pilot-ring': '{ id: pilot-ring, title: Pilot ring, impact: medium, endpoints: 10, owner: it-ops }',
  workstations: '{ id: workstations, title: All workstations, impact: medium, endpoints: 100, owner: it-ops }',
};
export const TEMPLATE_GROUP_IDS = Object.keys(TEMPLATE_GROUPS);

/**
 * The files of a new workspace. `taken`: policy and group ids the folder already has; the example
 * policy and groups with those ids are left out (a file with no group left is not made), so that
 * starting a workspace next to existing files never declares an id twice.
 */
export function newWorkspaceFiles(
  name: string,
  timezone: string,
  taken: { policies?: ReadonlySet<string>; groups?: ReadonlySet<string> } = {},
  /** A risk model of record: its policy replaces the matrix one, and the groups get what it reads. */
  preset?: PresetName,
): Record<string, string> {
  const groups = TEMPLATE_GROUP_IDS.filter((id) => !taken.groups?.has(id));
  const files: Record<string, string> = {
    'patchops.yaml': `# PatchOps workspace: teams and defaults. IT executes, InfoSec validates.
name: ${yamlString(name)}
timezone: ${timezone}           # dates without an offset are local time here
default_sla: standard
teams:                          # infosec also approves exceptions (policies: exceptions.approvers)
  it-ops:  { role: executor,  members: [${placeholder("the IT team's e-mail addresses")}] }
  infosec: { role: validator, members: [${placeholder("the security team's e-mail addresses")}] }
`,
    'policies/standard.sla.yaml': `# Deadlines both sides agreed on: critical within 72 h of testing, high within 7 days,
# medium and low bundled into the monthly cycle.
id: standard
title: Standard remediation SLA
clock_start: tested
warn_before: 24h
testing_within: 48h
tiers:
  critical: { within: 72h }
  high:     { within: 7d }
  medium:   { cycle: monthly }
  low:      { cycle: monthly }
cycles:
  monthly:
    rrule: "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2"   # second Tuesday
    at: "18:00"
    window: 7d
    cutoff: 3d
risk:
  matrix:   # tier = matrix[business impact][severity]
    high:   { critical: critical, high: critical, medium: high,   low: medium }
    medium: { critical: critical, high: high,     medium: medium, low: low }
    low:    { critical: high,     high: medium,   medium: low,    low: low }
  kev_raise: 1
exceptions:
  approvers: [infosec]
  max_duration: { critical: 30d, high: 90d, medium: 180d, low: 365d }
  warn_before: 14d
`,
    'assets/groups.assets.yaml': `# Asset groups and their business impact (high | medium | low).
groups:
${groups.map((id) => `  - ${preset ? TEMPLATE_GROUPS[id].replace(/ \}$/, `${presetGroupFields(preset)} }`) : TEMPLATE_GROUPS[id]}\n`).join('')}`,
  };
  if (preset) files['policies/standard.sla.yaml'] = presetPolicyText(preset);
  if (taken.policies?.has(TEMPLATE_POLICY_ID)) delete files['policies/standard.sla.yaml'];
  if (groups.length === 0) delete files['assets/groups.assets.yaml'];
  return files;
}

/** A new plan's or exception's id: PLAN-2026-041, EXC-2026-016. */
export type IdPrefix = 'PLAN' | 'EXC';

/**
 * The next free id of the year: one past the highest `PREFIX-YEAR-NNN` taken (at least three
 * digits), so a gap left by a deleted file is never reused for something else.
 */
export function nextFreeId(prefix: IdPrefix, year: number, taken: Iterable<string>): string {
  const pattern = new RegExp(`^${prefix}-${year}-(\\d+)$`, 'i'); // ids in any case: `exc-2026-009` is taken too
  let highest = 0;
  for (const id of taken) {
    const n = pattern.exec(id);
    if (n) highest = Math.max(highest, Number(n[1]));
  }
  return `${prefix}-${year}-${String(highest + 1).padStart(3, '0')}`;
}

/** Where a new plan or exception is written, relative to the workspace root. */
export function newFilePath(kind: 'plan' | 'exception', id: string): string {
  return kind === 'plan' ? `plans/${id}.plan.yaml` : `exceptions/${id}.exception.yaml`;
}

/** What a new plan is made from; anything left out is a placeholder (`template.placeholder`) to fill in. */
export interface NewPlan {
  id: string;
  title?: string;
  owner?: string;
  validator?: string;
  affects?: readonly string[];
  /** Today's date (YYYY-MM-DD), the caller's clock: the core reads none. */
  today: string;
}

const list = (items: readonly string[] | undefined, what: string) => `[${items?.length ? items.join(', ') : placeholder(what)}]`;

export function newPlanText(p: NewPlan): string {
  const owner = p.owner ?? placeholder('the executor team');
  const validator = p.validator ?? placeholder('the validator team');
  return `id: ${p.id}
title: ${p.title !== undefined ? yamlString(p.title) : placeholder('a short title')}
owner: ${owner}            # executor team (IT executes)
validator: ${validator}    # validator team (InfoSec validates)
vulnerabilities:             # the plan has no deadline until these are filled in
  - id: ${placeholder('the CVE id')}
    severity: ${placeholder('critical, high, medium or low')}   # or a \`cvss\` vector instead
    discovered: ${p.today}       # when it was found here
affects: ${list(p.affects, 'the asset group ids')}
testing:
  environment: staging
  status: pending            # pending | in_progress | passed | failed
waves:                       # pilot -> departments -> organization
  - name: Pilot
    groups: ${list(p.affects?.slice(0, 1), 'the pilot group id')}
    status: planned
    gate: { min_success: 95, soak: 24h }
  - name: Organization
    groups: ${list(p.affects, 'the asset group ids')}
    status: planned
rollback:
  decided_by: ${validator}
  executed_by: ${owner}
  communication: ${placeholder('where and how users and teams are told')}
  steps:
    - ${placeholder('how to revert the update')}
`;
}

export interface NewException {
  id: string;
  vulnerabilities?: readonly string[];
  groups?: readonly string[];
  plan?: string;
  requestedBy?: string;
  requestedOn: string;
}

/** `YYYY-MM-DD` plus whole days, on the calendar (no zone: a date is a date). */
function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export function newExceptionText(e: NewException): string {
  return `id: ${e.id}
vulnerabilities: ${list(e.vulnerabilities, 'the CVE ids')}
groups: ${list(e.groups, 'the asset group ids')}
${e.plan ? `plan: ${e.plan}\n` : ''}requested_by: ${e.requestedBy ?? placeholder('your e-mail address')}
requested_on: ${e.requestedOn}
reason: ${placeholder('why this cannot be patched on time')}
compensating_controls:
  - ${placeholder('what limits the risk meanwhile')}
revisit_on: ${addDays(e.requestedOn, 30)}   # proposed: 30 days; it stops applying then (exceptions.max_duration caps it)
# approval: an approver (exceptions.approvers) adds it in a reviewed commit
#   approved_by: security-lead@example.com
#   approved_on: ${e.requestedOn}
`;
}
