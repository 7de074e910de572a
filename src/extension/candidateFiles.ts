// A workspace's other YAML files, as the editor sees them: for each, whether it looks like a
// PatchOps file that is not named like one (core/workspace/misnamed.ts). Nothing else of them is
// kept; a file that cannot be read gets no warning, as in the CLI.
import * as fs from 'fs';
import * as vscode from 'vscode';
import type { Diagnostic } from '../core/model/diagnostic';
import { DEFAULT_LIMITS } from '../core/parse/sourceDocument';
import { misnamedDiagnostic } from '../core/workspace/misnamed';
import { readWorkspaceCandidate } from '../node/workspaceFiles';

interface Candidate {
  /** The editor text it was checked from, to skip checking unchanged content again. */
  text?: string;
  warning?: Diagnostic;
}

export class CandidateFiles {
  private readonly files = new Map<string, Candidate>();

  has(rel: string): boolean {
    return this.files.has(rel);
  }

  /** The warnings, one per misnamed file. */
  warnings(): Diagnostic[] {
    return [...this.files.values()].flatMap((c) => c.warning ?? []);
  }

  /** Text from an open editor. True when its warning changed (appeared, went or reads differently). */
  updateText(rel: string, text: string): boolean {
    const before = this.files.get(rel);
    if (before?.text === text) return false;
    return this.set(rel, { text, warning: misnamedDiagnostic(rel, text) });
  }

  /** A local file, read with Node like the CLI reads it (the same refusals). */
  updateFromLocalDisk(root: string, rel: string, realRoot?: string): boolean {
    return this.set(rel, { warning: readWorkspaceCandidate(root, rel, DEFAULT_LIMITS.maxChars, realRoot) });
  }

  /** From disk (the file is not open, or was closed without saving). */
  async updateFromDisk(uri: vscode.Uri, root: string, rel: string): Promise<boolean> {
    if (uri.scheme === 'file') return fs.existsSync(uri.fsPath) ? this.updateFromLocalDisk(root, rel) : this.delete(rel);
    try {
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > DEFAULT_LIMITS.maxChars) return this.set(rel, {});
      return this.set(rel, { warning: misnamedDiagnostic(rel, await vscode.workspace.fs.readFile(uri)) });
    } catch (err) {
      return err instanceof vscode.FileSystemError && err.code === 'FileNotFound' ? this.delete(rel) : this.set(rel, {});
    }
  }

  /** True when a warning went with it. */
  delete(rel: string): boolean {
    const had = this.files.get(rel)?.warning !== undefined;
    this.files.delete(rel);
    return had;
  }

  deleteUnder(relFolder: string): boolean {
    let changed = false;
    for (const rel of [...this.files.keys()]) if (rel.startsWith(`${relFolder}/`)) changed = this.delete(rel) || changed;
    return changed;
  }

  private set(rel: string, next: Candidate): boolean {
    const before = this.files.get(rel)?.warning;
    this.files.set(rel, next);
    return before?.message !== next.warning?.message;
  }
}
