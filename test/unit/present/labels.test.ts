// One wording per concept and one order on every surface: `patchops status`, the reports, and the
// editor's trees and status bar read their labels and orders from src/core/present/labels.ts.
// A surface that rewords a state (the HTML report once said "Pending" where the rest said
// "Pending approval") or sorts by the machine's locale fails here.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ReportDocument } from '../../../src/core/report/reportModel';
import {
  APPROVAL_LABELS,
  APPROVAL_STATES,
  EXCEPTION_STATE_LABELS,
  inText,
  orderExceptionResults,
  orderPlanResults,
  PLAN_STATE_LABELS,
  planStateLabel,
  TIER_LABELS,
  WAVE_STATUS_LABELS,
  WAVE_STATUSES,
} from '../../../src/core/present/labels';
import { planRow, timeLeftText } from '../../../src/core/present/planRows';
import { waveDescription } from '../../../src/core/present/summaries';
import { EXCEPTION_STATES, PLAN_STATES, TIERS } from '../../../src/core/model/vocabulary';
import { runCli } from '../../support/cli';
import { REPO_ROOT } from '../../support/sharedData';
import { tempDirs } from '../../support/tempDir';
import { BASE, evaluateFiles, plan, withBase, type Files } from '../../support/workspace';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const tempDir = tempDirs('labels');

/** The samples, read from disk as the editor would, evaluated as of the README's instant. */
function samplesEvaluation() {
  const files: Files = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.yaml')) files[path.relative(SAMPLES, full).split(path.sep).join('/')] = fs.readFileSync(full, 'utf8');
    }
  };
  walk(SAMPLES);
  return evaluateFiles(files, '2026-11-23T12:00:00Z');
}

