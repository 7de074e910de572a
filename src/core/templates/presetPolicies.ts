// A working SLA policy for each risk model of record (docs/rules.md#risk-models), for
// `patchops init --preset` and New Workspace: valid as written (tested), with comments that say
// where each table comes from and what is left to the team.
import type { RiskModelName } from '../risk/models/types';

export type PresetName = Exclude<RiskModelName, 'matrix'>;
export const PRESET_NAMES: readonly PresetName[] = ['bod-26-04', 'ssvc', 'fedramp-vdr', 'fedramp-rev5', 'pci-dss'];

const EXCEPTIONS = `exceptions:
  approvers: [infosec]
  max_duration: { critical: 30d, high: 90d, medium: 180d, low: 365d }
  warn_before: 14d
`;

const QUARTERLY = `cycles:
  quarterly:
    rrule: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1"   # the first of every third month
    at: "09:00"
`;

const MONTHLY = `cycles:
  monthly:
    rrule: "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2"   # second Tuesday
    at: "18:00"
    window: 7d
    cutoff: 3d
`;

const POLICIES: Record<PresetName, string> = {
  'bod-26-04': `# CISA BOD 26-04: KEV × publicly exposed × automatable × technical impact → timeline, per
# vulnerability per asset group. Groups say \`exposure: public | internal\` (unknown counts as public);
# \`patchops enrich --kev … --vulnrichment …\` fills the vulnerabilities' KEV and SSVC facts.
id: standard
title: CISA BOD 26-04
clock_start: discovered
risk:
  model: bod-26-04
  upgrade_cycle: quarterly   # what "next scheduled major upgrade or rebuild" means here
${QUARTERLY}${EXCEPTIONS}`,
  ssvc: `# CISA SSVC: exploitation × automatable × technical impact × mission impact → Track, Track*,
# Attend, Act. SSVC defines no days: the deadlines below are this team's.
id: standard
title: CISA SSVC
clock_start: discovered
risk:
  model: ssvc
  outcomes:
    track:  { cycle: monthly }
    track*: { within: 30d }
    attend: { within: 7d }
    act:    { within: 72h }
${MONTHLY}${EXCEPTIONS}`,
  'fedramp-vdr': `# FedRAMP VDR-TFR-PVR (mandatory from 2026-12-07): class × PAIN × likely exploitable ×
# internet-reachable → timeframe. Every asset group needs its \`pain\` (1..5) and \`exposure\`.
id: standard
title: FedRAMP vulnerability detection and response
clock_start: discovered
risk:
  model: fedramp-vdr
  class: B   # your certification class: A, B, C or D
${EXCEPTIONS}`,
  'fedramp-rev5': `# FedRAMP Rev5 continuous monitoring: high and critical 30 days, moderate 90, low 180, from
# identification.
id: standard
title: FedRAMP Rev5 continuous monitoring
clock_start: discovered
risk:
  model: fedramp-rev5
${EXCEPTIONS}`,
  'pci-dss': `# PCI DSS v4.0.1 6.3.3: critical patches within one month of release; the rest within this
# entity's timeframe (\`others\`).
id: standard
title: PCI DSS 6.3.3
risk:
  model: pci-dss
  others: { within: 90d }
${EXCEPTIONS}`,
};

/** The policy file of a preset (id `standard`, as the workspace template's `default_sla`). */
export function presetPolicyText(preset: PresetName): string {
  return POLICIES[preset];
}

/** What the preset's asset groups need beyond the template's: exposure, PAIN. */
export function presetGroupFields(preset: PresetName): string {
  if (preset === 'fedramp-vdr') return ', exposure: internal, pain: 3';
  if (preset === 'bod-26-04') return ', exposure: internal';
  return '';
}
