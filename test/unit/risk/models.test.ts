// Each risk model of record reproduces its official table row for row (docs/rules.md#risk-models):
// one test per row, written out here from the published tables rather than read from the code.
import assert from 'node:assert/strict';
import { bod2604 } from '../../../src/core/risk/models/bod2604';
import { fedrampRev5 } from '../../../src/core/risk/models/fedrampRev5';
import { fedrampVdr, type FedrampClass } from '../../../src/core/risk/models/fedrampVdr';
import { pciDss } from '../../../src/core/risk/models/pciDss';
import { ssvc } from '../../../src/core/risk/models/ssvc';
import type { Exploitation, SsvcOutcome, TechnicalImpact } from '../../../src/core/risk/models/types';
import type { Impact } from '../../../src/core/model/vocabulary';

const DAY = 86_400_000;
const yn = (s: string) => s === 'yes';

describe('risk models: CISA BOD 26-04, row for row', () => {
  // KEV | exposed | automatable | technical impact | outcome (PRESETS: bod_2604_dt.py)
  const rows = `
no | no | no | partial | FSU
no | no | no | total | FSU
no | no | yes | partial | 60 days
no | no | yes | total | 60 days
no | yes | no | partial | 60 days
no | yes | no | total | 14 days
no | yes | yes | partial | 14 days
no | yes | yes | total | 3 days
yes | no | no | partial | 14 days
yes | no | no | total | 14 days
yes | no | yes | partial | 14 days
yes | no | yes | total | 3 days + forensic triage
yes | yes | no | partial | 14 days
yes | yes | no | total | 3 days + forensic triage
yes | yes | yes | partial | 3 days
yes | yes | yes | total | 3 days + forensic triage`
    .trim()
    .split('\n')
    .map((l) => l.split(' | '));
  for (const [kev, exposed, automatable, technical, expected] of rows) {
    it(`KEV ${kev} · exposed ${exposed} · automatable ${automatable} · ${technical} → ${expected}`, () => {
      const a = bod2604({
        kev: yn(kev),
        exposure: yn(exposed) ? 'public' : 'internal',
        automatable: yn(automatable),
        technicalImpact: technical as TechnicalImpact,
      });
      if (expected === 'FSU') {
        assert.deepEqual(a.rule, { kind: 'upgrade-cycle' });
        assert.equal(a.outcome, 'next scheduled major upgrade or rebuild');
      } else {
        assert.equal(a.outcome, expected);
        assert.deepEqual(a.rule, { kind: 'within', ms: Number(expected.split(' ')[0]) * DAY });
      }
      assert.equal(a.forensicTriage === true, expected.endsWith('forensic triage'));
      assert.deepEqual(a.assumed, []);
      assert.equal(a.kevCap, true);
    });
  }

  it('explains the decision points as read', () => {
    const a = bod2604({ kev: true, exposure: 'public', automatable: true, technicalImpact: 'total' });
    assert.equal(`${a.inputs} → ${a.outcome}`, 'KEV · public · automatable · total → 3 days + forensic triage');
  });

  it('fails closed: unknown exposure counts as public, missing inputs take the strictest value, and say so', () => {
    const a = bod2604({ kev: false, exposure: 'unknown' });
    assert.equal(a.outcome, '3 days');
    assert.deepEqual(a.assumed, ['exposure: unknown, counts as public', 'automatable: yes', 'technical_impact: total']);
    const b = bod2604({});
    assert.equal(b.outcome, '3 days + forensic triage');
    assert.deepEqual(b.assumed, ['kev: yes', 'exposure: public', 'automatable: yes', 'technical_impact: total']);
  });

  it('active exploitation outside KEV counts as KEV (CERT/CC)', () => {
    const a = bod2604({ kev: false, exploitation: 'active', exposure: 'internal', automatable: false, technicalImpact: 'partial' });
    assert.equal(a.outcome, '14 days');
    assert.match(a.inputs, /^KEV \(active exploitation\)/);
  });
});

describe('risk models: CISA SSVC deployer table, row for row', () => {
  const code: Record<string, SsvcOutcome> = { T: 'track', 'T*': 'track*', AT: 'attend', AC: 'act' };
  const text: Record<string, string> = { T: 'Track', 'T*': 'Track*', AT: 'Attend', AC: 'Act' };
  // Exploitation | Automatable | Technical impact | low | medium | high (PRESETS: cisa_coordinate_dt.py)
  const rows = `
none | no | partial | T | T | T
none | no | total | T | T | T*
none | yes | partial | T | T | AT
none | yes | total | T | T | AT
poc | no | partial | T | T | T*
poc | no | total | T | T* | AT
poc | yes | partial | T | T | AT
poc | yes | total | T | T* | AT
active | no | partial | T | T | AT
active | no | total | T | AT | AC
active | yes | partial | AT | AT | AC
active | yes | total | AT | AC | AC`
    .trim()
    .split('\n')
    .map((l) => l.split(' | '));
  for (const [exploitation, automatable, technical, ...byMission] of rows) {
    (['low', 'medium', 'high'] as Impact[]).forEach((mission, i) => {
      it(`${exploitation} · automatable ${automatable} · ${technical} · mission ${mission} → ${byMission[i]}`, () => {
        const a = ssvc({
          exploitation: exploitation as Exploitation,
          automatable: yn(automatable),
          technicalImpact: technical as TechnicalImpact,
          missionImpact: mission,
        });
        assert.deepEqual(a.rule, { kind: 'outcome', outcome: code[byMission[i]] });
        assert.equal(a.outcome, text[byMission[i]]);
        assert.deepEqual(a.assumed, []);
      });
    });
  }

  it('mission impact defaults to the group impact; missing inputs take the strictest value, and say so', () => {
    assert.equal(ssvc({ exploitation: 'active', automatable: false, technicalImpact: 'total', impact: 'medium' }).outcome, 'Attend');
    const a = ssvc({});
    assert.equal(a.outcome, 'Act');
    assert.deepEqual(a.assumed, ['exploitation: active', 'automatable: yes', 'technical_impact: total', 'mission_impact: high']);
  });
});

