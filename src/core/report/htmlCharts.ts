// Inline SVG for the HTML report: two charts and the wave progress bar. Geometry and colours are
// SVG presentation attributes, not style attributes, so the strict CSP (style-src by hash) allows
// them. Every chart has role="img", an aria-label with its data in words, <title> and <desc>, and
// text labels or a text legend, so colour is never the only signal.

import { escapeHtml as t } from './escape';
import { type PlanReport, type ReportDocument, type WaveReport } from './reportModel';
import { formatNumber, formatPercent, isOneOf, orderPlans } from './renderShared';
import { NO_TIER, planStateLabel, tierLabel } from '../present/labels';
import { PLAN_STATES, TIERS, type PlanState } from '../model/vocabulary';

interface Swatch {
  fill: string;
  /** Text colour on top of the fill (contrast ≥ 4.5:1). */
  ink: string;
}

const STATE_SWATCHES: Readonly<Record<PlanState | 'other', Swatch>> = {
  breached: { fill: '#c0281c', ink: '#ffffff' },
  unknown: { fill: '#7a271a', ink: '#ffffff' },
  due_soon: { fill: '#f5a524', ink: '#101828' },
  awaiting_test: { fill: '#6941c6', ink: '#ffffff' },
  on_track: { fill: '#1f6fd1', ink: '#ffffff' },
  missed: { fill: '#e0621b', ink: '#101828' },
  met: { fill: '#12804f', ink: '#ffffff' },
  exempt: { fill: '#98a2b3', ink: '#101828' },
  cancelled: { fill: '#d0d5dd', ink: '#101828' },
  other: { fill: '#475467', ink: '#ffffff' },
};

const PATCHED = '#12804f';
const FAILED = '#c0281c';
const TRACK = '#e4e7ec';

/** Chart labels are cut (by code point) to fit; the full text stays in the row's <title>. */
function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * One label per plan, never two alike: the plan id cut to `max` code points; plans whose labels
 * would be the same (a duplicated id, or long ids cut to the same prefix) are numbered in chart
 * order, "PLAN-2026-04… #2"; each bar's tooltip names its id and file.
 */
function chartLabels(plans: readonly PlanReport[], max: number): string[] {
  const base = plans.map((p) => truncate(p.id, max));
  const counts = new Map<string, number>();
  for (const b of base) counts.set(b, (counts.get(b) ?? 0) + 1);
  // One count over all the alike: two groups cut to the same shorter prefix still differ.
  let k = 0;
  return base.map((b, i) => {
    if (counts.get(b) === 1) return b;
    const suffix = ` #${++k}`;
    return `${truncate(plans[i].id, max - suffix.length)}${suffix}`;
  });
}

const n2 = (x: number): string => String(Math.round(x * 100) / 100);

function svgOpen(cls: string, width: number, height: number, title: string, label: string): string {
  return (
    `<svg class="${cls}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${t(label)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${t(title)}</title><desc>${t(label)}</desc>`
  );
}

function swatchSvg(fill: string): string {
  return `<svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><rect width="10" height="10" rx="2" fill="${fill}"/></svg>`;
}

function legend(items: readonly { fill: string; text: string }[]): string {
  return `<ul class="legend">${items.map((i) => `<li>${swatchSvg(i.fill)}${t(i.text)}</li>`).join('')}</ul>`;
}

// ---- plans by SLA state per tier (stacked bars) -------------------------------------------------

type StateKey = PlanState | 'other';

interface TierRow {
  label: string;
  counts: Map<StateKey, number>;
  total: number;
}

const stateKey = (plan: PlanReport): StateKey => (isOneOf(PLAN_STATES, plan.state) ? plan.state : 'other');
const STATE_KEYS: readonly StateKey[] = [...PLAN_STATES, 'other'];
const stateName = (k: StateKey): string => (k === 'other' ? 'Other' : planStateLabel(k));

function tierRows(plans: readonly PlanReport[]): TierRow[] {
  const groups: { label: string; plans: PlanReport[] }[] = TIERS.map((tier) => ({ label: tierLabel(tier), plans: plans.filter((p) => p.tier === tier) }));
  const untiered = plans.filter((p) => !isOneOf(TIERS, p.tier));
  if (untiered.length > 0) groups.push({ label: NO_TIER, plans: untiered });
  return groups.map((g) => {
    const counts = new Map<StateKey, number>();
    for (const p of g.plans) counts.set(stateKey(p), (counts.get(stateKey(p)) ?? 0) + 1);
    return { label: g.label, counts, total: g.plans.length };
  });
}

function describeTierRow(row: TierRow): string {
  const parts = STATE_KEYS.filter((k) => (row.counts.get(k) ?? 0) > 0).map((k) => `${row.counts.get(k)} ${stateName(k).toLowerCase()}`);
  return `${row.label}: ${parts.length === 0 ? 'no plans' : parts.join(', ')}`;
}

function tierRowSvg(row: TierRow, y: number, scale: number): string {
  const x0 = 84;
  let x = x0;
  const segments = STATE_KEYS.map((k) => {
    const count = row.counts.get(k) ?? 0;
    if (count === 0) return '';
    const w = count * scale;
    const sw = STATE_SWATCHES[k];
    const label = w >= 18 ? `<text x="${n2(x + w / 2)}" y="${y + 15}" text-anchor="middle" fill="${sw.ink}" class="seg">${count}</text>` : '';
    const seg = `<g><title>${t(`${row.label}: ${count} ${stateName(k).toLowerCase()}`)}</title><rect x="${n2(x)}" y="${y + 2}" width="${n2(w)}" height="20" fill="${sw.fill}"/>${label}</g>`;
    x += w;
    return seg;
  }).join('');
  return `<text x="0" y="${y + 16}" class="axis">${t(row.label)}</text>${segments}` + `<text x="${n2(x + 6)}" y="${y + 16}" class="total">${row.total}</text>`;
}

