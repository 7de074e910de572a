// Benchmark, not a test: runs INSIDE the extension host of a fresh code-server that
// scripts/vscode/bench.js started on a (large) workspace. It lives outside test/vscode/suite/, so
// `npm run test:vscode` never runs it. It waits until PatchOps has activated on its own (by its
// activation event, not because this file asked) and published the first full scan's diagnostics,
// then writes the extension's own timings (and its longest task), the extension host's peak RSS
// and how many files got diagnostics to the JSON file named by PATCHOPS_VSCODE_BENCH_OUT.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ActivationTimings } from '../../../src/extension/extension';
import { EXTENSION_ID } from '../suite/helpers';

interface TimedApi {
  timings(): ActivationTimings;
  longestTask(): { ms: number; name: string };
}

const BOUND_MS = 280_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function note(line: string): void {
  const log = (globalThis as { patchopsTestLog?: (line: string) => void }).patchopsTestLog;
  (log ?? console.log)(line);
}

describe('Bench: PatchOps activation and first diagnostics in a real VS Code', function () {
  this.timeout(BOUND_MS + 10_000);

  it('records activation, first diagnostics and the extension host peak RSS', async () => {
    const out = process.env.PATCHOPS_VSCODE_BENCH_OUT;
    assert.ok(out, 'PATCHOPS_VSCODE_BENCH_OUT is not set (run this through scripts/vscode/bench.js)');
    const extension = vscode.extensions.getExtension<TimedApi>(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
    const deadline = Date.now() + BOUND_MS;

    // Activation is PatchOps' own (workspaceContains): calling activate() here would measure us.
    while (!extension.isActive) {
      assert.ok(Date.now() < deadline, `PatchOps did not activate within ${BOUND_MS / 1000} s`);
      await sleep(20);
    }
    const api = extension.exports;
    assert.equal(typeof api?.timings, 'function', 'the PatchOps API has no timings() (an older build?)');
    let timings = api.timings();
    while (timings.firstDiagnosticsMs === undefined) {
      assert.ok(Date.now() < deadline, `no first diagnostics within ${BOUND_MS / 1000} s`);
      await sleep(20);
      timings = api.timings();
    }
    // Peak RSS of this extension host up to the first diagnostics (maxRSS is in KiB), and the
    // longest synchronous task PatchOps ran on it until then.
    const extensionHostRssMb = process.resourceUsage().maxRSS / 1024;
    const longest = api.longestTask();

    // What VS Code holds from PatchOps (a workspace without problems has none: the caller judges).
    let diagnosticsFiles = 0;
    let diagnostics = 0;
    for (const [, list] of vscode.languages.getDiagnostics()) {
      const ours = list.filter((d) => d.source === 'PatchOps').length;
      if (ours > 0) diagnosticsFiles++;
      diagnostics += ours;
    }

    const result = {
      activationMs: timings.activationMs,
      firstDiagnosticsMs: timings.firstDiagnosticsMs,
      extensionHostRssMb,
      diagnosticsFiles,
      diagnostics,
      hostUptimeAtActivationMs: timings.activationStartedAtMs,
      longestTaskMs: longest.ms,
      longestTaskName: longest.name,
      vscodeVersion: vscode.version,
    };
    note(JSON.stringify(result));
    fs.writeFileSync(`${out}.tmp`, JSON.stringify(result, null, 2));
    fs.renameSync(`${out}.tmp`, out);
  });
});
