// The HTML report: one self-contained file to forward to a CISO and an IT lead alike. No script,
// no external resource; a CSP that allows only our own style block (by hash) and data: images.
// Every value from the document goes through escapeHtml; CSS classes derived from enum values are
// whitelisted, and element ids are positional, so no document text ever reaches markup.

import { escapeHtml as t } from './escape';
import { forecastTimeline } from './htmlTimeline';
import { endpointsChart, plansByTierChart, waveProgressBar } from './htmlCharts';
import { REPORT_CSS } from './htmlStyle';
import { type ExceptionReport, type PlanReport, type ReportDocument, type WaveReport } from './reportModel';
import {
  DASH,
  attentionExceptions,
  attentionPlans,
  capitalize,
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
  formatDaysHours,
  formatInstant,
  formatNumber,
  formatPercent,
  isOneOf,
  listed,
  orderExceptions,
  orderPlans,
  parseInstant,
  plural,
  slaCounts,
  type RenderOptions,
} from './renderShared';
import { APPROVAL_STATES, approvalLabel, exceptionStateLabel, NO_TIER, planStateLabel, tierLabel, WAVE_STATUSES, waveStatusLabel } from '../present/labels';
import { sha256Base64 } from './sha256';
import { byGroup, byOwner, type BreakdownRow } from './breakdowns';
import { EXCEPTION_STATES, PLAN_STATES, TIERS } from '../model/vocabulary';

let csp: string | undefined;

/**
 * The report's Content-Security-Policy: nothing may load or run; only REPORT_CSS may style.
 * Computed on first use (hashing the style sheet costs a CLI start that renders no HTML ~25 ms).
 */
export function reportCsp(): string {
  csp ??= ["default-src 'none'", `style-src 'sha256-${sha256Base64(REPORT_CSS)}'`, 'img-src data:', "base-uri 'none'", "form-action 'none'"].join('; ');
  return csp;
}

