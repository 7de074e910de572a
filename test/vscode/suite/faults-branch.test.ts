// Issue 7, faults in the editor: a branch switch that changes 1,000 files settles to the same state
// as a fresh start. Runs only in the branch workspace scripts/vscode/run.js prepares
// (scripts/vscode/faultWorkspaces.js: a git repository with 1,000 generated plans on `main` and
// `switched`, every plan different); the test runs git, the extension only sees files change.
// The oracle ("a fresh start") is the CLI on the same folder after the checkout.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Evaluation } from '../../../src/core/model/evaluation';
import { AS_OF, cli, cliDiagnostics, editorDiagnostics, folder, patchops, type PatchOpsApi } from './helpers';

/** A line in the test output (the runner's progress log; console.log elsewhere). */
function note(line: string): void {
  const log = (globalThis as { patchopsTestLog?: (line: string) => void }).patchopsTestLog;
  (log ?? console.log)(line);
}

const PLANS = 1000;
const QUIET_MS = 1500;
const SETTLE_BOUND_MS = 120_000;
type TimedApi = PatchOpsApi & { longestTask(): { ms: number; name: string } };

interface ReportJson {
  plans: { id: string; tier: string | null; state: string; endpointsPercent: number | null }[];
  kpis: unknown;
}

function cliReport(): ReportJson {
  return JSON.parse(cli(['report', folder().uri.fsPath, '--as-of', AS_OF, '--format', 'json'])) as ReportJson;
}

/** What the fresh computation and the editor are compared on: every plan's state, tier, percent; the KPIs. */
function summary(plans: { id: string; tier: string | null; state: string; endpointsPercent: number | null }[], kpis: unknown) {
  return {
    plans: plans.map((p) => `${p.id} ${p.state} ${p.tier} ${p.endpointsPercent}`).sort(),
    kpis: JSON.parse(JSON.stringify(kpis)) as unknown,
  };
}

function git(args: string[]): string {
  // The test's git (never the extension's): no hooks, no fsmonitor.
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=', ...args], { cwd: folder().uri.fsPath, encoding: 'utf8', timeout: 60_000 });
}

/**
 * Waits until the extension is idle AND nothing changes for QUIET_MS (the file watcher's events of
 * a checkout arrive over time, and each starts work again). Returns the settled evaluation.
 */
async function settle(api: PatchOpsApi, since: number): Promise<{ evaluation: Evaluation; ms: number; rounds: number }> {
  let changes = 0;
  const subscription = vscode.languages.onDidChangeDiagnostics(() => changes++);
  try {
    const deadline = Date.now() + SETTLE_BOUND_MS;
    for (let rounds = 1; ; rounds++) {
      await api.whenIdle();
      const ev = api.evaluation(folder().uri);
      const seen = changes;
      await new Promise((r) => setTimeout(r, QUIET_MS));
      await api.whenIdle();
      if (ev && api.evaluation(folder().uri) === ev && changes === seen) return { evaluation: ev, ms: Date.now() - since - QUIET_MS, rounds };
      assert.ok(Date.now() < deadline, `the extension did not settle within ${SETTLE_BOUND_MS / 1000} s (still changing after ${rounds} rounds)`);
    }
  } finally {
    subscription.dispose();
  }
}

describe('Faults in the editor: a branch switch that changes 1,000 files (extension host)', function () {
  this.timeout(300_000);

  before(function () {
    const marker = path.join(folder().uri.fsPath, '.patchops-test-workspace');
    if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== 'branch') this.skip(); // only in run.js's branch workspace
  });

  it(`the first scan of ${PLANS} plans on main equals a fresh CLI run`, async () => {
    const api = (await patchops()) as TimedApi;
    const started = Date.now();
    const { evaluation, ms } = await settle(api, started);
    note(`first scan settled (${evaluation.plans.length} plans, ${evaluation.diagnostics.length} diagnostics) ${ms} ms after the suite started`);
    assert.equal(git(['rev-parse', '--abbrev-ref', 'HEAD']).trim(), 'main');
    assert.equal(evaluation.plans.length, PLANS);
    const report = cliReport();
    assert.deepEqual(summary(evaluation.plans, evaluation.kpis), summary(report.plans, report.kpis), 'evaluation = `patchops report` on main');
    assert.deepEqual(editorDiagnostics(), cliDiagnostics(), 'diagnostics = `patchops validate` on main');
  });

  it(`after \`git checkout switched\` (${PLANS} files change) it settles to the fresh state of that branch`, async () => {
    const api = (await patchops()) as TimedApi;
    const beforeSwitch = summary(api.evaluation(folder().uri)!.plans, api.evaluation(folder().uri)!.kpis);
    const changed = git(['diff', '--name-only', 'main', 'switched']).split('\n').filter(Boolean).length;
    assert.ok(changed >= PLANS, `the branches differ in ${changed} files`);

    const started = Date.now();
    git(['checkout', '--quiet', 'switched']);
    const checkedOut = Date.now();
    const { evaluation, ms, rounds } = await settle(api, started);
    note(`git checkout switched took ${checkedOut - started} ms; the editor settled ${ms} ms after it started (${rounds} settle round(s))`);

    const report = cliReport();
    const fresh = summary(report.plans, report.kpis);
    assert.notDeepEqual(fresh, beforeSwitch, 'the branches evaluate differently (else this test proves nothing)');
    const shown = summary(evaluation.plans, evaluation.kpis);
    const stale = shown.plans.filter((p) => !fresh.plans.includes(p));
    assert.equal(stale.length, 0, `${stale.length} plan(s) differ from a fresh computation, e.g. ${stale.slice(0, 3).join('; ')}`);
    assert.deepEqual(shown, fresh, 'evaluation (states, tiers, percents, KPIs) = `patchops report` on switched');
    const expected = cliDiagnostics();
    const actual = editorDiagnostics();
    assert.equal(actual.length, expected.length, 'as many diagnostics as `patchops validate` on switched');
    assert.deepEqual(actual, expected, 'diagnostics = `patchops validate` on switched');

    const longest = api.longestTask();
    note(
      `longest task on the extension host (1,000-plan workspace, first scan + branch switch): ${longest.ms.toFixed(1)} ms — ${longest.name}${longest.ms >= 50 ? "  [over 50 ms: the performance issue's target]" : ''}`,
    );
  });
});
