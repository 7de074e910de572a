// CISA BOD 26-04 (issued 2026-06-10): KEV × publicly exposed × automatable × technical impact →
// timeline, per vulnerability per asset. Table: CERTCC/SSVC decision_tables/cisa/bod_2604_dt.py.
import { DAY_MS } from '../../time/durations';
import type { Tier } from '../../model/vocabulary';
import { assumptions, automatableOf, exposureOf, kevOf, technicalImpactOf } from './defaults';
import type { DeadlineRule, ModelAnswer, PairFacts, TechnicalImpact } from './types';

export type Bod2604Outcome = 'FSU' | '60D' | '14D' | '3D' | '3DF';

/** Rows in the directive's order: [kev, exposed, automatable, technical impact] → outcome. */
const BOD_2604_TABLE: readonly [boolean, boolean, boolean, TechnicalImpact, Bod2604Outcome][] = [
  [false, false, false, 'partial', 'FSU'],
  [false, false, false, 'total', 'FSU'],
  [false, false, true, 'partial', '60D'],
  [false, false, true, 'total', '60D'],
  [false, true, false, 'partial', '60D'],
  [false, true, false, 'total', '14D'],
  [false, true, true, 'partial', '14D'],
  [false, true, true, 'total', '3D'],
  [true, false, false, 'partial', '14D'],
  [true, false, false, 'total', '14D'],
  [true, false, true, 'partial', '14D'],
  [true, false, true, 'total', '3DF'],
  [true, true, false, 'partial', '14D'],
  [true, true, false, 'total', '3DF'],
  [true, true, true, 'partial', '3D'],
  [true, true, true, 'total', '3DF'],
];

const OUTCOMES: Record<Bod2604Outcome, { text: string; rule: DeadlineRule; tier: Tier }> = {
  FSU: { text: 'next scheduled major upgrade or rebuild', rule: { kind: 'upgrade-cycle' }, tier: 'low' },
  '60D': { text: '60 days', rule: { kind: 'within', ms: 60 * DAY_MS }, tier: 'medium' },
  '14D': { text: '14 days', rule: { kind: 'within', ms: 14 * DAY_MS }, tier: 'high' },
  '3D': { text: '3 days', rule: { kind: 'within', ms: 3 * DAY_MS }, tier: 'critical' },
  '3DF': { text: '3 days + forensic triage', rule: { kind: 'within', ms: 3 * DAY_MS }, tier: 'critical' },
};

function bod2604Outcome(kev: boolean, exposed: boolean, automatable: boolean, technical: TechnicalImpact): Bod2604Outcome {
  const row = BOD_2604_TABLE.find((r) => r[0] === kev && r[1] === exposed && r[2] === automatable && r[3] === technical);
  return row![4];
}

export function bod2604(f: PairFacts): ModelAnswer {
  const kev = kevOf(f);
  const exposed = exposureOf(f);
  const automatable = automatableOf(f);
  const technical = technicalImpactOf(f);
  const id = bod2604Outcome(kev.value, exposed.value, automatable.value, technical.value);
  const o = OUTCOMES[id];
  const parts = [
    kev.value ? (kev.byExploitation ? 'KEV (active exploitation)' : 'KEV') : 'not KEV',
    exposed.value ? 'public' : 'internal',
    automatable.value ? 'automatable' : 'not automatable',
    technical.value,
  ];
  return {
    outcome: o.text,
    rule: o.rule,
    inputs: parts.join(' · '),
    assumed: assumptions([
      ['kev', kev, 'yes'],
      ['exposure', exposed, f.exposure === 'unknown' ? 'unknown, counts as public' : 'public'],
      ['automatable', automatable, 'yes'],
      ['technical_impact', technical, 'total'],
    ]),
    tier: o.tier,
    forensicTriage: id === '3DF' || undefined,
    kevCap: true,
  };
}
