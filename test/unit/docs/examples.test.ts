// The reference's examples are real: the annotated files of docs/file-formats.md are a valid
// workspace, and the JSON that docs/cli.md shows for it is, value for value, what the CLI prints.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileKindOf } from '../../../src/core/workspace/fileKinds';
import { runCli } from '../../support/cli';
import { REPO_ROOT } from '../../support/sharedData';
import { tempDirs } from '../../support/tempDir';
import { splitCode } from './markdown';

const AS_OF = '2026-11-23T12:00:00Z';
const read = (doc: string) => fs.readFileSync(path.join(REPO_ROOT, 'docs', doc), 'utf8');

/** The YAML examples whose first line names a PatchOps file (`# plans/x.plan.yaml`), by that path. */
function exampleFiles(markdown: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const block of splitCode(markdown).blocks) {
    const name = /^# (\S+)\n/.exec(block.text)?.[1];
    if (block.lang !== 'yaml' || name === undefined || !fileKindOf(name)) continue;
    assert.ok(!(name in files), `two examples are named ${name}`);
    files[name] = block.text;
  }
  return files;
}

/** The first JSON block after the heading `heading`, parsed. */
function jsonAfter(markdown: string, heading: string): unknown {
  const at = markdown.split('\n').indexOf(heading);
  assert.ok(at >= 0, `no heading "${heading}"`);
  const block = splitCode(markdown).blocks.find((b) => b.line > at + 1 && b.lang === 'json');
  assert.ok(block, `no JSON block after "${heading}"`);
  return JSON.parse(block.text);
}

describe('docs: the examples are real', () => {
  const tempDir = tempDirs('docs');
  const files = exampleFiles(read('file-formats.md'));
  const cli = read('cli.md');

  it('file-formats.md has an example of every kind of file', () => {
    const kinds = Object.keys(files)
      .map((f) => fileKindOf(f))
      .sort();
    assert.deepEqual(kinds, ['assets', 'exception', 'plan', 'sla', 'workspace']);
  });

  it('they are a workspace whose validate JSON is the one cli.md shows', () => {
    const dir = tempDir(files);
    const result = runCli(['validate', dir, '--as-of', AS_OF, '--format', 'json']);
    assert.equal(result.stderr, '');
    assert.deepEqual(JSON.parse(result.stdout), jsonAfter(cli, '## The validate JSON'));
  });

  it('report --format json (and status --format json) print the report JSON cli.md shows', () => {
    const dir = tempDir(files);
    const shown = jsonAfter(cli, '## The report JSON');
    for (const command of ['report', 'status']) {
      const result = runCli([command, dir, '--as-of', AS_OF, '--format', 'json']);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(JSON.parse(result.stdout), shown, command);
    }
  });

  it('an example that is not valid is caught: a misspelled field changes the validate JSON', () => {
    const plan = Object.keys(files).find((f) => fileKindOf(f) === 'plan')!;
    const dir = tempDir({ ...files, [plan]: files[plan].replace('\nowner:', '\nowmer:') });
    const result = runCli(['validate', dir, '--as-of', AS_OF, '--format', 'json']);
    assert.notDeepEqual(JSON.parse(result.stdout), jsonAfter(cli, '## The validate JSON'));
  });
});
