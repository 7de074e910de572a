// Issue 7, faults in the editor: a restricted (untrusted) workspace spawns no process at all.
// Runs only in the restricted workspace scripts/vscode/run.js prepares and opens in Restricted Mode
// (scripts/vscode/faultWorkspaces.js): a git repository whose .git/config names an fsmonitor hook
// and a hooks folder that write markers, whose policy requires git review of the approved
// exceptions, with a `git` wrapper first on PATH that writes a marker too. PatchOps must still
// evaluate (approvals `unchecked`), and nothing may run: no marker, no child_process call.
// The UI test test/vscode/ui/faults-restricted.test.ts then checks the workbench and shows that
// a plain `git status` there does write the markers.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { editorDiagnostics, folder, patchops } from './helpers';
// The module object itself (not an import-star copy), so that patching it sees PatchOps' calls.
import childProcess = require('node:child_process');

/** A line in the test output (the runner's progress log; console.log elsewhere). */
function note(line: string): void {
  const log = (globalThis as { patchopsTestLog?: (line: string) => void }).patchopsTestLog;
  (log ?? console.log)(line);
}

interface Trap {
  markers: Record<string, string>;
  bin: string;
  approved: string[];
}

const SPIED = ['spawn', 'spawnSync', 'exec', 'execSync', 'execFile', 'execFileSync', 'fork'] as const;

/** Records every child_process call made in this extension host (PatchOps' bundle calls through the module object). */
function spyOnChildProcess(): { calls: { fn: string; command: string; stack: string }[]; restore: () => void } {
  const calls: { fn: string; command: string; stack: string }[] = [];
  const cp = childProcess as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const fn of SPIED) {
    const original = cp[fn];
    originals.set(fn, original);
    try {
      Object.defineProperty(childProcess, fn, {
        configurable: true,
        writable: true,
        value: function (this: unknown, ...args: unknown[]) {
          calls.push({ fn, command: String(args[0]), stack: new Error().stack ?? '' });
          return original.apply(this, args);
        },
      });
    } catch {
      /* not patchable in this Node: the markers still decide */
    }
  }
  return { calls, restore: () => originals.forEach((value, fn) => Object.defineProperty(childProcess, fn, { configurable: true, writable: true, value })) };
}

function present(trap: Trap): string[] {
  return Object.entries(trap.markers)
    .filter(([, file]) => fs.existsSync(file))
    .map(([name, file]) => `${name}: ${fs.readFileSync(file, 'utf8').trim()}`);
}

describe('Faults in the editor: a restricted (untrusted) workspace spawns no process (extension host)', function () {
  this.timeout(120_000);
  let trap: Trap;

  before(function () {
    const marker = path.join(folder().uri.fsPath, '.patchops-test-workspace');
    if (!fs.existsSync(marker) || fs.readFileSync(marker, 'utf8').trim() !== 'restricted') this.skip(); // only in run.js's restricted workspace
    assert.ok(process.env.PATCHOPS_TEST_RESTRICTED, 'run.js passes the trap (PATCHOPS_TEST_RESTRICTED) to this extension host');
    trap = JSON.parse(process.env.PATCHOPS_TEST_RESTRICTED) as Trap;
  });

  it('the window is in Restricted Mode, with the git wrapper first on PATH', () => {
    assert.equal(
      vscode.workspace.isTrusted,
      false,
      'the workspace must NOT be trusted (code-server started without --disable-workspace-trust, trust not granted)',
    );
    // VS Code puts its remote CLI folder first; the first `git` on PATH must be the wrapper.
    const gitDirs = (process.env.PATH ?? '').split(path.delimiter).filter((dir) => dir && fs.existsSync(path.join(dir, 'git')));
    assert.equal(gitDirs[0], trap.bin, `the extension host finds the git wrapper first on PATH (${process.env.PATH})`);
    assert.ok(fs.existsSync(path.join(folder().uri.fsPath, '.git', 'config')), 'the workspace is a git repository');
    assert.match(fs.readFileSync(path.join(folder().uri.fsPath, '.git', 'config'), 'utf8'), /fsmonitor = /);
  });

  it('PatchOps evaluates (approvals `unchecked`), and neither its first scan nor a reload runs anything', async () => {
    const spy = spyOnChildProcess();
    try {
      const api = await patchops();
      await api.whenIdle();
      // A full reload with the spy in place: discovery, parse, evaluation, the approvals' review.
      await vscode.commands.executeCommand('patchops.refresh');
      await api.whenIdle();
      const evaluation = api.evaluation(folder().uri);
      assert.ok(evaluation, 'PatchOps evaluated the restricted workspace');
      assert.ok(evaluation.plans.length > 0 && evaluation.diagnostics.length > 0, 'plans and diagnostics');

      // Git review is required and the exceptions are approved, but git must not run: unchecked.
      const approved = evaluation.exceptions.filter((e) => trap.approved.includes(e.entity.source.file));
      assert.equal(approved.length, trap.approved.length, `the approved exceptions: ${trap.approved.join(', ')}`);
      for (const e of approved) {
        assert.equal(e.approval, 'unchecked', `${e.id}: approval ${e.approval} (${e.detail})`);
        assert.match(e.detail ?? '', /not trusted|Restricted Mode/, `${e.id}: the reason says why`);
      }
      note(`approvals in Restricted Mode: ${approved.map((e) => `${e.id} ${e.approval}`).join(', ')} (${approved[0].detail})`);

      // The editor shows what the core computed.
      const core = evaluation.diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`).sort();
      const shown = editorDiagnostics()
        .map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`)
        .sort();
      assert.deepEqual(shown, core, 'published diagnostics = the evaluation');

      // Nothing ran: give stragglers a moment, then look at the markers and the spy.
      await new Promise((r) => setTimeout(r, 2000));
      await api.whenIdle();
      assert.deepEqual(present(trap), [], 'no marker: neither git (PATH wrapper) nor a repository hook or fsmonitor ran');
      const ours = spy.calls.filter((c) => /patchops\.patchops|[\\/]dist[\\/]extension\.js/.test(c.stack));
      assert.deepEqual(
        ours.map((c) => `${c.fn}(${c.command})`),
        [],
        'PatchOps called child_process in Restricted Mode',
      );
      const others = spy.calls.map((c) => `${c.fn}(${c.command.slice(0, 60)})`).join(', ');
      note(`child_process calls in this extension host during the check: ${spy.calls.length} (PatchOps: ${ours.length})${others ? `: ${others}` : ''}`);
    } finally {
      spy.restore();
    }
  });
});
