// The fail-closed defaults every preset shares (docs/rules.md#risk-models): a missing input takes
// the value that gives the earliest deadline, and the answer says it was assumed.
import type { Impact } from '../../model/vocabulary';
import type { Exploitation, Exposure, PairFacts, TechnicalImpact } from './types';

export interface Read<T> {
  value: T;
  assumed: boolean;
}

const read = <T>(value: T | undefined, fallback: T): Read<T> => (value === undefined ? { value: fallback, assumed: true } : { value, assumed: false });

/** Unknown exposure counts as public (BOD 26-04 commentary); so does an unwritten one. */
export function exposureOf(f: PairFacts): Read<boolean> {
  if (f.exposure === 'unknown') return { value: true, assumed: true };
  const e = read<Exposure>(f.exposure, 'public');
  return { value: e.value === 'public', assumed: e.assumed };
}

/** KEV as written; active exploitation counts as KEV (CERT/CC); unwritten counts as KEV. */
export function kevOf(f: PairFacts): Read<boolean> & { byExploitation: boolean } {
  if (f.kev === true) return { value: true, assumed: false, byExploitation: false };
  if (f.exploitation === 'active') return { value: true, assumed: false, byExploitation: true };
  return { ...read(f.kev, true), byExploitation: false };
}

export const automatableOf = (f: PairFacts): Read<boolean> => read(f.automatable, true);
export const technicalImpactOf = (f: PairFacts): Read<TechnicalImpact> => read(f.technicalImpact, 'total');

/** Exploitation as written; a KEV vulnerability is actively exploited; unwritten counts as active. */
export function exploitationOf(f: PairFacts): Read<Exploitation> {
  if (f.exploitation !== undefined) return { value: f.exploitation, assumed: false };
  if (f.kev === true) return { value: 'active', assumed: false };
  return { value: 'active', assumed: true };
}

/** SSVC mission & well-being impact: as written, else the group's impact, else high. */
export function missionImpactOf(f: PairFacts): Read<Impact> {
  if (f.missionImpact !== undefined) return { value: f.missionImpact, assumed: false };
  return read(f.impact, 'high');
}

/** The answer's list of assumptions: `name: value` for each input that was assumed. */
export function assumptions(entries: [string, Read<unknown>, string][]): string[] {
  return entries.filter(([, r]) => r.assumed).map(([name, , text]) => `${name}: ${text}`);
}
