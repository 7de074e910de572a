// A scanner report's text → findings: the format is told by the content (or forced).
import { looksLikeGrype, parseGrype } from './grype';
import { ScanError, type ScanFormat, type ScanReport } from './model';
import { looksLikeSarif, parseSarif } from './sarif';
import { looksLikeTrivy, parseTrivy } from './trivy';

const MAX_CHARS = 200 * 1024 * 1024;

/** Parses a Trivy JSON, Grype JSON or SARIF 2.1.0 report; throws ScanError with one line for a person. */
export function parseScanReport(text: string, format?: ScanFormat): ScanReport {
  if (text.length > MAX_CHARS) throw new ScanError(`the report is larger than ${MAX_CHARS / 1024 / 1024} MB`);
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') throw new ScanError('the report is empty');
  let doc: unknown;
  try {
    doc = JSON.parse(body);
  } catch (err) {
    const truncated = /end of (JSON )?input|Unterminated|Expected/i.test((err as Error).message) ? ' (truncated?)' : '';
    throw new ScanError(`the report is not valid JSON${truncated}: ${(err as Error).message.split('\n')[0]}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw new ScanError('the report is not a JSON object: expected a Trivy JSON, Grype JSON or SARIF 2.1.0 report');
  }
  const detected = format ?? detectFormat(doc);
  if (!detected) {
    throw new ScanError('unknown report format: expected Trivy JSON (SchemaVersion, Results), Grype JSON (matches, descriptor) or SARIF 2.1.0 (version, runs); use --format to say which');
  }
  switch (detected) {
    case 'trivy':
      return parseTrivy(doc);
    case 'grype':
      return parseGrype(doc);
    case 'sarif':
      return parseSarif(doc);
  }
}

export function detectFormat(doc: unknown): ScanFormat | undefined {
  if (looksLikeSarif(doc)) return 'sarif';
  if (looksLikeTrivy(doc)) return 'trivy';
  if (looksLikeGrype(doc)) return 'grype';
  return undefined;
}
