// The way in for a new user, as the manifest declares it: the icon, the users' README the package
// ships instead of the developers' one, the walkthrough and the welcome content of the three views.
// (The installed package itself is inspected in test/vscode/suite/onboarding.test.ts.)
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/sharedData';
import { links } from './markdown';

interface Manifest {
  icon?: string;
  scripts: Record<string, string>;
  contributes: {
    commands: { command: string }[];
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string; when?: string }[];
    walkthroughs: { id: string; steps: { id: string; title: string; description: string; media: Record<string, string>; completionEvents?: string[] }[] }[];
  };
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as Manifest;
const VIEWS = manifest.contributes.views.patchops.map((v) => v.id);
/** The editor's own commands the welcome content and the walkthrough link to. */
const BUILT_IN = new Set(['workbench.action.files.openFolder', 'workbench.trust.manage']);

/** `command:` links of a welcome text or a step description. */
const commandLinks = (text: string) => [...text.matchAll(/\]\(command:([\w.]+)/g)].map((m) => m[1]);

describe('onboarding: icon, marketplace README, walkthrough, welcome content (manifest)', () => {
  it('the icon is a 128×128 PNG in media/', () => {
    assert.equal(manifest.icon, 'media/icon.png');
    const png = fs.readFileSync(path.join(REPO_ROOT, manifest.icon));
    assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG signature');
    assert.equal(png.toString('latin1', 12, 16), 'IHDR');
    assert.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [128, 128]);
  });

  it('npm run package ships README.marketplace.md as the README; .vscodeignore keeps it, the media and not the developers README', () => {
    assert.match(manifest.scripts.package, /^vsce package .* --readme-path README\.marketplace\.md( |$)/);
    const ignore = fs.readFileSync(path.join(REPO_ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const kept of ['!README.marketplace.md', '!media/icon.png', '!media/walkthrough/**']) assert.ok(ignore.includes(kept), `${kept} in .vscodeignore`);
    assert.ok(!ignore.includes('!README.md'), 'the developers README stays out of the package');
  });

  it('the marketplace README is for users: no relative link or image (nothing beside it in the package to lead to), no repository paths', () => {
    const text = fs.readFileSync(path.join(REPO_ROOT, 'README.marketplace.md'), 'utf8');
    assert.match(text, /^# PatchOps/);
    assert.deepEqual(
      links(text).filter((l) => !/^https:/.test(l.target)),
      [],
    );
    assert.doesNotMatch(text, /<svg|!\[/i);
    for (const developerWord of ['npm test', 'src/', 'ARCHITECTURE']) assert.ok(!text.includes(developerWord), `no "${developerWord}"`);
  });

  it('the walkthrough: five steps, each with a Markdown page in media/walkthrough/ and a completion event', () => {
    const [walkthrough, ...more] = manifest.contributes.walkthroughs;
    assert.equal(more.length, 0);
    assert.equal(walkthrough.id, 'gettingStarted');
    assert.deepEqual(
      walkthrough.steps.map((s) => s.id),
      ['workspace', 'lens', 'sla', 'report', 'exception'],
    );
    for (const step of walkthrough.steps) {
      const page = step.media.markdown;
      assert.match(page, /^media\/walkthrough\/[\w-]+\.md$/, `${step.id}: a Markdown page`);
      assert.ok(fs.existsSync(path.join(REPO_ROOT, page)), `${page} exists`);
      assert.ok(step.completionEvents?.length, `${step.id}: a completion event`);
    }
    assert.deepEqual(
      walkthrough.steps.map((s) => s.completionEvents),
      [
        ['onContext:patchops.walkthrough.workspace', 'onCommand:patchops.newWorkspace'],
        ['onContext:patchops.walkthrough.planSeen'],
        ['onView:patchops.sla'],
        ['onCommand:patchops.generateReport'],
        ['onCommand:patchops.requestException'],
      ],
    );
  });

  it('welcome content in all three views: no folder, no patchops.yaml (a Create button), Restricted Mode (why)', () => {
    const welcome = manifest.contributes.viewsWelcome;
    for (const view of VIEWS) {
      const of = (when: string) => welcome.filter((w) => w.view === view && w.when === when);
      assert.equal(of('workspaceFolderCount == 0').length, 1, `${view}: with no folder open`);
      const none = of('!patchops.hasWorkspace && workspaceFolderCount > 0');
      assert.equal(none.length, 1, `${view}: with no patchops.yaml`);
      assert.ok(commandLinks(none[0].contents).includes('patchops.newWorkspace'), `${view}: a Create a PatchOps workspace button`);
      // Welcome content that applies takes the focus, even below a tree with rows: only in an empty view.
      const empty = view === 'patchops.exceptions' ? 'patchops.noExceptions' : 'patchops.noPlans';
      const restricted = of(`!isWorkspaceTrusted && (!patchops.hasWorkspace || ${empty})`);
      assert.equal(restricted.length, 1, `${view}: in Restricted Mode`);
      assert.match(restricted[0].contents, /Restricted Mode: .*runs no process/);
      assert.equal(of(`patchops.hasWorkspace && ${empty}`).length, 1, `${view}: empty in a workspace`);
      assert.deepEqual(
        welcome.filter((w) => w.view === view && /(^|[^!])patchops\.hasWorkspace/.test(w.when ?? '') && !w.when!.includes(empty)),
        [],
        `${view}: no welcome content while it has rows`,
      );
    }
  });

  it('every command a welcome text or a step links to exists', () => {
    const contributed = new Set(manifest.contributes.commands.map((c) => c.command));
    const linked = [
      ...manifest.contributes.viewsWelcome.map((w) => w.contents),
      ...manifest.contributes.walkthroughs[0].steps.map((s) => s.description),
    ].flatMap(commandLinks);
    assert.ok(linked.length >= 10);
    assert.deepEqual(
      linked.filter((c) => !contributed.has(c) && !BUILT_IN.has(c)),
      [],
    );
  });
});
