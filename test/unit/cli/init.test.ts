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

  it('refuses a folder that has a workspace, or any file it would write: nothing is written', () => {
    const dir = tempWorkspace({ 'patchops.yaml': 'name: mine\n' });
    const before = snapshot(dir);
    const r = runCli(['init', dir, '--preset', 'ssvc']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /already has a PatchOps workspace \(patchops\.yaml\): nothing was written/);
    assert.deepEqual(snapshot(dir), before);

    const partial = tempWorkspace({ 'policies/standard.sla.yaml': '# ours\n' });
    const again = runCli(['init', partial, '--preset', 'ssvc']);
    assert.equal(again.code, 2, again.stdout);
    assert.match(again.stderr, /has policies\/standard\.sla\.yaml already: init never overwrites, so nothing was written/);
    assert.deepEqual(snapshot(partial), { 'policies/standard.sla.yaml': Buffer.from('# ours\n').toString('base64') });
  });

  it('a fresh workspace validates with no errors; the team members are placeholders, warned about until filled in', () => {
    const dir = path.join(tempWorkspace({}), 'ws');
    const r = runCli(['init', dir, '--name', 'Test']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nnext: fill in the teams in patchops\.yaml/);
    const fresh = runCli(['validate', dir, '--as-of', AS_OF]);
    assert.equal(fresh.code, 0, fresh.stdout);
    assert.match(
      fresh.stdout,
      /^patchops\.yaml:6:\d+ +warning +template\.placeholder +`teams\.it-ops\.members\[0\]` is still a template placeholder: fill in the IT team's e-mail addresses$/m,
    );
    assert.match(fresh.stdout, /0 errors, 2 warnings, 0 infos in 3 files/);
    const settings = path.join(dir, 'patchops.yaml');
    fs.writeFileSync(
      settings,
      fs
        .readFileSync(settings, 'utf8')
        .replace(/<fill in the IT[^>]*>/, 'ann@example.com')
        .replace(/<fill in the security[^>]*>/, 'sam@example.com'),
    );
    assert.match(runCli(['validate', dir, '--as-of', AS_OF]).stdout, /^0 errors, 0 warnings, 0 infos in 3 files$/m);
  });

  it('an unknown preset: exit 2 with the one meant', () => {
    const r = runCli(['init', tempWorkspace({}), '--preset', 'bod2604']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown preset 'bod2604': did you mean bod-26-04\?/);
    assert.match(runCli(['validate', '.', '--preset', 'ssvc']).stderr, /--preset is for init/);
  });
});
