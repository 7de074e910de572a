// The editor's clock (issue item 11): a patchops.asOf that is not an instant is warned about and
// shown as invalid, never silently "now"; "Compute As Of…" keeps its choice for this window or the
// user and never creates or changes the workspace's .vscode/settings.json; the window's choice
// comes before the setting. The window's folder pins patchops.asOf in .vscode/settings.json
// (like a team that does it on purpose); every test puts the clock back to it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PatchOpsApi as FullApi } from '../../../src/extension/extension';
import { AS_OF, eventually, evaluation, folder, patchops } from './helpers';

const MONDAY = '2026-11-30T09:00:00Z';
const TUESDAY = '2026-12-01T09:00:00Z';

async function api(): Promise<FullApi> {
  const result = (await patchops()) as unknown as FullApi;
  assert.equal(typeof result.clock, 'function', 'activate() must return clock() and statusBar()');
  return result;
}

const settingsFile = () => path.join(folder().uri.fsPath, '.vscode', 'settings.json');
const setAsOf = (request: { scope?: 'window' | 'user' | 'settings'; asOf?: string }) => vscode.commands.executeCommand<boolean>('patchops.setAsOf', request);
const config = () => vscode.workspace.getConfiguration('patchops');

/** The status bar item texts and tooltips, for assertion messages. */
async function statusBar(): Promise<string> {
  return JSON.stringify((await api()).statusBar());
}

