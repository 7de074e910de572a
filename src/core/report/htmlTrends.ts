// Trends and wins in HTML (`report --trend`, `history --format html`): compliance and time to patch
// over time, breaches opened and closed per period, exceptions opened, approved and expired, and
// the range's wins. Inline SVG with presentation attributes only (the report's strict CSP allows
// no style attribute), every value escaped, each chart with role="img", a title, a description
// and a table of the same numbers. A point without KPIs breaks the line: it is never drawn as 0.
import type { HistoryDocument, TrendPeriod } from '../history/historyModel';
import { TIERS } from '../model/vocabulary';
import { formatInstantLocal } from '../time/instants';
import { tierLabel } from '../present/labels';
import { escapeHtml as t } from './escape';
import { pageStart } from './html';

const DASH = '—';
const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 48, right: 12, top: 12, bottom: 30 };
const TIER_COLOURS: Readonly<Record<string, string>> = { critical: '#c0281c', high: '#e0621b', medium: '#1f6fd1', low: '#12804f' };
const OPENED = '#c0281c';
const CLOSED = '#12804f';
const AXIS = '#98a2b3';

const n2 = (x: number): string => String(Math.round(x * 100) / 100);
const num = (value: number | null): string => (value === null ? DASH : String(value));

interface Series {
  name: string;
  colour: string;
  values: readonly (number | null)[];
}

function svgOpen(title: string, label: string): string {
  return (
    `<svg class="chart-svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${t(label)}" xmlns="http://www.w3.org/2000/svg">` +
    `<title>${t(title)}</title><desc>${t(label)}</desc>`
  );
}

function legend(series: readonly Series[]): string {
  const swatch = (fill: string) =>
    `<svg class="swatch" viewBox="0 0 10 10" width="10" height="10" aria-hidden="true" focusable="false"><rect width="10" height="10" rx="2" fill="${fill}"/></svg>`;
  return `<ul class="legend">${series.map((s) => `<li>${swatch(s.colour)}${t(s.name)}</li>`).join('')}</ul>`;
}

/** The y axis (0, half, top) and the x labels (first, middle, last) shared by both charts. */
function axes(xLabels: readonly string[], top: number, unit: string): string {
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  let out = '';
  for (const v of [0, top / 2, top]) {
    out += `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${n2(y(v))}" y2="${n2(y(v))}" stroke="#e4e7ec" stroke-width="1"/>`;
    out += `<text class="axis" x="${PAD.left - 6}" y="${n2(y(v) + 4)}" text-anchor="end">${t(`${n2(v)}${unit}`)}</text>`;
  }
  const shown = [...new Set([0, Math.floor((xLabels.length - 1) / 2), xLabels.length - 1])].filter((i) => i >= 0);
  for (const i of shown) {
    const anchor = i === 0 ? 'start' : i === xLabels.length - 1 ? 'end' : 'middle';
    out += `<text class="axis" x="${n2(xOf(i, xLabels.length))}" y="${HEIGHT - 8}" text-anchor="${anchor}">${t(xLabels[i])}</text>`;
  }
  return out + `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="${AXIS}" stroke-width="1"/>`;
}

function xOf(i: number, count: number): number {
  const plotW = WIDTH - PAD.left - PAD.right;
  return count <= 1 ? PAD.left + plotW / 2 : PAD.left + (i / (count - 1)) * plotW;
}

function lineChart(title: string, label: string, xLabels: readonly string[], series: readonly Series[], unit: string, fixedTop?: number): string {
  const values = series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const top = fixedTop ?? niceTop(Math.max(0, ...values));
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const y = (v: number) => PAD.top + plotH - (Math.min(v, top) / top) * plotH;
  let body = axes(xLabels, top, unit);
  for (const s of series) {
    let d = '';
    let pen = false;
    s.values.forEach((v, i) => {
      if (v === null) return void (pen = false); // no KPIs at this point: the line breaks
      d += `${pen ? 'L' : 'M'}${n2(xOf(i, xLabels.length))} ${n2(y(v))} `;
      pen = true;
    });
    if (d) body += `<path d="${d.trim()}" fill="none" stroke="${s.colour}" stroke-width="2"/>`;
    s.values.forEach((v, i) => {
      if (v !== null)
        body += `<circle cx="${n2(xOf(i, xLabels.length))}" cy="${n2(y(v))}" r="3" fill="${s.colour}"><title>${t(`${s.name}, ${xLabels[i]}: ${n2(v)}${unit}`)}</title></circle>`;
    });
  }
  return svgOpen(title, label) + body + '</svg>' + (series.length > 1 ? legend(series) : '');
}

