// The instant the editor computes everything as of. This window's choice ("Compute As Of…", kept
// in memory, never written to a file) comes first, then `patchops.asOf` (folder > workspace >
// user, VS Code's own precedence), then now. A committed frozen clock would freeze a whole team,
// so the command never writes the workspace's settings; a setting that is not an instant is
// computed as of now — never silently: a warning, and every place that shows the clock says so.
import * as vscode from 'vscode';
import type { WorkspaceModel } from '../core/model/workspace';
import { workspaceZone } from '../core/rules/workspaceZone';
import { formatInstantLocal, parseInstant, toIso } from '../core/time/instants';
import { asOfSetting, type AsOfSetting, type SettingScope } from './settings';

/** What this window chose with "Compute As Of…"; undefined: follow the settings. */
export type WindowChoice = { kind: 'now' } | { kind: 'fixed'; ms: number; text: string };

export type ClockState =
  /** `ignored`: a setting this window's "now" overrides. */
  | { kind: 'now'; ignored?: Exclude<AsOfSetting, { kind: 'unset' }> }
  | { kind: 'fixed'; ms: number; text: string; source: 'window' | SettingScope }
  | { kind: 'invalid'; text: string; reason: string; source: SettingScope };

export class EditorClock implements vscode.Disposable {
  private choice?: WindowChoice;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Each distinct bad value is warned about once (a warning at every re-evaluation would nag). */
  private readonly warned = new Set<string>();
  /** Every warning shown, in order (tests check that none repeats). */
  private readonly warnings: string[] = [];
  private readonly subscription: vscode.Disposable;

  /** Fires when the effective clock may have changed (the window's choice or the setting). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: vscode.LogOutputChannel) {
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('patchops.asOf')) return;
      this.warnIfInvalid();
      this.changed.fire();
    });
  }

  get state(): ClockState {
    const setting = asOfSetting();
    const choice = this.choice;
    if (choice?.kind === 'fixed') return { kind: 'fixed', ms: choice.ms, text: choice.text, source: 'window' };
    if (choice?.kind === 'now') return setting.kind === 'unset' ? { kind: 'now' } : { kind: 'now', ignored: setting };
    if (setting.kind === 'fixed') return { kind: 'fixed', ms: setting.ms, text: setting.text, source: setting.scope };
    if (setting.kind === 'invalid') return { kind: 'invalid', text: setting.text, reason: setting.reason, source: setting.scope };
    return { kind: 'now' };
  }

  /**
   * The instant to compute as of, read now (an invalid setting: now, and the views say so). `zone`:
   * the workspace's time zone, which a date or time without an offset is read in, as `--as-of` and
   * the files read it.
   */
  asOf(zone = 'UTC'): number {
    const state = this.state;
    return state.kind === 'fixed' ? instantIn(state, zone) : Date.now();
  }

  /** The instant to compute a workspace as of: an instant without an offset is read in its time zone. */
  asOfFor(model: WorkspaceModel): number {
    return this.asOf(workspaceZone(model.settings).zone);
  }

  get windowChoice(): WindowChoice | undefined {
    return this.choice;
  }

  set windowChoice(choice: WindowChoice | undefined) {
    this.choice = choice;
    this.log.info(`this window computes ${choice === undefined ? 'as the settings say' : choice.kind === 'now' ? 'as of now' : `as of ${choice.text}`}`);
    this.changed.fire();
  }

  /** The bad `patchops.asOf` values warned about so far, one entry per warning shown. */
  get warnedValues(): readonly string[] {
    return [...this.warnings];
  }

  /** A warning with "Open Settings", once per distinct bad value of `patchops.asOf`. */
  warnIfInvalid(): void {
    const setting = asOfSetting();
    if (setting.kind !== 'invalid' || this.warned.has(setting.text)) return;
    this.warned.add(setting.text);
    this.warnings.push(setting.text);
    const message = `patchops.asOf ${shown(setting.text)} in the ${setting.scope} settings is not an instant: ${setting.reason}.`;
    this.log.warn(`${message} Computing as of now until it is fixed.`);
    const open = 'Open Settings';
    void vscode.window.showWarningMessage(`PatchOps: ${message} Everything is computed as of now until it is fixed or emptied.`, open).then((picked) => {
      if (picked !== open) return;
      const command = setting.scope === 'user' ? 'workbench.action.openSettings' : 'workbench.action.openWorkspaceSettings';
      void vscode.commands.executeCommand(command, 'patchops.asOf');
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

const SOURCE: Record<'window' | SettingScope, string> = {
  window: 'chosen for this window',
  user: 'patchops.asOf in your user settings',
  workspace: 'patchops.asOf in the workspace settings',
  folder: 'patchops.asOf in the folder settings',
};

// Same shape as the timestamps PatchOps reads: a trailing `Z` or `±hh[:mm]` is an offset.
const WITH_OFFSET = /(?:T|\s)\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)$/;

/** The instant a fixed clock stands for in `zone`: text without an offset is wall-clock time there. */
function instantIn(state: { ms: number; text: string }, zone: string): number {
  if (WITH_OFFSET.test(state.text)) return state.ms;
  const parsed = parseInstant(state.text, zone);
  return parsed.ok ? parsed.ms : state.ms; // an unknown zone: UTC, as the evaluation then uses
}

/**
 * The clock in a few words for the status bar, or undefined when it is plainly now. `zone`: the
 * workspaces' one time zone, or undefined when they have several (a time without an offset is then
 * shown as written: it is a different instant in each).
 */
export function clockText(state: ClockState, zone: string | undefined): string | undefined {
  if (state.kind === 'fixed') {
    if (zone === undefined) return WITH_OFFSET.test(state.text) ? `as of ${toIso(state.ms)}` : `as of ${state.text} (each workspace's time)`;
    return `as of ${formatInstantLocal(instantIn(state, zone), zone)}`;
  }
  if (state.kind === 'invalid') return 'as of now — patchops.asOf is invalid';
  return state.ignored ? 'as of now (this window)' : undefined;
}

/** The clock in a sentence: where it comes from and how to change it (tooltips, messages). */
export function clockSentence(state: ClockState): string {
  if (state.kind === 'fixed') {
    const when = WITH_OFFSET.test(state.text) ? toIso(state.ms) : `${shown(state.text)} in each workspace's time zone`;
    return `Computed as of ${when} (${SOURCE[state.source]}), not now. "PatchOps: Compute As Of…" changes it or goes back to now.`;
  }
  if (state.kind === 'invalid') {
    return `Computed as of now: patchops.asOf ${shown(state.text)} in the ${state.source} settings is invalid: ${state.reason}. Fix or clear the setting, or choose an instant for this window with "PatchOps: Compute As Of…".`;
  }
  if (state.ignored) {
    return `Computed as of now in this window; patchops.asOf ${shown(state.ignored.text)} in the ${state.ignored.scope} settings is not used here ("PatchOps: Compute As Of…" → "Follow the settings").`;
  }
  return 'Computed as of now.';
}

/**
 * A settings value as shown to a person: quoted, cut, control characters escaped, and never a
 * link (a cloned repository's settings could hold `[x](command:…)`, which messages render).
 */
export function shown(value: string): string {
  const cut = value.length > 60 ? `${value.slice(0, 60)}…` : value;
  return JSON.stringify(cut).replace(/\]\(/g, '] (').replace(/\$\(/g, '$ (');
}
