// Human-readable output of `patchops diff`: the words are the core's (src/core/diff/diffWords.ts,
// shared with the Markdown a pull request gets); this lays them out in columns for a terminal,
// with control characters from the files shown escaped.
import { exceptionCells, headline, kpiRows, localTime, planCells, planKind, planWhy, sideName, sideNotes } from '../core/diff/diffWords';
import type { PlanRef, WorkspaceDiff } from '../core/diff/workspaceDiff';
import { approvalLabel } from '../core/present/labels';
import { columns, printable, visibleWidth, type Style } from './terminal';

export function diffText(diff: WorkspaceDiff, style: Style): string {
  const zone = diff.timezone;
  const out: string[] = [];
  out.push(style.bold(printable(`${sideName(diff.base)} → ${sideName(diff.head)} — both as of ${localTime(diff.asOf, zone)}`)));
  out.push('');
  const head = headline(diff);
  out.push(head.alarm ? style.red(printable(head.text)) : printable(head.text));
  for (const note of sideNotes(diff)) out.push(style.yellow(printable(note)));

  const refs = (title: string, list: readonly PlanRef[]) => {
    if (list.length === 0) return;
    out.push('', style.bold(title));
    out.push(...columns(list.map((p) => [printable(p.id), localTime(p.deadline, zone), printable(p.title)])).map((l) => `  ${l}`));
  };
  refs('New breaches', diff.newBreaches);
  refs('Newly without a deadline', diff.newNoDeadline);
  refs('Newly at risk', diff.newAtRisk);

  out.push('');
  const kpis = kpiRows(diff).filter((r) => r.change !== 'unchanged');
  if (kpis.length === 0) out.push('Key figures unchanged');
  else {
    const rows = [
      ['MEASURE', printable(diff.base.label).toUpperCase(), printable(diff.head.label).toUpperCase(), 'CHANGE'],
      ...kpis.map((r) => [r.measure, r.base, r.head, r.change]),
    ];
    columns(rows, visibleWidth).forEach((line, i) => out.push(i === 0 ? style.dim(line) : line));
  }

  out.push('');
  if (diff.plans.length === 0) out.push(`No plan changes its tier, deadline or state (${diff.unchanged.plans} unchanged)`);
  else {
    const rows = [['PLAN', 'TIER', 'STATE', 'DEADLINE', 'TITLE']];
    for (const c of diff.plans) {
      const cells = planCells(c, zone);
      const kind = planKind(c);
      rows.push([`${printable(c.id)}${kind ? ` (${kind})` : ''}`, cells.tier, cells.state, cells.deadline, printable((c.head ?? c.base)!.title)]);
    }
    columns(rows).forEach((line, i) => out.push(i === 0 ? style.dim(line) : line));
    for (const c of diff.plans) {
      const why = planWhy(c);
      if (why.length === 0) continue;
      out.push('', style.bold(printable(c.id)));
      for (const line of why) out.push(`  ${printable(line)}`);
    }
    if (diff.unchanged.plans) out.push('', `${diff.unchanged.plans} other plan${diff.unchanged.plans === 1 ? '' : 's'} unchanged`);
  }

  if (diff.exceptions.length) {
    out.push('');
    const rows = [['EXCEPTION', 'STATE', 'APPROVAL', 'BECOMES']];
    for (const c of diff.exceptions) {
      const cells = exceptionCells(c);
      rows.push([printable(c.id), cells.state, cells.approval, cells.becomes]);
    }
    columns(rows).forEach((line, i) => out.push(i === 0 ? style.dim(line) : line));
    const details = diff.exceptions.flatMap((c) => {
      const detail = (c.head ?? c.base)!.detail;
      return detail ? [[printable(c.id), printable(detail)]] : [];
    });
    if (details.length) out.push('', ...columns(details));
  }

  if (diff.approvalsAdded.length) {
    out.push('', style.bold('Approvals added'));
    const rows = diff.approvalsAdded.map((a) => [
      printable(a.exception),
      printable(a.approvedBy),
      localTime(a.approvedOn, zone),
      printable(`${approvalLabel(a.approval)}${a.commit ? ` (${a.commit.slice(0, 12)})` : ''}${a.detail ? `: ${a.detail}` : ''}`),
    ]);
    out.push(...columns(rows).map((l) => `  ${l}`));
  }
  return out.join('\n') + '\n';
}
