// The README's CI snippets for `patchops diff` are real: each is YAML, its patchops command line is
// one the CLI accepts (Markdown, gated on new breaches), and the file the diff writes is the one the
// next command posts.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as yaml from 'js-yaml';
import { parseCommandLine } from '../../../src/cli/args';
import { REPO_ROOT } from '../../support/sharedData';
import { splitCode } from './markdown';

/** Shell words of a command line up to a redirection or `||`, double quotes removed; and where `>` sends the output. */
function shellWords(line: string): { words: string[]; redirect?: string } {
  const tokens = [...line.matchAll(/"([^"]*)"|(\|\||>)|([^\s"]+)/g)].map((m) => ({ word: m[1] ?? m[3], op: m[2] }));
  const end = tokens.findIndex((t) => t.op !== undefined);
  const words = (end < 0 ? tokens : tokens.slice(0, end)).map((t) => t.word);
  const redirect = tokens[end]?.op === '>' ? tokens[end + 1]?.word : undefined;
  return { words, redirect };
}

describe('docs: the CI snippets that post `patchops diff`', () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const snippets = splitCode(readme).blocks.filter((b) => b.lang === 'yaml' && /^\s*(- |run: )?patchops diff /m.test(b.text));

  it('there is one for GitHub Actions and one for GitLab CI', () => {
    assert.deepEqual(
      snippets.map((b) => b.text.split('\n')[0]),
      ['# .github/workflows/patchops-diff.yml', '# .gitlab-ci.yml'],
    );
  });

  for (const block of snippets) {
    const name = block.text.split('\n')[0].slice(2);
    it(`${name}: valid YAML; the command line parses as diff --format md --fail-on new-breach; the file it writes is the one posted`, () => {
      assert.doesNotThrow(() => yaml.load(block.text));
      const line = block.text.split('\n').find((l) => /patchops diff /.test(l))!;
      const { words, redirect } = shellWords(line.slice(line.indexOf('patchops diff')));
      assert.equal(words[0], 'patchops');
      const parsed = parseCommandLine(words.slice(1));
      assert.equal(parsed.kind, 'run');
      assert.ok(parsed.kind === 'run' && parsed.args.command === 'diff');
      const args = parsed.args;
      assert.equal(args.format, 'md');
      assert.equal(args.failOn, 'new-breach');
      assert.equal(args.head, 'HEAD');
      assert.match(args.base, /^origin\/\$/);
      assert.ok(redirect, 'the Markdown goes to a file');
      const posted = block.text.includes('gh pr comment') ? `--body-file ${redirect}` : `body@${redirect}`;
      assert.ok(block.text.includes(posted), `${name} posts ${redirect}`);
    });
  }

  it('a snippet whose command line the CLI would refuse is caught', () => {
    assert.throws(() => parseCommandLine(shellWords('patchops diff "origin/$X" HEAD --format markdown > x.md').words.slice(1)), /unknown format 'markdown'/);
  });
});
