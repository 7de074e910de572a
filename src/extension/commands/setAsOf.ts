// "PatchOps: Compute As Of…": time travel ("what is breached on Monday?") for this window — kept in
// memory, never written to a file — or for all the user's windows (user settings). It never writes
// the workspace's .vscode/settings.json: a committed frozen clock would freeze the whole team.
// Those who pin patchops.asOf in the workspace on purpose edit that file themselves.
import * as vscode from 'vscode';
import { parseInstant } from '../../core/time/instants';
import { clockSentence, shown, type EditorClock } from '../clock';
import { asOfSetting } from '../settings';

/**
 * Arguments for callers without the quick pick (keybindings, other extensions, tests).
 * `scope: 'window'` (the default): `asOf` for this window, empty = now; `'user'`: `asOf` into the
 * user settings, empty = removed from them; `'settings'`: drop this window's choice.
 */
export interface SetAsOfRequest {
  scope?: 'window' | 'user' | 'settings';
  asOf?: string;
}

type Action = 'window' | 'user' | 'now' | 'settings' | 'clear-user';

const PROMPT = "An ISO 8601 instant, e.g. 2026-11-30T09:00:00Z, or 2026-11-30T09:00 in the workspace's time zone. Empty: now.";

/** Resolves to true when the clock was changed as asked. */
export async function setAsOf(clock: EditorClock, request?: SetAsOfRequest): Promise<boolean> {
  if (request && typeof request === 'object' && (request.scope !== undefined || request.asOf !== undefined))
    return apply(clock, request.scope ?? 'window', request.asOf ?? '');
  const state = clock.state;
  const setting = asOfSetting();
  const items: (vscode.QuickPickItem & { action: Action })[] = [
    { label: 'An instant, in this window…', description: 'until the window closes; no file is written', action: 'window' },
    { label: 'An instant, in all my windows…', description: 'your user settings (patchops.asOf)', action: 'user' },
    { label: 'Compute as of now', description: 'in this window', action: 'now' },
  ];
  if (clock.windowChoice && setting.kind !== 'unset') {
    items.push({ label: 'Follow the settings', description: `patchops.asOf ${shown(setting.text)} (${setting.scope} settings)`, action: 'settings' });
  }
  if (vscode.workspace.getConfiguration('patchops').inspect('asOf')?.globalValue !== undefined) {
    items.push({ label: 'Remove patchops.asOf from my user settings', action: 'clear-user' });
  }
  const picked = await vscode.window.showQuickPick(items, { title: 'PatchOps: compute as of…', placeHolder: clockSentence(state) });
  if (!picked) return false;
  if (picked.action === 'now' || picked.action === 'settings') return apply(clock, picked.action === 'now' ? 'window' : 'settings', '');
  if (picked.action === 'clear-user') return apply(clock, 'user', '');
  const current = state.kind === 'fixed' ? state.text : '';
  const value = await vscode.window.showInputBox({
    title: picked.action === 'window' ? 'PatchOps: compute as of… (this window)' : 'PatchOps: compute as of… (all my windows: user settings)',
    prompt: PROMPT,
    value: current,
    validateInput: (text) => {
      if (!text.trim()) return undefined;
      const parsed = parseInstant(text.trim(), 'UTC');
      return parsed.ok ? undefined : parsed.message;
    },
  });
  if (value === undefined) return false;
  return apply(clock, picked.action, value);
}

async function apply(clock: EditorClock, scope: 'window' | 'user' | 'settings', value: string): Promise<boolean> {
  const text = value.trim();
  const parsed = text ? parseInstant(text, 'UTC') : undefined;
  if (parsed && !parsed.ok) {
    void vscode.window.showErrorMessage(`PatchOps: cannot compute as of ${shown(text)}: ${parsed.message}. ${PROMPT}`);
    return false;
  }
  if (scope === 'settings') {
    clock.windowChoice = undefined;
    return true;
  }
  if (scope === 'window') {
    // "Now" overrides a setting only when there is one; otherwise the window simply follows the settings.
    clock.windowChoice = parsed?.ok ? { kind: 'fixed', ms: parsed.ms, text } : asOfSetting().kind === 'unset' ? undefined : { kind: 'now' };
    return true;
  }
  await vscode.workspace.getConfiguration('patchops').update('asOf', text || undefined, vscode.ConfigurationTarget.Global);
  clock.windowChoice = undefined; // else this window's choice would hide what was just set
  const setting = asOfSetting();
  if (setting.kind !== 'unset' && setting.scope !== 'user') {
    // VS Code's precedence: the workspace's value wins over the user's.
    void vscode.window.showWarningMessage(
      `PatchOps: your user settings now say ${text ? shown(text) : 'now'}, but patchops.asOf ${shown(setting.text)} in the ${setting.scope} settings takes precedence in this window.`,
    );
  }
  return true;
}
