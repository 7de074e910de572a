// Shared by the extension-host suites (they run INSIDE VS Code: code-server through
// scripts/vscode/run.js, or Electron through test/vscode/electron.js). The window's first
// workspace folder is a throwaway copy of samples/ whose .vscode/settings.json pins
// `patchops.asOf`, so every answer is fixed; suites that edit files put them back.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Evaluation } from '../../../src/core/model/evaluation';

export const AS_OF = '2026-11-23T12:00:00Z';
/** The repository: this file runs from out/test/vscode/suite/. */
const REPO = path.resolve(__dirname, '..', '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
export const EXTENSION_ID = 'patchops.patchops';

export interface PatchOpsApi {
  whenIdle(): Promise<void>;
  evaluation(folder: vscode.Uri): Evaluation | undefined;
}

/** A diagnostic as `patchops validate --format json` prints it (1-based lines and columns). */
export interface FlatDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: string;
  code: string;
  message: string;
}

let cachedApi: PatchOpsApi | undefined;

export async function patchops(): Promise<PatchOpsApi> {
  if (cachedApi) return cachedApi;
  const extension = vscode.extensions.getExtension<PatchOpsApi>(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not installed in this VS Code`);
  const api = await extension.activate();
  assert.equal(typeof api?.whenIdle, 'function', 'activate() must return { whenIdle, evaluation }');
  assert.equal(typeof api?.evaluation, 'function', 'activate() must return { whenIdle, evaluation }');
  cachedApi = api;
  return api;
}

export function folder(): vscode.WorkspaceFolder {
  const first = vscode.workspace.workspaceFolders?.[0];
  assert.ok(first, 'the test window has no workspace folder');
  return first;
}

export function uriOf(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(folder().uri, ...rel.split('/'));
}

export function relOf(uri: vscode.Uri): string {
  return path.relative(folder().uri.fsPath, uri.fsPath).split(path.sep).join('/');
}

/** The evaluation for the workspace folder, once the extension is idle. */
export async function evaluation(): Promise<Evaluation> {
  const api = await patchops();
  await api.whenIdle();
  const result = api.evaluation(folder().uri);
  assert.ok(result, `api.evaluation(${folder().uri.toString()}) returned nothing`);
  return result;
}

/** Runs the bundled CLI (the same `node` as this extension host; under Electron, as node). */
export function cli(args: string[]): string {
  try {
    return execFileSync(process.execPath, [CLI, ...args], {
      encoding: 'utf8',
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1', NO_COLOR: '1' },
      maxBuffer: 64 * 1024 * 1024,
      timeout: 60_000,
    });
  } catch (err) {
    // `validate` exits 1 when there are error diagnostics: its output is still the answer.
    const e = err as { status?: number; stdout?: string; stderr?: string };
    if (e.status === 1 && e.stdout) return e.stdout;
    throw new Error(`node ${path.relative(REPO, CLI)} ${args.join(' ')} failed (exit ${e.status}): ${e.stderr ?? String(err)}`, { cause: err });
  }
}

/** What `patchops validate` says about the workspace folder as saved on disk. */
export function cliDiagnostics(asOf = AS_OF): FlatDiagnostic[] {
  const out = JSON.parse(cli(['validate', folder().uri.fsPath, '--as-of', asOf, '--format', 'json'])) as { diagnostics: FlatDiagnostic[] };
  return sortDiagnostics(out.diagnostics.map((d) => ({ ...d })));
}

const SEVERITY: Record<vscode.DiagnosticSeverity, string> = {
  [vscode.DiagnosticSeverity.Error]: 'error',
  [vscode.DiagnosticSeverity.Warning]: 'warning',
  [vscode.DiagnosticSeverity.Information]: 'info',
  [vscode.DiagnosticSeverity.Hint]: 'hint',
};

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' && d.code !== null ? String(d.code.value) : String(d.code);
}

/** Every PatchOps diagnostic VS Code holds, flattened like the CLI's (1-based). */
export function editorDiagnostics(): FlatDiagnostic[] {
  const all: FlatDiagnostic[] = [];
  for (const [uri, list] of vscode.languages.getDiagnostics()) {
    for (const d of list) {
      if (d.source !== 'PatchOps') continue;
      all.push({
        file: relOf(uri),
        line: d.range.start.line + 1,
        column: d.range.start.character + 1,
        endLine: d.range.end.line + 1,
        endColumn: d.range.end.character + 1,
        severity: SEVERITY[d.severity],
        code: codeOf(d),
        message: d.message,
      });
    }
  }
  return sortDiagnostics(all);
}

export function patchopsDiagnostics(rel: string): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uriOf(rel)).filter((d) => d.source === 'PatchOps');
}

function sortDiagnostics(list: FlatDiagnostic[]): FlatDiagnostic[] {
  const key = (d: FlatDiagnostic) =>
    `${d.file}\u0000${String(d.line).padStart(6, '0')}\u0000${String(d.column).padStart(6, '0')}\u0000${d.code}\u0000${d.message}`;
  return list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries `check` (an assertion) until it passes: after an edit the extension first has to see
 * the change (document events, file watcher) before whenIdle() means "caught up".
 */
export async function eventually<T>(check: () => T | Promise<T>, timeoutMs = 15_000): Promise<T> {
  const api = await patchops();
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    await api.whenIdle();
    try {
      return await check();
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) break;
    await sleep(150);
  }
  if (last instanceof Error) last.message = `still failing after ${timeoutMs} ms: ${last.message}`;
  throw last;
}

/** Replaces a file's whole text through the editor (a WorkspaceEdit), optionally saving it. */
export async function editFile(rel: string, transform: (text: string) => string, options: { save?: boolean } = {}): Promise<vscode.TextDocument> {
  const doc = await vscode.workspace.openTextDocument(uriOf(rel));
  const before = doc.getText();
  const after = transform(before);
  assert.notEqual(after, before, `the edit of ${rel} changed nothing (the sample changed?)`);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(before.length)), after);
  assert.ok(await vscode.workspace.applyEdit(edit), `applyEdit on ${rel} was refused`);
  if (options.save !== false) assert.ok(await doc.save(), `saving ${rel} failed`);
  return doc;
}

/** Remembers files' original text and puts it back (through the editor, then saved). */
export class Restorer {
  private readonly originals = new Map<string, string>();

  async remember(...rels: string[]): Promise<void> {
    for (const rel of rels) {
      if (this.originals.has(rel)) continue;
      const bytes = await vscode.workspace.fs.readFile(uriOf(rel));
      this.originals.set(rel, Buffer.from(bytes).toString('utf8'));
    }
  }

  async restore(): Promise<void> {
    for (const [rel, text] of this.originals) {
      const doc = await vscode.workspace.openTextDocument(uriOf(rel));
      if (doc.getText() !== text) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
        await vscode.workspace.applyEdit(edit);
      }
      if (doc.isDirty) await doc.save();
    }
    this.originals.clear();
    // Back to the samples' state before the next test starts. Compared through the evaluation
    // API (the core's own answer), so that a bug in how the editor shows diagnostics fails only
    // the test that looks at them, not every test after it.
    const baseline = cliDiagnostics().map((d) => `${d.file}:${d.line}:${d.column} ${d.code}`);
    await eventually(async () => {
      const core = (await evaluation()).diagnostics.map((d) => `${d.file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code}`);
      assert.deepEqual(core.sort(), baseline.sort(), 'the workspace is back to the samples');
    });
  }
}

/** Replaces exactly one occurrence of `from`; fails loudly when the sample changed. */
export function replaceOnce(text: string, from: string | RegExp, to: string): string {
  const matches =
    typeof from === 'string'
      ? text.split(from).length - 1
      : (text.match(new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`)) ?? []).length;
  assert.equal(matches, 1, `expected exactly one ${String(from)} in the sample`);
  return text.replace(from, to);
}

export const PLAN_036 = 'plans/2026-036-backup-server-rce.plan.yaml';
export const PLAN_039 = 'plans/2026-039-payroll-app-upload-rce.plan.yaml';
export const SERVERS = 'assets/servers.assets.yaml';

/** The titles of the code lenses on a file, top to bottom (the document is opened first: the command needs it). */
export async function lensTitles(rel: string): Promise<string[]> {
  const uri = uriOf(rel);
  await vscode.workspace.openTextDocument(uri);
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 1000)) ?? [];
  return lenses
    .filter((l) => l.command?.title)
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .map((l) => l.command!.title);
}

/** The status bar items as the extension shows them (its API reports exactly what is rendered). */
export async function statusBarText(): Promise<string> {
  const api = (await patchops()) as unknown as { statusBar(): { text: string }[] };
  return api
    .statusBar()
    .map((i) => i.text)
    .join(' | ');
}
