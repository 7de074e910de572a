// The Markdown report: for a pull request, a wiki page or a chat message. GitHub-flavoured tables;
// readable raw as well as rendered. Every document value goes through escapeMarkdownCell.

import { escapeMarkdownCell } from './escape';
import { type ExceptionReport, type PlanReport, type ReportDocument, type WaveReport } from './reportModel';
import {
  DASH,
  attentionExceptions,
  attentionPlans,
  countsInOrder,
  describeDeadline,
  describeEndpoints,
  describeRelative,
  describeBanner,
  describeCut,
  describeLeftOut,
  describeTesting,
  describeTimes,
  describeVulnerability,
  endpointTotals,
  endpointsNote,
  formatHours,
  formatInstant,
  formatDaysHours,
  formatNumber,
  listed,
  formatPercent,
  orderExceptions,
  orderPlans,
  plural,
  slaCounts,
  words,
  type RenderOptions,
} from './renderShared';
import { byGroup, byOwner, type BreakdownRow } from './breakdowns';
import { approvalLabel, exceptionStateLabel, inText, planStateLabel, tierLabel, waveStatusLabel } from '../present/labels';
import { EXCEPTION_STATES, PLAN_STATES, TIERS } from '../model/vocabulary';

/** Escaped text, DASH for an empty value. */
const md = (value: string): string => (value === '' ? DASH : escapeMarkdownCell(value));

