// Diagnostics in the real extension host: what the samples show, and how edits (in the editor,
// saved or not, and across files) change them. The oracle is the CLI on the same files.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  AS_OF,
  cliDiagnostics,
  codeOf,
  editFile,
  editorDiagnostics,
  evaluation,
  eventually,
  patchops,
  patchopsDiagnostics,
  PLAN_036,
  PLAN_039,
  replaceOnce,
  Restorer,
  SERVERS,
} from './helpers';

describe('PatchOps diagnostics (extension host)', function () {
  this.timeout(60_000);
  const restorer = new Restorer();

  before(async () => {
    const setting = vscode.workspace.getConfiguration('patchops').get<string>('asOf');
    assert.equal(setting, AS_OF, 'the test workspace must pin patchops.asOf (written by scripts/vscode/run.js)');
    await patchops();
    // The first scan has finished and published.
    await eventually(() => assert.ok(patchopsDiagnostics(PLAN_036).length > 0, `no PatchOps diagnostics on ${PLAN_036}`), 30_000);
  });

  afterEach(async () => {
    await restorer.restore();
  });

  it('the breached sample plan has sla.breached on its id (source PatchOps, 0-based range as the core)', async () => {
    const diagnostics = patchopsDiagnostics(PLAN_036);
    const breached = diagnostics.filter((d) => codeOf(d) === 'sla.breached');
    assert.equal(breached.length, 1, `sla.breached on ${PLAN_036}: ${JSON.stringify(diagnostics.map((d) => codeOf(d)))}`);
    const [d] = breached;
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.match(d.message, /^SLA breached/);
    // `id: PLAN-2026-036` is line 13, column 5 (1-based) in the sample: the value's range.
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [12, 4, 12, 17]);

    const core = (await evaluation()).diagnostics.filter((x) => x.file === PLAN_036 && x.code === 'sla.breached');
    assert.equal(core.length, 1);
    assert.deepEqual(
      [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
      [core[0].range.start.line, core[0].range.start.character, core[0].range.end.line, core[0].range.end.character],
    );
    assert.equal(d.message, core[0].message);
  });

  it("each diagnostic's code links to its section of the docs/diagnostics.md the extension ships (the heading's line)", async () => {
    const all = vscode.languages.getDiagnostics().flatMap(([, list]) => list.filter((d) => d.source === 'PatchOps'));
    assert.ok(all.length >= 5, `PatchOps diagnostics: ${all.length}`);
    const docs = vscode.Uri.joinPath(vscode.extensions.getExtension('patchops.patchops')!.extensionUri, 'docs', 'diagnostics.md');
    const lines = Buffer.from(await vscode.workspace.fs.readFile(docs))
      .toString('utf8')
      .split('\n');
    for (const d of all) {
      const code = d.code;
      assert.ok(typeof code === 'object' && code !== null, `a code with a link: ${JSON.stringify(code)}`);
      assert.equal(code.target.with({ fragment: '' }).toString(), docs.toString(), 'the bundled docs');
      const line = /^L(\d+)$/.exec(code.target.fragment);
      assert.ok(line, `a line fragment: ${code.target.toString()}`);
      assert.equal(lines[Number(line[1]) - 1], `## ${code.value}`, `the section of ${code.value}`);
    }
  });

  it('every PatchOps diagnostic in the editor equals `patchops validate` on the same folder', async () => {
    const expected = cliDiagnostics();
    assert.ok(
      expected.some((d) => d.code === 'sla.breached'),
      'the CLI sees the breach too',
    );
    await eventually(() => assert.deepEqual(editorDiagnostics(), expected));
  });

  it('the evaluation API agrees with the samples (1 breached, 1 due soon)', async () => {
    const ev = await evaluation();
    assert.equal(ev.asOf, Date.parse(AS_OF));
    assert.equal(ev.kpis.openBreaches, 1);
    assert.equal(ev.kpis.dueSoon, 1);
    assert.equal(ev.plans.find((p) => p.id === 'PLAN-2026-036')?.state, 'breached');
    assert.equal(ev.plans.find((p) => p.id === 'PLAN-2026-039')?.state, 'due_soon');
  });

  it('completing the breached plan (WorkspaceEdit, before and after save) clears sla.breached', async () => {
    await restorer.remember(PLAN_036);
    const doc = await editFile(
      PLAN_036,
      (text) => {
        let t = replaceOnce(text, '  status: failed\n', '  status: passed\n');
        t = replaceOnce(
          t,
          /    targets: 1( +#[^\n]*)?\n    status: planned\n/,
          '    targets: 1\n    patched: 1\n    status: complete\n    started: 2026-11-17T12:00\n    completed: 2026-11-17T14:00\n',
        );
        t = replaceOnce(
          t,
          '    targets: 3\n    status: planned\n',
          '    targets: 3\n    patched: 3\n    status: complete\n    started: 2026-11-18T15:00\n    completed: 2026-11-18T18:00\n',
        );
        return t;
      },
      { save: false },
    );
    // Unsaved: the extension reads the open document, not the disk.
    assert.ok(doc.isDirty);
    await eventually(async () => {
      assert.deepEqual(patchopsDiagnostics(PLAN_036).map(codeOf), [], 'no diagnostics left on the completed plan');
      const plan = (await evaluation()).plans.find((p) => p.id === 'PLAN-2026-036');
      assert.equal(plan?.state, 'met');
      assert.deepEqual(plan?.endpoints, { targets: 4, patched: 4, failed: 0 });
    });
    assert.ok(await doc.save());
    const expected = cliDiagnostics();
    assert.ok(!expected.some((d) => d.code === 'sla.breached'), 'the CLI agrees there is no breach');
    await eventually(async () => {
      assert.deepEqual(editorDiagnostics(), expected);
      assert.equal((await evaluation()).kpis.openBreaches, 0);
    });
  });

  it('an asset group impact change re-tiers the plans that use it (cross-file update)', async () => {
    await restorer.remember(SERVERS);
    const before = (await evaluation()).plans.find((p) => p.id === 'PLAN-2026-039');
    assert.equal(before?.tier, 'critical');
    assert.ok(patchopsDiagnostics(PLAN_039).some((d) => codeOf(d) === 'sla.due-soon'));

    await editFile(SERVERS, (text) => replaceOnce(text, /(Salaries depend on it\.\n    impact: )high\n/, '$1medium\n'));
    const expected = cliDiagnostics();
    await eventually(async () => {
      const plan = (await evaluation()).plans.find((p) => p.id === 'PLAN-2026-039');
      assert.equal(plan?.tier, 'high', 'HIGH severity on medium impact is high tier');
      assert.equal(plan?.state, 'on_track');
      // The plan file itself was not touched, yet its diagnostics follow the assets file.
      assert.ok(!patchopsDiagnostics(PLAN_039).some((d) => codeOf(d) === 'sla.due-soon'), 'sla.due-soon is gone from the plan');
      assert.deepEqual(editorDiagnostics(), expected);
    });
  });

  it('deleting a referenced asset group yields ref.unknown in the plan, where the CLI puts it', async () => {
    await restorer.remember(SERVERS);
    await editFile(SERVERS, (text) => replaceOnce(text, /  - id: backup-servers\n(    [^\n]*\n)+\n/, ''));
    const expected = cliDiagnostics();
    const expectedInPlan = expected.filter((d) => d.file === PLAN_036 && d.code === 'ref.unknown');
    assert.ok(expectedInPlan.length >= 1, 'the CLI reports ref.unknown in the plan');
    await eventually(() => {
      const unknown = patchopsDiagnostics(PLAN_036).filter((d) => codeOf(d) === 'ref.unknown');
      assert.ok(unknown.length >= 1, 'ref.unknown in the plan');
      for (const d of unknown) {
        assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
        assert.match(d.message, /backup-servers/);
      }
      // `affects: [backup-servers]` is line 29 (1-based); the value starts at column 11.
      assert.ok(
        unknown.some((d) => d.range.start.line === 28 && d.range.start.character === 10),
        'one on `affects: [backup-servers]`',
      );
      assert.deepEqual(editorDiagnostics(), expected);
    });
  });

  it('changing patchops.asOf re-evaluates (a day later the due-soon plan is breached, as the CLI says)', async () => {
    const config = vscode.workspace.getConfiguration('patchops');
    const later = '2026-11-24T12:00:00Z';
    try {
      await config.update('asOf', later, vscode.ConfigurationTarget.Workspace);
      const expected = cliDiagnostics(later);
      await eventually(async () => {
        const ev = await evaluation();
        assert.equal(ev.asOf, Date.parse(later));
        assert.equal(ev.plans.find((p) => p.id === 'PLAN-2026-039')?.state, 'breached');
        assert.ok(patchopsDiagnostics(PLAN_039).some((d) => codeOf(d) === 'sla.breached'));
        assert.deepEqual(editorDiagnostics(), expected);
      });
    } finally {
      await config.update('asOf', AS_OF, vscode.ConfigurationTarget.Workspace);
      await eventually(async () => assert.equal((await evaluation()).asOf, Date.parse(AS_OF)));
    }
  });
});
