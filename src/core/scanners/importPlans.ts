// Scanner findings → draft plans, one per fix (package + fixed version), merged into the plans an
// earlier import created. Pure: takes the report and the workspace's files, returns whole-file
// contents to write and a summary; the caller writes (CLI: src/cli/commands/import.ts).
import type { LoadedFile } from '../workspace/model';
import type { SeverityBand } from '../risk/cvss';
import type { Finding, ScanReport, ScannerName } from './model';
import { appendToSequence, applyEdits, blockItem, parseForEdit, valueText, yamlScalar, type Fields, type TextEdit } from './yamlText';

export const IMPORT_FOLDER = 'plans/imported';
/** Severity given to a finding with neither a scorable vector nor a known severity (flagged in the summary). */
export const UNKNOWN_SEVERITY: SeverityBand = 'high';

export interface ImportOptions {
  /** Asset groups for new plans; required when a plan is created. */
  affects?: readonly string[];
  /** `discovered` when the report does not say when it ran (epoch ms). */
  asOf: number;
  /** Gather findings without a fix in one "awaiting a vendor fix" plan. */
  includeUnfixed?: boolean;
}

export interface FileChange {
  /** Workspace-relative, `/`-separated. */
  file: string;
  /** The text the change was computed from; null for a new file (which must not exist). */
  before: string | null;
  after: string;
}

export interface PlanOutcome {
  file: string;
  planId: string;
  vulnerabilities: string[];
}

export interface ImportSummary {
  scanner: ScannerName;
  format: ScanReport['format'];
  artifact?: string;
  scannedAt?: string;
  findings: number;
  created: PlanOutcome[];
  added: PlanOutcome[];
  /** Plans the report matched that already hold all of its vulnerabilities. */
  unchanged: PlanOutcome[];
  /** Findings without a fix (listed, and gathered in a plan with includeUnfixed). */
  unfixed: { id: string; package: string; installedVersion?: string }[];
  /** Vulnerabilities given `UNKNOWN_SEVERITY` because the scanner had no vector or severity. */
  severityUnknown: string[];
}

export interface ImportResult {
  changes: FileChange[];
  summary: ImportSummary;
}

/** A usage problem (e.g. no --affects for a new plan): one line for a person. */
export class ImportError extends Error {}

interface Draft {
  key: string;
  package: string;
  fixedVersion?: string;
  installedVersion?: string;
  targets: Set<string>;
  vulns: Map<string, Finding>;
}

interface ExistingPlan {
  file: string;
  id: string;
  text: string;
  vulnerabilityIds: Set<string>;
}

