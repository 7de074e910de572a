// A scanner report's text → findings: the format is told by the content (or forced).
import { SCAN_FORMAT_INFO, SCAN_FORMATS, type ScanFormat, type ScanFormatInfo } from './formats';
import { looksLikeGrype, parseGrype } from './grype';
import type { Json } from './json';
import { ScanError, type ScanReport } from './model';
import { looksLikeSarif, parseSarif } from './sarif';
import { looksLikeTrivy, parseTrivy } from './trivy';

export interface Scanner extends ScanFormatInfo {
  looksLike(doc: Json): boolean;
  parse(doc: Json): ScanReport;
}

/** The parsers by format name. A Record: a format cannot be named without a parser. */
export const SCANNERS: Readonly<Record<ScanFormat, Scanner>> = {
  trivy: { ...SCAN_FORMAT_INFO.trivy, looksLike: looksLikeTrivy, parse: parseTrivy },
  grype: { ...SCAN_FORMAT_INFO.grype, looksLike: looksLikeGrype, parse: parseGrype },
  sarif: { ...SCAN_FORMAT_INFO.sarif, looksLike: looksLikeSarif, parse: parseSarif },
};

/** The order the content is tested in: SARIF (from either scanner) first, then the scanners' own JSON. */
const DETECTION_ORDER: readonly ScanFormat[] = ['sarif', 'trivy', 'grype'];

/** "Trivy JSON, Grype JSON or SARIF 2.1.0". */
const titles = (describe: (info: ScanFormatInfo) => string): string => {
  const all = SCAN_FORMATS.map((f) => describe(SCAN_FORMAT_INFO[f]));
  return `${all.slice(0, -1).join(', ')} or ${all[all.length - 1]}`;
};

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
    throw new ScanError(`the report is not a JSON object: expected a ${titles((s) => s.title)} report`);
  }
  const detected = format ?? detectFormat(doc);
  if (!detected) {
    throw new ScanError(`unknown report format: expected ${titles((s) => `${s.title} (${s.marks})`)}; use --format to say which`);
  }
  return SCANNERS[detected].parse(doc);
}

export function detectFormat(doc: unknown): ScanFormat | undefined {
  return DETECTION_ORDER.find((format) => SCANNERS[format].looksLike(doc));
}
