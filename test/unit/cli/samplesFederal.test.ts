// The second sample workspace runs on CISA BOD 26-04 (samples-federal/README.md): its states, the
// pair that sets each deadline, and a clean validate at its frozen instant.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../support/cli';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SAMPLE = path.join(ROOT, 'samples-federal');
const AS_OF = '2026-11-23T12:00:00Z';

describe('samples-federal: a BOD 26-04 workspace', () => {
  const report = () => JSON.parse(runCli(['report', SAMPLE, '--as-of', AS_OF, '--format', 'json']).stdout);

  it('each plan: its state, deadline and the pair that sets it, as its README says', () => {
    const plans = Object.fromEntries(report().plans.map((p: { id: string }) => [p.id, p]));
    const row = (id: string) => {
      const p = plans[id];
      return [p.riskModel, p.state, p.deadline, `${p.deadlineBy.vulnerability} on ${p.deadlineBy.group}`, p.deadlineBy.outcome];
    };
    assert.deepEqual(row('PLAN-2026-101'), ['bod-26-04', 'due_soon', '2026-11-23T14:00:00.000Z', 'CVE-2026-51001 on vpn-gateways', '3 days + forensic triage']);
    assert.deepEqual(row('PLAN-2026-102'), ['bod-26-04', 'breached', '2026-11-22T15:00:00.000Z', 'CVE-2026-51002 on public-portal', '3 days']);
    assert.deepEqual(row('PLAN-2026-103'), [
      'bod-26-04',
      'on_track',
      '2027-01-01T14:00:00.000Z',
      'CVE-2026-51003 on file-servers',
      'next scheduled major upgrade or rebuild',
    ]);
    assert.deepEqual(
      plans['PLAN-2026-102'].pairs.map((x: { group: string; assumed: string[] }) => [x.group, x.assumed]),
      [
        ['public-portal', []],
        ['lab-hosts', ['exposure: public']],
      ],
    );
  });

  it('validates with only the deadline diagnostics; without the recorded triage, risk.forensic-triage', () => {
    const r = runCli(['validate', SAMPLE, '--as-of', AS_OF, '--format', 'json']);
    const codes = JSON.parse(r.stdout)
      .diagnostics.map((d: { code: string }) => d.code)
      .sort();
    assert.deepEqual(codes, ['sla.breached', 'sla.due-soon']);
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-federal-'));
    fs.cpSync(SAMPLE, copy, { recursive: true });
    const file = path.join(copy, 'plans', '2026-101-vpn-gateway-rce.plan.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/forensic_triage:\n(  .*\n)+/, ''));
    const without = JSON.parse(runCli(['validate', copy, '--as-of', AS_OF, '--format', 'json']).stdout).diagnostics;
    assert.ok(
      without.some((d: { code: string }) => d.code === 'risk.forensic-triage'),
      JSON.stringify(without),
    );
  });
});
