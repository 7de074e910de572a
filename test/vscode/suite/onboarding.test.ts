// The installed package (the VSIX `npm run package` makes, installed into this VS Code): its README
// is the users' one, its icon and the walkthrough's pages are in it, and the developers' files are not.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

/** The repository: this file runs from out/test/vscode/suite/. */
const REPO = path.resolve(__dirname, '..', '..', '..', '..');

interface Walkthrough {
  steps: { media: { markdown: string } }[];
}

describe('PatchOps package: README for users, icon, walkthrough (extension host)', () => {
  const extension = () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} installed`);
    return found;
  };
  const installed = (rel: string) => path.join(extension().extensionPath, ...rel.split('/'));

  it('the README in the package is README.marketplace.md (vsce names it readme.md); the developers README.md is not shipped', () => {
    const names = fs.readdirSync(extension().extensionPath);
    const readme = names.filter((n) => /^readme\.md$/i.test(n));
    assert.deepEqual(readme, ['readme.md'], `one README among ${names.join(', ')}`);
    assert.equal(fs.readFileSync(installed('readme.md'), 'utf8'), fs.readFileSync(path.join(REPO, 'README.marketplace.md'), 'utf8'));
    for (const developers of ['ARCHITECTURE.md', 'README.marketplace.md', 'src', 'test'])
      assert.ok(!names.includes(developers), `${developers} is not shipped`);
  });

  it('the icon and every walkthrough page are in the package', () => {
    const manifest = extension().packageJSON as { icon: string; contributes: { walkthroughs: Walkthrough[] } };
    assert.ok(fs.statSync(installed(manifest.icon)).size > 1000, `${manifest.icon} shipped`);
    const pages = manifest.contributes.walkthroughs[0].steps.map((s) => s.media.markdown);
    assert.equal(pages.length, 5);
    for (const page of pages) assert.equal(fs.readFileSync(installed(page), 'utf8'), fs.readFileSync(path.join(REPO, page), 'utf8'), `${page} shipped`);
  });
});
