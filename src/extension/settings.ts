// The extension's settings, read in one place.
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
