// Issue 7, faults in the editor: 1,000 rapid edits of an open plan end with diagnostics that match
// the final text — no stale result published after the last edit, no queue still draining.
// The oracle is `patchops validate` on the same text, saved.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { cliDiagnostics, editorDiagnostics, eventually, folder, patchops, patchopsDiagnostics, relOf, Restorer, uriOf, type FlatDiagnostic } from './helpers';

/** A line in the test output (the runner's progress log; console.log elsewhere). */
function note(line: string): void {
  const log = (globalThis as { patchopsTestLog?: (line: string) => void }).patchopsTestLog;
  (log ?? console.log)(line);
}

const PLAN = 'plans/2026-037-openjdk-october-cpu.plan.yaml';
const EDITS = 1000;
/** How long the test watches for anything published after idling (longer only makes it stricter). */
const QUIET_MS = 1000;

/** The second wave's `patched:` and `status:` values cycle through these (some are errors). */
const STATUSES = ['in_progress', 'complete', 'not-a-status', 'planned', 'rolled_back', 'in_progress'];
const PATCHED = ['5', '0', '8', '99', '-1', 'many', '3'];
/** The last edit: a known state that differs from the sample (patched 7 of 8, still in progress). */
const FINAL = { patched: '7', status: 'in_progress' };
const restorer = new Restorer();

describe('Faults in the editor: 1,000 rapid edits (extension host)', function () {
  this.timeout(180_000);

  before(async () => {
    await patchops();
    await eventually(
      () => assert.ok(patchopsDiagnostics(PLAN).length + patchopsDiagnostics('plans/2026-036-backup-server-rce.plan.yaml').length > 0, 'first diagnostics'),
      30_000,
    );
  });

  afterEach(async () => {
    await restorer.restore();
  });

  for (const debounce of [undefined, 0]) {
    const how =
      debounce === undefined ? 'default debounce: evaluated once typing stops' : 'debounce 0: every edit evaluated and published while the next ones arrive';
    it(`${EDITS} edits as fast as possible (${how}), then idle with the final text's diagnostics, and quiet`, async () => {
      const config = vscode.workspace.getConfiguration('patchops');
      await config.update('debounceMs', debounce, vscode.ConfigurationTarget.Workspace);
      try {
        await rapidEdits(debounce === 0);
      } finally {
        await config.update('debounceMs', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });
  }
});

async function rapidEdits(expectPublishedWhileEditing: boolean): Promise<void> {
  const api = await patchops();
  await restorer.remember(PLAN);
  const doc = await vscode.workspace.openTextDocument(uriOf(PLAN));
  await vscode.window.showTextDocument(doc, { preview: false });
  // The second wave ("App servers"): its `patched:` and `status:` lines.
  const lines = doc.getText().split('\n');
  const wave = lines.findIndex((l) => /^\s*- name: App servers\s*$/.test(l));
  assert.ok(wave > 0, `no wave "App servers" in ${PLAN} (the sample changed?)`);
  const patchedLine = lines.findIndex((l, i) => i > wave && /^\s+patched: /.test(l));
  const statusLine = lines.findIndex((l, i) => i > wave && /^\s+status: /.test(l));
  assert.ok(patchedLine > wave && statusLine > wave, 'the wave has patched: and status:');

  const valueRange = (line: number) => {
    const text = doc.lineAt(line).text;
    const start = text.indexOf(':') + 2;
    const comment = text.indexOf('#', start);
    const end = comment < 0 ? text.length : text.slice(0, comment).trimEnd().length;
    return new vscode.Range(line, start, line, end);
  };

  // Count what the editor publishes for this plan while the edits go in, and keep what each
  // change left on the plan: after idling, nothing may differ from the final text's diagnostics.
  let published = 0;
  let errorsSeen = 0;
  let afterIdle: string[] | undefined;
  const planUri = doc.uri.toString();
  const planDiagnostics = () => JSON.stringify(editorDiagnostics().filter((d) => d.file === relOf(doc.uri)));
  const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => u.toString() === planUri)) {
      published++;
      if (vscode.languages.getDiagnostics(doc.uri).some((d) => d.source === 'PatchOps' && d.severity === vscode.DiagnosticSeverity.Error)) errorsSeen++;
      afterIdle?.push(planDiagnostics());
    }
  });
  try {
    const started = Date.now();
    for (let i = 0; i < EDITS; i++) {
      const last = i === EDITS - 1;
      const edit = new vscode.WorkspaceEdit();
      // Even edits change the patched count, odd ones the status; the last sets both.
      if (last || i % 2 === 0) edit.replace(doc.uri, valueRange(patchedLine), last ? FINAL.patched : PATCHED[i % PATCHED.length]);
      if (last || i % 2 === 1) edit.replace(doc.uri, valueRange(statusLine), last ? FINAL.status : STATUSES[i % STATUSES.length]);
      assert.ok(await vscode.workspace.applyEdit(edit), `edit ${i} was refused`);
    }
    const edited = Date.now();
    assert.match(doc.lineAt(patchedLine).text, new RegExp(`patched: ${FINAL.patched}\\b`));
    assert.match(doc.lineAt(statusLine).text, new RegExp(`status: ${FINAL.status}\\b`));
    assert.ok(doc.isDirty, 'the edits are unsaved');

    // Idle: however long a busy machine takes (mocha's timeout ends a hang); the time is logged.
    await api.whenIdle();
    const idleAt = Date.now();
    note(
      `${EDITS} edits in ${edited - started} ms; idle ${idleAt - edited} ms after the last; ${published} diagnostics changes for the plan (${errorsSeen} with errors) meanwhile`,
    );
    if (expectPublishedWhileEditing)
      assert.ok(
        errorsSeen > 0,
        'with debounce 0 the intermediate error states were published while the edits went on (else this test proves nothing about stale results)',
      );

    // What the editor shows now, for the unsaved final text (taken before saving).
    const shown = editorDiagnostics();
    const shownForPlan = vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'PatchOps').length;

    // Quiet: no new evaluation after idling (no queue still draining), and whatever diagnostics
    // change still arrives for the plan (VS Code delivers them late on a busy machine) leaves
    // exactly the final text's diagnostics — never a stale result published after the last edit.
    const settled = api.evaluation(folder().uri);
    const final = planDiagnostics();
    afterIdle = [];
    await new Promise((r) => setTimeout(r, QUIET_MS));
    await api.whenIdle();
    assert.equal(api.evaluation(folder().uri), settled, 'the extension evaluated again after whenIdle() returned');
    assert.deepEqual(
      afterIdle.filter((d) => d !== final),
      [],
      `a diagnostics change for ${PLAN} after whenIdle() showed something else than the final text's diagnostics`,
    );
    assert.deepEqual(editorDiagnostics(), shown, 'the diagnostics changed after idling');

    // The oracle: the CLI on the final text, saved.
    assert.ok(await doc.save(), 'saving the plan failed');
    const expected = cliDiagnostics();
    const only = (list: FlatDiagnostic[]) => list.filter((d) => d.file === relOf(doc.uri));
    assert.equal(shownForPlan, only(expected).length, 'as many diagnostics on the plan as the CLI');
    assert.deepEqual(only(shown), only(expected), `diagnostics on ${PLAN} after the edits equal \`patchops validate\` of the final text`);
    assert.deepEqual(shown, expected, 'every PatchOps diagnostic equals `patchops validate` of the final text');
    assert.ok(!only(expected).some((d) => d.severity === 'error'), 'the final state has no error on the plan (the intermediate ones did)');
  } finally {
    subscription.dispose();
  }
}
