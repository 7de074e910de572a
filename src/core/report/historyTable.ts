// `patchops history` as a table: one row per point, for the terminal (words, local times) and as
// CSV (raw values, RFC 4180, every field through csvCell). A point without KPIs shows a dash and
// why, never a zero.
import type { HistoryDocument, HistoryPoint } from '../history/historyModel';
import { EXCEPTION_STATES, TIERS } from '../model/vocabulary';
import { formatInstantLocal } from '../time/instants';
import { csvCell, type CsvValue } from './escape';

const DASH = '—';

/** Header and rows for the terminal: times in the workspace's zone. */
export function historyTable(doc: HistoryDocument): string[][] {
  const header = ['At', 'Commit', 'SLA', 'Endpoints', 'MTTP crit/high/med/low', 'Breached', 'Due soon', 'At risk', 'Exceptions', 'Errors', 'Warnings'];
  const rows = doc.points.map((p) => {
    const at = formatInstantLocal(Date.parse(p.at), doc.timezone);
    const commit = p.commit === null ? DASH : p.commit.slice(0, 12);
    if (p.kpis === null || p.diagnostics === null) return [at, commit, `${DASH} ${p.note ?? ''}`.trimEnd()];
    const k = p.kpis;
    const pct = (n: number | null) => (n === null ? DASH : `${n}%`);
    const mttp = TIERS.map((tier) => (k.meanTimeToPatchHours[tier] === null ? DASH : `${k.meanTimeToPatchHours[tier]}h`)).join(' / ');
    const exceptions = EXCEPTION_STATES.flatMap((s) => (k.exceptionsByState[s] ? [`${k.exceptionsByState[s]} ${s}`] : [])).join(', ') || '0';
    return [
      at,
      commit,
      pct(k.slaCompliancePercent),
      pct(k.endpointsRemediatedPercent),
      mttp,
      String(k.openBreaches),
      String(k.dueSoon),
      String(k.atRisk),
      exceptions,
      String(p.diagnostics.errors),
      String(p.diagnostics.warnings),
    ];
  });
  return [header, ...rows];
}

const COLUMNS: readonly (readonly [string, (p: HistoryPoint) => CsvValue])[] = [
  ['at', (p) => p.at],
  ['commit', (p) => p.commit],
  ['slaCompliancePercent', (p) => p.kpis?.slaCompliancePercent],
  ['endpointsRemediatedPercent', (p) => p.kpis?.endpointsRemediatedPercent],
  ...TIERS.map((tier): [string, (p: HistoryPoint) => CsvValue] => [`meanTimeToPatchHours.${tier}`, (p) => p.kpis?.meanTimeToPatchHours[tier]]),
  ['openBreaches', (p) => p.kpis?.openBreaches],
  ['dueSoon', (p) => p.kpis?.dueSoon],
  ['atRisk', (p) => p.kpis?.atRisk],
  ['unknownDeadlines', (p) => p.kpis?.unknownDeadlines],
  ...EXCEPTION_STATES.map((state): [string, (p: HistoryPoint) => CsvValue] => [
    `exceptions.${state}`,
    (p) => (p.kpis ? (p.kpis.exceptionsByState[state] ?? 0) : null),
  ]),
  ['errors', (p) => p.diagnostics?.errors],
  ['warnings', (p) => p.diagnostics?.warnings],
  ['note', (p) => p.note],
];

const record = (cells: readonly CsvValue[]): string => `${cells.map(csvCell).join(',')}\r\n`;

/** One header row and one row per point. Same document → same bytes. */
export function renderHistoryCsv(doc: HistoryDocument): string {
  return record(COLUMNS.map(([name]) => name)) + doc.points.map((p) => record(COLUMNS.map(([, read]) => read(p)))).join('');
}

/** The wins of the range in words, for the terminal. */
export function winsLines(doc: HistoryDocument): string[] {
  const w = doc.wins;
  if (w.from === null || w.to === null) return ['Wins: none can be told (no point of the range could be evaluated)'];
  const day = (iso: string) => formatInstantLocal(Date.parse(iso), doc.timezone).slice(0, 10);
  const ids = (list: readonly string[]) => (list.length === 0 ? '' : `: ${list.join(', ')}`);
  return [
    `Wins from ${day(w.from)} to ${day(w.to)}:`,
    `  plans met: ${w.plansMet.length}${ids(w.plansMet)}`,
    `  fastest time to patch: ${w.fastest === null ? DASH : `${w.fastest.plan} (${w.fastest.title}), ${w.fastest.hours} h`}`,
    `  breaches closed: ${w.breachesClosed.length}${ids(w.breachesClosed)}`,
    `  exceptions retired: ${w.exceptionsRetired.length}${ids(w.exceptionsRetired)}`,
  ];
}
