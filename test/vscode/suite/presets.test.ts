// Risk models in the editor (docs/rules.md#risk-models): New Workspace with a preset writes a
// policy of that model that validates, and "Enrich with CISA Vulnrichment" fills a plan's SSVC
// points from a Vulnrichment folder, reporting what it lacks. Run with arguments (no prompts).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { cli, folder, patchops, Restorer, uriOf } from './helpers';

const PLAN_040 = 'plans/2026-040-7zip-desktops.plan.yaml';

describe('risk models of record (extension host)', function () {
  this.timeout(60_000);
  const restorer = new Restorer();
  const temps: string[] = [];
  const temp = () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-presets-'));
    temps.push(dir);
    return dir;
  };

  before(async () => {
    await patchops();
  });

  after(async () => {
    await restorer.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const dir of temps) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('New Workspace with the bod-26-04 preset: its policy is the model, and it validates', async () => {
    const dir = temp();
    const created = await vscode.commands.executeCommand<string[] | undefined>('patchops.newWorkspace', {
      folder: vscode.Uri.file(dir),
      name: 'Agency',
      preset: 'bod-26-04',
    });
    assert.deepEqual([...(created ?? [])].sort(), ['assets/groups.assets.yaml', 'patchops.yaml', 'policies/standard.sla.yaml']);
    assert.match(fs.readFileSync(path.join(dir, 'policies', 'standard.sla.yaml'), 'utf8'), /\n {2}model: bod-26-04\n/);
    assert.match(fs.readFileSync(path.join(dir, 'assets', 'groups.assets.yaml'), 'utf8'), /exposure: internal/);
    const validate = JSON.parse(cli(['validate', dir, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json'])) as { diagnostics: { severity: string }[] };
    assert.deepEqual(
      validate.diagnostics.filter((d) => d.severity === 'error'),
      [],
    );
  });

  it("Enrich with CISA Vulnrichment: the record's SSVC points land in the plan, comments kept", async () => {
    await restorer.remember(PLAN_040);
    const vulnrichment = temp();
    const record = {
      cveMetadata: { cveId: 'CVE-2026-45902' },
      containers: {
        adp: [
          {
            title: 'CISA ADP Vulnrichment',
            metrics: [{ other: { type: 'ssvc', content: { options: [{ Exploitation: 'PoC' }, { Automatable: 'No' }, { 'Technical Impact': 'Total' }] } } }],
          },
        ],
      },
    };
    fs.mkdirSync(path.join(vulnrichment, '2026', '45xxx'), { recursive: true });
    fs.writeFileSync(path.join(vulnrichment, '2026', '45xxx', 'CVE-2026-45902.json'), JSON.stringify(record));
    const before = Buffer.from(await vscode.workspace.fs.readFile(uriOf(PLAN_040))).toString('utf8');
    await vscode.commands.executeCommand('patchops.enrichVulnrichment', { folder: vscode.Uri.file(vulnrichment), workspace: folder().uri });
    const after = Buffer.from(await vscode.workspace.fs.readFile(uriOf(PLAN_040))).toString('utf8');
    assert.notEqual(after, before);
    assert.match(after, /exploitation: poc/);
    assert.match(after, /automatable: no/);
    assert.match(after, /technical_impact: total/);
    // Only added: every line of the original (comments too) is still there.
    for (const line of before.split('\n')) assert.ok(after.includes(line), `kept: ${line}`);
  });
});
