// The risk models of record by name: one pure function per model, (vulnerability × group) → answer.
import { bod2604 } from './bod2604';
import { fedrampRev5 } from './fedrampRev5';
import { fedrampVdr, type FedrampClass } from './fedrampVdr';
import { pciDss } from './pciDss';
import { ssvc } from './ssvc';
import type { DeadlineRule, ModelAnswer, PairFacts } from './types';

/** A preset with its policy settings (the matrix model is the tiers' own path: plans.ts). */
export type PresetSettings =
  | { model: 'bod-26-04' }
  | { model: 'ssvc' }
  | { model: 'fedramp-vdr'; class: FedrampClass }
  | { model: 'fedramp-rev5' }
  | { model: 'pci-dss'; others: { rule: DeadlineRule; text: string } };

export function presetAnswer(settings: PresetSettings, facts: PairFacts): ModelAnswer {
  switch (settings.model) {
    case 'bod-26-04':
      return bod2604(facts);
    case 'ssvc':
      return ssvc(facts);
    case 'fedramp-vdr':
      return fedrampVdr(facts, settings.class);
    case 'fedramp-rev5':
      return fedrampRev5(facts);
    case 'pci-dss':
      return pciDss(facts, settings.others);
  }
}
