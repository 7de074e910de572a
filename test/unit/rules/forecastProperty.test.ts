// Property (docs/rules.md#forecast): a projection never starts a wave before a constraint allows
// it — the as-of, its planned start, testing, the previous wave's finish and soak — never starts
// it inside a freeze and never ends it inside one; and a plan's finish is its last wave's.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fuzzParameters } from '../hostile/fuzzSeed';
import { evaluateFiles, instant, plan, SETTINGS, withBase } from '../../support/workspace';

const HOUR = 3_600_000;
const BASE_LOCAL = '2026-10-25T00:00'; // a week before the DST change in Chicago
const DAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

const windowArb = fc.record({
  weekly: fc.boolean(),
  day: fc.integer({ min: 0, max: 6 }),
  hour: fc.integer({ min: 0, max: 23 }),
  hours: fc.integer({ min: 1, max: 30 }),
});
const freezeArb = fc.record({ from: fc.integer({ min: -48, max: 24 * 40 }), hours: fc.integer({ min: 1, max: 24 * 20 }) });
const waveArb = fc.record({
  planned: fc.option(fc.integer({ min: -48, max: 24 * 30 }), { nil: undefined }),
  hours: fc.integer({ min: 0, max: 96 }),
  byRate: fc.boolean(),
  soak: fc.option(fc.integer({ min: 1, max: 72 }), { nil: undefined }),
});
const caseArb = fc.record({
  windows: fc.array(windowArb, { maxLength: 2 }),
  freezes: fc.array(freezeArb, { maxLength: 3 }),
  waves: fc.array(waveArb, { minLength: 1, maxLength: 3 }),
  testedAt: fc.integer({ min: -72, max: 24 * 10 }),
  asOfMinutes: fc.integer({ min: 0, max: 24 * 60 * 5 }),
});

const pad = (n: number) => String(n).padStart(2, '0');
function localText(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

describe('forecast: property', () => {
  it('never starts a wave before a constraint allows it, never in a freeze, never ends one in a freeze', () => {
    const base = instant(BASE_LOCAL);
    const { seed, runs } = fuzzParameters('forecast constraints', 120);
    fc.assert(
      fc.property(caseArb, (c) => {
        const settings =
          [
            SETTINGS.trimEnd(),
            ...(c.windows.length
              ? [
                  'maintenance_windows:',
                  ...c.windows.map(
                    (w) =>
                      `  - { rrule: "DTSTART:20260105T${pad(w.hour)}0000\\nRRULE:FREQ=${w.weekly ? `WEEKLY;BYDAY=${DAYS[w.day]}` : 'DAILY'}", duration: ${w.hours}h }`,
                  ),
                ]
              : []),
            ...(c.freezes.length
              ? ['freezes:', ...c.freezes.map((f) => `  - { from: ${localText(base + f.from * HOUR)}, to: ${localText(base + (f.from + f.hours) * HOUR)} }`)]
              : []),
          ].join('\n') + '\n';
        const waves = [
          'waves:',
          ...c.waves.map((w, i) => {
            const parts = [`name: W${i}`, 'groups: [kiosks]'];
            parts.push(w.byRate ? `rate: ${Math.max(1, w.hours)}` : `duration: ${w.hours}h`);
            if (w.planned !== undefined) parts.push(`planned_start: ${localText(base + w.planned * HOUR)}`);
            if (w.soak !== undefined) parts.push(`gate: { soak: ${w.soak}h }`);
            return `  - { ${parts.join(', ')} }`;
          }),
        ].join('\n');
        const testedAt = base + c.testedAt * HOUR;
        const asOf = base + c.asOfMinutes * 60_000;
        const e = evaluateFiles(
          withBase({
            'patchops.yaml': settings,
            'p.plan.yaml': plan({ waves, testing: `testing: { status: passed, completed: ${localText(testedAt)} }` }),
          }),
          new Date(asOf).toISOString(),
        );
        const p = e.plans[0];
        assert.ok(p.forecast, 'a plan with schedule inputs has a forecast');
        const freezes = c.freezes.map((f) => [base + f.from * HOUR, base + (f.from + f.hours) * HOUR]);
        let prevFinish: number | null = null;
        c.waves.forEach((w, i) => {
          const f = p.waves[i].forecast!;
          if (f.start === null || f.finish === null) {
            // Only the search bound may stop a projection here, and then it says why.
            assert.equal(p.forecast!.finish, null);
            assert.ok(p.forecast!.unknownReason);
            return;
          }
          assert.ok(f.start >= asOf, `W${i} starts before the as-of`);
          if (w.planned !== undefined) assert.ok(f.start >= base + w.planned * HOUR, `W${i} starts before its planned start`);
          if (i > 0) {
            assert.ok(f.start >= testedAt, `W${i} starts before testing passed`);
            const soak = c.waves[i - 1].soak;
            assert.ok(f.start >= prevFinish! + (soak ?? 0) * HOUR, `W${i} starts before W${i - 1} finished and soaked`);
          }
          assert.ok(f.finish >= f.start);
          for (const [from, to] of freezes) {
            assert.ok(!(from <= f.start && f.start < to), `W${i} starts inside a freeze`);
            assert.ok(!(from < f.finish && f.finish < to), `W${i} ends inside a freeze`);
          }
          prevFinish = f.finish;
        });
        if (p.forecast.finish !== null) assert.equal(p.forecast.finish, p.waves[p.waves.length - 1].forecast!.finish);
      }),
      { seed, numRuns: runs },
    );
  });
});
