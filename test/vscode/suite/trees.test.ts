// The views, the lens click and the status bar's quick pick (issue #16 items 7 and 8), inside the
// extension host: what the views select and say comes from the extension's API, checked against
// the evaluation API (the core's numbers) and the samples as of the pinned instant.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { evaluation, eventually, patchops, PLAN_036, PLAN_039, uriOf, type PatchOpsApi } from './helpers';

interface ViewState {
  selected: string[];
  description?: string;
  message?: string;
  visible: boolean;
}
interface ListedItem {
  label: string;
  description?: string;
  command?: vscode.Command;
}
interface ViewsApi extends PatchOpsApi {
  views(): { plans: ViewState; sla: ViewState; attention: string[]; plansListed: ListedItem[] };
}

async function views(): Promise<ReturnType<ViewsApi['views']>> {
  const api = (await patchops()) as unknown as ViewsApi;
  await api.whenIdle();
  return api.views();
}

describe('PatchOps views: filter, reveal, lens click, quick pick, context commands (extension host)', function () {
  this.timeout(60_000);

  before(async () => {
    await patchops();
    await vscode.commands.executeCommand('patchops.clearPlanFilter');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('patchops.clearPlanFilter');
  });

  it('a filter says so in both plan views (description and message); clearing it says nothing', async () => {
    const ev = await evaluation();
    const breached = ev.plans.filter((p) => p.state === 'breached').length;
    await vscode.commands.executeCommand('patchops.filterPlans', { states: ['breached'], tiers: ['critical'] });
    const filtered = await views();
    for (const view of [filtered.plans, filtered.sla]) {
      assert.equal(view.description, `filtered: ${breached} of ${ev.plans.length} plans`);
      assert.equal(view.message, `Filtered (breached; tier critical): ${ev.plans.length - breached} plans are hidden.`);
    }
    await vscode.commands.executeCommand('patchops.filterPlans', { owners: ['nobody-owns-this'] });
    const none = await views();
    assert.match(none.sla.message ?? '', /^No plan matches the filter \(owner nobody-owns-this\); 10 plans are hidden\./);
    await vscode.commands.executeCommand('patchops.clearPlanFilter');
    const cleared = await views();
    assert.equal(cleared.plans.description, undefined);
    assert.equal(cleared.sla.message, undefined);
  });

  it('the active editor’s plan is selected in Plans and SLA status when they are visible', async () => {
    await vscode.commands.executeCommand('patchops.sla.focus');
    await vscode.commands.executeCommand('patchops.plans.focus');
    await vscode.window.showTextDocument(uriOf(PLAN_039));
    await eventually(async () => {
      const v = await views();
      assert.ok(v.plans.visible && v.sla.visible, 'both views are visible');
      assert.deepEqual(v.plans.selected, ['PLAN-2026-039']);
      assert.deepEqual(v.sla.selected, ['PLAN-2026-039']);
    });
    // The editor keeps the focus: typing still goes to the plan file.
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), uriOf(PLAN_039).toString());
    await vscode.window.showTextDocument(uriOf(PLAN_036));
    await eventually(async () => assert.deepEqual((await views()).sla.selected, ['PLAN-2026-036']));
  });

  it('a later evaluation never moves the selection back to the active editor’s plan', async () => {
    await vscode.commands.executeCommand('patchops.sla.focus');
    await vscode.window.showTextDocument(uriOf(PLAN_039));
    await eventually(async () => assert.deepEqual((await views()).sla.selected, ['PLAN-2026-039']));
    // The user goes elsewhere in the view (here: another plan, revealed by id).
    await vscode.commands.executeCommand('patchops.revealPlan', 'PLAN-2026-036');
    await eventually(async () => assert.deepEqual((await views()).sla.selected, ['PLAN-2026-036']));
    await vscode.commands.executeCommand('patchops.refresh');
    await (await patchops()).whenIdle();
    assert.deepEqual((await views()).sla.selected, ['PLAN-2026-036'], 're-evaluating left the selection where the user put it');
    await vscode.window.showTextDocument(uriOf(PLAN_039));
  });

  it('a long list shows a page, says how many it does not show, shows more on a click, and pages on to a plan revealed', async () => {
    const ev = await evaluation();
    const all = (await views()).plansListed;
    assert.equal(all.length, ev.plans.length, 'a list shorter than a page is listed whole');
    assert.ok(all.every((i) => i.command?.command === 'patchops.openTreeItem'));
    // Clicking a plan opens its file with its id selected (the range is found at the click).
    const first = ev.plans.find((p) => p.title === all[0].label);
    assert.ok(first, `no plan titled ${all[0].label}`);
    await vscode.commands.executeCommand(all[0].command!.command, ...(all[0].command!.arguments ?? []));
    await eventually(() => {
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.toString(), uriOf(first.entity.source.file).toString());
      assert.equal(editor?.document.getText(editor.selection), first.id);
    });
    const labels = (items: ListedItem[]) => items.map((i) => i.label);
    const config = vscode.workspace.getConfiguration('patchops');
    await config.update('views.pageSize', 3, vscode.ConfigurationTarget.Workspace);
    try {
      await eventually(async () => {
        const listed = (await views()).plansListed;
        assert.deepEqual(labels(listed.slice(0, 3)), labels(all.slice(0, 3)));
        assert.deepEqual(
          listed.slice(3).map((i) => [i.label, i.description]),
          [['Show 3 more', `${all.length - 3} not shown`]],
        );
      });
      // A click on the last item: the next page.
      const more = (await views()).plansListed[3].command!;
      await vscode.commands.executeCommand(more.command, ...(more.arguments ?? []));
      const next = (await views()).plansListed;
      assert.deepEqual(labels(next.slice(0, 6)), labels(all.slice(0, 6)));
      assert.deepEqual(
        next.slice(6).map((i) => i.description),
        [`${all.length - 6} not shown`],
      );
      // The last plan's file in the editor: Plans selects it, listing whole pages more to get there.
      const last = ev.plans.find((p) => (p.title || p.id) === all[all.length - 1].label)!;
      await vscode.commands.executeCommand('patchops.plans.focus');
      await vscode.window.showTextDocument(uriOf(last.entity.source.file));
      await eventually(async () => {
        const listed = await views();
        assert.deepEqual(listed.plans.selected, [last.id]);
        assert.deepEqual(labels(listed.plansListed), labels(all), 'every plan is listed, and no item says more');
      });
    } finally {
      await config.update('views.pageSize', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await eventually(async () => assert.deepEqual(labels((await views()).plansListed), labels(all)));
  });

  it('clicking a plan’s code lens reveals that plan in SLA status', async () => {
    await vscode.commands.executeCommand('workbench.view.explorer');
    const uri = uriOf(PLAN_039);
    // The lens is clicked in its own file's editor: the active editor's plan is the lens's.
    await vscode.window.showTextDocument(uri);
    const lens = await eventually(async () => {
      const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000)) ?? [];
      const found = lenses.find((l) => l.command?.command === 'patchops.revealPlan');
      assert.ok(found, `a plan lens with patchops.revealPlan: ${JSON.stringify(lenses.map((l) => l.command))}`);
      return found;
    });
    await vscode.commands.executeCommand(lens.command!.command, ...(lens.command!.arguments ?? []));
    await eventually(async () => {
      const v = await views();
      assert.ok(v.sla.visible, 'SLA status came into view');
      assert.deepEqual(v.sla.selected, ['PLAN-2026-039']);
    });
  });

  it('the status bar opens the plans to act on: the groups and plans the core computes, with their time left', async () => {
    const ev = await evaluation();
    const v = await views();
    const breached = ev.plans.filter((p) => p.state === 'breached');
    const dueSoon = ev.plans.filter((p) => p.state === 'due_soon');
    assert.deepEqual(
      v.attention.filter((i) => i.startsWith('— ')),
      [`— Breached (${breached.length})`, `— Due soon (${dueSoon.length})`],
    );
    const plan036 = v.attention.find((i) => i.includes('PLAN-2026-036'));
    assert.ok(plan036?.startsWith('$(error) Backup server deserialization RCE'), `${plan036}`);
    assert.match(plan036 ?? '', /· (testing )?overdue \d+d( \d+h)? · critical · 0% · PLAN-2026-036$/);
    assert.match(v.attention.find((i) => i.includes('PLAN-2026-039')) ?? '', /^\$\(warning\) Payroll application .* · 10h left · critical · /);
    assert.equal(v.attention.length, 2 + breached.length + dueSoon.length, 'nothing else is listed');
  });

  it('Open, Request Exception and Show in Report take a tree item’s plan (or its id)', async () => {
    await vscode.commands.executeCommand('patchops.openPlan', 'PLAN-2026-039');
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), uriOf(PLAN_039).toString());
    assert.match(editor.document.lineAt(editor.selection.start.line).text, /^id: PLAN-2026-039/);

    // PLAN-2026-036 already has a pending request (EXC-2026-015): asked from its file (as a tree
    // item's plan is), Request Exception opens that one instead of writing a second.
    const opened = await vscode.commands.executeCommand<vscode.Uri | undefined>('patchops.requestException', uriOf(PLAN_036), {
      requestedBy: 'alice@example.com',
    });
    assert.ok(opened, 'an exception file was opened');
    assert.match(opened.path, /exceptions\/EXC-2026-015-backup-hotfix\.exception\.yaml$/);
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), opened.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');

    const shown = await vscode.commands.executeCommand<{ anchor: string; html: string } | undefined>('patchops.showInReport', 'PLAN-2026-036');
    assert.ok(shown, 'the report was shown');
    const article = new RegExp(`<article [^>]*id="${shown.anchor}"[^>]*>.*?</article>`, 's').exec(shown.html)?.[0] ?? '';
    assert.ok(article.includes('PLAN-2026-036'), `${shown.anchor} is the article of PLAN-2026-036`);
    assert.ok(shown.html.includes(`getElementById('${shown.anchor}')`), 'the page scrolls to it');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