/** Stacked horizontal bars: for each tier, how many plans are in each SLA state. */
export function plansByTierChart(doc: ReportDocument): string {
  const rows = tierRows(doc.plans);
  const width = 520;
  const max = Math.max(1, ...rows.map((r) => r.total));
  const scale = (width - 84 - 36) / max;
  const height = rows.length * 30 + 4;
  const label = `Plans by SLA state per tier. ${rows.map(describeTierRow).join('. ')}.`;
  const bars = rows.map((row, i) => tierRowSvg(row, 2 + i * 30, scale)).join('');
  const present = STATE_KEYS.map((k) => ({ k, n: doc.plans.filter((p) => stateKey(p) === k).length })).filter((x) => x.n > 0);
  const key = legend(present.map(({ k, n }) => ({ fill: STATE_SWATCHES[k].fill, text: `${stateName(k)} ${n}` })));
  return `${svgOpen('chart-svg', width, height, 'Plans by SLA state per tier', label)}${bars}</svg>${key}`;
}

// ---- endpoints remediated per plan (horizontal bars) --------------------------------------------

function endpointRowSvg(plan: PlanReport, label: string, y: number): string {
  const x0 = 132;
  const w = 280;
  const { patched, failed } = plan.endpoints;
  const targets = plan.endpoints.targets!; // only plans with known targets are drawn
  const pw = (Math.min(patched, targets) / targets) * w;
  const fw = (Math.min(failed, Math.max(0, targets - patched)) / targets) * w;
  const words = `${label === plan.id ? plan.id : `${label} (${plan.id}, ${plan.file})`}: ${formatNumber(patched)} of ${formatNumber(targets)} endpoints patched (${formatPercent(plan.endpointsPercent)}), ${formatNumber(failed)} failed`;
  return (
    `<g><title>${t(words)}</title>` +
    `<text x="0" y="${y + 13}" class="axis">${t(label)}</text>` +
    `<rect x="${x0}" y="${y + 2}" width="${w}" height="14" rx="2" fill="${TRACK}"/>` +
    `<rect x="${x0}" y="${y + 2}" width="${n2(pw)}" height="14" rx="2" fill="${PATCHED}"/>` +
    `<rect x="${n2(x0 + pw)}" y="${y + 2}" width="${n2(fw)}" height="14" fill="${FAILED}"/>` +
    `<text x="${x0 + w + 8}" y="${y + 13}" class="total">${t(formatPercent(plan.endpointsPercent))}</text>` +
    `<text x="${x0 + w + 120}" y="${y + 13}" text-anchor="end" class="muted">${t(`${formatNumber(patched)}/${formatNumber(targets)}`)}</text></g>`
  );
}

/** One bar per active plan with targets: patched and failed endpoints against its targets. */
export function endpointsChart(doc: ReportDocument): string {
  const plans = orderPlans(doc.plans).filter((p) => p.status === 'active' && (p.endpoints.targets ?? 0) > 0);
  const width = 540;
  if (plans.length === 0) {
    const label = 'Endpoints remediated per plan: no plan targets any endpoint yet.';
    return `${svgOpen('chart-svg', width, 30, 'Endpoints remediated per plan', label)}<text x="0" y="20" class="muted">No plan targets any endpoint yet.</text></svg>`;
  }
  const height = plans.length * 24 + 4;
  const labels = chartLabels(plans, 16);
  const label = `Endpoints remediated per plan. ${plans.map((p, i) => `${labels[i]}: ${formatPercent(p.endpointsPercent)}`).join('; ')}.`;
  const bars = plans.map((p, i) => endpointRowSvg(p, labels[i], 2 + i * 24)).join('');
  const key = legend([
    { fill: PATCHED, text: 'Patched' },
    { fill: FAILED, text: 'Failed' },
    { fill: TRACK, text: 'Not yet patched' },
  ]);
  return `${svgOpen('chart-svg', width, height, 'Endpoints remediated per plan', label)}${bars}</svg>${key}`;
}

// ---- wave progress bar -------------------------------------------------------------------------

/** A small patched/failed/targets bar for one wave; nothing when its targets are unknown. */
export function waveProgressBar(wave: WaveReport): string {
  const targets = wave.targets;
  if (targets === null || targets <= 0) return '';
  const w = 100;
  const pw = (Math.min(wave.patched, targets) / targets) * w;
  const fw = (Math.min(wave.failed, Math.max(0, targets - wave.patched)) / targets) * w;
  const words = `${formatNumber(wave.patched)} of ${formatNumber(targets)} patched, ${formatNumber(wave.failed)} failed`;
  return (
    `<svg class="bar" viewBox="0 0 ${w} 8" width="${w}" height="8" preserveAspectRatio="none" role="img" aria-label="${t(words)}">` +
    `<title>${t(words)}</title><rect width="${w}" height="8" rx="2" fill="${TRACK}"/>` +
    `<rect width="${n2(pw)}" height="8" rx="2" fill="${PATCHED}"/><rect x="${n2(pw)}" width="${n2(fw)}" height="8" fill="${FAILED}"/></svg>`
  );
}
