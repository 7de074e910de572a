// Evaluation → the report document (docs/cli.md#the-report-json: the JSON every format renders).
import type { Evaluation, ExceptionResult, PairDeadline, PlanResult } from '../model/evaluation';
import type { Diagnostic } from '../model/diagnostic';
import type { ExceptionReport, FileErrors, PairReport, PlanReport, ReportDocument } from './reportModel';

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

export function buildReport(evaluation: Evaluation): ReportDocument {
  const count = (severity: string) => evaluation.diagnostics.filter((d) => d.severity === severity).length;
  return {
    asOf: new Date(evaluation.asOf).toISOString(),
    workspace: evaluation.workspaceName,
    timezone: evaluation.timezone,
    plans: evaluation.plans.map(planReport),
    exceptions: evaluation.exceptions.map(exceptionReport),
    kpis: evaluation.kpis,
    diagnostics: { errors: count('error'), warnings: count('warning'), infos: count('info') },
    filesWithErrors: filesWithErrors(evaluation.diagnostics),
  };
}

/** Errors only a passed date brings: the files are as they were, the report counts them as breaches and expiries. */
const PASSED_DATE_CODES: ReadonlySet<string> = new Set(['sla.breached', 'exception.expired']);

/** Diagnostics come sorted by file, line, column and code: the first of a file is its first error. */
function filesWithErrors(diagnostics: readonly Diagnostic[]): FileErrors[] {
  const byFile = new Map<string, FileErrors>();
  for (const d of diagnostics) {
    if (d.severity !== 'error' || PASSED_DATE_CODES.has(d.code)) continue;
    const seen = byFile.get(d.file);
    if (seen) seen.errors++;
    else
      byFile.set(d.file, {
        file: d.file,
        errors: 1,
        first: { line: d.range.start.line + 1, column: d.range.start.character + 1, code: d.code, message: d.message },
      });
  }
  return [...byFile.values()].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

function planReport(p: PlanResult): PlanReport {
  const data = p.entity.data;
  return {
    id: p.id,
    file: p.entity.source.file,
    title: p.title,
    owner: data.owner,
    validator: data.validator,
    groups: Array.isArray(data.affects) ? data.affects.filter((g) => typeof g === 'string') : [],
    sla: p.policyId,
    status: p.status,
    severity: p.severity,
    impact: p.impact,
    kev: p.kev,
    tier: p.tier,
    state: p.state,
    unknownReason: p.unknownReason,
    testing: p.testing,
    clockStart: iso(p.clockStart),
    deadline: iso(p.deadline),
    deadlineOrigin: p.deadlineOrigin,
    remediatedAt: iso(p.remediatedAt),
    timeToPatchHours: p.timeToPatchHours,
    endpoints: { ...p.endpoints },
    endpointsPercent: p.endpointsPercent,
    vulnerabilities: p.vulnerabilities.map((v) => ({ id: v.id, severity: v.severity, score: v.score, kev: v.kev, inScope: v.inScope })),
    waves: p.waves.map((w) => ({
      name: w.name,
      status: w.status,
      targets: w.targets,
      patched: w.patched,
      failed: w.failed,
      percent: w.percent,
      started: iso(w.started),
      completed: iso(w.completed),
      blockedBy: w.blockedBy,
      startedEarly: w.startedEarly,
      ...(w.forecast ? { forecast: { start: iso(w.forecast.start), finish: iso(w.forecast.finish) } } : {}),
    })),
    exemptedBy: p.exemptedBy,
    ...(p.forecast
      ? {
          forecast: {
            finish: iso(p.forecast.finish),
            slackHours: p.forecast.slackHours,
            limitedBy: p.forecast.limitedBy,
            atRisk: p.atRisk ?? false,
            unknownReason: p.forecast.unknownReason,
            freezes: p.forecast.freezes.map((f) => ({ from: iso(f.from)!, to: iso(f.to)!, reason: f.reason ?? null })),
          },
        }
      : {}),
    riskModel: p.riskModel,
    deadlineBy: p.deadlineBy ? pairReport(p.deadlineBy) : null,
    pairs: p.pairs.map(pairReport),
  };
}

function pairReport(x: PairDeadline): PairReport {
  return {
    vulnerability: x.vulnerability,
    group: x.group,
    outcome: x.outcome,
    inputs: x.inputs,
    assumed: [...x.assumed],
    tier: x.tier,
    clockStart: iso(x.clockStart),
    clockStartKind: x.clockStartKind,
    deadline: iso(x.deadline),
    kevDue: iso(x.kevDue),
    forensicTriage: x.forensicTriage,
    explanation: x.explanation,
  };
}

function exceptionReport(e: ExceptionResult): ExceptionReport {
  const data = e.entity.data;
  return {
    id: e.id,
    file: e.entity.source.file,
    plan: data.plan ?? null,
    vulnerabilities: [...data.vulnerabilities],
    groups: [...data.groups],
    requestedBy: data.requested_by,
    requestedOn: iso(e.requestedOn),
    reason: data.reason,
    compensatingControls: data.compensating_controls ?? [],
    approvedBy: data.approval?.approved_by ?? null,
    approvedOn: iso(e.approvedOn),
    tier: e.tier,
    state: e.state,
    effective: e.effective,
    revisitOn: iso(e.revisitOn),
    approval: e.approval,
    approvalDetail: e.detail,
    approvalCommit: e.commit ? { commit: e.commit.commit, author: e.commit.author, date: e.commit.date, signature: e.commit.signature } : null,
  };
}
