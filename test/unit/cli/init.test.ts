// `patchops init [--preset NAME]` writes a working workspace for each risk model, and never
// overwrites (docs/cli.md#init).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PRESET_NAMES } from '../../../src/core/templates/presetPolicies';
import { runCli } from '../../support/cli';
import { snapshot, tempWorkspace } from '../../support/sharedData';

const AS_OF = '2026-11-23T12:00:00Z';
const PLAN = `id: PLAN-1
title: VPN appliance RCE
owner: it-ops
validator: infosec
vulnerabilities:
  - { id: CVE-2026-0001, severity: critical, kev: false, exploitation: poc, automatable: "yes", technical_impact: total, published: 2026-11-10, discovered: 2026-11-20T14:00 }
affects: [workstations]
rollback: { decided_by: infosec, executed_by: it-ops, communication: Status page }
`;

describe('cli: init', () => {
  for (const preset of ['matrix', ...PRESET_NAMES]) {
    it(`--preset ${preset}: a workspace that validates, whose plans get a deadline from the model`, () => {
      const dir = path.join(tempWorkspace({}), 'ws');
      const r = runCli(['init', dir, '--preset', preset, '--name', 'Test']);
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /^created patchops\.yaml, policies\/standard\.sla\.yaml, assets\/groups\.assets\.yaml/);
      const policy = fs.readFileSync(path.join(dir, 'policies/standard.sla.yaml'), 'utf8');
      if (preset === 'matrix') assert.doesNotMatch(policy, /model:/);
      else assert.match(policy, new RegExp(`\\n  model: ${preset}\\n`));
      const clean = runCli(['validate', dir, '--as-of', AS_OF, '--format', 'json']);
      assert.equal(clean.code, 0, clean.stdout);
      fs.writeFileSync(path.join(dir, 'p.plan.yaml'), PLAN);
      const status = JSON.parse(runCli(['status', dir, '--as-of', AS_OF, '--format', 'json']).stdout);
      const plan = status.plans[0];
      assert.equal(plan.riskModel, preset);
      // The matrix plan's testing is on the clock (testing_within); every model names its pair.
      assert.ok(plan.deadline !== null, JSON.stringify(plan));
      assert.equal(plan.deadlineBy === null, preset === 'matrix');
    });
  }

  it('refuses a folder that has a workspace, and keeps any file that exists', () => {
    const dir = tempWorkspace({ 'patchops.yaml': 'name: mine\n' });
    const before = snapshot(dir);
    const r = runCli(['init', dir, '--preset', 'ssvc']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already has a PatchOps workspace \(patchops\.yaml\): nothing was written/);
    assert.deepEqual(snapshot(dir), before);

    const partial = tempWorkspace({ 'policies/standard.sla.yaml': '# ours\n' });
    const again = runCli(['init', partial, '--preset', 'ssvc']);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /kept policies\/standard\.sla\.yaml: it exists, and init never overwrites/);
    assert.equal(fs.readFileSync(path.join(partial, 'policies/standard.sla.yaml'), 'utf8'), '# ours\n');
  });

  it('an unknown preset: exit 2 with the one meant', () => {
    const r = runCli(['init', tempWorkspace({}), '--preset', 'bod2604']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown preset 'bod2604': did you mean bod-26-04\?/);
    assert.match(runCli(['validate', '.', '--preset', 'ssvc']).stderr, /--preset is for init/);
  });
});
