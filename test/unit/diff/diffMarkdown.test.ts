// `patchops diff --format md` for a pull-request comment: what it says, and that no value from the
// files (or a branch name) can break a table or inject markup.
import assert from 'node:assert/strict';
import { renderDiffMarkdown } from '../../../src/core/diff/diffMarkdown';
import { diffWorkspaces, type WorkspaceDiff } from '../../../src/core/diff/workspaceDiff';
import { evaluateFiles, plan, POLICY, withBase, type Files } from '../../support/workspace';
import { exceptionFile } from './fixtures';

const AS_OF = '2026-11-21T12:00:00Z';
const HOSTILE = 'a | b <script>alert(1)</script> `x` [link](javascript:alert(1)) **bold**';

function diff(base: Files, head: Files, labels = { base: 'main', head: 'feature' }): WorkspaceDiff {
  return diffWorkspaces(
    { label: labels.base, commit: '0123456789abcdef0123456789abcdef01234567', evaluation: evaluateFiles(base, AS_OF) },
    { label: labels.head, commit: null, evaluation: evaluateFiles(head, AS_OF) },
  );
}

/** The cells of a GFM table row: split at `|` not escaped by a backslash. */
function cells(row: string): string[] {
  return row
    .slice(2, -2)
    .split(/(?<!\\) \| /)
    .map((c) => c.trim());
}

/** Every table in the document: its header and its rows, as cells. */
function tables(markdown: string): string[][][] {
  const out: string[][][] = [];
  let current: string[][] | null = null;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('| ')) {
      if (!current) out.push((current = []));
      if (!/^\| (---:?|:?---)/.test(line)) current.push(cells(line));
    } else current = null;
  }
  return out;
}

const tighter = POLICY.replace('critical: { within: 72h }', 'critical: { within: 24h }');

describe('diff: the Markdown for a pull request', () => {
  it('says what got worse first: the new breach, with the plan, its deadline and file', () => {
    const base = withBase({ 'p.plan.yaml': plan() });
    const md = renderDiffMarkdown(diff(base, { ...base, 'standard.sla.yaml': tighter }));
    assert.match(md, /^## PatchOps: main \(0123456789ab\) → feature\n/);
    assert.match(md, /\n> \*\*⚠ 1 new breach\*\*\n/);
    assert.match(
      md,
      /### New breaches\n\n\| Plan \| Title \| Deadline \| File \|\n\| --- \| --- \| --- \| --- \|\n\| PLAN-1 \| Test plan \| 2026-11-20 15:00 \(-06:00\) \| p\.plan\.yaml \|/,
    );
    assert.match(
      md,
      /\| PLAN-1 \| Test plan \| Critical \| On track → Breached \| 2026-11-22 15:00 \(-06:00\) → 2026-11-20 15:00 \(-06:00\) \| policy standard: tiers changed/,
    );
    assert.match(md, /\| Open breaches \| 0 \| 1 \| \+1 \|/);
  });

  it('nothing worse: says so, without an alarm', () => {
    const files = withBase({ 'p.plan.yaml': plan() });
    const md = renderDiffMarkdown(diff(files, files));
    assert.match(md, /\n> No new breaches, no plan newly without a deadline or at risk\.\n/);
    assert.match(md, /No plan changes its tier, deadline or state \(1 unchanged\)\./);
    assert.doesNotMatch(md, /⚠/);
  });

  it('a title, an approver and a branch name with |, <script>, backticks and links: every table keeps its columns, nothing is markup', () => {
    const base = withBase({ 'p.plan.yaml': plan(), 'e.exception.yaml': exceptionFile({ approval: null }) });
    const head = {
      ...base,
      'standard.sla.yaml': tighter,
      'p.plan.yaml': plan().replace('title: Test plan', `title: ${JSON.stringify(HOSTILE)}`),
      'e.exception.yaml': exceptionFile({ approval: `approval:\n  approved_by: "x|<b>@example.com"\n  approved_on: 2026-11-21\n` }),
    };
    const md = renderDiffMarkdown(diff(base, head, { base: 'main|<img src=x onerror=alert(1)>', head: 'feat`x`' }));
    const found = tables(md);
    assert.ok(found.length >= 4, md);
    for (const t of found) for (const row of t) assert.equal(row.length, t[0].length, `${row.join(' ‖ ')}\n${md}`);
    // No `<` or `](` that a backslash does not escape, but the renderer's own line breaks.
    assert.doesNotMatch(md, /(?<!\\)<(?!br>)|(?<!\\)\]\(/);
    assert.ok(md.includes('a \\| b \\<script\\>alert(1)\\</script\\> \\`x\\` \\[link\\](javascript:alert(1)) \\*\\*bold\\*\\*'), md);
    assert.ok(md.includes('main\\|\\<img src=x onerror=alert(1)\\>'), md);
    // The only HTML is the renderer's own line breaks inside the Why cells.
    assert.deepEqual([...new Set(md.match(/(?<!\\)<[a-z]+/g))], ['<br']);
  });

  it('notes what makes the numbers partial: errors in the files at a side', () => {
    const base = withBase({ 'p.plan.yaml': plan() });
    const head = { ...base, 'q.plan.yaml': 'id: [' };
    const d = diff(base, head);
    const md = renderDiffMarkdown(d);
    assert.match(md, /> feature: 1 error in the files; plans are computed from what could be read/);
    assert.match(md, /\| Errors in the files \| 0 \| 1 \| \+1 \|/);
  });
});
