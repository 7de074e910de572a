// CISA's Known Exploited Vulnerabilities catalog (known_exploited_vulnerabilities.json).
export interface KevEntry {
  /** YYYY-MM-DD: when federal agencies must have remediated it. */
  dueDate?: string;
  dateAdded?: string;
}

export interface KevCatalog {
  version?: string;
  entries: Map<string, KevEntry>;
}

/** A catalog or score file that cannot be read: one line for a person. */
export class EnrichError extends Error {}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function parseKevCatalog(text: string): KevCatalog {
  let doc: unknown;
  try {
    doc = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new EnrichError(
      `the KEV catalog is not valid JSON${/end of (JSON )?input|Unterminated/i.test((err as Error).message) ? ' (truncated?)' : ''}: ${(err as Error).message.split('\n')[0]}`,
    );
  }
  const o = doc as { vulnerabilities?: unknown; catalogVersion?: unknown };
  if (typeof doc !== 'object' || doc === null || !Array.isArray(o.vulnerabilities)) {
    throw new EnrichError('not a CISA KEV catalog: expected a JSON object with a `vulnerabilities` list (known_exploited_vulnerabilities.json)');
  }
  const entries = new Map<string, KevEntry>();
  for (const item of o.vulnerabilities) {
    const v = item as { cveID?: unknown; dueDate?: unknown; dateAdded?: unknown };
    if (typeof v?.cveID !== 'string' || v.cveID.trim() === '') continue;
    entries.set(v.cveID.trim().toUpperCase(), {
      dueDate: typeof v.dueDate === 'string' && DATE.test(v.dueDate) ? v.dueDate : undefined,
      dateAdded: typeof v.dateAdded === 'string' && DATE.test(v.dateAdded) ? v.dateAdded : undefined,
    });
  }
  if (entries.size === 0 && o.vulnerabilities.length > 0) throw new EnrichError('not a CISA KEV catalog: its entries have no `cveID`');
  return { version: typeof o.catalogVersion === 'string' ? o.catalogVersion : undefined, entries };
}