/** A report page up to its content: the strict CSP, the inline style its hash allows, the title. */
export function pageStart(title: string): string {
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n` +
    `<meta http-equiv="Content-Security-Policy" content="${t(reportCsp())}">\n` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    `<meta name="referrer" content="no-referrer">\n<meta name="color-scheme" content="light">\n` +
    `<meta name="generator" content="PatchOps">\n<title>${t(title)}</title>\n` +
    `<style>${REPORT_CSS}</style>\n</head>\n<body>\n<div class="page">\n`
  );
}

// ---- small building blocks ---------------------------------------------------------------------

/** A known enum value as a CSS class suffix, or "unknown": document text never becomes a class. */
const cls = (known: readonly string[], value: unknown): string => (isOneOf(known, value) ? value : 'unknown');

const badge = (kind: string, text: string): string => `<span class="badge ${kind}">${t(text)}</span>`;
const stateBadge = (state: string): string => badge(`state-${cls(PLAN_STATES, state)}`, planStateLabel(state));
const tierBadge = (tier: string | null): string =>
  badge(`tier tier-${tier === null ? 'none' : cls(TIERS, tier)}`, tier === null ? NO_TIER : `${tierLabel(tier)} tier`);
const exceptionBadge = (state: string): string => badge(`exc-${cls(EXCEPTION_STATES, state)}`, exceptionStateLabel(state));
const approvalBadge = (approval: string): string => badge(`appr-${cls(APPROVAL_STATES, approval)}`, approvalLabel(approval));
const waveBadge = (status: string): string => badge(`wave-${cls(WAVE_STATUSES, status)}`, waveStatusLabel(status));

/** An instant as "2026-11-23 06:00 (-06:00)" (the workspace zone), in a <time> element when it parses. */
function instant(iso: string | null, zone: string): string {
  if (iso === null) return DASH;
  const text = t(formatInstant(iso, zone));
  return Number.isNaN(parseInstant(iso)) ? text : `<time datetime="${t(iso)}">${text}</time>`;
}

/** Escaped text, DASH when empty. */
const text = (value: string | null): string => (value === null || value === '' ? DASH : t(value));

const list = (values: readonly string[], empty = DASH): string => (values.length === 0 ? empty : values.map(t).join(', '));

/** Where the deadline comes from ("critical tier: 72h from testing passed"), under it. */
function deadlineOrigin(plan: PlanReport): string {
  return plan.deadline === null || !plan.deadlineOrigin ? '' : `<span class="rel">${t(plan.deadlineOrigin)}</span>`;
}

function deadlineNote(doc: ReportDocument, plan: PlanReport): string {
  if (plan.state === 'awaiting_test') return `<span class="rel">${t(describeTesting(plan.testing))}</span>`;
  if (plan.state === 'unknown') return `<span class="rel bad">${t(`no deadline: ${plan.unknownReason ?? 'it cannot be computed'}`)}</span>`;
  if (plan.remediatedAt !== null || plan.state === 'exempt' || plan.state === 'cancelled') return '';
  const words = describeDeadline(doc.asOf, plan.deadline);
  if (words === null) return '';
  const tone = plan.state === 'breached' ? ' bad' : plan.state === 'due_soon' ? ' warn' : '';
  return `<span class="rel${tone}">${t(words)}</span>`;
}

// ---- header and KPI cards ----------------------------------------------------------------------

function masthead(doc: ReportDocument, options: RenderOptions): string {
  const notice = banner(doc);
  return (
    `<header class="masthead"><p class="eyebrow">PatchOps · Patch management report${options.summary ? ' · Summary' : ''}</p>` +
    `<h1>${text(doc.workspace)}</h1>` +
    `<p class="asof">As of <strong>${instant(doc.asOf, doc.timezone)}</strong> · ${t(describeTimes(doc.timezone))}</p>` +
    `${notice}</header>`
  );
}

/** Files with errors and plans in breach, apart: one is about the files, the other about the patching. */
function banner(doc: ReportDocument): string {
  const { files, breaches, unknown } = describeBanner(doc);
  const filesLink = doc.filesWithErrors === undefined ? `<strong>${t(files)}</strong>` : `<a href="#h-files"><strong>${t(files)}</strong></a>`;
  const parts = [
    files === ''
      ? ''
      : `<p class="banner-files">${filesLink} in the workspace: the figures cover what could be read; run <code>patchops validate</code> for details.</p>`,
    breaches === '' ? '' : `<p class="banner-breach"><a href="#h-attention"><strong>${t(breaches)}</strong></a>: past the SLA deadline and not remediated.</p>`,
    unknown === '' ? '' : `<p class="banner-breach"><a href="#h-attention"><strong>${t(unknown)}</strong></a>: they may be late.</p>`,
  ].join('');
  return parts === '' ? '' : `<div class="banner">${parts}</div>`;
}

function card(title: string, value: string, sub: string, tone = ''): string {
  return `<section class="card${tone === '' ? '' : ` ${tone}`}"><h3>${t(title)}</h3><p class="value">${t(value)}</p><p class="sub">${sub}</p></section>`;
}

function statsCard(title: string, sub: string, stats: readonly [string, string][]): string {
  const items = stats.map(([k, v]) => `<div><dt>${t(k)}</dt><dd${v === DASH || v === '0' ? ' class="zero"' : ''}>${t(v)}</dd></div>`).join('');
  return `<section class="card wide"><h3>${t(title)}</h3><dl class="stats">${items}</dl><p class="sub">${sub}</p></section>`;
}

function kpiSection(doc: ReportDocument): string {
  const k = doc.kpis;
  const sla = slaCounts(k);
  const ep = endpointTotals(doc.plans);
  const slaTone = k.slaCompliancePercent === null ? '' : k.slaCompliancePercent >= 90 ? 'good' : k.slaCompliancePercent < 75 ? 'bad' : 'warn';
  const cards = [
    card(
      'SLA compliance',
      formatPercent(k.slaCompliancePercent),
      `${sla.met} met · ${sla.missed} missed · ${sla.breached} breached${sla.unknown ? ` · ${sla.unknown} no deadline` : ''}`,
      slaTone,
    ),
    card('Endpoints remediated', formatPercent(k.endpointsRemediatedPercent), t(endpointsNote(ep, k)), k.plansWithUnknownEndpoints ? 'warn' : ''),
    card('Open breaches', String(k.openBreaches), 'plans past their SLA deadline', k.openBreaches > 0 ? 'bad' : k.unknownDeadlines > 0 ? '' : 'good'),
    ...(k.unknownDeadlines ? [card('No deadline', String(k.unknownDeadlines), 'plans whose deadline cannot be computed: they may be late', 'bad')] : []),
    card('Due soon', String(k.dueSoon), 'plans inside the warning window', k.dueSoon > 0 ? 'warn' : ''),
    ...(k.atRisk ? [card('At risk', String(k.atRisk), 'plans projected to finish after their deadline', 'warn')] : []),
    statsCard(
      'Mean time to patch',
      'clock start to last wave complete, per tier',
      TIERS.map((tier): [string, string] => [tierLabel(tier), formatDaysHours(k.meanTimeToPatchHours[tier] ?? null)]),
    ),
    statsCard(
      'Exceptions by state',
      'documented: who asked, why, when it is revisited',
      countsInOrder(k.exceptionsByState, EXCEPTION_STATES).map(([s, n]): [string, string] => [exceptionStateLabel(s), String(n)]),
    ),
  ];
  return `<section aria-labelledby="h-kpis"><h2 id="h-kpis">Key figures</h2><div class="cards">${cards.join('')}</div></section>`;
}

function chartsSection(doc: ReportDocument, options: RenderOptions): string {
  const fig = (title: string, note: string, body: string): string =>
    `<figure><figcaption><h3>${t(title)}</h3><p class="muted">${t(note)}</p></figcaption>${body}</figure>`;
  // A summary has no bar per plan: the breakdowns below count them instead.
  return (
    `<section aria-labelledby="h-charts"><h2 id="h-charts">At a glance</h2><div class="charts">` +
    fig('Plans by SLA state per tier', 'Number of plans in each state, by risk tier.', plansByTierChart(doc)) +
    (options.summary ? '' : fig('Endpoints remediated per plan', 'Patched and failed endpoints against each active plan’s targets.', endpointsChart(doc))) +
    `</div></section>`
  );
}

// ---- needs attention ---------------------------------------------------------------------------

function attentionRow(doc: ReportDocument, p: PlanReport): string {
  return (
    `<tr><th scope="row" class="title-cell"><span class="id">${text(p.id)}</span><span class="sub">${text(p.title)}</span></th>` +
    `<td>${tierBadge(p.tier)}</td><td>${stateBadge(p.state)}</td>` +
    `<td class="nowrap">${instant(p.deadline, doc.timezone)}${deadlineNote(doc, p)}${deadlineOrigin(p)}</td>` +
    `<td class="num">${t(formatPercent(p.endpointsPercent))}<span class="rel">${t(formatNumber(p.endpoints.patched))} of ${t(formatNumber(p.endpoints.targets))}</span></td>` +
    `<td class="wrap">${text(p.owner)}<span class="rel">validated by ${text(p.validator)}</span></td></tr>`
  );
}

/**
 * An approval git did not review (`unchecked`: no git, a restricted workspace, a policy that does not
 * ask) is information, not a warning; `unverified` and `invalid` keep the warning colours.
 */
const neutral = (e: ExceptionReport): string => (e.approval === 'unchecked' && e.state !== 'invalid' ? ' info' : '');

function attentionExceptionRow(doc: ReportDocument, e: ExceptionReport): string {
  const rel = describeRelative(doc.asOf, e.revisitOn);
  const detail = e.approvalDetail === null ? '' : `<span class="detail${neutral(e)}">${t(e.approvalDetail)}</span>`;
  return (
    `<tr><th scope="row"><span class="id">${text(e.id)}</span></th><td>${exceptionBadge(e.state)}</td>` +
    `<td>${approvalBadge(e.approval)}${detail}</td>` +
    `<td class="nowrap">${instant(e.revisitOn, doc.timezone)}${rel === null ? '' : `<span class="rel">${t(rel)}</span>`}</td>` +
    `<td class="wrap">${text(e.requestedBy)}</td></tr>`
  );
}

function attentionSection(doc: ReportDocument, plans: readonly PlanReport[], exceptions: readonly ExceptionReport[]): string {
  const allPlans = attentionPlans(doc.plans).length;
  const allExceptions = attentionExceptions(doc.exceptions).length;
  const cut = (total: number, shown: number, noun: string): string => {
    const words = describeCut(total, shown, noun);
    return words === '' ? '' : `<p class="cut">${t(words)}</p>`;
  };
  const planTable =
    plans.length === 0
      ? '<p class="empty">No plan is breached, due soon or awaiting test.</p>'
      : `<div class="table-card"><table><caption class="sr-only">Plans that need attention, most urgent first</caption><thead><tr>` +
        `<th scope="col">Plan</th><th scope="col">Tier</th><th scope="col">State</th><th scope="col">Deadline</th>` +
        `<th scope="col" class="num">Endpoints</th><th scope="col">Executes / validates</th></tr></thead>` +
        `<tbody>${plans.map((p) => attentionRow(doc, p)).join('')}</tbody></table></div>${cut(allPlans, plans.length, 'plan')}`;
  const exceptionTable =
    exceptions.length === 0
      ? ''
      : `<h3 class="sub-h">Exceptions to review</h3><div class="table-card"><table><caption class="sr-only">Exceptions that are invalid, expired, expiring or pending</caption><thead><tr>` +
        `<th scope="col">Exception</th><th scope="col">State</th><th scope="col">Approval</th><th scope="col">Revisit on</th><th scope="col">Requested by</th></tr></thead>` +
        `<tbody>${exceptions.map((e) => attentionExceptionRow(doc, e)).join('')}</tbody></table></div>${cut(allExceptions, exceptions.length, 'exception')}`;
  return `<section aria-labelledby="h-attention"><h2 id="h-attention">Needs attention</h2>${planTable}${exceptionTable}</section>`;
}

// ---- breakdowns --------------------------------------------------------------------------------

function breakdownTable(caption: string, head: string, rows: readonly BreakdownRow[], options: RenderOptions): string {
  const shown = listed(rows, options);
  const num = (n: number, tone: string): string => `<td class="num${n > 0 ? ` ${tone}` : ' zero'}">${t(formatNumber(n))}</td>`;
  const body = shown
    .map(
      (r) =>
        `<tr><th scope="row" class="wrap">${text(r.key)}</th><td class="num">${t(formatNumber(r.plans))}</td>${num(r.breached, 'bad')}${num(r.dueSoon, 'warn')}` +
        `${num(r.atRisk, 'warn')}${num(r.unknown, 'bad')}<td class="num">${t(formatPercent(r.compliancePercent))}</td></tr>`,
    )
    .join('');
  const words = describeCut(rows.length, shown.length, 'row');
  return (
    `<div class="table-card"><table><caption class="sr-only">${t(caption)}</caption><thead><tr><th scope="col">${t(head)}</th>` +
    `<th scope="col" class="num">Plans</th><th scope="col" class="num">Breached</th><th scope="col" class="num">Due soon</th>` +
    `<th scope="col" class="num">At risk</th><th scope="col" class="num">No deadline</th><th scope="col" class="num">SLA compliance</th></tr></thead>` +
    `<tbody>${body}</tbody></table></div>${words === '' ? '' : `<p class="cut">${t(words)}</p>`}`
  );
}

function breakdownsSection(doc: ReportDocument, options: RenderOptions): string {
  if (doc.plans.length === 0) return '';
  return (
    `<section aria-labelledby="h-breakdowns"><h2 id="h-breakdowns">By owner team and asset group</h2>` +
    `<h3 class="sub-h">Owner teams</h3>${breakdownTable('Plans per owner team', 'Owner team', byOwner(doc.plans), options)}` +
    `<h3 class="sub-h">Asset groups</h3><p class="muted">A plan that affects several groups counts in each.</p>` +
    `${breakdownTable('Plans per asset group', 'Asset group', byGroup(doc.plans), options)}</section>`
  );
}

// ---- files with errors -------------------------------------------------------------------------

function filesSection(doc: ReportDocument, options: RenderOptions): string {
  const files = doc.filesWithErrors ?? [];
  if (files.length === 0) return '';
  const shown = listed(files, options);
  const rows = shown
    .map(
      (f) =>
        `<tr><th scope="row" class="wrap">${text(f.file)}<span class="rel">line ${f.first.line}, column ${f.first.column}</span></th>` +
        `<td class="num">${t(formatNumber(f.errors))}</td><td class="wrap"><span class="id">${text(f.first.code)}</span>${text(f.first.message)}</td></tr>`,
    )
    .join('');
  const words = describeCut(files.length, shown.length, 'file');
  return (
    `<section aria-labelledby="h-files"><h2 id="h-files">Files with errors <span class="count">(${files.length})</span></h2>` +
    `<p class="muted">The figures above cover what these files let PatchOps read; <code>patchops validate</code> lists every error.</p>` +
    `<div class="table-card"><table><caption class="sr-only">Files with errors and the first error of each</caption><thead><tr>` +
    `<th scope="col">File</th><th scope="col" class="num">Errors</th><th scope="col">First error</th></tr></thead><tbody>${rows}</tbody></table></div>` +
    `${words === '' ? '' : `<p class="cut">${t(words)}</p>`}</section>`
  );
}

// ---- plans -------------------------------------------------------------------------------------

function fact(label: string, value: string, span = ''): string {
  return `<div${span === '' ? '' : ` class="${span}"`}><dt>${t(label)}</dt><dd>${value}</dd></div>`;
}

function planFacts(doc: ReportDocument, p: PlanReport): string {
  const vulns = p.vulnerabilities.length === 0 ? DASH : p.vulnerabilities.map((v) => t(describeVulnerability(v))).join('; ');
  return (
    `<dl class="facts">` +
    fact('Clock start', instant(p.clockStart, doc.timezone)) +
    fact('Deadline', `${instant(p.deadline, doc.timezone)}${deadlineNote(doc, p)}${deadlineOrigin(p)}`) +
    fact('Remediated', instant(p.remediatedAt, doc.timezone)) +
    fact('Time to patch', t(formatDaysHours(p.timeToPatchHours))) +
    fact('Endpoints', t(describeEndpoints(p))) +
    fact('Severity · impact', `${t(capitalize(p.severity))} · ${t(capitalize(p.impact))}`) +
    fact('Executes (IT)', text(p.owner)) +
    fact('Validates (InfoSec)', text(p.validator)) +
    fact('SLA policy', text(p.sla)) +
    fact('Testing', t(capitalize(p.testing))) +
    fact('Exempted by', list(p.exemptedBy), 'span2') +
    fact('Vulnerabilities', vulns, 'span4') +
    `</dl>`
  );
}

function waveRow(w: WaveReport, zone: string): string {
  const blocked = w.blockedBy === null ? DASH : `<span class="blocked">${t(w.blockedBy)}</span>`;
  const timing =
    w.started === null && w.completed === null
      ? DASH
      : `${w.started === null ? DASH : instant(w.started, zone)}<span class="rel">${w.completed === null ? 'not completed' : `completed ${instant(w.completed, zone)}`}</span>`;
  return (
    `<tr><th scope="row" class="wrap">${text(w.name)}</th><td>${waveBadge(w.status)}</td>` +
    `<td><span class="progress">${waveProgressBar(w)}${t(formatPercent(w.percent))}</span></td>` +
    `<td class="num">${t(formatNumber(w.patched))} / ${t(formatNumber(w.targets))}</td><td class="num">${t(formatNumber(w.failed))}</td>` +
    `<td>${timing}</td><td class="wrap">${blocked}</td></tr>`
  );
}

function wavesTable(p: PlanReport, zone: string): string {
  if (p.waves.length === 0) return '<p class="source">No deployment waves defined.</p>';
  return (
    `<div class="waves"><table><caption class="sr-only">Deployment waves of ${text(p.id)}</caption><thead><tr>` +
    `<th scope="col">Wave</th><th scope="col">Status</th><th scope="col">Progress</th><th scope="col" class="num">Patched / targets</th>` +
    `<th scope="col" class="num">Failed</th><th scope="col">Started / completed</th><th scope="col">Blocked by</th></tr></thead>` +
    `<tbody>${p.waves.map((w) => waveRow(w, zone)).join('')}</tbody></table></div>`
  );
}

function planArticle(doc: ReportDocument, p: PlanReport, index: number): string {
  const kev = p.kev ? badge('kev', 'KEV') : '';
  return (
    `<article class="plan p-${cls(PLAN_STATES, p.state)}" id="plan-${index + 1}" aria-labelledby="plan-${index + 1}-h">` +
    `<div class="plan-head"><h3 id="plan-${index + 1}-h"><span class="id">${text(p.id)}</span>${text(p.title)}</h3>` +
    `<p class="badges">${stateBadge(p.state)}${tierBadge(p.tier)}${kev}</p></div>` +
    planFacts(doc, p) +
    wavesTable(p, doc.timezone) +
    forecastTimeline(doc, p) +
    `<p class="source">Source: ${text(p.file)}</p></article>`
  );
}

function plansSection(doc: ReportDocument): string {
  const plans = orderPlans(doc.plans);
  const body = plans.length === 0 ? '<p class="empty">No patch plans.</p>' : plans.map((p, i) => planArticle(doc, p, i)).join('');
  return `<section aria-labelledby="h-plans"><h2 id="h-plans">Plans <span class="count">(${plans.length})</span></h2>${body}</section>`;
}

// ---- exceptions --------------------------------------------------------------------------------

function exceptionArticle(doc: ReportDocument, e: ExceptionReport, index: number): string {
  const rel = describeRelative(doc.asOf, e.revisitOn);
  const detail = e.approvalDetail === null ? '' : `<p class="callout${neutral(e)}">${t(e.approvalDetail)}</p>`;
  const approver = e.approvedBy === null ? 'not approved' : `${t(e.approvedBy)}<span class="rel">${instant(e.approvedOn, doc.timezone)}</span>`;
  const scope = [e.plan === null ? '' : `Plan ${t(e.plan)}`, list(e.vulnerabilities, ''), e.groups.length === 0 ? '' : `Groups: ${list(e.groups)}`]
    .filter((s) => s !== '')
    .join('<br>');
  const controls = e.compensatingControls.length === 0 ? 'None documented.' : `<ul>${e.compensatingControls.map((c) => `<li>${t(c)}</li>`).join('')}</ul>`;
  const id = `exc-${index + 1}`;
  return (
    `<article class="exception x-${cls(EXCEPTION_STATES, e.state)}" id="${id}" aria-labelledby="${id}-h">` +
    `<div class="plan-head"><h3 id="${id}-h" class="id">${text(e.id)}</h3>` +
    `<p class="badges">${exceptionBadge(e.state)}${approvalBadge(e.approval)}</p></div>` +
    `${detail}<dl class="facts two">` +
    fact('Requested by', `${text(e.requestedBy)}<span class="rel">${instant(e.requestedOn, doc.timezone)}</span>`) +
    fact('Approved by', approver) +
    (e.approvalCommit ? fact('Approval commit', approvalCommit(e.approvalCommit, doc.timezone)) : '') +
    fact('Revisit on', `${instant(e.revisitOn, doc.timezone)}${rel === null ? '' : `<span class="rel">${t(rel)}</span>`}`) +
    fact('Scope', scope === '' ? DASH : scope) +
    fact('Tier', t(tierLabel(e.tier))) +
    fact('Effect', e.effective ? 'Effective: its scope is removed from the plans' : 'Not effective: the plans keep their full scope') +
    fact('Reason', text(e.reason), 'span4') +
    fact('Compensating controls', controls, 'span4') +
    `</dl><p class="source">Source: ${text(e.file)}</p></article>`
  );
}

/** The commit git review found for the approval (docs/git-review.md). */
function approvalCommit(c: NonNullable<ExceptionReport['approvalCommit']>, zone: string): string {
  const signature = c.signature === 'unchecked' ? 'signature not checked' : `signature ${c.signature}`;
  return `<span class="id">${t(c.commit.slice(0, 12))}</span><span class="rel">${text(c.author)} · ${instant(c.date, zone)} · ${t(signature)}</span>`;
}

function exceptionsSection(doc: ReportDocument): string {
  const exceptions = orderExceptions(doc.exceptions);
  const body =
    exceptions.length === 0
      ? '<p class="empty">No exceptions.</p>'
      : `<div class="exception-grid">${exceptions.map((e, i) => exceptionArticle(doc, e, i)).join('')}</div>`;
  return `<section aria-labelledby="h-exceptions"><h2 id="h-exceptions">Exceptions <span class="count">(${exceptions.length})</span></h2>${body}</section>`;
}

/** A summary's last section: what it left out, by state, and how to get it. */
function leftOutSection(doc: ReportDocument, plans: readonly PlanReport[], exceptions: readonly ExceptionReport[]): string {
  return `<section aria-labelledby="h-left-out"><h2 id="h-left-out">Not in this summary</h2><p class="left-out">${t(describeLeftOut(doc, plans, exceptions))}</p></section>`;
}

function footer(doc: ReportDocument): string {
  const { errors, warnings, infos } = doc.diagnostics;
  return (
    `<footer><p>Generated by PatchOps from the workspace files as of ${instant(doc.asOf, doc.timezone)} ` +
    `(validation: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(infos, 'info')}). IT executes, InfoSec validates: ` +
    `the CLI, the editor and this report compute the same numbers from the same files.</p></footer>`
  );
}

/**
 * The whole report as one self-contained HTML file. Same document → same bytes. `options.summary`:
 * the most urgent items only (`report --summary`). `trends`: the trends and wins sections
 * (htmlTrends.ts, `report --trend`), placed after the charts.
 */
export function renderHtml(doc: ReportDocument, options: RenderOptions = {}, trends = ''): string {
  const title = `Patch ${options.summary ? 'report summary' : 'report'}: ${doc.workspace} (${formatInstant(doc.asOf, doc.timezone)})`;
  const urgentPlans = listed(attentionPlans(doc.plans), options);
  const urgentExceptions = listed(attentionExceptions(doc.exceptions), options);
  // A summary lists the most urgent; everything else is named, not shown.
  const listing = options.summary ? leftOutSection(doc, urgentPlans, urgentExceptions) : `${plansSection(doc)}\n${exceptionsSection(doc)}`;
  return (
    pageStart(title) +
    `${masthead(doc, options)}\n<main>\n${kpiSection(doc)}\n${chartsSection(doc, options)}\n${trends ? `${trends}\n` : ''}` +
    `${attentionSection(doc, urgentPlans, urgentExceptions)}\n` +
    `${breakdownsSection(doc, options)}\n${filesSection(doc, options)}\n` +
    `${listing}\n</main>\n${footer(doc)}\n</div>\n</body>\n</html>\n`
  );
}
