// PCI DSS v4.0.1 requirement 6.3.3: patches for critical vulnerabilities installed within one month
// of release; everything else within the entity's own timeframe (the policy's `others`, default
// three months after 11.3.1's quarterly scans). An unknown severity counts as critical.
import type { SeverityBand } from '../../model/vocabulary';
import type { DeadlineRule, ModelAnswer, PairFacts } from './types';

export function pciDss(f: PairFacts, others: { rule: DeadlineRule; text: string }): ModelAnswer {
  const severity: SeverityBand = f.severity ?? 'critical';
  const critical = severity === 'critical';
  return {
    outcome: critical ? 'one month of release (6.3.3)' : `${others.text} (the entity's timeframe)`,
    rule: critical ? { kind: 'months', months: 1 } : others.rule,
    inputs: `severity ${severity}`,
    assumed: f.severity === undefined ? ['severity: critical'] : [],
    tier: critical ? 'critical' : severity === 'none' ? 'low' : severity,
    kevCap: false,
    clockStart: 'published',
  };
}
