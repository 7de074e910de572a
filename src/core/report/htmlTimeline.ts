// A plan's forecast as an inline SVG timeline (docs/rules.md#forecast): each wave a bar from its
// projected start to its finish, the freezes shaded, the deadline and the as-of as thin marks.
// Only rect and text (lines are 2-unit rects, shading a pale fill), so the strict CSP and the
// report's allow-list of tags and attributes hold; the aria-label says it all in words.

import { escapeHtml as t } from './escape';
import type { PlanReport, ReportDocument } from './reportModel';
import { formatInstant } from './renderShared';

const WIDTH = 640;
const LABEL = 130;
const ROW = 22;
const TOP = 26;
const BAR = '#1f6fd1';
const LATE = '#c0281c';
const DONE = '#12804f';
const FREEZE = '#e4e7ec';
const DEADLINE = '#c0281c';
const AS_OF = '#475467';

function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

const n2 = (x: number): string => String(Math.round(x * 100) / 100);

/** The timeline of a plan with a forecast; '' for a plan without one. */
export function forecastTimeline(doc: ReportDocument, p: PlanReport): string {
  const f = p.forecast;
  if (!f) return '';
  const asOf = Date.parse(doc.asOf);
  const deadline = p.deadline === null ? null : Date.parse(p.deadline);
  const waves = p.waves.map((w) => ({
    name: w.name,
    complete: w.status === 'complete',
    start: w.forecast?.start ? Date.parse(w.forecast.start) : null,
    finish: w.forecast?.finish ? Date.parse(w.forecast.finish) : null,
  }));
  const points = [asOf, ...(deadline === null ? [] : [deadline])];
  for (const w of waves) if (w.start !== null && w.finish !== null) points.push(w.start, w.finish);
  const lo0 = Math.min(...points);
  const hi0 = Math.max(...points);
  const pad = Math.max((hi0 - lo0) * 0.04, 3_600_000);
  const lo = lo0 - pad;
  const hi = hi0 + pad;
  const freezes = f.freezes.map((z) => ({ from: Date.parse(z.from), to: Date.parse(z.to), reason: z.reason })).filter((z) => z.to > lo && z.from < hi);
  const x = (ms: number) => LABEL + ((Math.min(Math.max(ms, lo), hi) - lo) / (hi - lo)) * (WIDTH - LABEL - 10);
  const height = TOP + waves.length * ROW + 22;
  const when = (ms: number) => formatInstant(new Date(ms).toISOString(), doc.timezone);

  const words: string[] = [];
  for (const w of waves) {
    words.push(w.start !== null && w.finish !== null ? `${w.name}: ${when(w.start)} to ${when(w.finish)}` : `${w.name}: not projected`);
  }
  if (deadline !== null) words.push(`deadline ${when(deadline)}`);
  for (const z of freezes) words.push(`freeze ${when(z.from)} to ${when(z.to)}${z.reason ? ` (${z.reason})` : ''}`);
  words.push(`as of ${when(asOf)}`);
  if (f.finish === null) words.push(`no forecast: ${f.unknownReason ?? 'it cannot be computed'}`);
  const label = `Forecast of ${p.id}: ${words.join('; ')}`;

  const parts: string[] = [
    `<svg class="timeline" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-label="${t(label)}" xmlns="http://www.w3.org/2000/svg">`,
    `<title>${t(`Forecast of ${p.id}`)}</title><desc>${t(label)}</desc>`,
  ];
  for (const z of freezes) {
    const width = Math.max(1, x(z.to) - x(z.from));
    parts.push(`<rect x="${n2(x(z.from))}" y="${TOP - 4}" width="${n2(width)}" height="${waves.length * ROW + 4}" fill="${FREEZE}"/>`);
    if (width > 60) parts.push(`<text x="${n2(x(z.from) + width / 2)}" y="${TOP + waves.length * ROW + 14}" text-anchor="middle" fill="#475467">freeze</text>`);
  }
  waves.forEach((w, i) => {
    const y = TOP + i * ROW;
    parts.push(`<text x="${LABEL - 6}" y="${y + 13}" text-anchor="end" fill="#101828">${t(cut(w.name, 18))}</text>`);
    if (w.start === null || w.finish === null) {
      parts.push(`<text x="${LABEL + 4}" y="${y + 13}" fill="${LATE}">not projected</text>`);
      return;
    }
    const late = deadline !== null && w.finish > deadline && !w.complete;
    const fill = w.complete ? DONE : late ? LATE : BAR;
    parts.push(`<rect x="${n2(x(w.start))}" y="${y + 3}" width="${n2(Math.max(2, x(w.finish) - x(w.start)))}" height="${ROW - 8}" rx="2" fill="${fill}"/>`);
  });
  const base = TOP + waves.length * ROW;
  if (deadline !== null) {
    parts.push(`<rect x="${n2(x(deadline) - 1)}" y="${TOP - 8}" width="2" height="${waves.length * ROW + 8}" fill="${DEADLINE}"/>`);
    parts.push(`<text x="${n2(x(deadline))}" y="${TOP - 10}" text-anchor="middle" fill="${DEADLINE}">deadline</text>`);
  }
  parts.push(`<rect x="${n2(x(asOf) - 1)}" y="${TOP - 4}" width="2" height="${waves.length * ROW + 4}" fill="${AS_OF}"/>`);
  parts.push(`<text x="${n2(x(asOf))}" y="${base + 14}" text-anchor="middle" fill="${AS_OF}">as of</text>`);
  parts.push('</svg>');
  return `<figure class="forecast">${parts.join('')}</figure>`;
}