/** Plans an import: which plan files to create or extend, and the summary. */
export function planImport(report: ScanReport, files: readonly LoadedFile[], options: ImportOptions): ImportResult {
  const drafts = new Map<string, Draft>();
  const unfixed = new Map<string, Finding>();
  const sorted = [...report.findings].sort((a, b) => cmp(a.id, b.id) || cmp(a.package, b.package) || cmp(a.binaryPackage, b.binaryPackage) || cmp(a.target ?? '', b.target ?? ''));
  for (const f of sorted) {
    if (f.fixedVersion === undefined) {
      if (!unfixed.has(`${f.id}\0${f.package}`)) unfixed.set(`${f.id}\0${f.package}`, f);
      continue;
    }
    const key = fixKey(f.package, f.fixedVersion);
    let draft = drafts.get(key);
    if (!draft) {
      draft = { key, package: f.package, fixedVersion: f.fixedVersion, installedVersion: f.installedVersion, targets: new Set(), vulns: new Map() };
      drafts.set(key, draft);
    }
    if (f.target) draft.targets.add(f.target);
    if (!draft.vulns.has(f.id)) draft.vulns.set(f.id, f);
  }
  if (options.includeUnfixed && unfixed.size) {
    const vulns = new Map<string, Finding>();
    for (const f of unfixed.values()) if (!vulns.has(f.id)) vulns.set(f.id, f);
    drafts.set(AWAITING_KEY, { key: AWAITING_KEY, package: '', targets: new Set([...unfixed.values()].flatMap((f) => (f.target ? [f.target] : []))), vulns });
  }

  const workspace = indexWorkspace(files);
  const discovered = report.scannedAt ?? new Date(options.asOf).toISOString().replace('.000Z', 'Z');
  const summary: ImportSummary = {
    scanner: report.scanner,
    format: report.format,
    artifact: report.artifact,
    scannedAt: report.scannedAt,
    findings: report.findings.length,
    created: [],
    added: [],
    unchanged: [],
    unfixed: [...unfixed.values()].map((f) => ({ id: f.id, package: f.package, installedVersion: f.installedVersion })),
    severityUnknown: [],
  };
  const changes: FileChange[] = [];
  const takenFiles = new Set(files.map((f) => f.file));
  const takenIds = new Set(workspace.planIds);
  const unknownSeverity = new Set<string>();

  const ordered = [...drafts.values()].sort((a, b) => (a.key === AWAITING_KEY ? 1 : b.key === AWAITING_KEY ? -1 : cmp(a.key, b.key)));
  for (const draft of ordered) {
    const vulns = [...draft.vulns.values()];
    for (const v of vulns) if (!v.cvss && !v.severity) unknownSeverity.add(v.id);
    const existing = workspace.byKey.get(draft.key);
    if (existing) {
      const fresh = vulns.filter((v) => !existing.vulnerabilityIds.has(v.id));
      if (fresh.length === 0) {
        summary.unchanged.push({ file: existing.file, planId: existing.id, vulnerabilities: [] });
        continue;
      }
      const after = appendVulnerabilities(existing.text, fresh, discovered);
      changes.push({ file: existing.file, before: existing.text, after });
      summary.added.push({ file: existing.file, planId: existing.id, vulnerabilities: fresh.map((v) => v.id) });
      continue;
    }
    const affects = options.affects ?? [];
    if (affects.length === 0) {
      throw new ImportError(`--affects is required: the import creates new plans (${draft.key === AWAITING_KEY ? 'awaiting a vendor fix' : `${draft.package} ${draft.fixedVersion}`}…); name the asset groups they affect, e.g. --affects web-servers`);
    }
    const slug = draft.key === AWAITING_KEY ? 'awaiting-vendor-fix' : `${sanitize(draft.package)}-${sanitize(draft.fixedVersion!)}`;
    let n = 1;
    const name = () => (n === 1 ? slug : `${slug}-${n}`);
    while (takenFiles.has(`${IMPORT_FOLDER}/${name()}.plan.yaml`) || takenIds.has(`IMP-${name()}`)) n++;
    const file = `${IMPORT_FOLDER}/${name()}.plan.yaml`;
    const id = `IMP-${name()}`;
    takenFiles.add(file);
    takenIds.add(id);
    changes.push({ file, before: null, after: renderPlan(report, draft, { id, affects, discovered, teams: workspace.teams }) });
    summary.created.push({ file, planId: id, vulnerabilities: vulns.map((v) => v.id) });
  }
  summary.severityUnknown = [...unknownSeverity].sort();
  return { changes, summary };
}

const AWAITING_KEY = '\0awaiting-fix';
const fixKey = (pkg: string, fixed: string): string => `${pkg}\0${fixed}`;
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A file-name and id part: letters, digits, `.`, `_`, `-` only; never `..`; at most 80 characters. */
export function sanitize(part: string): string {
  const s = part
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/[-.]*-[-.]*/g, '-')
    .replace(/^[.\-_]+|[.\-_]+$/g, '')
    .slice(0, 80)
    .replace(/[.\-_]+$/, '');
  return s === '' ? 'x' : s;
}

interface WorkspaceIndex {
  teams: { executor?: string; validator?: string };
  planIds: string[];
  byKey: Map<string, ExistingPlan>;
}