/** The rows of a table `patchops status` prints, cut at its header's columns: { PLAN: …, STATE: … }. */
function table(text: string, first: string): Record<string, string>[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${first} `));
  assert.ok(start >= 0, `a table headed ${first} in:\n${text}`);
  const header = lines[start];
  const names = header.split(/ {2,}/);
  const at = names.map((n) => header.indexOf(n));
  const rows: Record<string, string>[] = [];
  for (const line of lines.slice(start + 1)) {
    if (line === '') break;
    rows.push(Object.fromEntries(names.map((n, i) => [n, line.slice(at[i], at[i + 1]).trim()])));
  }
  return rows;
}

describe('labels: one wording per concept', () => {
  it('every value has a label, and no two values of a kind share one', () => {
    const kinds: [readonly string[], Readonly<Record<string, string>>][] = [
      [PLAN_STATES, PLAN_STATE_LABELS],
      [EXCEPTION_STATES, EXCEPTION_STATE_LABELS],
      [APPROVAL_STATES, APPROVAL_LABELS],
      [WAVE_STATUSES, WAVE_STATUS_LABELS],
      [TIERS, TIER_LABELS],
    ];
    for (const [values, labels] of kinds) {
      assert.deepEqual(Object.keys(labels).sort(), [...values].sort());
      const words = values.map((v) => inText(labels[v]));
      assert.equal(new Set(words).size, words.length, `distinct even in lower case: ${words.join(', ')}`);
    }
  });

  it('patchops status: states, tiers, exception states and approvals are the labels (BREACHED and NO DEADLINE shout)', () => {
    const status = runCli(['status', SAMPLES, ...AS_OF]).stdout;
    const doc = JSON.parse(runCli(['status', SAMPLES, ...AS_OF, '--format', 'json']).stdout) as ReportDocument;
    const plans = table(status, 'PLAN');
    assert.equal(plans.length, doc.plans.length);
    for (const row of plans) {
      const p = doc.plans.find((x) => x.id === row.PLAN)!;
      const label = planStateLabel(p.state);
      assert.equal(row.STATE, p.state === 'breached' || p.state === 'unknown' ? label.toUpperCase() : inText(label), row.PLAN);
      assert.equal(row.TIER, p.tier === null ? '—' : inText(TIER_LABELS[p.tier]), row.PLAN);
    }
    const exceptions = table(status, 'EXCEPTION');
    assert.equal(exceptions.length, doc.exceptions.length);
    for (const row of exceptions) {
      const e = doc.exceptions.find((x) => x.id === row.EXCEPTION)!;
      assert.equal(row.STATE, inText(EXCEPTION_STATE_LABELS[e.state]), row.EXCEPTION);
      assert.equal(row.APPROVAL, inText(APPROVAL_LABELS[e.approval]), row.EXCEPTION);
    }
    assert.ok(
      exceptions.some((r) => r.STATE === 'pending approval'),
      'the samples have a pending exception',
    );
  });

  it('a plan with no deadline is "no deadline" in the table, the tree and the reports alike', () => {
    const ws = tempDir(withBase({ 'p.plan.yaml': plan({ extra: 'sla: nope' }) }));
    assert.match(runCli(['status', ws, ...AS_OF]).stdout, /^PLAN-1 +— +NO DEADLINE /m);
    assert.match(runCli(['report', ws, ...AS_OF]).stdout, /\*\*State:\*\* No deadline/);
    const e = evaluateFiles(withBase({ 'p.plan.yaml': plan({ extra: 'sla: nope' }) }), '2026-11-23T12:00:00Z');
    assert.match(planRow(e.plans[0], e.asOf).description, /^no deadline: .* · — · /);
  });

  it('the Markdown and HTML reports name exception states, approvals and plan states with the same labels', () => {
    const md = runCli(['report', SAMPLES, ...AS_OF, '--format', 'md']).stdout;
    const html = runCli(['report', SAMPLES, ...AS_OF, '--format', 'html']).stdout;
    const doc = JSON.parse(runCli(['report', SAMPLES, ...AS_OF, '--format', 'json']).stdout) as ReportDocument;
    for (const e of doc.exceptions) {
      assert.ok(md.includes(`### ${e.id}: ${EXCEPTION_STATE_LABELS[e.state]}\n`), `${e.id} in the Markdown report`);
      assert.ok(md.includes(`- **Approval:** ${APPROVAL_LABELS[e.approval]}, `), `${e.id}'s approval in the Markdown report`);
      assert.ok(html.includes(`>${EXCEPTION_STATE_LABELS[e.state]}</span>`), `${e.id}'s state badge in the HTML report`);
      assert.ok(html.includes(`>${APPROVAL_LABELS[e.approval]}</span>`), `${e.id}'s approval badge in the HTML report`);
    }
    // Both reports' key figures count exceptions by state under the same words.
    const htmlCounts = [...html.matchAll(/<dt>([^<]+)<\/dt><dd[^>]*>\d+<\/dd>/g)].map((m) => m[1]);
    for (const state of EXCEPTION_STATES) {
      assert.ok(htmlCounts.includes(EXCEPTION_STATE_LABELS[state]), `the HTML card counts ${state} as "${EXCEPTION_STATE_LABELS[state]}": ${htmlCounts}`);
    }
    assert.match(md, /\| Exceptions by state \| Expiring 1 · Pending approval 1 · Active 2 \|/);
    for (const p of doc.plans) assert.ok(md.includes(`- **State:** ${planStateLabel(p.state)}`), `${p.id} in the Markdown report`);
  });

  it('the editor: tree rows and wave lenses use the labels in lower case', () => {
    const e = samplesEvaluation();
    for (const p of e.plans) {
      const row = planRow(p, e.asOf);
      if (p.tier) assert.ok(row.description.includes(` · ${inText(TIER_LABELS[p.tier])} · `), row.description);
      // The states without a time to count say their label; the others say overdue / left.
      const words = ['met', 'exempt', 'cancelled', 'missed', 'unknown', 'awaiting_test'].includes(p.state)
        ? inText(PLAN_STATE_LABELS[p.state])
        : /^((testing )?overdue|\d)/;
      if (typeof words === 'string') assert.ok(timeLeftText(p, e.asOf).startsWith(words), `${p.id}: ${timeLeftText(p, e.asOf)}`);
      else assert.match(timeLeftText(p, e.asOf), words, `${p.id}: ${timeLeftText(p, e.asOf)}`);
      for (const w of p.waves) assert.ok(waveDescription(w).startsWith(`${inText(WAVE_STATUS_LABELS[w.status])} · `), waveDescription(w));
    }
  });
});

