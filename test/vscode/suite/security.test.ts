// What the installed extension can do at all: it makes no network requests (no network module
// in its bundle, no fetch), and runs processes only through the git runner, for git review.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from './helpers';

describe('PatchOps reaches no network (extension host)', () => {
  it('the installed bundle loads no network module and calls no fetch', () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, 'installed');
    const main = path.join(extension.extensionPath, extension.packageJSON.main as string);
    const bundle = fs.readFileSync(main.endsWith('.js') ? main : `${main}.js`, 'utf8');
    const network = bundle.match(/require\(["'](node:)?(http|https|http2|net|tls|dgram|dns|undici)["']\)/g) ?? [];
    assert.deepEqual(network, [], 'network modules in the bundle');
    assert.doesNotMatch(bundle, /\bfetch\(|XMLHttpRequest|WebSocket\(/, 'a network call in the bundle');
    // Processes: only child_process for git, which runs only in trusted workspaces (tested in
    // faults-restricted); the bundle must not reach for anything else that runs programs.
    assert.doesNotMatch(bundle, /require\(["'](node:)?(cluster|vm)["']\)/);
  });
});