function indexWorkspace(files: readonly LoadedFile[]): WorkspaceIndex {
  const teams: WorkspaceIndex['teams'] = {};
  const settings = files.find((f) => f.kind === 'workspace')?.source.value as { teams?: Record<string, { role?: string }> } | undefined;
  for (const [name, team] of Object.entries(settings?.teams ?? {})) {
    if (team?.role === 'executor') teams.executor ??= name;
    if (team?.role === 'validator') teams.validator ??= name;
  }
  const byKey = new Map<string, ExistingPlan>();
  const planIds: string[] = [];
  for (const f of [...files].sort((a, b) => cmp(a.file, b.file))) {
    if (f.kind !== 'plan') continue;
    planIds.push(...f.declaredIds);
    const value = f.source.value as { id?: unknown; source?: Record<string, unknown>; vulnerabilities?: unknown } | undefined;
    const source = value?.source;
    if (!source || typeof source !== 'object') continue;
    const key =
      source.awaiting_fix === true ? AWAITING_KEY : typeof source.package === 'string' && typeof source.fixed_version === 'string' ? fixKey(source.package, source.fixed_version) : undefined;
    if (key === undefined || byKey.has(key)) continue;
    const ids = new Set<string>();
    if (Array.isArray(value.vulnerabilities)) for (const v of value.vulnerabilities) if (typeof v?.id === 'string') ids.add(v.id);
    byKey.set(key, { file: f.file, id: typeof value.id === 'string' ? value.id : f.file, text: f.source.text, vulnerabilityIds: ids });
  }
  return { teams, planIds, byKey };
}

function vulnerabilityFields(v: Finding, discovered: string): Fields {
  const fields: [string, string | number | boolean][] = [['id', v.id]];
  if (v.title) fields.push(['title', v.title]);
  if (v.cvss) fields.push(['cvss', v.cvss]);
  else fields.push(['severity', v.severity ?? UNKNOWN_SEVERITY]);
  if (v.kev) fields.push(['kev', true]);
  if (v.epss !== undefined) fields.push(['epss', v.epss]);
  if (v.published) fields.push(['published', v.published]);
  fields.push(['discovered', discovered]);
  return fields;
}

/** The plan text with `fresh` appended to its `vulnerabilities` list; nothing else changes. */
export function appendVulnerabilities(text: string, fresh: readonly Finding[], discovered: string): string {
  const doc = parseForEdit(text);
  if (doc.errors.length) throw new ImportError(`cannot add to a plan that does not parse: ${doc.errors[0].message.split('\n')[0]}`);
  const edits: TextEdit[] = appendToSequence(text, doc, 'vulnerabilities', fresh.map((v) => vulnerabilityFields(v, discovered)));
  return applyEdits(text, edits);
}

