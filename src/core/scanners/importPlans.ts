// Scanner findings → draft plans, one per fix (package + fixed version), merged into the plans an
// earlier import created: new vulnerabilities and new asset groups are added, nothing is dropped.
// Pure: takes the report and the workspace's files, returns whole-file contents to write and a
// summary; the caller writes (CLI: src/cli/commands/import.ts).
import { isSeq, type Node } from 'yaml';
import type { SeverityBand } from '../risk/cvss';
import type { Finding, ScanReport, ScannerName } from './model';
import { addGroups, AddGroupsError, type GroupsAdded } from './addGroups';
import { appendToSequence, applyEdits, blockItem, lineColumn, parseForEdit, valueText, yamlScalar, type Fields, type TextEdit } from './yamlText';
import type { LoadedFile } from '../model/workspace';

const IMPORT_FOLDER = 'plans/imported';
/** Severity given to a finding with neither a scorable vector nor a known severity (flagged in the summary). */
const UNKNOWN_SEVERITY: SeverityBand = 'high';

export interface ImportOptions {
  /**
   * Asset groups for new plans; required when a plan is created. Plans the report matches that do
   * not affect all of them yet get the missing ones added (see addGroups.ts).
   */
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
  /** Groups the plan affects that it did not before (for a created plan: all of them). */
  groups: string[];
  /** The wave that took the added groups; null for a created plan or one without waves. */
  wave: { name: string; created: boolean } | null;
}

