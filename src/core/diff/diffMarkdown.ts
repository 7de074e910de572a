// `patchops diff --format md`: GitHub-flavoured Markdown for a pull-request or merge-request
// comment. Every value from the files (ids, titles, files, reasons, e-mails, labels given on the
// command line) goes through escapeMarkdownCell: a title with `|`, `<script>` or backticks cannot
// break a table or inject markup.
import { escapeMarkdownCell } from '../report/escape';
import { DASH } from '../report/renderShared';
import { approvalLabel } from '../present/labels';
import { exceptionCells, headline, kpiRows, localTime, planCells, planKind, planWhy, sideName, sideNotes } from './diffWords';
import type { PlanRef, WorkspaceDiff } from './workspaceDiff';

const md = (value: string): string => (value === '' ? DASH : escapeMarkdownCell(value));
/** Several lines in one cell. */
const mdLines = (lines: readonly string[]): string => (lines.length === 0 ? DASH : lines.map(escapeMarkdownCell).join('<br>'));

function table(head: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const rule = head.map((_, i) => (align?.[i] === 'r' ? '---:' : '---'));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

export function renderDiffMarkdown(diff: WorkspaceDiff): string {
  const zone = diff.timezone;
  const out: string[] = [];
  out.push(`## PatchOps: ${md(sideName(diff.base))} → ${md(sideName(diff.head))}`);
  out.push('');
  out.push(`Both sides as of **${md(localTime(diff.asOf, zone))}** (workspace timezone ${md(zone)}).`);
  const head = headline(diff);
  out.push('');
  out.push(head.alarm ? `> **⚠ ${md(head.text)}**` : `> ${md(head.text)}.`);
  for (const note of sideNotes(diff)) out.push('>', `> ${md(note)}`);

  const refs = (title: string, list: readonly PlanRef[]) => {
    if (list.length === 0) return;
    out.push('', `### ${title}`, '');
    out.push(
      table(
        ['Plan', 'Title', 'Deadline', 'File'],
        list.map((p) => [md(p.id), md(p.title), md(localTime(p.deadline, zone)), md(p.file)]),
      ),
    );
  };
  refs('New breaches', diff.newBreaches);
  refs('Newly without a deadline', diff.newNoDeadline);
  refs('Newly at risk', diff.newAtRisk);

  // The headline figures always; the others where they change.
  out.push('', '### Key figures', '');
  out.push(
    table(
      ['Measure', md(diff.base.label), md(diff.head.label), 'Change'],
      kpiRows(diff)
        .filter((r) => r.headline || r.change !== 'unchanged')
        .map((r) => [md(r.measure), md(r.base), md(r.head), md(r.change)]),
      ['l', 'r', 'r', 'r'],
    ),
  );

  out.push('', `### Plans`, '');
  if (diff.plans.length === 0) out.push(`No plan changes its tier, deadline or state (${diff.unchanged.plans} unchanged).`);
  else {
    out.push(
      table(
        ['Plan', 'Title', 'Tier', 'State', 'Deadline', 'Why'],
        diff.plans.map((c) => {
          const cells = planCells(c, zone);
          const view = (c.head ?? c.base)!;
          const kind = planKind(c);
          return [`${md(c.id)}${kind ? ` (${kind})` : ''}`, md(view.title), md(cells.tier), md(cells.state), md(cells.deadline), mdLines(planWhy(c))];
        }),
      ),
    );
    if (diff.unchanged.plans) out.push('', `${diff.unchanged.plans} other plan${diff.unchanged.plans === 1 ? '' : 's'} unchanged.`);
  }

  if (diff.exceptions.length) {
    out.push('', '### Exceptions', '');
    out.push(
      table(
        ['Exception', 'State', 'Approval', 'Becomes', 'Detail'],
        diff.exceptions.map((c) => {
          const cells = exceptionCells(c);
          return [md(c.id), md(cells.state), md(cells.approval), md(cells.becomes), md((c.head ?? c.base)!.detail ?? '')];
        }),
      ),
    );
  }

  if (diff.approvalsAdded.length) {
    out.push('', '### Approvals added', '');
    out.push(
      table(
        ['Exception', 'Approved by', 'On', 'Git review', 'Commit'],
        diff.approvalsAdded.map((a) => [
          md(a.exception),
          md(a.approvedBy),
          md(localTime(a.approvedOn, zone)),
          md(`${approvalLabel(a.approval)}${a.detail ? `: ${a.detail}` : ''}`),
          a.commit ? `\`${a.commit.slice(0, 12).replace(/[^0-9a-f]/g, '')}\`` : DASH,
        ]),
      ),
    );
  }
  return out.join('\n') + '\n';
}
