// Human-readable output of `validate` and `status`.
import type { Diagnostic } from '../core/model/diagnostic';
import type { Evaluation } from '../core/model/evaluation';
import { formatDuration } from '../core/time/durations';
import { formatInstantLocal } from '../core/time/instants';
import type { PlanState } from '../core/model/vocabulary';
import { approvalLabel, exceptionStateLabel, inText, orderExceptionResults, orderPlanResults, planStateLabel, tierLabel } from '../core/present/labels';
import { explainDeadline } from '../core/present/deadlineExplanation';
import { filterLine, filterPlans, isFiltered, sortPlans, type StatusFilter, type StatusSortKey } from '../core/present/statusFilter';
import { forecastText } from '../core/present/summaries';
import { isDeadlineCode } from './failOn';
import { columns, printable, visibleWidth, type Style } from './terminal';

export function diagnosticsText(diagnostics: readonly Diagnostic[], fileCount: number, style: Style): string {
  const paint = { error: style.red, warning: style.yellow, info: style.cyan };
  const rows = diagnostics.map((d) => [
    `${printable(d.file)}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
    paint[d.severity](d.severity),
    d.code,
    printable(d.message),
  ]);
  const lines = columns(rows, visibleWidth);
  lines.push(summaryLine(diagnostics, fileCount, style));
  return lines.join('\n') + '\n';
}

function summaryLine(diagnostics: readonly Diagnostic[], fileCount: number, style: Style): string {
  const n = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  const text = `${plural(n('error'), 'error')}, ${plural(n('warning'), 'warning')}, ${plural(n('info'), 'info')} in ${plural(fileCount, 'file')}`;
  return n('error') ? style.red(text) : style.bold(text);
}

/**
 * One line when files have errors of their own, e.g. "3 errors in 2 files: run `patchops validate` to
 * see them". Deadline errors (src/cli/failOn.ts) are left out: the table shows them already.
 */
function errorsLine(diagnostics: readonly Diagnostic[]): string | undefined {
  const errors = diagnostics.filter((d) => d.severity === 'error' && !isDeadlineCode(d.code));
  if (errors.length === 0) return undefined;
  const files = new Set(errors.map((d) => d.file)).size;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return `${plural(errors.length, 'error')} in ${plural(files, 'file')}: run \`patchops validate\` to see ${errors.length === 1 ? 'it' : 'them'}`;
}

/** The table's words are the labels in lower case; the states that may be late shout (BREACHED, NO DEADLINE). */
function stateWord(state: PlanState): string {
  const label = planStateLabel(state);
  return state === 'breached' || state === 'unknown' ? label.toUpperCase() : inText(label);
}

export function statusText(evaluation: Evaluation, style: Style, options: { explain?: boolean; filter?: StatusFilter; sort?: StatusSortKey } = {}): string {
  const { asOf, timezone, kpis } = evaluation;
  const local = (ms: number | null) => (ms === null ? '—' : formatInstantLocal(ms, timezone));
  const out: string[] = [];
  out.push(style.bold(`${printable(evaluation.workspaceName || 'PatchOps workspace')} — as of ${local(asOf)}`));
  out.push('');
  const pct = (n: number | null) => (n === null ? '—' : `${n}%`);
  out.push(
    `SLA compliance ${pct(kpis.slaCompliancePercent)} · endpoints remediated ${pct(kpis.endpointsRemediatedPercent)} · ` +
      `${kpis.openBreaches} breached · ${kpis.dueSoon} due soon${kpis.atRisk ? ` · ${kpis.atRisk} at risk` : ''}` +
      `${kpis.unknownDeadlines ? ` · ${kpis.unknownDeadlines} with no deadline` : ''}`,
  );
  // Right under the numbers, which may be incomplete then (a plan whose file has errors may lack a tier or deadline).
  const errors = errorsLine(evaluation.diagnostics);
  if (errors) out.push(style.red(errors));
  // A filtered table must not read as "all clear": say what is left out.
  const filter = isFiltered(options.filter) ? options.filter : undefined;
  const shown = filter ? filterPlans(evaluation.plans, filter, asOf) : evaluation.plans;
  if (filter) out.push(style.yellow(filterLine(filter, shown.length, evaluation.plans.length)));
  out.push('');

  const plans = options.sort ? sortPlans(shown, options.sort) : orderPlanResults(shown);
  const rows = [['PLAN', 'TIER', 'STATE', 'DEADLINE', 'WHEN', 'ENDPOINTS', 'TITLE']];
  for (const p of plans) {
    const when =
      p.deadline === null || p.remediatedAt !== null
        ? ''
        : p.deadline < asOf
          ? `${formatDuration(asOf - p.deadline)} ago`
          : `in ${formatDuration(p.deadline - asOf)}`;
    rows.push([
      printable(p.id),
      p.tier === null ? '—' : inText(tierLabel(p.tier)),
      stateWord(p.state),
      local(p.deadline),
      when,
      p.endpoints.targets ? `${p.endpoints.patched}/${p.endpoints.targets} (${p.endpointsPercent}%)` : '—',
      printable(p.title),
    ]);
  }
  const stateColour = (state: PlanState) => (state === 'breached' || state === 'unknown' ? style.red : state === 'due_soon' ? style.yellow : (s: string) => s);
  columns(rows).forEach((line, i) => out.push(i === 0 ? style.dim(line) : stateColour(plans[i - 1].state)(line)));
  const unknown = plans.filter((p) => p.state === 'unknown').map((p) => [printable(p.id), style.red(printable(`no deadline: ${p.unknownReason}`))]);
  if (unknown.length) {
    out.push('');
    out.push(...columns(unknown, visibleWidth));
  }
  // Forecasts (docs/rules.md#forecast), for the plans with schedule inputs.
  const forecasts = plans.flatMap((p) => {
    const text = forecastText(p, timezone);
    if (text === undefined) return [];
    const paint = p.atRisk ? style.yellow : p.forecast!.finish === null ? style.red : (t: string) => t;
    return [[printable(p.id), paint(printable(text))]];
  });
  if (forecasts.length) {
    out.push('');
    out.push(...columns(forecasts, visibleWidth));
  }
  // `--explain`: why each deadline is what it is (the model, its inputs, what was assumed).
  if (options.explain) {
    for (const p of plans) {
      out.push('');
      out.push(style.bold(printable(p.id)));
      for (const line of explainDeadline(p, timezone)) out.push(`  ${printable(line)}`);
    }
  }

  if (evaluation.exceptions.length && !filter) {
    out.push('');
    const exRows = [['EXCEPTION', 'STATE', 'APPROVAL', 'REVISIT', 'SCOPE']];
    const exceptions = orderExceptionResults(evaluation.exceptions);
    for (const e of exceptions) {
      const data = e.entity.data;
      exRows.push([
        printable(e.id),
        inText(exceptionStateLabel(e.state)),
        inText(approvalLabel(e.approval)),
        local(e.revisitOn),
        printable(`${data.vulnerabilities.join(', ')} on ${data.groups.join(', ')}`),
      ]);
    }
    columns(exRows).forEach((line, i) => out.push(i === 0 ? style.dim(line) : line));
    // Git review (docs/git-review.md): the approval commit, and why an approval is not verified.
    const review: string[][] = [];
    for (const e of exceptions) {
      if (e.commit) {
        const c = e.commit;
        const signature = c.signature === 'unchecked' ? '' : `, signature ${c.signature}`;
        review.push([printable(e.id), printable(`approval commit ${c.commit.slice(0, 12)} by ${c.author}, ${local(Date.parse(c.date) || null)}${signature}`)]);
      }
      if (e.approval === 'unverified' && e.detail) review.push([printable(e.id), style.red(printable(`${inText(approvalLabel(e.approval))}: ${e.detail}`))]);
    }
    if (review.length) {
      out.push('');
      out.push(...columns(review, visibleWidth));
    }
  }
  return out.join('\n') + '\n';
}
