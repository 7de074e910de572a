// The extension's settings, read in one place.
import * as path from 'path';
import * as vscode from 'vscode';
import { parseInstant } from '../core/time/instants';

export interface AsOf {
  /** True when `patchops.asOf` names an instant ("time travel"); false means now. */
  fixed: boolean;
  asOf(): number;
  text: string;
}

export function asOfSetting(): AsOf {
  const text = (vscode.workspace.getConfiguration('patchops').get<string>('asOf') ?? '').trim();
  if (text) {
    const parsed = parseInstant(text, 'UTC');
    if (parsed.ok) return { fixed: true, asOf: () => parsed.ms, text };
  }
  return { fixed: false, asOf: () => Date.now(), text: '' };
}

export function debounceSetting(): number {
  const value = vscode.workspace.getConfiguration('patchops').get<number>('debounceMs') ?? 300;
  return Math.max(0, Math.min(5000, value));
}

/**
 * The git the built-in git extension is set to use (`git.path`), when it names an absolute path;
 * otherwise undefined, and the verifier takes the first git on PATH outside the workspace.
 */
export function gitPathSetting(): string | undefined {
  const value = vscode.workspace.getConfiguration('git').get<string | string[] | null>('path');
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && path.isAbsolute(first) ? first : undefined;
}