/** 10, 20, 50, 100, 200 … : a round top for the y axis, at least 1. */
function niceTop(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

function breachesChart(periods: readonly TrendPeriod[], labels: readonly string[]): string {
  const top = niceTop(Math.max(0, ...periods.flatMap((p) => [p.breachesOpened ?? 0, p.breachesClosed ?? 0])));
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, periods.length);
  const bar = Math.max(1, Math.min(18, slot / 3));
  let body = '';
  const ticks = [0, top / 2, top];
  for (const v of ticks) {
    const yy = PAD.top + plotH - (v / top) * plotH;
    body += `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${n2(yy)}" y2="${n2(yy)}" stroke="#e4e7ec" stroke-width="1"/>`;
    body += `<text class="axis" x="${PAD.left - 6}" y="${n2(yy + 4)}" text-anchor="end">${t(n2(v))}</text>`;
  }
  periods.forEach((p, i) => {
    const x = PAD.left + i * slot + slot / 2;
    const bars: [number | null, string, string, number][] = [
      [p.breachesOpened, OPENED, 'opened', x - bar],
      [p.breachesClosed, CLOSED, 'closed', x],
    ];
    for (const [value, fill, word, bx] of bars) {
      if (value === null) continue;
      const h = (value / top) * plotH;
      body += `<rect x="${n2(bx)}" y="${n2(PAD.top + plotH - h)}" width="${n2(bar)}" height="${n2(h)}" fill="${fill}"><title>${t(`${labels[i]}: ${value} ${word}`)}</title></rect>`;
    }
  });
  const shown = [...new Set([0, periods.length - 1])].filter((i) => i >= 0);
  for (const i of shown)
    body += `<text class="axis" x="${n2(PAD.left + i * slot + slot / 2)}" y="${HEIGHT - 8}" text-anchor="${i === 0 ? 'start' : 'end'}">${t(labels[i])}</text>`;
  body += `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${PAD.top + plotH}" y2="${PAD.top + plotH}" stroke="${AXIS}" stroke-width="1"/>`;
  const words = periods.map((p, i) => `${labels[i]}: ${num(p.breachesOpened)} opened, ${num(p.breachesClosed)} closed`).join('; ');
  return (
    svgOpen('Breaches opened and closed per period', `Breaches opened and closed per period. ${words}`) +
    body +
    '</svg>' +
    legend([
      { name: 'opened', colour: OPENED, values: [] },
      { name: 'closed', colour: CLOSED, values: [] },
    ])
  );
}

function periodsTable(doc: HistoryDocument, labels: readonly string[]): string {
  const rows = doc.periods
    .map(
      (p, i) =>
        `<tr><th scope="row" class="nowrap">${t(labels[i])}</th>` +
        [p.breachesOpened, p.breachesClosed, p.exceptionsOpened, p.exceptionsApproved, p.exceptionsExpired]
          .map((v) => `<td class="num">${t(num(v))}</td>`)
          .join('') +
        '</tr>',
    )
    .join('');
  return (
    `<div class="table-card"><table><caption>What changed per period</caption><thead><tr><th scope="col">Period</th>` +
    `<th scope="col" class="num">Breaches opened</th><th scope="col" class="num">Breaches closed</th><th scope="col" class="num">Exceptions opened</th>` +
    `<th scope="col" class="num">Exceptions approved</th><th scope="col" class="num">Exceptions expired</th></tr></thead><tbody>${rows}</tbody></table></div>`
  );
}

function winsSection(doc: HistoryDocument): string {
  const w = doc.wins;
  if (w.from === null || w.to === null)
    return `<section aria-labelledby="h-wins"><h2 id="h-wins">Wins</h2><p class="empty">No point of the range could be evaluated: no wins can be told.</p></section>`;
  const range = `${date(w.from, doc.timezone)} to ${date(w.to, doc.timezone)}`;
  const ids = (list: readonly string[]) => (list.length === 0 ? 'none' : list.map(t).join(', '));
  const fastest = w.fastest === null ? 'none' : `${t(w.fastest.plan)} (${t(w.fastest.title)}): ${t(String(w.fastest.hours))} h`;
  const stat = (term: string, value: string) => `<div><dt>${t(term)}</dt><dd>${value}</dd></div>`;
  return (
    `<section aria-labelledby="h-wins"><h2 id="h-wins">Wins <span class="count">(${t(range)})</span></h2><dl class="stats">` +
    stat('Plans met', `${w.plansMet.length}<span class="rel">${ids(w.plansMet)}</span>`) +
    stat('Fastest time to patch', fastest) +
    stat('Breaches closed', `${w.breachesClosed.length}<span class="rel">${ids(w.breachesClosed)}</span>`) +
    stat('Exceptions retired', `${w.exceptionsRetired.length}<span class="rel">${ids(w.exceptionsRetired)}</span>`) +
    `</dl></section>`
  );
}

