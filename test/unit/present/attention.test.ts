// The status bar's quick pick: breached, no deadline, due soon and at risk plans, grouped, worst
// first, as of an explicit instant; plans that are fine are not listed.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { attentionGroups } from '../../../src/core/present/attention';
import { REPO_ROOT } from '../../support/sharedData';
import { evaluateFiles, type Files } from '../../support/workspace';

function samples(edit: (rel: string, text: string) => string = (_r, t) => t) {
  const root = path.join(REPO_ROOT, 'samples');
  const files: Files = {};
  const walk = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      const rel = path.relative(root, full).split(path.sep).join('/');
      if (e.isDirectory()) walk(full);
      else if (e.name.endsWith('.yaml')) files[rel] = edit(rel, fs.readFileSync(full, 'utf8'));
    }
  };
  walk(root);
  return evaluateFiles(files, '2026-11-23T12:00:00Z');
}

describe('present: the plans to act on (status bar quick pick)', () => {
  it('the samples: breached PLAN-2026-036, due soon PLAN-2026-039, nothing else', () => {
    const e = samples();
    const groups = attentionGroups(e.plans, (p) => p);
    assert.deepEqual(
      groups.map((g) => [g.key, g.label, g.items.map((p) => p.id)]),
      [
        ['breached', 'Breached (1)', ['PLAN-2026-036']],
        ['due_soon', 'Due soon (1)', ['PLAN-2026-039']],
      ],
    );
    assert.equal(e.kpis.openBreaches + e.kpis.dueSoon + e.kpis.unknownDeadlines + e.kpis.atRisk, 2, 'the same plans the status bar counts');
  });

  it('no deadline and at risk are listed too (an at-risk plan also under its state)', () => {
    const e = samples((rel, text) =>
      rel.endsWith('2026-039-payroll-app-upload-rce.plan.yaml')
        ? text.replace('  - name: Payroll batch B\n', '  - name: Payroll batch B\n    duration: 2d\n')
        : rel.endsWith('2026-040-7zip-desktops.plan.yaml')
          ? text.replace(/^id: (.*)$/m, 'id: $1\nsla: no-such-policy')
          : text,
    );
    const groups = attentionGroups(
      e.plans.map((plan) => ({ plan })),
      (t) => t.plan,
    );
    assert.deepEqual(
      groups.map((g) => [g.label, g.items.map((t) => t.plan.id)]),
      [
        ['Breached (1)', ['PLAN-2026-036']],
        ['No deadline (1)', ['PLAN-2026-040']],
        ['Due soon (1)', ['PLAN-2026-039']],
        ['At risk (1)', ['PLAN-2026-039']],
      ],
    );
  });
});
