// Time travel: "what is breached on Monday?" Every view, lens and diagnostic follows patchops.asOf.
import * as vscode from 'vscode';
import { parseInstant } from '../../core/time/instants';
import { asOfSetting } from '../settings';

export async function setAsOf(): Promise<void> {
  const current = asOfSetting();
  const value = await vscode.window.showInputBox({
    title: 'PatchOps: compute as of…',
    prompt: 'An ISO 8601 instant, e.g. 2026-11-30T09:00:00Z (no offset = UTC). Empty: now.',
    value: current.text,
    validateInput: (text) => {
      if (!text.trim()) return undefined;
      const parsed = parseInstant(text.trim(), 'UTC');
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (value === undefined) return;
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('patchops').update('asOf', value.trim(), target);
}