function renderPlan(report: ScanReport, draft: Draft, o: { id: string; affects: readonly string[]; discovered: string; teams: WorkspaceIndex['teams'] }): string {
  const awaiting = draft.key === AWAITING_KEY;
  if (!o.teams.executor || !o.teams.validator) {
    throw new ImportError('patchops.yaml needs an executor team and a validator team: imported plans take the first of each as owner and validator');
  }
  const eol = '\n';
  const s = yamlScalar;
  const lines: string[] = [
    `# Draft imported by \`patchops import\` from a ${report.scanner} report${report.artifact ? ` of ${oneLine(report.artifact)}` : ''}.`,
    '# Review the affected groups, testing, waves and rollback; re-imports append new vulnerabilities.',
    `id: ${o.id}`,
    `title: ${s(awaiting ? 'Awaiting a vendor fix' : `Update ${draft.package} to ${draft.fixedVersion}`)}`,
    `description: ${s(awaiting ? `Vulnerabilities the ${report.scanner} scan found with no fixed version yet: mitigate, request exceptions, or move them to a fix plan once the vendor ships one.` : `Deploy ${draft.package} ${draft.fixedVersion}, which fixes the vulnerabilities below (found by ${report.scanner}).`)}`,
    `owner: ${s(o.teams.executor)}`,
    `validator: ${s(o.teams.validator)}`,
    'source:',
    `  scanner: ${report.scanner}`,
  ];
  if (awaiting) lines.push('  awaiting_fix: true');
  else {
    lines.push(`  package: ${s(draft.package)}`);
    if (draft.installedVersion) lines.push(`  installed_version: ${s(draft.installedVersion)}`);
    lines.push(`  fixed_version: ${s(draft.fixedVersion!)}`);
  }
  if (report.artifact) lines.push(`  artifact: ${s(report.artifact)}`);
  const targets = [...draft.targets].sort();
  if (targets.length) {
    lines.push('  targets:');
    for (const t of targets) lines.push(`    - ${s(t)}`);
  }
  lines.push('vulnerabilities:');
  let body = lines.join(eol) + eol;
  for (const v of draft.vulns.values()) body += blockItem(vulnerabilityFields(v, o.discovered), '  ', eol);
  const tail = [`affects: ${valueText(o.affects)}`, 'testing:', '  status: pending'];
  if (!awaiting) {
    tail.push(
      'waves:',
      '  - name: Pilot',
      '    targets: 1                 # set the pilot ring: its groups or number of endpoints',
      '    status: planned',
      '    gate: { min_success: 95, soak: 24h }',
      '  - name: Broad',
      `    groups: ${valueText(o.affects)}`,
      '    status: planned',
    );
  }
  return body + tail.join(eol) + eol;
}

function oneLine(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** For the CLI and the extension: the summary in a few lines. */
export function importSummaryText(summary: ImportSummary, dryRun: boolean, includeUnfixed = false): string {
  const out: string[] = [];
  const clean = (t: string) => t.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const list = (ids: string[]) => (ids.length > 6 ? `${ids.slice(0, 6).join(', ')} …` : ids.join(', '));
  const count = (n: number, word: string, plural = `${word}s`) => `${n} ${n === 1 ? word : plural}`;
  const vulns = (n: number, adjective = '') => count(n, `${adjective}vulnerability`, `${adjective}vulnerabilities`);
  out.push(
    `${summary.scanner} ${summary.format === 'sarif' ? 'SARIF ' : ''}report${summary.artifact ? ` of ${clean(summary.artifact)}` : ''}${summary.scannedAt ? `, scanned ${summary.scannedAt}` : ''}: ${count(summary.findings, 'finding')}`,
  );
  const verb = (done: string, would: string) => (dryRun ? would : done);
  for (const p of summary.created) out.push(`  ${verb('created', 'would create')}  ${p.file}  ${p.planId}: ${vulns(p.vulnerabilities.length)} (${list(p.vulnerabilities)})`);
  for (const p of summary.added) out.push(`  ${verb('added to', 'would add to')}  ${p.file}  ${p.planId}: ${vulns(p.vulnerabilities.length, 'new ')} (${list(p.vulnerabilities)})`);
  for (const p of summary.unchanged) out.push(`  unchanged  ${p.file}  ${p.planId}: already has every vulnerability of this fix`);
  if (summary.unfixed.length) {
    const what = summary.unfixed.map((u) => `${clean(u.id)} (${clean(u.package)}${u.installedVersion ? ` ${clean(u.installedVersion)}` : ''})`);
    out.push(`  no fix yet: ${count(summary.unfixed.length, 'finding')}: ${what.join(', ')}`);
    if (!includeUnfixed) out.push('    (listed only: --include-unfixed gathers them in one "awaiting a vendor fix" plan)');
  }
  if (summary.severityUnknown.length) out.push(`  severity unknown, set to ${UNKNOWN_SEVERITY} for review: ${summary.severityUnknown.map(clean).join(', ')}`);
  if (!summary.created.length && !summary.added.length) out.push('  nothing new to import');
  if (dryRun) out.push('Dry run: nothing was written.');
  return out.join('\n') + '\n';
}

