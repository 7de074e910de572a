// FIRST's EPSS scores CSV: `#model_version:v2025.03.14,score_date:2025-08-25T12:55:00Z`, then
// `cve,epss,percentile` and one line per CVE. (The gzip around it is Node's business: the CLI
// and the extension unzip before calling this.)
import { EnrichError } from './kev';

export interface EpssScores {
  modelVersion?: string;
  scoreDate?: string;
  scores: Map<string, number>;
}

export function parseEpssCsv(text: string): EpssScores {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let modelVersion: string | undefined;
  let scoreDate: string | undefined;
  let header: string[] | undefined;
  const scores = new Map<string, number>();
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      for (const part of line.slice(1).split(',')) {
        const [key, ...rest] = part.split(':');
        const value = rest.join(':').trim();
        if (key.trim() === 'model_version') modelVersion = value;
        if (key.trim() === 'score_date') scoreDate = value;
      }
      return;
    }
    const cells = line.split(',').map((c) => c.trim());
    if (!header) {
      header = cells.map((c) => c.toLowerCase());
      if (!header.includes('cve') || !header.includes('epss')) {
        throw new EnrichError(`not an EPSS scores CSV: line ${i + 1} should be the header \`cve,epss,percentile\`, found \`${line.slice(0, 60)}\``);
      }
      return;
    }
    const cve = cells[header.indexOf('cve')];
    const score = Number(cells[header.indexOf('epss')]);
    if (!cve || !Number.isFinite(score) || score < 0 || score > 1) {
      throw new EnrichError(`EPSS CSV line ${i + 1}: expected a CVE and a probability between 0 and 1, found \`${line.slice(0, 60)}\``);
    }
    scores.set(cve.toUpperCase(), score);
  });
  if (!header) throw new EnrichError('the EPSS CSV is empty: expected a `cve,epss,percentile` header and scores');
  return { modelVersion, scoreDate, scores };
}
