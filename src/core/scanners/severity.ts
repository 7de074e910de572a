// Scanner severity words to PatchOps severity bands.
import type { SeverityBand } from '../risk/cvss';

/** CRITICAL/HIGH/MEDIUM/LOW (Trivy), Critical/High/Medium/Low/Negligible (Grype); unknown → undefined. */
export function severityOf(word: unknown): SeverityBand | undefined {
  if (typeof word !== 'string') return undefined;
  switch (word.trim().toLowerCase()) {
    case 'critical':
      return 'critical';
    case 'high':
      return 'high';
    case 'medium':
    case 'moderate':
      return 'medium';
    case 'low':
      return 'low';
    case 'negligible':
    case 'none':
      return 'none';
    default:
      return undefined;
  }
}
