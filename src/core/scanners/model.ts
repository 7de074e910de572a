// What PatchOps reads from a scanner report, whatever the format: one finding per vulnerability
// in one package of one target. Parsers in trivy.ts, grype.ts and sarif.ts produce it.
import type { SeverityBand } from '../risk/cvss';
import type { ScanFormat } from './formats';

export type ScannerName = 'trivy' | 'grype';

export interface Finding {
  /** CVE, GHSA, distribution advisory id … as the scanner names it. */
  id: string;
  title?: string;
  /** The package a fix is deployed as: the source package where the scanner names one. */
  package: string;
  /** The binary package the scanner found (same as `package` when it names no source package). */
  binaryPackage: string;
  installedVersion?: string;
  /** The version that fixes it; undefined when there is no fix yet. */
  fixedVersion?: string;
  /** The report's target: an OS, a lock file, a path. */
  target?: string;
  /** A CVSS 3.x or 4.0 vector PatchOps can score, picked NVD first (see cvssPick.ts). */
  cvss?: string;
  /** The scanner's severity; used when there is no vector. Undefined when it says "unknown". */
  severity?: SeverityBand;
  /** ISO 8601 UTC. */
  published?: string;
  kev?: boolean;
  epss?: number;
}

export interface ScanReport {
  scanner: ScannerName;
  format: ScanFormat;
  /** When the scan ran (ISO 8601 UTC), if the report says. */
  scannedAt?: string;
  /** What was scanned: image, folder, file. */
  artifact?: string;
  findings: Finding[];
}

/** A report that cannot be read: the message is one line, for a person. */
export class ScanError extends Error {}
