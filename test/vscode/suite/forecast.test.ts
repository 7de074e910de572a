// Forecasts in the editor: a wave given a duration that cannot finish before the deadline makes
// its plan "at risk" in the code lenses, the status bar and the diagnostics, and back.
import * as assert from 'node:assert/strict';
import { codeOf, editFile, evaluation, eventually, lensTitles, patchopsDiagnostics, PLAN_039, Restorer, statusBarText } from './helpers';

describe('PatchOps forecasts (extension host)', function () {
  this.timeout(90_000);
  const restorer = new Restorer();

  afterEach(async () => {
    await restorer.restore();
  });

  it('a wave that cannot finish in time: sla.at-risk, "at risk" in the lenses and the status bar', async () => {
    await restorer.remember(PLAN_039);
    await editFile(PLAN_039, (text) => text.replace('  - name: Payroll batch B\n', '  - name: Payroll batch B\n    duration: 2d\n'), { save: false });
    await eventually(async () => {
      const risk = patchopsDiagnostics(PLAN_039).filter((d) => codeOf(d) === 'sla.at-risk');
      assert.equal(risk.length, 1, `sla.at-risk on ${PLAN_039}`);
      assert.match(risk[0].message, /`Payroll batch B` wave finishes .* after the .* deadline/);
      assert.equal((await evaluation()).kpis.atRisk, 1);
      assert.match(await statusBarText(), /1 at risk/);
    });
    const titles = await lensTitles(PLAN_039);
    assert.ok(
      titles.some((t) => /at risk: projected finish/.test(t)),
      `a lens says at risk: ${JSON.stringify(titles)}`,
    );
  });

  it('without schedule inputs there is no forecast and no noise', async () => {
    const e = await evaluation();
    assert.equal(e.kpis.atRisk, 0);
    assert.ok(!(await statusBarText()).includes('at risk'));
    assert.deepEqual(
      e.diagnostics.filter((d) => d.code === 'sla.at-risk' || d.code === 'wave.window'),
      [],
    );
  });
});