describe('The editor clock: patchops.asOf and Compute As Of (extension host)', function () {
  this.timeout(60_000);
  let pinned: Buffer;

  before(async () => {
    await evaluation();
    pinned = fs.readFileSync(settingsFile());
    assert.match(pinned.toString('utf8'), /"patchops\.asOf": "2026-11-23T12:00:00Z"/, 'the test folder pins patchops.asOf');
  });

  afterEach(async () => {
    await setAsOf({ scope: 'settings' });
    await config().update('asOf', undefined, vscode.ConfigurationTarget.Global);
    if (!fs.existsSync(settingsFile()) || !fs.readFileSync(settingsFile()).equals(pinned)) {
      fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
      fs.writeFileSync(settingsFile(), pinned);
    }
    await eventually(async () => {
      assert.equal((await api()).clock().state.kind, 'fixed');
      assert.equal((await evaluation()).asOf, Date.parse(AS_OF), 'back to the pinned instant');
    }, 30_000);
  });

  it('an unparseable patchops.asOf: one warning per bad value, the status bar says it is invalid, computed as of now', async () => {
    const a = await api();
    const before = a.clock().warned.length;
    const t0 = Date.now();
    await config().update('asOf', 'next monday', vscode.ConfigurationTarget.Workspace);
    await eventually(async () => {
      const clock = a.clock();
      assert.equal(clock.state.kind, 'invalid');
      assert.deepEqual(clock.warned.slice(before), ['next monday'], 'a warning for the bad value');
      const items = a.statusBar();
      assert.ok(
        items.some((i) => i.text === '$(warning) as of now — patchops.asOf is invalid'),
        `the status bar says the as-of is invalid: ${await statusBar()}`,
      );
      assert.ok(
        items.some((i) =>
          /Computed as of now: patchops\.asOf "next monday" in the workspace settings is invalid: `next monday` is not an ISO 8601/.test(i.tooltip),
        ),
        `the tooltip says why: ${await statusBar()}`,
      );
      // Computed as of now (whatever now is), and not as of the instant pinned before.
      const asOf = (await evaluation()).asOf;
      assert.ok(asOf >= t0 && asOf <= Date.now(), `the evaluation is as of now, not ${new Date(asOf).toISOString()}`);
    });
    // The same bad value again: no second warning; another bad value: its own; back to the first: none.
    await config().update('asOf', 'also bad', vscode.ConfigurationTarget.Workspace);
    await eventually(() => assert.deepEqual(a.clock().warned.slice(before), ['next monday', 'also bad']));
    await config().update('asOf', 'next monday', vscode.ConfigurationTarget.Workspace);
    await eventually(() => {
      const state = a.clock().state;
      assert.equal(state.kind === 'invalid' && state.text, 'next monday');
    });
    await (await api()).whenIdle();
    assert.deepEqual(a.clock().warned.slice(before), ['next monday', 'also bad'], 'each bad value is warned about once');
  });

  it('Compute As Of for this window beats the setting, shows the frozen clock, and writes no settings file', async () => {
    const a = await api();
    assert.equal(await setAsOf({ scope: 'window', asOf: MONDAY }), true);
    await eventually(async () => {
      assert.equal((await evaluation()).asOf, Date.parse(MONDAY), "the window's instant, not the pinned setting");
      const clock = a.statusBar().find((i) => i.text.includes('as of'));
      assert.equal(clock?.text, '$(history) as of 2026-11-30 03:00 (-06:00)', `the status bar shows the frozen clock: ${await statusBar()}`);
      assert.match(clock.tooltip, /chosen for this window.*"PatchOps: Compute As Of…" changes it or goes back to now/);
    });
    assert.ok(fs.readFileSync(settingsFile()).equals(pinned), '.vscode/settings.json is unchanged');
    assert.equal(config().inspect('asOf')?.globalValue, undefined, 'nor the user settings');

    // Without a settings file, choosing again creates none.
    fs.rmSync(settingsFile());
    await eventually(() => assert.equal(config().inspect('asOf')?.workspaceValue, undefined, 'VS Code saw the file go'));
    assert.equal(await setAsOf({ scope: 'window', asOf: TUESDAY }), true);
    await eventually(async () => assert.equal((await evaluation()).asOf, Date.parse(TUESDAY)));
    assert.equal(fs.existsSync(settingsFile()), false, 'Compute As Of created .vscode/settings.json');
  });

  it('an instant without an offset is read in the workspace time zone, as --as-of and the files read it', async () => {
    const a = await api();
    // The test workspace is in America/Chicago: 03:00 there on Nov 30 is 09:00Z (CST, -06:00).
    assert.equal(await setAsOf({ scope: 'window', asOf: '2026-11-30T03:00' }), true);
    await eventually(async () => {
      assert.equal((await evaluation()).asOf, Date.parse(MONDAY), 'wall-clock time in the workspace zone, not UTC');
      const clock = a.statusBar().find((i) => i.text.includes('as of'));
      assert.equal(clock?.text, '$(history) as of 2026-11-30 03:00 (-06:00)', `the status bar shows the same instant: ${await statusBar()}`);
      assert.match(clock.tooltip, /Computed as of "2026-11-30T03:00" in each workspace's time zone/);
    });
    await config().update('asOf', '2026-12-01', vscode.ConfigurationTarget.Global);
    await setAsOf({ scope: 'settings' });
    await config().update('asOf', undefined, vscode.ConfigurationTarget.Workspace);
    await eventually(async () => assert.equal((await evaluation()).asOf, Date.parse('2026-12-01T06:00:00Z'), 'a date: 00:00 in the workspace zone'));
  });

  it('"for all my windows" goes to the user settings, never to the workspace file', async () => {
    const a = await api();
    fs.rmSync(settingsFile());
    await eventually(() => assert.equal(config().inspect('asOf')?.workspaceValue, undefined, 'VS Code saw the file go'));
    assert.equal(await setAsOf({ scope: 'user', asOf: MONDAY }), true);
    assert.equal(config().inspect('asOf')?.globalValue, MONDAY);
    await eventually(async () => {
      assert.equal((await evaluation()).asOf, Date.parse(MONDAY));
      assert.ok(
        a.statusBar().some((i) => /patchops\.asOf in your user settings/.test(i.tooltip)),
        await statusBar(),
      );
    });
    assert.equal(fs.existsSync(settingsFile()), false, 'Compute As Of created .vscode/settings.json');
    // An empty instant for the user removes it again.
    assert.equal(await setAsOf({ scope: 'user', asOf: '' }), true);
    await eventually(() => {
      assert.equal(config().inspect('asOf')?.globalValue, undefined);
      assert.equal(a.clock().state.kind, 'now');
    });
  });

  it('"Compute as of now" in this window overrides the pinned setting and says so; "Follow the settings" goes back', async () => {
    const a = await api();
    const t0 = Date.now();
    assert.equal(await setAsOf({ scope: 'window', asOf: '' }), true);
    await eventually(async () => {
      const asOf = (await evaluation()).asOf;
      assert.ok(asOf >= t0 && asOf <= Date.now(), 'computed as of now');
      assert.ok(
        a
          .statusBar()
          .some((i) => i.text === '$(history) as of now (this window)' && /"2026-11-23T12:00:00Z" in the workspace settings is not used here/.test(i.tooltip)),
        await statusBar(),
      );
    });
    assert.equal(await setAsOf({ scope: 'settings' }), true);
    await eventually(async () => {
      assert.equal((await evaluation()).asOf, Date.parse(AS_OF));
      assert.ok(
        a.statusBar().some((i) => i.text === '$(history) as of 2026-11-23 06:00 (-06:00)' && /patchops\.asOf in the workspace settings/.test(i.tooltip)),
        await statusBar(),
      );
    });
    assert.ok(fs.readFileSync(settingsFile()).equals(pinned), '.vscode/settings.json is unchanged');
  });

  it('an instant that is not one is refused: nothing changes', async () => {
    const a = await api();
    assert.equal(await setAsOf({ scope: 'window', asOf: '2026-02-30' }), false);
    assert.equal(await setAsOf({ scope: 'user', asOf: 'soon' }), false);
    assert.equal(a.clock().state.kind, 'fixed');
    assert.equal(config().inspect('asOf')?.globalValue, undefined);
    assert.equal((await evaluation()).asOf, Date.parse(AS_OF));
  });
});