function table(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const rule = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function header(doc: ReportDocument, options: RenderOptions): string {
  const lines = [
    `# Patch report${options.summary ? ' summary' : ''}: ${md(doc.workspace)}`,
    '',
    `As of **${md(formatInstant(doc.asOf, doc.timezone))}**. ${md(describeTimes(doc.timezone))}`,
  ];
  // Files with errors and plans in breach, apart: one is about the files, the other about the patching.
  const { files, breaches, unknown } = describeBanner(doc);
  const banner = [
    files === '' ? '' : `> **${md(files)}** in the workspace: the figures cover what could be read; run \`patchops validate\` for details.`,
    breaches === '' ? '' : `> **${md(breaches)}**: past the SLA deadline and not remediated.`,
    unknown === '' ? '' : `> **${md(unknown)}**: they may be late.`,
  ].filter((x) => x !== '');
  if (banner.length > 0) lines.push('', banner.join('\n>\n'));
  return lines.join('\n');
}

function kpiSection(doc: ReportDocument): string {
  const k = doc.kpis;
  const sla = slaCounts(k);
  const ep = endpointTotals(doc.plans);
  const rows: string[][] = [
    [
      'SLA compliance',
      `${formatPercent(k.slaCompliancePercent)} (${sla.met} met, ${sla.missed} missed, ${sla.breached} breached${sla.unknown ? `, ${sla.unknown} no deadline` : ''})`,
    ],
    ['Endpoints remediated', `${formatPercent(k.endpointsRemediatedPercent)} (${endpointsNote(ep, k)})`],
    ['Open breaches', String(k.openBreaches)],
    ...(k.unknownDeadlines ? [['No deadline (may be late)', String(k.unknownDeadlines)]] : []),
    ['Due soon', String(k.dueSoon)],
    ...(k.atRisk ? [['At risk (projected to finish after the deadline)', String(k.atRisk)]] : []),
    ...TIERS.map((t) => [`Mean time to patch, ${inText(tierLabel(t))}`, formatDaysHours(k.meanTimeToPatchHours[t] ?? null)]),
    ['Plans by state', countList(k.plansByState, PLAN_STATES, planStateLabel)],
    ['Exceptions by state', countList(k.exceptionsByState, EXCEPTION_STATES, exceptionStateLabel)],
  ];
  return `## Key figures\n\n${table(['Measure', 'Value'], rows)}`;
}

function countList(counts: Readonly<Record<string, number | undefined>>, order: readonly string[], label: (k: string) => string): string {
  const present = countsInOrder(counts, order).filter(([, n]) => n > 0);
  return present.length === 0 ? 'none' : present.map(([k, n]) => `${md(label(k))} ${n}`).join(' · ');
}

function attentionWhen(doc: ReportDocument, plan: PlanReport): string {
  if (plan.state === 'awaiting_test') return describeTesting(plan.testing);
  if (plan.state === 'unknown') return `no deadline: ${plan.unknownReason ?? 'it cannot be computed'}`;
  return describeDeadline(doc.asOf, plan.deadline) ?? DASH;
}

function attentionSection(doc: ReportDocument, plans: readonly PlanReport[], exceptions: readonly ExceptionReport[]): string {
  const cut = [
    describeCut(attentionPlans(doc.plans).length, plans.length, 'plan'),
    describeCut(attentionExceptions(doc.exceptions).length, exceptions.length, 'exception'),
  ];
  const parts = ['## Needs attention'];
  parts.push(
    plans.length === 0
      ? 'No plan is breached, due soon or awaiting test.'
      : table(
          ['Plan', 'Title', 'Tier', 'State', 'Deadline', 'When', 'Deadline from', 'Endpoints'],
          plans.map((p) => [
            md(p.id),
            md(p.title),
            md(tierLabel(p.tier)),
            `**${md(planStateLabel(p.state))}**`,
            md(formatInstant(p.deadline, doc.timezone)),
            md(attentionWhen(doc, p)),
            md(p.deadline === null ? '' : (p.deadlineOrigin ?? '')),
            md(formatPercent(p.endpointsPercent)),
          ]),
        ),
  );
  if (cut[0] !== '') parts.push(md(cut[0]));
  if (exceptions.length > 0) {
    parts.push(
      '### Exceptions to review',
      table(
        ['Exception', 'State', 'Approval', 'Revisit on', 'Detail'],
        exceptions.map((e) => [
          md(e.id),
          `**${md(exceptionStateLabel(e.state))}**`,
          md(approvalLabel(e.approval)),
          md(formatInstant(e.revisitOn, doc.timezone)),
          md(e.approvalDetail ?? ''),
        ]),
      ),
    );
  }
  if (cut[1] !== '') parts.push(md(cut[1]));
  return parts.join('\n\n');
}

function breakdownTable(head: string, rows: readonly BreakdownRow[], options: RenderOptions): string {
  const shown = listed(rows, options);
  const body = shown.map((r) => [
    md(r.key),
    formatNumber(r.plans),
    formatNumber(r.breached),
    formatNumber(r.dueSoon),
    formatNumber(r.atRisk),
    formatNumber(r.unknown),
    formatPercent(r.compliancePercent),
  ]);
  const cut = describeCut(rows.length, shown.length, 'row');
  const tableText = table([head, 'Plans', 'Breached', 'Due soon', 'At risk', 'No deadline', 'SLA compliance'], body, ['l', 'r', 'r', 'r', 'r', 'r', 'r']);
  return cut === '' ? tableText : `${tableText}\n\n${md(cut)}`;
}

function breakdownsSection(doc: ReportDocument, options: RenderOptions): string {
  if (doc.plans.length === 0) return '';
  return [
    '## By owner team and asset group',
    '### Owner teams',
    breakdownTable('Owner team', byOwner(doc.plans), options),
    '### Asset groups',
    'A plan that affects several groups counts in each.',
    breakdownTable('Asset group', byGroup(doc.plans), options),
  ].join('\n\n');
}

function filesSection(doc: ReportDocument, options: RenderOptions): string {
  const files = doc.filesWithErrors ?? [];
  if (files.length === 0) return '';
  const shown = listed(files, options);
  const rows = shown.map((f) => [md(f.file), String(f.first.line), String(f.first.column), formatNumber(f.errors), md(f.first.code), md(f.first.message)]);
  const cut = describeCut(files.length, shown.length, 'file');
  return [
    `## Files with errors (${files.length})`,
    'The figures above cover what these files let PatchOps read; `patchops validate` lists every error.',
    table(['File', 'Line', 'Column', 'Errors', 'First error', 'Message'], rows, ['l', 'r', 'r', 'r', 'l', 'l']),
    ...(cut === '' ? [] : [md(cut)]),
  ].join('\n\n');
}

function planBlock(doc: ReportDocument, plan: PlanReport): string {
  const deadlineNote = plan.state === 'awaiting_test' ? describeTesting(plan.testing) : describeDeadline(doc.asOf, plan.deadline);
  const kev = plan.kev ? ', known exploited (KEV)' : '';
  const clock =
    plan.state === 'exempt'
      ? 'exempt: every vulnerability and group is covered by an exception'
      : plan.clockStart === null && plan.deadline === null
        ? 'the SLA clock has not started'
        : `clock start ${md(formatInstant(plan.clockStart, doc.timezone))}`;
  const remediated =
    plan.remediatedAt === null
      ? 'not yet'
      : `${md(formatInstant(plan.remediatedAt, doc.timezone))}, time to patch ${md(formatDaysHours(plan.timeToPatchHours))}`;
  const facts = [
    `- **State:** ${md(planStateLabel(plan.state))}${deadlineNote === null || isClosed(plan) ? '' : `, ${md(deadlineNote)}`}`,
    `- **Tier:** ${md(tierLabel(plan.tier))} (severity ${md(words(plan.severity))}, business impact ${md(words(plan.impact))}${kev})`,
    `- **Deadline:** ${md(formatInstant(plan.deadline, doc.timezone))} (${clock})${plan.deadline !== null && plan.deadlineOrigin ? ` · ${md(plan.deadlineOrigin)}` : ''}`,
    `- **Remediated:** ${remediated}`,
    `- **Endpoints:** ${md(describeEndpoints(plan))}`,
    `- **Executes (IT):** ${md(plan.owner)} · **validates (InfoSec):** ${md(plan.validator)} · **SLA policy:** ${md(plan.sla ?? '')} · **testing:** ${md(words(plan.testing))}`,
    `- **Vulnerabilities:** ${plan.vulnerabilities.length === 0 ? DASH : plan.vulnerabilities.map((v) => md(describeVulnerability(v))).join('; ')}`,
    `- **Exempted by:** ${plan.exemptedBy.length === 0 ? DASH : plan.exemptedBy.map(md).join(', ')}`,
    ...(plan.forecast ? [`- **Forecast:** ${md(describeForecast(plan.forecast, doc.timezone))}`] : []),
    `- **File:** ${md(plan.file)}`,
  ];
  const waves = plan.waves.length === 0 ? 'No waves.' : wavesTable(plan.waves, doc.timezone);
  return [`### ${md(plan.id)}: ${md(plan.title)}`, facts.join('\n'), waves].join('\n\n');
}

/** docs/rules.md#forecast, in words: the projected finish and the slack, or why there is none. */
function describeForecast(f: NonNullable<PlanReport['forecast']>, zone: string): string {
  if (f.finish === null) return `none: ${f.unknownReason ?? 'it cannot be computed'}`;
  const slack =
    f.slackHours === null ? '' : f.slackHours >= 0 ? `, ${formatHours(f.slackHours)} to spare` : `, ${formatHours(-f.slackHours)} after the deadline`;
  return `${f.atRisk ? 'AT RISK: ' : ''}projected finish ${formatInstant(f.finish, zone)}${slack} (limited by ${f.limitedBy?.replace('_', ' ') ?? 'its input'})`;
}

/** Met, missed, exempt and cancelled plans have no time left to speak of. */
function isClosed(plan: PlanReport): boolean {
  return plan.remediatedAt !== null || plan.state === 'exempt' || plan.state === 'cancelled';
}

function wavesTable(waves: readonly WaveReport[], zone: string): string {
  return table(
    ['Wave', 'Status', 'Patched', 'Failed', 'Targets', 'Done', 'Started', 'Completed', 'Blocked by'],
    waves.map((w) => [
      md(w.name),
      md(waveStatusLabel(w.status)),
      formatNumber(w.patched),
      formatNumber(w.failed),
      formatNumber(w.targets),
      formatPercent(w.percent),
      md(formatInstant(w.started, zone)),
      md(formatInstant(w.completed, zone)),
      md(w.blockedBy ?? ''),
    ]),
    ['l', 'l', 'r', 'r', 'r', 'r', 'l', 'l', 'l'],
  );
}

function plansSection(doc: ReportDocument): string {
  const plans = orderPlans(doc.plans);
  if (plans.length === 0) return '## Plans\n\nNo patch plans.';
  return [`## Plans (${plans.length})`, ...plans.map((p) => planBlock(doc, p))].join('\n\n');
}

function exceptionBlock(doc: ReportDocument, e: ExceptionReport): string {
  const approved = e.approvedBy === null ? 'not approved' : `${md(e.approvedBy)} on ${md(formatInstant(e.approvedOn, doc.timezone))}`;
  const detail = e.approvalDetail === null ? '' : ` — ${md(e.approvalDetail)}`;
  const revisit = describeRelative(doc.asOf, e.revisitOn);
  const scope = [
    e.plan === null ? '' : `plan ${md(e.plan)}`,
    e.vulnerabilities.length === 0 ? '' : e.vulnerabilities.map(md).join(', '),
    e.groups.length === 0 ? '' : `groups ${e.groups.map(md).join(', ')}`,
  ].filter((s) => s !== '');
  const facts = [
    `- **State:** ${md(exceptionStateLabel(e.state))} · **effective:** ${e.effective ? 'yes' : 'no'} · **tier:** ${md(tierLabel(e.tier))}`,
    `- **Approval:** ${md(approvalLabel(e.approval))}, ${approved}${detail}`,
    ...(e.approvalCommit ? [`- **Approval commit:** ${approvalCommit(e.approvalCommit, doc.timezone)}`] : []),
    `- **Requested by:** ${md(e.requestedBy)} on ${md(formatInstant(e.requestedOn, doc.timezone))}`,
    `- **Revisit on:** ${md(formatInstant(e.revisitOn, doc.timezone))}${revisit === null ? '' : ` (${md(revisit)})`}`,
    `- **Scope:** ${scope.length === 0 ? DASH : scope.join('; ')}`,
    `- **Reason:** ${md(e.reason)}`,
    `- **Compensating controls:** ${e.compensatingControls.length === 0 ? 'none' : e.compensatingControls.map(md).join('; ')}`,
    `- **File:** ${md(e.file)}`,
  ];
  return [`### ${md(e.id)}: ${md(exceptionStateLabel(e.state))}`, facts.join('\n')].join('\n\n');
}

/** The commit git review found for the approval (docs/git-review.md). */
function approvalCommit(c: NonNullable<ExceptionReport['approvalCommit']>, zone: string): string {
  const signature = c.signature === 'unchecked' ? 'signature not checked' : `signature ${c.signature}`;
  return `${md(c.commit.slice(0, 12))} by ${md(c.author)} on ${md(formatInstant(c.date, zone))} · ${md(signature)}`;
}

function exceptionsSection(doc: ReportDocument): string {
  const exceptions = orderExceptions(doc.exceptions);
  if (exceptions.length === 0) return '## Exceptions\n\nNo exceptions.';
  return [`## Exceptions (${exceptions.length})`, ...exceptions.map((e) => exceptionBlock(doc, e))].join('\n\n');
}

function footer(doc: ReportDocument): string {
  const { errors, warnings, infos } = doc.diagnostics;
  return `---\n\n_Generated by PatchOps from the workspace files (validation: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}). The CLI, the editor and this report compute the same numbers._`;
}

/** The whole report as GitHub-flavoured Markdown (a summary: no plan or exception in full). Same document → same bytes. */
export function renderMarkdown(doc: ReportDocument, options: RenderOptions = {}): string {
  const plans = listed(attentionPlans(doc.plans), options);
  const exceptions = listed(attentionExceptions(doc.exceptions), options);
  const listing = options.summary ? [`## Not in this summary\n\n${md(describeLeftOut(doc, plans, exceptions))}`] : [plansSection(doc), exceptionsSection(doc)];
  const sections = [
    header(doc, options),
    kpiSection(doc),
    attentionSection(doc, plans, exceptions),
    breakdownsSection(doc, options),
    filesSection(doc, options),
    ...listing,
    footer(doc),
  ];
  return `${sections.filter((x) => x !== '').join('\n\n')}\n`;
}
