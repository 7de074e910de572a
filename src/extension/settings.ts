// The extension's settings, read in one place.
import * as path from 'path';
import * as vscode from 'vscode';
import type { Every } from '../core/history/historyModel';
import type { SchemaHelpSetting } from '../core/language/schemaHelp';
import { PAGE_SIZE } from '../core/present/pages';
import { parseInstant } from '../core/time/instants';

/** Where a setting's value comes from (VS Code's own precedence: folder > workspace > user). */
export type SettingScope = 'user' | 'workspace' | 'folder';

/** `patchops.asOf` as the settings give it: not set (now), an instant, or a value that is none. */
export type AsOfSetting =
  { kind: 'unset' } | { kind: 'fixed'; ms: number; text: string; scope: SettingScope } | { kind: 'invalid'; text: string; reason: string; scope: SettingScope };

export function asOfSetting(): AsOfSetting {
  const config = vscode.workspace.getConfiguration('patchops');
  const value: unknown = config.get('asOf');
  const inspected = config.inspect('asOf');
  const scope: SettingScope = inspected?.workspaceFolderValue !== undefined ? 'folder' : inspected?.workspaceValue !== undefined ? 'workspace' : 'user';
  // A number or an object typed into settings.json is not an instant either: said, not ignored.
  if (typeof value !== 'string') {
    return value === undefined || value === null ? { kind: 'unset' } : { kind: 'invalid', text: JSON.stringify(value), reason: 'it must be a string', scope };
  }
  const text = value.trim();
  if (!text) return { kind: 'unset' };
  const parsed = parseInstant(text, 'UTC');
  return parsed.ok ? { kind: 'fixed', ms: parsed.ms, text, scope } : { kind: 'invalid', text, reason: parsed.message, scope };
}

/** `patchops.views.pageSize`: how many items of one list the views show before "Show more" (pages.ts). */
export function pageSizeSetting(): number {
  const value = vscode.workspace.getConfiguration('patchops').get<unknown>('views.pageSize');
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 ? Math.min(value, 100_000) : PAGE_SIZE;
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

/** `patchops.schemaHelp`; a value that is none of the three counts as `auto`. */
export function schemaHelpSetting(uri: vscode.Uri): SchemaHelpSetting {
  const value = vscode.workspace.getConfiguration('patchops', uri).get<unknown>('schemaHelp');
  return value === 'always' || value === 'ids' ? value : 'auto';
}

/** `patchops.report.trendEvery`: one point per month (default), week or commit in the report's trends. */
export function trendEverySetting(uri: vscode.Uri): Every {
  const value = vscode.workspace.getConfiguration('patchops', uri).get<unknown>('report.trendEvery');
  return value === 'week' || value === 'commit' ? value : 'month';
}
