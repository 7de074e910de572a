// FedRAMP Consolidated Rules for 2026, VDR-TFR-PVR: time from evaluation to mitigate or remediate,
// by certification class, PAIN, likely exploitable (LEV) and internet-reachable (IRV).
// PAIN 1 has no timeframe (VDR-TFR-RMN); KEVs are due by the catalog's due date (VDR-TFR-KEV).
import { DAY_MS, HOUR_MS } from '../../time/durations';
import type { Tier } from '../../model/vocabulary';
import { assumptions, exploitationOf, exposureOf, type Read } from './defaults';
import type { ModelAnswer, PairFacts } from './types';

export type FedrampClass = 'A' | 'B' | 'C' | 'D';
type Column = 'LEV+IRV' | 'LEV+NIRV' | 'NLEV';

const d = (n: number) => n * DAY_MS;
/** [class group, PAIN, LEV+IRV, LEV+NIRV, NLEV], as the rule's table. */
const FEDRAMP_VDR_TABLE: readonly ['AB' | 'C' | 'D', number, number, number, number][] = [
  ['AB', 5, d(4), d(8), d(32)],
  ['AB', 4, d(8), d(32), d(64)],
  ['AB', 3, d(32), d(64), d(192)],
  ['AB', 2, d(96), d(160), d(192)],
  ['C', 5, d(2), d(4), d(16)],
  ['C', 4, d(4), d(8), d(64)],
  ['C', 3, d(16), d(32), d(128)],
  ['C', 2, d(48), d(128), d(192)],
  ['D', 5, 12 * HOUR_MS, d(1), d(8)],
  ['D', 4, d(2), d(8), d(32)],
  ['D', 3, d(8), d(16), d(64)],
  ['D', 2, d(24), d(96), d(192)],
];

const TIER_BY_PAIN: Record<number, Tier> = { 5: 'critical', 4: 'high', 3: 'medium', 2: 'low', 1: 'low' };

/** The timeframe in ms, or null for PAIN 1 (routine operations). */
function fedrampVdrTimeframe(cls: FedrampClass, pain: number, column: Column): number | null {
  if (pain === 1) return null;
  const group = cls === 'A' || cls === 'B' ? 'AB' : cls;
  const row = FEDRAMP_VDR_TABLE.find((x) => x[0] === group && x[1] === pain)!;
  return column === 'LEV+IRV' ? row[2] : column === 'LEV+NIRV' ? row[3] : row[4];
}

export function fedrampVdr(f: PairFacts, cls: FedrampClass): ModelAnswer {
  const pain: Read<number> = f.pain === undefined ? { value: 5, assumed: true } : { value: f.pain, assumed: false };
  // Likely exploitable unless CISA or the team says there is no exploitation and it is not in KEV.
  const exploitation = exploitationOf(f);
  const lev = f.kev === true || exploitation.value !== 'none';
  const irv = exposureOf(f);
  const column: Column = !lev ? 'NLEV' : irv.value ? 'LEV+IRV' : 'LEV+NIRV';
  const ms = fedrampVdrTimeframe(cls, pain.value, column);
  return {
    outcome: ms === null ? 'no timeframe: routine operations (PAIN 1)' : formatTimeframe(ms),
    rule: ms === null ? { kind: 'routine' } : { kind: 'within', ms },
    inputs: [`class ${cls}`, `PAIN ${pain.value}`, lev ? 'LEV' : 'NLEV', ...(lev ? [irv.value ? 'IRV' : 'NIRV'] : [])].join(' · '),
    assumed: assumptions([
      ['pain', pain, '5'],
      ['exploitation', f.kev === true ? { value: 'active', assumed: false } : exploitation, 'active (likely exploitable)'],
      ['exposure', lev ? irv : { value: true, assumed: false }, f.exposure === 'unknown' ? 'unknown, counts as internet-reachable' : 'internet-reachable'],
    ]),
    tier: TIER_BY_PAIN[pain.value] ?? 'critical',
    kevCap: true,
  };
}

function formatTimeframe(ms: number): string {
  if (ms % DAY_MS !== 0) return `${ms / HOUR_MS} hours`;
  const days = ms / DAY_MS;
  return days === 1 ? '1 day' : `${days} days`;
}