export interface ImportSummary {
  scanner: ScannerName;
  format: ScanReport['format'];
  artifact?: string;
  scannedAt?: string;
  findings: number;
  /** The asset groups named for the import (deduplicated). */
  affects: string[];
  created: PlanOutcome[];
  added: PlanOutcome[];
  /** Plans the report matched that already hold all of its vulnerabilities and affect every group named. */
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
  const sorted = [...report.findings].sort(
    (a, b) => cmp(a.id, b.id) || cmp(a.package, b.package) || cmp(a.binaryPackage, b.binaryPackage) || cmp(a.target ?? '', b.target ?? ''),
  );
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
  const affects = [...new Set(options.affects ?? [])];
  const discovered = report.scannedAt ?? new Date(options.asOf).toISOString().replace('.000Z', 'Z');
  const summary: ImportSummary = {
    scanner: report.scanner,
    format: report.format,
    artifact: report.artifact,
    scannedAt: report.scannedAt,
    findings: report.findings.length,
    affects,
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
      const withVulns = fresh.length ? appendVulnerabilities(existing.file, existing.text, fresh, discovered) : existing.text;
      const added = withGroups(existing.file, withVulns, affects, workspace.endpoints);
      const outcome = { file: existing.file, planId: existing.id, vulnerabilities: fresh.map((v) => v.id), groups: added.groups, wave: added.wave };
      if (added.after === existing.text) {
        summary.unchanged.push(outcome);
        continue;
      }
      changes.push({ file: existing.file, before: existing.text, after: added.after });
      summary.added.push(outcome);
      continue;
    }
    if (affects.length === 0) {
      throw new ImportError(
        `--affects is required: the import creates new plans (${draft.key === AWAITING_KEY ? 'awaiting a vendor fix' : `${draft.package} ${draft.fixedVersion}`}…); name the asset groups they affect, e.g. --affects web-servers`,
      );
    }
    const slug = draft.key === AWAITING_KEY ? 'awaiting-vendor-fix' : `${sanitize(draft.package)}-${sanitize(draft.fixedVersion!)}`;
    let n = 1;
    const name = () => (n === 1 ? slug : `${slug}-${n}`);
    while (takenFiles.has(`${IMPORT_FOLDER}/${name()}.plan.yaml`) || takenIds.has(`IMP-${name()}`)) n++;
    const file = `${IMPORT_FOLDER}/${name()}.plan.yaml`;
    const id = `IMP-${name()}`;
    takenFiles.add(file);
    takenIds.add(id);
    changes.push({ file, before: null, after: renderPlan(report, draft, { id, affects, discovered, teams: workspace.teams, endpoints: workspace.endpoints }) });
    summary.created.push({ file, planId: id, vulnerabilities: vulns.map((v) => v.id), groups: affects, wave: null });
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
  /** Endpoints of each asset group one valid *.assets.yaml declares (no entry when none or several do). */
  endpoints: Map<string, number>;
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
  const endpoints = new Map<string, number>();
  const declared = new Map<string, number>();
  for (const f of [...files].sort((a, b) => cmp(a.file, b.file))) {
    if (f.kind === 'assets') {
      for (const id of f.declaredIds) declared.set(id, (declared.get(id) ?? 0) + 1);
      for (const e of f.entities) {
        const { id, endpoints: n } = e.data as { id?: unknown; endpoints?: unknown };
        if (typeof id === 'string' && typeof n === 'number') endpoints.set(id, n);
      }
    }
    if (f.kind !== 'plan') continue;
    planIds.push(...f.declaredIds);
    const value = f.source.value as { id?: unknown; source?: Record<string, unknown>; vulnerabilities?: unknown } | undefined;
    const source = value?.source;
    if (!source || typeof source !== 'object') continue;
    const key =
      source.awaiting_fix === true
        ? AWAITING_KEY
        : typeof source.package === 'string' && typeof source.fixed_version === 'string'
          ? fixKey(source.package, source.fixed_version)
          : undefined;
    if (key === undefined || byKey.has(key)) continue;
    const ids = new Set<string>();
    if (Array.isArray(value.vulnerabilities))
      for (const v of value.vulnerabilities as ({ id?: unknown } | null)[]) if (typeof v?.id === 'string') ids.add(v.id);
    byKey.set(key, { file: f.file, id: typeof value.id === 'string' ? value.id : f.file, text: f.source.text, vulnerabilityIds: ids });
  }
  // A group declared twice is unusable, as in the evaluator: which count applies cannot be told.
  for (const [id, n] of declared) if (n > 1) endpoints.delete(id);
  return { teams, planIds, byKey, endpoints };
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
function appendVulnerabilities(file: string, text: string, fresh: readonly Finding[], discovered: string): string {
  const doc = parseForEdit(text);
  if (doc.errors.length) {
    const [e] = doc.errors;
    const at = e.linePos?.[0] ?? { line: 1, col: 1 };
    throw new ImportError(`${file}:${at.line}:${at.col}: cannot add vulnerabilities to a plan that does not parse: ${e.message.split('\n')[0]}`);
  }
  const seq = doc.get('vulnerabilities', true) as Node | undefined;
  if (!isSeq(seq)) {
    const at = seq?.range ? lineColumn(text, seq.range[0]) : { line: 1, column: 1 };
    const ids = fresh.map((v) => v.id).join(', ');
    const fix = 'write `vulnerabilities: [{ id: …, cvss: … }]`';
    throw new ImportError(`${file}:${at.line}:${at.column}: \`vulnerabilities\` is not a list, so ${ids} cannot be added: ${fix}`);
  }
  const edits: TextEdit[] = appendToSequence(
    text,
    doc,
    'vulnerabilities',
    fresh.map((v) => vulnerabilityFields(v, discovered)),
  );
  return applyEdits(text, edits);
}

/** The plan text with the groups it does not affect yet added (addGroups.ts); an ImportError when it cannot take them. */
function withGroups(file: string, text: string, affects: readonly string[], endpoints: ReadonlyMap<string, number>): GroupsAdded {
  if (affects.length === 0) return { after: text, groups: [], wave: null };
  try {
    return addGroups(file, text, affects, endpoints);
  } catch (err) {
    if (err instanceof AddGroupsError) throw new ImportError(err.message);
    throw err;
  }
}

interface RenderOptions {
  id: string;
  affects: readonly string[];
  discovered: string;
  teams: WorkspaceIndex['teams'];
  endpoints: WorkspaceIndex['endpoints'];
}

function renderPlan(report: ScanReport, draft: Draft, o: RenderOptions): string {
  const awaiting = draft.key === AWAITING_KEY;
  if (!o.teams.executor || !o.teams.validator) {
    throw new ImportError('patchops.yaml needs an executor team and a validator team: imported plans take the first of each as owner and validator');
  }
  const eol = '\n';
  const s = yamlScalar;
  const lines: string[] = [
    `# Draft imported by \`patchops import\` from a ${report.scanner} report${report.artifact ? ` of ${oneLine(report.artifact)}` : ''}.`,
    '# Review the affected groups, testing, waves and rollback; re-imports add new vulnerabilities and groups.',
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
  if (!awaiting) tail.push('waves:', ...draftWaves(o.affects, o.endpoints));
  return body + tail.join(eol) + eol;
}

/** Endpoints a draft's pilot takes out of the affected groups. */
const PILOT_ENDPOINTS = 1;

/**
 * A draft's waves. Every endpoint is in exactly one wave: the pilot takes PILOT_ENDPOINTS out of
 * the affected groups and Broad, which names the groups, counts the rest in an explicit `targets`
 * (left to default, it would be all of the groups' endpoints and count the pilot's twice). Groups
 * with fewer endpoints than a pilot plus one get a single wave.
 */
function draftWaves(affects: readonly string[], endpoints: WorkspaceIndex['endpoints']): string[] {
  let total = 0;
  for (const g of affects) {
    const n = endpoints.get(g);
    if (n === undefined) {
      throw new ImportError(
        `asset group ${g} has no known number of endpoints (no valid *.assets.yaml declares it, or several do), so the draft's waves cannot be counted`,
      );
    }
    total += n;
  }
  if (total <= PILOT_ENDPOINTS) {
    return ['  - name: Broad', `    groups: ${valueText(affects)}   # too few endpoints for a pilot wave`, '    status: planned'];
  }
  return [
    '  - name: Pilot',
    `    ${`targets: ${PILOT_ENDPOINTS}`.padEnd(27)}# endpoints of the groups below to try it on first`,
    '    status: planned',
    '    gate: { min_success: 95, soak: 24h }',
    '  - name: Broad',
    `    groups: ${valueText(affects)}`,
    `    ${`targets: ${total - PILOT_ENDPOINTS}`.padEnd(27)}# the groups' endpoints minus the pilot's, so none is counted twice`,
    '    status: planned',
  ];
}

function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

/** For the CLI and the extension: the summary in a few lines. */
export function importSummaryText(summary: ImportSummary, dryRun: boolean, includeUnfixed = false): string {
  const out: string[] = [];
  // eslint-disable-next-line no-control-regex
  const clean = (t: string) => t.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  const list = (ids: string[]) => (ids.length > 6 ? `${ids.slice(0, 6).join(', ')} …` : ids.join(', '));
  const count = (n: number, word: string, plural = `${word}s`) => `${n} ${n === 1 ? word : plural}`;
  const vulns = (n: number, adjective = '') => count(n, `${adjective}vulnerability`, `${adjective}vulnerabilities`);
  out.push(
    `${summary.scanner} ${summary.format === 'sarif' ? 'SARIF ' : ''}report${summary.artifact ? ` of ${clean(summary.artifact)}` : ''}${summary.scannedAt ? `, scanned ${summary.scannedAt}` : ''}: ${count(summary.findings, 'finding')}`,
  );
  const verb = (done: string, would: string) => (dryRun ? would : done);
  for (const p of summary.created)
    out.push(`  ${verb('created', 'would create')}  ${p.file}  ${p.planId}: ${vulns(p.vulnerabilities.length)} (${list(p.vulnerabilities)})`);
  for (const p of summary.added) {
    const what: string[] = [];
    if (p.vulnerabilities.length) what.push(`${vulns(p.vulnerabilities.length, 'new ')} (${list(p.vulnerabilities)})`);
    if (p.groups.length) {
      const wave = p.wave ? ` in ${p.wave.created ? 'a new wave' : 'wave'} \`${clean(p.wave.name)}\`` : '';
      what.push(`${count(p.groups.length, 'new group')} (${p.groups.map(clean).join(', ')})${wave}`);
    }
    out.push(`  ${verb('added to', 'would add to')}  ${p.file}  ${p.planId}: ${what.join('; ')}`);
  }
  const every = summary.affects.length ? ' and affects every group named' : '';
  for (const p of summary.unchanged) out.push(`  unchanged  ${p.file}  ${p.planId}: already has every vulnerability of this fix${every}`);
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