/** `2026-11-01` in the workspace's zone. */
function date(iso: string, zone: string): string {
  return formatInstantLocal(Date.parse(iso), zone).slice(0, 10);
}

/** The trends section and the wins, for the HTML report. */
export function trendsSection(doc: HistoryDocument): string {
  const labels = doc.points.map((p) => date(p.at, doc.timezone));
  const periodLabels = doc.periods.map((p) => `${date(p.from, doc.timezone)} – ${date(p.to, doc.timezone)}`);
  const compliance = doc.points.map((p) => p.kpis?.slaCompliancePercent ?? null);
  const mttp: Series[] = TIERS.map((tier) => ({
    name: `${tierLabel(tier)} tier`,
    colour: TIER_COLOURS[tier],
    values: doc.points.map((p) => p.kpis?.meanTimeToPatchHours[tier] ?? null),
  }));
  const complianceWords = doc.points
    .map((p, i) => `${labels[i]}: ${p.kpis?.slaCompliancePercent ?? DASH}${p.kpis?.slaCompliancePercent == null ? '' : '%'}`)
    .join('; ');
  const mttpWords = mttp.map((s) => `${s.name}: ${s.values.map((v, i) => `${labels[i]} ${v === null ? DASH : `${v} h`}`).join(', ')}`).join('; ');
  const missing = doc.missing === null ? '' : `<p class="notice">${t(doc.missing)}</p>`;
  const gaps = doc.points.filter((p) => p.kpis === null);
  const gapNote =
    gaps.length === 0
      ? ''
      : `<p class="muted">${t(`${gaps.length} of ${doc.points.length} points have no KPIs (${gaps[0].note ?? 'not evaluated'}): the lines break there.`)}</p>`;
  const fig = (title: string, note: string, body: string): string =>
    `<figure><figcaption><h3>${t(title)}</h3><p class="muted">${t(note)}</p></figcaption>${body}</figure>`;
  const every = doc.every === 'commit' ? 'each commit' : `each ${doc.every}`;
  return (
    `<section aria-labelledby="h-trends"><h2 id="h-trends">Trends <span class="count">(${t(`${labels[0] ?? DASH} to ${labels[labels.length - 1] ?? DASH}, ${every}`)})</span></h2>` +
    missing +
    gapNote +
    `<div class="charts">` +
    fig(
      'SLA compliance over time',
      'Met plans out of those judged, as committed at each point.',
      lineChart(
        'SLA compliance over time',
        `SLA compliance over time. ${complianceWords}`,
        labels,
        [{ name: 'SLA compliance', colour: '#1f6fd1', values: compliance }],
        '%',
        100,
      ),
    ) +
    fig(
      'Mean time to patch per tier',
      'Hours from the clock start to remediation.',
      lineChart('Mean time to patch per tier', `Mean time to patch per tier. ${mttpWords}`, labels, mttp, ' h'),
    ) +
    (doc.periods.length ? fig('Breaches opened and closed', 'Per period between two points.', breachesChart(doc.periods, periodLabels)) : '') +
    `</div>` +
    (doc.periods.length ? periodsTable(doc, periodLabels) : '') +
    `</section>\n${winsSection(doc)}`
  );
}

/** In place of the trends when git history cannot be read: says why (never an empty chart). */
export function trendsUnavailable(reason: string): string {
  return `<section aria-labelledby="h-trends"><h2 id="h-trends">Trends</h2><p class="notice">${t(`No trends: the git history cannot be read (${reason}).`)}</p></section>`;
}

/** `history --format html`: the trends and wins alone, as one self-contained page under the report's CSP. */
export function renderHistoryHtml(doc: HistoryDocument): string {
  const title = `Patch history: ${doc.workspace || 'PatchOps workspace'}`;
  return (
    pageStart(title) +
    `<header class="masthead"><h1>${t(title)}</h1><p class="asof">${t(`Times in ${doc.timezone}`)}</p></header>\n<main>\n${trendsSection(doc)}\n</main>\n` +
    `<footer><p>Generated by PatchOps from the workspace as committed at each point, evaluated as of that point.</p></footer>\n</div>\n</body>\n</html>\n`
  );
}
