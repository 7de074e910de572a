// Starting files for a new workspace, plan or exception: valid against the schemas as written
// (tested), with comments that teach the format.

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
): Record<string, string> {
  const groups = TEMPLATE_GROUP_IDS.filter((id) => !taken.groups?.has(id));
  const files: Record<string, string> = {
    'patchops.yaml': `# PatchOps workspace: teams and defaults. IT executes, InfoSec validates.
name: ${yamlString(name)}
timezone: ${timezone}           # dates without an offset are local time here
default_sla: standard
teams:
  it-ops:  { role: executor,  members: [it-lead@example.com] }
  infosec: { role: validator, members: [security-lead@example.com] }
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
${groups.map((id) => `  - ${TEMPLATE_GROUPS[id]}\n`).join('')}`,
  };
  if (taken.policies?.has(TEMPLATE_POLICY_ID)) delete files['policies/standard.sla.yaml'];
  if (groups.length === 0) delete files['assets/groups.assets.yaml'];
  return files;
}

export interface NewPlan {
  id: string;
  title: string;
  owner: string;
  validator: string;
  affects: string[];
  /** Today's date (YYYY-MM-DD), the caller's clock: the core reads none. */
  today: string;
}

export function newPlanText(p: NewPlan): string {
  return `id: ${p.id}
title: ${yamlString(p.title)}
owner: ${p.owner}            # executor team (IT executes)
validator: ${p.validator}    # validator team (InfoSec validates)
vulnerabilities:
  - id: CVE-0000-00000       # TODO: the CVE
    cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"   # TODO: its vector
    discovered: ${p.today}       # when it was found here
affects: [${p.affects.join(', ')}]
testing:
  environment: staging
  status: pending            # pending | in_progress | passed | failed
waves:                       # pilot -> departments -> organization
  - name: Pilot
    groups: [${p.affects[0]}]
    status: planned
    gate: { min_success: 95, soak: 24h }
  - name: Organization
    groups: [${p.affects.join(', ')}]
    status: planned
rollback:
  decided_by: ${p.validator}
  executed_by: ${p.owner}
  communication: TODO — where and how users and teams are told
  steps:
    - TODO — how to revert the update
`;
}

export interface NewException {
  id: string;
  vulnerabilities: string[];
  groups: string[];
  plan?: string;
  requestedBy: string;
  requestedOn: string;
}

export function newExceptionText(e: NewException): string {
  return `id: ${e.id}
vulnerabilities: [${e.vulnerabilities.join(', ')}]
groups: [${e.groups.join(', ')}]
${e.plan ? `plan: ${e.plan}\n` : ''}requested_by: ${e.requestedBy}
requested_on: ${e.requestedOn}
reason: TODO — why this cannot be patched on time
compensating_controls:
  - TODO — what limits the risk meanwhile
revisit_on: ${e.requestedOn}   # TODO: when it is revisited; it stops applying then
# approval: an approver (exceptions.approvers) adds it in a reviewed commit
#   approved_by: security-lead@example.com
#   approved_on: ${e.requestedOn}
`;
}
