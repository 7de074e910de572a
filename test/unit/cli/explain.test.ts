// `patchops status --explain` says why each deadline is what it is (docs/rules.md#risk-models): the
// model, its decision points, the pair that sets the deadline, and the inputs that were assumed.
import assert from 'node:assert/strict';
import { runCli } from '../../support/cli';
import { tempWorkspace } from '../../support/sharedData';
import { plan, SETTINGS } from '../../support/workspace';

const BOD = `id: standard
risk: { model: bod-26-04, upgrade_cycle: quarterly }
cycles:
  quarterly: { rrule: "FREQ=MONTHLY;INTERVAL=3;BYMONTHDAY=1", at: "09:00" }
`;
const GROUPS = `groups:
  - { id: web, impact: high, endpoints: 4, exposure: public }
  - { id: lab, impact: low, endpoints: 9 }
`;

describe('cli: status --explain', () => {
  const dir = tempWorkspace({
    'patchops.yaml': SETTINGS,
    'standard.sla.yaml': BOD,
    'groups.assets.yaml': GROUPS,
    'p.plan.yaml': plan({
      vulns:
        '  - { id: CVE-2026-0001, severity: high, kev: true, kev_due: 2026-12-11, automatable: "yes", technical_impact: total, discovered: 2026-11-20T14:00 }',
      affects: '[web, lab]',
    }),
  });

  it('names the pair that sets the deadline, explains every pair, and lists what was assumed', () => {
    const r = runCli(['status', dir, '--as-of', '2026-11-21T12:00:00Z', '--explain']);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('PLAN-1');
    assert.ok(at > 0, r.stdout);
    assert.deepEqual(lines.slice(at + 1, at + 4), [
      '  bod-26-04: the deadline is set by CVE-2026-0001 on web',
      '  → CVE-2026-0001 on web: KEV · public · automatable · total → 3 days + forensic triage, from 2026-11-20 14:00 (-06:00) (discovered); ' +
        'due 2026-11-23 14:00 (-06:00); forensic triage required',
      '    CVE-2026-0001 on lab: KEV · public · automatable · total → 3 days + forensic triage, from 2026-11-20 14:00 (-06:00) (discovered); ' +
        'due 2026-11-23 14:00 (-06:00); forensic triage required (assumed: exposure: public)',
    ]);
  });

  it('without --explain, no explanation; other commands refuse it', () => {
    assert.doesNotMatch(runCli(['status', dir, '--as-of', '2026-11-21T12:00:00Z']).stdout, /forensic triage/);
    const r = runCli(['validate', dir, '--explain']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--explain is for status/);
  });

  it('a matrix plan: severity, impact and KEV to the tier, and the clock start', () => {
    const policy = `id: standard\ntiers:\n  critical: { within: 72h }\n  high: { within: 7d }\n  medium: { within: 30d }\n  low: { within: 90d }\n`;
    const ws = tempWorkspace({
      'patchops.yaml': SETTINGS,
      'standard.sla.yaml': policy,
      'groups.assets.yaml': GROUPS,
      'p.plan.yaml': plan({ affects: '[lab]' }),
    });
    const r = runCli(['status', ws, '--as-of', '2026-11-21T12:00:00Z', '--explain']);
    assert.match(r.stdout, /\n {2}matrix: critical severity · low impact → critical tier, from 2026-11-18 09:00 \(-06:00\) \(discovered\)\n/);
  });
});
