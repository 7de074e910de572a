// Code lenses on plan files, read through vscode.executeCodeLensProvider (titles resolved), and
// checked against the numbers of the evaluation API (the core's).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { PlanResult } from '../../../src/core/model/evaluation';
import { evaluation, eventually, folder, patchops, uriOf } from './helpers';

const STATE_WORDS: Record<PlanResult['state'], RegExp> = {
  breached: /breached/,
  unknown: /no deadline/,
  due_soon: /due/,
  awaiting_test: /awaiting test/,
  on_track: /on track/,
  met: /met/,
  missed: /missed/,
  exempt: /exempt/,
  cancelled: /cancelled/,
};

async function lensesOf(uri: vscode.Uri): Promise<vscode.CodeLens[]> {
  // The command works on the renderer's text model: the document has to be open.
  await vscode.workspace.openTextDocument(uri);
  const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000);
  return (lenses ?? []).filter((l) => l.command?.title).sort((a, b) => a.range.start.line - b.range.start.line);
}

/** 0-based line of `id:` and of each wave's `- name:` (the plan files are plain block YAML). */
function anchorLines(text: string): { id: number; waves: number[] } {
  const lines = text.split(/\r?\n/);
  const id = lines.findIndex((l) => /^id:\s/.test(l));
  const wavesAt = lines.findIndex((l) => /^waves:\s*$/.test(l));
  const waves: number[] = [];
  if (wavesAt >= 0) {
    for (let i = wavesAt + 1; i < lines.length && !/^\S/.test(lines[i]); i++) if (/^\s*-\s+name:/.test(lines[i])) waves.push(i);
  }
  return { id, waves };
}

describe('PatchOps code lenses (extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    await patchops();
  });

  it('the breached plan: tier, state and endpoints above `id`, progress above each wave', async () => {
    const uri = uriOf('plans/2026-036-backup-server-rce.plan.yaml');
    const plan = (await evaluation()).plans.find((p) => p.id === 'PLAN-2026-036')!;
    const lenses = await eventually(async () => {
      const found = await lensesOf(uri);
      assert.equal(found.length, 1 + plan.waves.length, `lenses: ${JSON.stringify(found.map((l) => l.command?.title))}`);
      return found;
    });
    const title = lenses[0].command!.title;
    assert.equal(lenses[0].range.start.line, 12, 'the plan lens sits on the `id:` line (13)');
    assert.match(title, /critical/);
    assert.match(title, /SLA breached/);
    assert.match(title, /0% of 4 endpoints/);
    assert.match(title, /due 2026-11-18 08:30 \(-06:00\)/);
    assert.match(lenses[1].command!.title, /planned · 0\/1 patched/);
    assert.match(lenses[2].command!.title, /planned · 0\/3 patched · blocked: /);
  });

  it('every plan file: lens titles carry the numbers of the evaluation API', async () => {
    const ev = await evaluation();
    assert.ok(ev.plans.length >= 10, 'the samples have ten plans');
    for (const plan of ev.plans) {
      const uri = vscode.Uri.joinPath(folder().uri, ...plan.entity.source.file.split('/'));
      const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
      const anchors = anchorLines(text);
      const lenses = await eventually(async () => {
        const found = await lensesOf(uri);
        assert.equal(found.length, 1 + plan.waves.length, `${plan.id}: ${JSON.stringify(found.map((l) => l.command?.title))}`);
        return found;
      });
      const [planLens, ...waveLenses] = lenses;
      const title = planLens.command!.title;
      assert.equal(planLens.range.start.line, anchors.id, `${plan.id}: the plan lens is above \`id:\``);
      if (plan.tier) assert.ok(title.includes(plan.tier), `${plan.id}: "${title}" names tier ${plan.tier}`);
      assert.match(title, STATE_WORDS[plan.state], `${plan.id}: "${title}" says ${plan.state}`);
      if (plan.endpoints.targets) {
        assert.ok(
          title.includes(`${plan.endpointsPercent}% of ${plan.endpoints.targets} endpoints`),
          `${plan.id}: "${title}" has ${plan.endpointsPercent}% of ${plan.endpoints.targets}`,
        );
      }
      assert.deepEqual(
        waveLenses.map((l) => l.range.start.line),
        anchors.waves,
        `${plan.id}: one lens above each wave's \`- name:\``,
      );
      plan.waves.forEach((wave, i) => {
        const waveTitle = waveLenses[i].command!.title;
        const status = wave.status.replace('_', ' ');
        assert.ok(waveTitle.startsWith(status), `${plan.id} wave ${wave.name}: "${waveTitle}" starts with ${status}`);
        assert.ok(
          waveTitle.includes(`${wave.patched}/${wave.targets ?? '?'} patched`),
          `${plan.id} wave ${wave.name}: "${waveTitle}" has ${wave.patched}/${wave.targets}`,
        );
        if (wave.blockedBy) assert.match(waveTitle, /blocked: /, `${plan.id} wave ${wave.name}: "${waveTitle}" says what blocks it`);
        else assert.doesNotMatch(waveTitle, /blocked/, `${plan.id} wave ${wave.name}: "${waveTitle}" is not blocked`);
      });
    }
  });

  it('files that are not plans get no PatchOps lenses', async () => {
    const lenses = await lensesOf(uriOf('assets/servers.assets.yaml'));
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      [],
    );
  });
});
