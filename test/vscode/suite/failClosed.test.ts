// Fail closed in the editor: a copied plan, a typo while typing, or a policy that does not exist
// never makes a breach vanish from the diagnostics, lenses and counts the extension shows.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import {
  codeOf,
  editFile,
  evaluation,
  eventually,
  lensTitles,
  patchops,
  patchopsDiagnostics,
  PLAN_036,
  replaceOnce,
  Restorer,
  statusBarText,
  uriOf,
} from './helpers';

const COPY = 'plans/2026-099-copied.plan.yaml';

async function planLens(rel: string): Promise<string> {
  const [first] = await lensTitles(rel);
  assert.ok(first, `no code lens on ${rel}`);
  return first;
}

describe('PatchOps fails closed (extension host)', function () {
  this.timeout(90_000);
  const restorer = new Restorer();

  before(async () => {
    await patchops();
    await eventually(() => assert.ok(patchopsDiagnostics(PLAN_036).some((d) => codeOf(d) === 'sla.breached')), 30_000);
  });

  afterEach(async () => {
    try {
      await vscode.workspace.fs.delete(uriOf(COPY));
    } catch {
      // not created by this test
    }
    await restorer.restore();
  });

  it('a copied plan that reuses an id: both files get ref.duplicate-id, both plans are evaluated and the breach is still counted', async () => {
    const original = Buffer.from(await vscode.workspace.fs.readFile(uriOf(PLAN_036))).toString('utf8');
    await vscode.workspace.fs.writeFile(uriOf(COPY), Buffer.from(original.replace(/status: planned/g, 'status: complete\n    completed: 2026-11-10T10:00')));
    await eventually(async () => {
      const e = await evaluation();
      const same = e.plans.filter((p) => p.id === 'PLAN-2026-036');
      assert.deepEqual(same.map((p) => p.entity.source.file).sort(), [PLAN_036, COPY]);
      assert.equal(e.kpis.openBreaches, 1, 'the breached plan still counts');
      for (const rel of [COPY, PLAN_036]) {
        const dup = patchopsDiagnostics(rel).filter((d) => codeOf(d) === 'ref.duplicate-id');
        assert.equal(dup.length, 1, `ref.duplicate-id on ${rel}`);
        assert.equal(dup[0].relatedInformation?.[0].location.uri.toString(), uriOf(rel === COPY ? PLAN_036 : COPY).toString());
      }
    }, 30_000);
    assert.match(await planLens(PLAN_036), /SLA breached/);
    assert.doesNotMatch(await planLens(COPY), /SLA breached/);
    assert.match(await statusBarText(), /\$\(error\) 1 breached/);
  });

  it('a misspelled key while typing (unsaved): the schema error shows, and so do the breach and its lens', async () => {
    await restorer.remember(PLAN_036);
    await editFile(PLAN_036, (text) => replaceOnce(text, /^title: /m, 'titel: '), { save: false });
    await eventually(() => {
      const codes = patchopsDiagnostics(PLAN_036).map(codeOf);
      assert.ok(codes.includes('schema'), `schema error shown: ${codes}`);
      assert.ok(codes.includes('sla.breached'), `the breach is still shown: ${codes}`);
    });
    assert.match(await planLens(PLAN_036), /SLA breached/);
    assert.equal((await evaluation()).kpis.openBreaches, 1);
    assert.match(await statusBarText(), /\$\(error\) 1 breached/);
  });

  it('an SLA policy that does not exist: "no deadline" in the lens and an sla.unknown error, never "on track"', async () => {
    await restorer.remember(PLAN_036);
    await editFile(PLAN_036, (text) => replaceOnce(text, /^owner: it-ops$/m, 'owner: it-ops\nsla: standrad'), { save: false });
    await eventually(() => {
      const unknown = patchopsDiagnostics(PLAN_036).filter((d) => codeOf(d) === 'sla.unknown');
      assert.equal(unknown.length, 1);
      assert.equal(unknown[0].severity, vscode.DiagnosticSeverity.Error);
      assert.match(unknown[0].message, /no deadline: unknown SLA policy `standrad`/);
    });
    const lens = await planLens(PLAN_036);
    assert.match(lens, /no deadline/);
    assert.doesNotMatch(lens, /on track/);
    const e = await evaluation();
    assert.equal(e.kpis.unknownDeadlines, 1);
    await eventually(async () => assert.match(await statusBarText(), /\$\(error\) 0 breached {2}\$\(question\) 1 no deadline/));
  });
});
