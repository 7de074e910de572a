// An OpenVEX v0.2.0 document of what the workspace knows, as of an instant. Products are the
// asset groups (`urn:patchops:asset-group:<id>`). The mapping (docs/scanners.md):
// - a remediated plan (every wave complete)      → `fixed` for its groups;
// - an effective exception (a risk acceptance)   → `affected`, with an action_statement naming
//   the exception, its reason, compensating controls and revisit date — never `not_affected`:
//   the vulnerable code is there, the organization chose to live with it for a while;
// - an open plan (not remediated)                → `affected`, the action being the plan and its deadline.
// Pending, expired, invalid or unverified exceptions and cancelled plans produce nothing.
import type { Evaluation, PlanResult } from '../model/evaluation';
import { sha256 } from '../report/sha256';
import { cmp, effectiveExceptions, exceptionStatement, oneLine, utc } from './shared';

const OPENVEX_CONTEXT = 'https://openvex.dev/ns/v0.2.0';

export interface VexStatement {
  vulnerability: { name: string };
  products: { '@id': string }[];
  status: 'fixed' | 'affected';
  timestamp: string;
  status_notes?: string;
  action_statement?: string;
  action_statement_timestamp?: string;
}

export interface VexDocument {
  '@context': string;
  '@id': string;
  author: string;
  role: string;
  timestamp: string;
  version: number;
  tooling: string;
  statements: VexStatement[];
}

const groupProduct = (group: string): { '@id': string } => ({ '@id': `urn:patchops:asset-group:${encodeURIComponent(group)}` });

function buildOpenVex(evaluation: Evaluation, options: { tooling?: string } = {}): VexDocument {
  const statements: VexStatement[] = [];
  const exemptions = effectiveExceptions(evaluation);
  const covered = (vuln: string, group: string) => exemptions.some((e) => e.entity.data.vulnerabilities.includes(vuln) && e.entity.data.groups.includes(group));

  for (const plan of evaluation.plans) {
    if (plan.status === 'cancelled') continue;
    const data = plan.entity.data;
    for (const vuln of uniqueSorted(data.vulnerabilities.map((v) => v.id))) {
      const groups = uniqueSorted(data.affects.filter((g) => !covered(vuln, g)));
      if (groups.length === 0) continue;
      statements.push(plan.remediatedAt !== null ? fixedStatement(plan, vuln, groups) : openStatement(plan, vuln, groups, evaluation.asOf));
    }
  }
  for (const e of exemptions) {
    const x = e.entity.data;
    for (const vuln of uniqueSorted(x.vulnerabilities)) {
      statements.push({
        vulnerability: { name: vuln },
        products: uniqueSorted(x.groups).map(groupProduct),
        status: 'affected',
        timestamp: utc(e.approvedOn ?? evaluation.asOf),
        status_notes: `Risk accepted, not remediated: exception ${x.id} applies until ${x.revisit_on}.`,
        action_statement: exceptionStatement(e),
        ...(e.approvedOn !== null ? { action_statement_timestamp: utc(e.approvedOn) } : {}),
      });
    }
  }
  statements.sort((a, b) => cmp(a.vulnerability.name, b.vulnerability.name) || cmp(a.status, b.status) || cmp(JSON.stringify(a), JSON.stringify(b)));

  const author = evaluation.workspaceName.trim() || 'PatchOps workspace';
  const body = JSON.stringify({ author, asOf: evaluation.asOf, statements });
  return {
    '@context': OPENVEX_CONTEXT,
    '@id': `urn:patchops:vex:${sha256Hex(body).slice(0, 32)}`,
    author,
    role: 'Document creator (patch management as code)',
    timestamp: utc(evaluation.asOf),
    version: 1,
    tooling: options.tooling ?? 'PatchOps',
    statements,
  };
}

export function renderOpenVex(evaluation: Evaluation, options: { tooling?: string } = {}): string {
  return JSON.stringify(buildOpenVex(evaluation, options), null, 2) + '\n';
}

function fixedStatement(plan: PlanResult, vuln: string, groups: string[]): VexStatement {
  return {
    vulnerability: { name: vuln },
    products: groups.map(groupProduct),
    status: 'fixed',
    timestamp: utc(plan.remediatedAt!),
    status_notes: `Remediated by plan ${plan.id} (${oneLine(plan.title)}): every deployment wave complete ${utc(plan.remediatedAt!)}.`,
  };
}

function openStatement(plan: PlanResult, vuln: string, groups: string[], asOf: number): VexStatement {
  const deadline =
    plan.deadline !== null
      ? `deadline ${utc(plan.deadline)} (${plan.tier}-tier, ${plan.state.replace('_', ' ')})`
      : `no deadline yet (${plan.state.replace('_', ' ')})`;
  return {
    vulnerability: { name: vuln },
    products: groups.map(groupProduct),
    status: 'affected',
    timestamp: utc(asOf),
    action_statement: `Deploy the fix per PatchOps plan ${plan.id} (${oneLine(plan.title)}); ${deadline}.`,
  };
}

function sha256Hex(text: string): string {
  return [...sha256(new TextEncoder().encode(text))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function uniqueSorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort(cmp);
}