describe('risk models: FedRAMP VDR-TFR-PVR, row for row', () => {
  // class | PAIN | LEV+IRV | LEV+NIRV | NLEV (PRESETS: vulnerability-detection-and-response.md)
  const table = `
A, B | 5 | 4 days | 8 days | 32 days
A, B | 4 | 8 days | 32 days | 64 days
A, B | 3 | 32 days | 64 days | 192 days
A, B | 2 | 96 days | 160 days | 192 days
C | 5 | 2 days | 4 days | 16 days
C | 4 | 4 days | 8 days | 64 days
C | 3 | 16 days | 32 days | 128 days
C | 2 | 48 days | 128 days | 192 days
D | 5 | 12 hours | 1 day | 8 days
D | 4 | 2 days | 8 days | 32 days
D | 3 | 8 days | 16 days | 64 days
D | 2 | 24 days | 96 days | 192 days`
    .trim()
    .split('\n')
    .map((l) => l.split(' | '));
  const ms = (text: string) => Number(text.split(' ')[0]) * (text.endsWith('hours') ? 3_600_000 : DAY);
  const columns = [
    { name: 'LEV+IRV', facts: { exploitation: 'poc' as const, exposure: 'public' as const } },
    { name: 'LEV+NIRV', facts: { exploitation: 'poc' as const, exposure: 'internal' as const } },
    { name: 'NLEV', facts: { exploitation: 'none' as const, kev: false, exposure: 'public' as const } },
  ];
  // 12 rows × 3 columns, each of classes A and B checked in the A, B rows: 48 cases.
  for (const [classes, pain, ...cells] of table) {
    for (const cls of classes.split(', ') as FedrampClass[]) {
      columns.forEach((column, i) => {
        it(`class ${cls} · PAIN ${pain} · ${column.name} → ${cells[i]}`, () => {
          const a = fedrampVdr({ ...column.facts, pain: Number(pain) }, cls);
          assert.deepEqual(a.rule, { kind: 'within', ms: ms(cells[i]) });
          assert.equal(a.outcome, cells[i]);
          assert.deepEqual(a.assumed, []);
          assert.equal(a.kevCap, true);
        });
      });
    }
  }

  it('PAIN 1 has no timeframe (routine operations)', () => {
    assert.deepEqual(fedrampVdr({ pain: 1, exploitation: 'active', exposure: 'public' }, 'D').rule, { kind: 'routine' });
  });

  it('a KEV is likely exploitable; missing PAIN and exposure take the strictest value, and say so', () => {
    const a = fedrampVdr({ kev: true, exploitation: 'none' }, 'C');
    assert.equal(a.outcome, '2 days');
    assert.deepEqual(a.assumed, ['pain: 5', 'exposure: internet-reachable']);
  });
});

describe('risk models: FedRAMP Rev5 and PCI DSS 6.3.3', () => {
  for (const [severity, days] of [
    ['critical', 30],
    ['high', 30],
    ['medium', 90],
    ['low', 180],
    ['none', 180],
  ] as const) {
    it(`FedRAMP Rev5: ${severity} → ${days} days from identification`, () => {
      const a = fedrampRev5({ severity });
      assert.deepEqual(a.rule, { kind: 'within', ms: days * DAY });
      assert.equal(a.outcome, `${days} days`);
    });
  }

  it('FedRAMP Rev5: an unknown severity counts as critical, and says so', () => {
    assert.deepEqual(fedrampRev5({}).assumed, ['severity: critical']);
    assert.equal(fedrampRev5({}).outcome, '30 days');
  });

  const others = { rule: { kind: 'months' as const, months: 3 }, text: 'three months' };
  it('PCI DSS 6.3.3: critical within one month of release', () => {
    const a = pciDss({ severity: 'critical' }, others);
    assert.deepEqual(a.rule, { kind: 'months', months: 1 });
    assert.equal(a.clockStart, 'published');
  });

  it("PCI DSS: everything else within the entity's timeframe; an unknown severity counts as critical", () => {
    assert.deepEqual(pciDss({ severity: 'high' }, others).rule, { kind: 'months', months: 3 });
    assert.deepEqual(pciDss({}, others).rule, { kind: 'months', months: 1 });
    assert.deepEqual(pciDss({}, others).assumed, ['severity: critical']);
  });
});