describe('orders: one on every surface, and no locale', () => {
  it('status, the Markdown report and the trees list plans and exceptions in the same order, worst first', () => {
    const status = runCli(['status', SAMPLES, ...AS_OF]).stdout;
    const md = runCli(['report', SAMPLES, ...AS_OF, '--format', 'md']).stdout;
    const headings = (section: string) =>
      [
        ...md
          .slice(md.indexOf(`## ${section} (`))
          .split('\n## ')[0]
          .matchAll(/^### ([^:]+):/gm),
      ].map((m) => m[1]);
    const e = samplesEvaluation();
    const plans = orderPlanResults(e.plans).map((p) => p.id);
    assert.deepEqual(
      table(status, 'PLAN').map((r) => r.PLAN),
      plans,
    );
    assert.deepEqual(headings('Plans'), plans);
    assert.equal(plans[0], 'PLAN-2026-036', 'the breached plan leads');
    const exceptions = orderExceptionResults(e.exceptions).map((x) => x.id);
    assert.deepEqual(
      table(status, 'EXCEPTION').map((r) => r.EXCEPTION),
      exceptions,
    );
    assert.deepEqual(headings('Exceptions'), exceptions);
    assert.deepEqual(exceptions, ['EXC-2026-014', 'EXC-2026-015', 'EXC-2026-009', 'EXC-2026-011'], 'expiring, pending, then active by revisit date');
  });

  it('ids are ordered by code units, not by the locale', () => {
    const ids = ['plan-b', 'PLAN-C', 'plan-a', 'Plan-ä'];
    const byCodeUnits = [...ids].sort();
    assert.notDeepEqual(
      [...ids].sort((a, b) => a.localeCompare(b, 'en')),
      byCodeUnits,
      'the ids tell the two orders apart',
    );
    const files: Files = { ...BASE };
    ids.forEach((id, i) => (files[`p${i}.plan.yaml`] = plan({ id })));
    const ws = tempDir(files);
    assert.deepEqual(
      table(runCli(['status', ws, ...AS_OF]).stdout, 'PLAN').map((r) => r.PLAN),
      byCodeUnits,
    );
    assert.deepEqual(
      [...runCli(['report', ws, ...AS_OF]).stdout.matchAll(/^### (\S+): Test plan$/gm)].map((m) => m[1]),
      byCodeUnits,
    );
    assert.deepEqual(
      orderPlanResults(evaluateFiles(files, '2026-11-23T12:00:00Z').plans).map((p) => p.id),
      byCodeUnits,
    );
  });

  it('no source file compares or formats text by locale', () => {
    const LOCALE = /localeCompare|Intl\.Collator|toLocale(Lower|Upper)Case|toLocale(Date|Time)?String/;
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, e.name);
        if (e.isDirectory()) walk(full);
        else if (e.name.endsWith('.ts')) {
          fs.readFileSync(full, 'utf8')
            .split('\n')
            .forEach((line, i) => {
              const code = /^\s*(\/\*|\*)/.test(line) ? '' : line.replace(/\/\/.*$/, ''); // comments may name what is not used
              if (LOCALE.test(code)) found.push(`${path.relative(REPO_ROOT, full)}:${i + 1}`);
            });
        }
      }
    };
    walk(path.join(REPO_ROOT, 'src'));
    assert.deepEqual(found, []);
  });
});
