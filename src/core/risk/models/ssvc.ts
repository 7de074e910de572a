// CISA SSVC deployer outcomes (CISA decision table v2.0.3): exploitation × automatable × technical
// impact × mission & well-being → Track, Track*, Attend, Act. SSVC has no days: the policy maps them.
import type { Impact, Tier } from '../../model/vocabulary';
import { assumptions, automatableOf, exploitationOf, missionImpactOf, technicalImpactOf } from './defaults';
import type { Exploitation, ModelAnswer, PairFacts, SsvcOutcome, TechnicalImpact } from './types';

type Row = [Exploitation, boolean, TechnicalImpact, Record<Impact, SsvcOutcome>];
const r = (low: SsvcOutcome, medium: SsvcOutcome, high: SsvcOutcome) => ({ low, medium, high });

/** CERTCC/SSVC decision_tables/cisa/cisa_coordinate_dt.py, in the table's order. */
const SSVC_TABLE: readonly Row[] = [
  ['none', false, 'partial', r('track', 'track', 'track')],
  ['none', false, 'total', r('track', 'track', 'track*')],
  ['none', true, 'partial', r('track', 'track', 'attend')],
  ['none', true, 'total', r('track', 'track', 'attend')],
  ['poc', false, 'partial', r('track', 'track', 'track*')],
  ['poc', false, 'total', r('track', 'track*', 'attend')],
  ['poc', true, 'partial', r('track', 'track', 'attend')],
  ['poc', true, 'total', r('track', 'track*', 'attend')],
  ['active', false, 'partial', r('track', 'track', 'attend')],
  ['active', false, 'total', r('track', 'attend', 'act')],
  ['active', true, 'partial', r('attend', 'attend', 'act')],
  ['active', true, 'total', r('attend', 'act', 'act')],
];

export const SSVC_OUTCOMES: readonly SsvcOutcome[] = ['track', 'track*', 'attend', 'act'];
const TEXT: Record<SsvcOutcome, string> = { track: 'Track', 'track*': 'Track*', attend: 'Attend', act: 'Act' };
const TIER: Record<SsvcOutcome, Tier> = { track: 'low', 'track*': 'medium', attend: 'high', act: 'critical' };

function ssvcOutcome(exploitation: Exploitation, automatable: boolean, technical: TechnicalImpact, mission: Impact): SsvcOutcome {
  const row = SSVC_TABLE.find((x) => x[0] === exploitation && x[1] === automatable && x[2] === technical);
  return row![3][mission];
}

export function ssvc(f: PairFacts): ModelAnswer {
  const exploitation = exploitationOf(f);
  const automatable = automatableOf(f);
  const technical = technicalImpactOf(f);
  const mission = missionImpactOf(f);
  const outcome = ssvcOutcome(exploitation.value, automatable.value, technical.value, mission.value);
  return {
    outcome: TEXT[outcome],
    rule: { kind: 'outcome', outcome },
    inputs: [`exploitation ${exploitation.value}`, automatable.value ? 'automatable' : 'not automatable', technical.value, `mission ${mission.value}`].join(
      ' · ',
    ),
    assumed: assumptions([
      ['exploitation', exploitation, 'active'],
      ['automatable', automatable, 'yes'],
      ['technical_impact', technical, 'total'],
      ['mission_impact', mission, 'high'],
    ]),
    tier: TIER[outcome],
    kevCap: false,
  };
}
