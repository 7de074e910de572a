// The forecast as the lenses, the SLA tree's tooltip and `status` show it (docs/rules.md#forecast).
import assert from 'node:assert/strict';
import ICAL from 'ical.js';
import { statusText } from '../../../src/cli/textOutput';
import { renderExport } from '../../../src/core/export';
import { forecastText, planLensTitle, waveLensTitle } from '../../../src/core/present/summaries';
import { evaluateFiles, plan, SETTINGS, withBase } from '../../support/workspace';

const plain = (s: string) => s;
const STYLE = { red: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };

function run(waves: string, settings = '') {
  const files = withBase({
    'patchops.yaml': SETTINGS + settings,
    'p.plan.yaml': plan({ waves, testing: 'testing: { status: passed, completed: 2026-12-09T09:00 }' }),
  });
  return evaluateFiles(files, '2026-12-09T18:00:00Z'); // deadline 2026-12-12 09:00 (-06:00)
}

describe('forecast on the surfaces', () => {
  it('on time: "projected finish … · 1d 12h to spare" on the plan lens, the projection on the wave lens', () => {
    const e = run('waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }\n  - { name: All, groups: [kiosks], duration: 1d }');
    const p = e.plans[0];
    // Pilot from 12:00 (-06:00) to 24:00, All from Dec 10 00:00 (-06:00) to Dec 11 00:00 (-06:00): 33h before the deadline.
    assert.equal(forecastText(p, e.timezone), 'projected finish 2026-12-11 00:00 (-06:00) · 1d 9h to spare');
    assert.match(planLensTitle(p, e.asOf, e.timezone), / · projected finish 2026-12-11 00:00 \(-06:00\) · 1d 9h to spare$/);
    assert.equal(
      waveLensTitle(p.waves[1], e.timezone),
      'planned · 0/40 patched · blocked: Pilot is planned, not complete · projected 2026-12-10 00:00 (-06:00) → 2026-12-11 00:00 (-06:00)',
    );
    assert.equal(e.kpis.atRisk, 0);
    assert.match(statusText(e, STYLE), /PLAN-1 +projected finish 2026-12-11 00:00 \(-06:00\) · 1d 9h to spare/);
  });

  it('at risk: the lens warns, and status counts and lists it', () => {
    const e = run('waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }\n  - { name: All, groups: [kiosks], duration: 4d }');
    const p = e.plans[0];
    assert.equal(p.atRisk, true);
    assert.equal(forecastText(p, e.timezone), '⚠ at risk: projected finish 2026-12-14 00:00 (-06:00), 1d 15h after the deadline');
    const status = statusText(e, STYLE);
    assert.match(status, / · 1 at risk/);
    assert.match(status, /PLAN-1 +⚠ at risk: projected finish 2026-12-14 00:00 \(-06:00\), 1d 15h after the deadline/);
  });

  it('no forecast says why; no schedule inputs show nothing', () => {
    const e = run('waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }\n  - { name: All, groups: [kiosks] }');
    assert.equal(forecastText(e.plans[0], e.timezone), 'no forecast: wave All: it has no duration or rate, so how long it takes is not known');
    const none = run('waves:\n  - { name: Pilot, groups: [pilot] }');
    assert.equal(forecastText(none.plans[0], none.timezone), undefined);
    assert.doesNotMatch(planLensTitle(none.plans[0], none.asOf, none.timezone), /projected|forecast/);
    assert.doesNotMatch(statusText(none, STYLE), /at risk|projected|forecast/);
  });

  it('the iCalendar export carries the projected window of each wave not complete yet', () => {
    const e = run('waves:\n  - { name: Pilot, groups: [pilot], duration: 12h }\n  - { name: All, groups: [kiosks], duration: 1d }');
    const calendar = new ICAL.Component(ICAL.parse(renderExport('ics', e, { version: '0.1.0' })));
    const events = calendar.getAllSubcomponents('vevent').map((c: ICAL.Component) => new ICAL.Event(c));
    const waves = events.filter((ev: ICAL.Event) => ev.uid.startsWith('wave-'));
    assert.deepEqual(
      waves.map((ev: ICAL.Event) => [ev.uid, ev.startDate.toJSDate().toISOString(), ev.endDate.toJSDate().toISOString(), ev.summary]),
      [
        ['wave-PLAN-1-0@test-org.patchops.invalid', '2026-12-09T18:00:00.000Z', '2026-12-10T06:00:00.000Z', 'Wave Pilot: PLAN-1 Test plan (projected)'],
        ['wave-PLAN-1-1@test-org.patchops.invalid', '2026-12-10T06:00:00.000Z', '2026-12-11T06:00:00.000Z', 'Wave All: PLAN-1 Test plan (projected)'],
      ],
    );
    const none = run('waves:\n  - { name: Pilot, groups: [pilot] }');
    assert.ok(!renderExport('ics', none, { version: '0.1.0' }).includes('UID:wave-'));
  });
});
