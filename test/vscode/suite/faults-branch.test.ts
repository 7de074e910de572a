// Issue 7, faults in the editor: a branch switch that changes 1,000 files settles to the same state
// as a fresh start. Runs only in the branch workspace scripts/vscode/run.js prepares
// (scripts/vscode/faultWorkspaces.js: a git repository with 1,000 generated plans on `main` and
// `switched`, every plan different); the test runs git, the extension only sees files change.
// The oracle ("a fresh start") is the CLI on the same folder after the checkout.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Evaluation } from '../../../src/core/model/evaluation';
import { AS_OF, cli, cliDiagnostics, editorDiagnostics, eventually, folder, patchops, type FlatDiagnostic, type PatchOpsApi } from './helpers';

/** A line in the test output (the runner's progress log; console.log elsewhere). */
function note(line: string): void {
  const log = (globalThis as { patchopsTestLog?: (line: string) => void }).patchopsTestLog;
  (log ?? console.log)(line);
}

const PLANS = 1000;
/** How long the test watches a settled state for a late change (longer only makes it stricter). */
const QUIET_MS = 1500;
/** A hang guard for a whole settle, far above what a busy machine takes (the time is logged). */
const SETTLE_GUARD_MS = 240_000;
type FullApi = PatchOpsApi & { longestTask(): { ms: number; name: string }; tasks(): { sliced: Record<string, { runs: number; mostSlices: number }> } };

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
  return execFileSync('git', ['-c', 'core.hooksPath=/dev/null', '-c', 'core.fsmonitor=', ...args], {
    cwd: folder().uri.fsPath,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

/**
 * Waits until the editor shows what a fresh computation of the folder shows — the file watcher's
 * events of a checkout arrive over time, and each starts work again — however long that takes on
 * a busy machine; then checks that it stays so (no late, stale result). Returns the evaluation.
 */
async function settle(
  api: PatchOpsApi,
  fresh: ReturnType<typeof summary>,
  freshDiagnostics: FlatDiagnostic[],
): Promise<{ evaluation: Evaluation; ms: number }> {
  const started = Date.now();
  const evaluation = await eventually(() => {
    const ev = api.evaluation(folder().uri);
    assert.ok(ev, 'no evaluation yet');
    const shown = summary(ev.plans, ev.kpis);
    const stale = shown.plans.filter((p) => !fresh.plans.includes(p));
    assert.equal(stale.length, 0, `${stale.length} plan(s) differ from a fresh computation, e.g. ${stale.slice(0, 3).join('; ')}`);
    assert.deepEqual(shown, fresh, 'evaluation (states, tiers, percents, KPIs) = `patchops report`');
    const actual = editorDiagnostics();
    assert.equal(actual.length, freshDiagnostics.length, 'as many diagnostics as `patchops validate`');
    assert.deepEqual(actual, freshDiagnostics, 'diagnostics = `patchops validate`');
    return ev;
  }, SETTLE_GUARD_MS);
  const ms = Date.now() - started;
  await new Promise((r) => setTimeout(r, QUIET_MS));
  await api.whenIdle();
  assert.equal(api.evaluation(folder().uri), evaluation, 'the editor evaluated again after it had settled');
  assert.deepEqual(editorDiagnostics(), freshDiagnostics, 'the diagnostics changed after they had settled');
  return { evaluation, ms };
}

describe('Faults in the editor: a branch switch that changes 1,000 files (extension host)', function () {
  this.timeout(300_000);

  before(function () {
    const marker = path.join(folder().uri.fsPath, '.patchops-test-workspace');
    if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== 'branch') this.skip(); // only in run.js's branch workspace
  });

  it(`the first scan of ${PLANS} plans on main equals a fresh CLI run, read and evaluated in slices`, async () => {
    const api = (await patchops()) as FullApi;
    assert.equal(git(['rev-parse', '--abbrev-ref', 'HEAD']).trim(), 'main');
    const report = cliReport();
    const { evaluation, ms } = await settle(api, summary(report.plans, report.kpis), cliDiagnostics());
    note(`first scan settled (${evaluation.plans.length} plans, ${evaluation.diagnostics.length} diagnostics) ${ms} ms after the suite started waiting`);
    assert.equal(evaluation.plans.length, PLANS);
    // 1,000 files are far more than one slice of work: the host was handed back in between.
    const root = folder().uri.fsPath;
    const sliced = api.tasks().sliced;
    for (const job of [`read and parse ${root}`, `evaluate ${root}`]) {
      assert.ok((sliced[job]?.mostSlices ?? 0) > 1, `"${job}" ran in one piece: ${JSON.stringify(sliced[job])}`);
    }
  });

  it(`after \`git checkout switched\` (${PLANS} files change) it settles to the fresh state of that branch`, async () => {
    const api = (await patchops()) as FullApi;
    const beforeSwitch = summary(api.evaluation(folder().uri)!.plans, api.evaluation(folder().uri)!.kpis);
    const changed = git(['diff', '--name-only', 'main', 'switched']).split('\n').filter(Boolean).length;
    assert.ok(changed >= PLANS, `the branches differ in ${changed} files`);

    const started = Date.now();
    git(['checkout', '--quiet', 'switched']);
    const checkedOut = Date.now();
    const report = cliReport();
    const fresh = summary(report.plans, report.kpis);
    assert.notDeepEqual(fresh, beforeSwitch, 'the branches evaluate differently (else this test proves nothing)');
    const { ms } = await settle(api, fresh, cliDiagnostics());
    note(`git checkout switched took ${checkedOut - started} ms; the editor showed the fresh state ${ms} ms after the CLI's answer was ready`);

    const longest = api.longestTask();
    note(
      `longest task on the extension host (1,000-plan workspace, first scan + branch switch): ${longest.ms.toFixed(1)} ms — ${longest.name} (a measurement; see npm run bench)`,
    );
  });
});
