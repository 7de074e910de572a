// `patchops history [DIR]`: the workspace as committed at each point of a range, evaluated as of
// that point (src/node/gitHistory.ts), printed as a table, JSON, CSV or the HTML trends page; and
// the trends section `report --trend` adds to the HTML report. Every number comes from the core.
import type { HistoryDocument } from '../../core/history/historyModel';
import type { Evaluation } from '../../core/model/evaluation';
import { historyTable, renderHistoryCsv, winsLines } from '../../core/report/historyTable';
import { renderHistoryHtml, trendsSection, trendsUnavailable } from '../../core/report/htmlTrends';
import { formatInstantLocal, parseInstant } from '../../core/time/instants';
import { readHistorySync } from '../../node/gitHistory';
import { UsageError, type HistoryArgs, type ReportArgs, type TrendOptions } from '../args';
import type { Io } from '../io';
import { columns, printable, visibleWidth } from '../terminal';
import { jsonText } from './output';
import { existingFolder } from './workspaceFolder';

export function runHistory(args: HistoryArgs, io: Io): number {
  const root = existingFolder(args.dir, io, `cannot read folder '${args.dir}': it does not exist or is not a folder`);
  const read = readHistory(root, args, io, (zone) => ({
    ...(args.since !== undefined ? { since: resolveDate('--since', args.since, zone) } : {}),
    until: args.until !== undefined ? resolveDate('--until', args.until, zone) : io.now(),
  }));
  if (!read.ok) {
    io.stderr.write(`patchops: history: ${read.reason}\n`);
    return 2;
  }
  io.stdout.write(render(args, read.history));
  return 0;
}

function render(args: HistoryArgs, doc: HistoryDocument): string {
  switch (args.format) {
    case 'json':
      return jsonText(doc);
    case 'csv':
      return renderHistoryCsv(doc);
    case 'html':
      return renderHistoryHtml(doc);
    case 'text':
      return historyText(doc);
  }
}

function historyText(doc: HistoryDocument): string {
  const local = (iso: string) => formatInstantLocal(Date.parse(iso), doc.timezone);
  const every = doc.every === 'commit' ? 'each commit' : `each ${doc.every}`;
  const out = [`${printable(doc.workspace || 'PatchOps workspace')} — history, ${every}, ${local(doc.since)} to ${local(doc.until)}`];
  if (doc.missing !== null) out.push(`Missing history: ${doc.missing}`);
  out.push(
    '',
    ...columns(
      historyTable(doc).map((row) => row.map(printable)),
      visibleWidth,
    ),
    '',
    ...winsLines(doc).map(printable),
  );
  return out.join('\n') + '\n';
}

/** The trends section for `report --trend` (HTML), up to the report's as-of; when git history cannot be read, a notice saying why. */
export function trendsHtml(args: ReportArgs & { trend: TrendOptions }, root: string, evaluation: Evaluation, io: Io): string {
  const read = readHistory(root, args.trend, io, (zone) => ({
    ...(args.trend.since !== undefined ? { since: resolveDate('--since', args.trend.since, zone) } : {}),
    until: evaluation.asOf,
  }));
  return read.ok ? trendsSection(read.history) : trendsUnavailable(read.reason);
}

function readHistory(root: string, trend: TrendOptions, io: Io, range: (zone: string) => { since?: number; until: number }) {
  return readHistorySync(root, { trusted: true, env: { ...process.env, ...io.env }, every: trend.every, range });
}

/** A date or date-time, as --as-of reads one: without an offset, in the workspace's zone. */
function resolveDate(flag: string, text: string, zone: string): number {
  let parsed = parseInstant(text, zone);
  if (!parsed.ok && zone !== 'UTC') parsed = parseInstant(text, 'UTC');
  if (!parsed.ok) throw new UsageError(`${flag}: ${parsed.message}`);
  return parsed.ms;
}
