// The docs are the contract users can see: every relative link in the Markdown files leads to a
// file in the repository (and an `#anchor` into Markdown to a heading there), and no file points
// at a specification users cannot see.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/sharedData';
import { anchors, links, slug, splitCode } from './markdown';

/** Build output, dependencies and git's own data: not the repository's files. */
const NOT_OURS = new Set(['.git', 'node_modules', 'out', 'dist', '.cache', 'test-results']);

function repositoryFiles(dir = REPO_ROOT): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return NOT_OURS.has(e.name) ? [] : repositoryFiles(full);
    return e.isFile() ? [full] : [];
  });
}

const rel = (file: string) => path.relative(REPO_ROOT, file).split(path.sep).join('/');

/** README.md, ARCHITECTURE.md, docs/*.md and every other Markdown file of the repository. */
const markdownFiles = () => repositoryFiles().filter((f) => f.endsWith('.md'));

/** What is wrong with each relative link of one Markdown file of the repository at `root`. */
function brokenLinks(file: string, root = REPO_ROOT): string[] {
  const problems: string[] = [];
  for (const { target, line } of links(fs.readFileSync(file, 'utf8'))) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')) continue; // https:, mailto:…
    const where = `${rel(file)}:${line}: \`${target}\``;
    const hash = target.indexOf('#');
    const filePart = decodeURIComponent(hash < 0 ? target : target.slice(0, hash));
    const anchor = hash < 0 ? undefined : decodeURIComponent(target.slice(hash + 1));
    const resolved = filePart === '' ? file : path.resolve(path.dirname(file), filePart);
    if (path.relative(root, resolved).startsWith('..') || path.isAbsolute(filePart)) {
      problems.push(`${where} leads outside the repository`);
      continue;
    }
    if (!fs.existsSync(resolved)) {
      problems.push(`${where}: ${rel(resolved)} does not exist`);
      continue;
    }
    if (anchor === undefined) continue;
    if (!resolved.endsWith('.md')) {
      problems.push(`${where}: an anchor into a file that is not Markdown cannot be checked`);
      continue;
    }
    if (!anchors(fs.readFileSync(resolved, 'utf8')).has(anchor)) problems.push(`${where}: ${rel(resolved)} has no heading #${anchor}`);
  }
  return problems;
}

describe('docs: links', () => {
  it('finds the Markdown files: README.md and docs/', () => {
    const found = markdownFiles().map(rel);
    for (const must of ['README.md', 'docs/file-formats.md', 'docs/rules.md', 'docs/cli.md', 'docs/git-review.md']) {
      assert.ok(found.includes(must), `${must} is not among ${found.join(', ')}`);
    }
  });

  it('every relative link leads to a file that exists, and every #anchor into Markdown to a heading', () => {
    const problems = markdownFiles().flatMap((f) => brokenLinks(f));
    assert.deepEqual(problems, []);
  });

  it('every docs/….md#anchor a source or test file cites leads to a heading', () => {
    const problems: string[] = [];
    const code = repositoryFiles().filter((f) => /\.(ts|js)$/.test(f) && /^(src|test|scripts)\//.test(rel(f)));
    for (const file of code) {
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          for (const m of line.matchAll(/\bdocs\/([\w.-]+\.md)(?:#([\w-]+))?/g)) {
            const doc = path.join(REPO_ROOT, 'docs', m[1]);
            const where = `${rel(file)}:${i + 1}: \`${m[0]}\``;
            if (!fs.existsSync(doc)) problems.push(`${where}: docs/${m[1]} does not exist`);
            else if (m[2] !== undefined && !anchors(fs.readFileSync(doc, 'utf8')).has(m[2])) problems.push(`${where}: no heading #${m[2]}`);
          }
        });
    }
    assert.deepEqual(problems, []);
  });

  it('the README links the reference', () => {
    const targets = links(fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8')).map((l) => l.target.split('#')[0]);
    for (const doc of ['docs/file-formats.md', 'docs/rules.md', 'docs/cli.md', 'docs/diagnostics.md']) {
      assert.ok(targets.includes(doc), `README.md does not link ${doc}`);
    }
  });

  it('the checker itself: a missing file, a missing heading and a link outside are found; code is not a link', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-links-'));
    try {
      const file = path.join(dir, 'a.md');
      fs.writeFileSync(path.join(dir, 'b.md'), '# The `b.md` file: B\n\n## Twice\n\n## Twice\n');
      fs.writeFileSync(
        file,
        [
          '# A',
          '[ok](b.md#the-bmd-file-b) [ok](b.md#twice-1) [ok](#a) [web](https://example.com/x.md) `[code](nowhere.md)`',
          '[gone](missing.md) [no heading](b.md#three) [up](../outside.md)',
          '```',
          '[fenced](nowhere.md)',
          '```',
          '[def]: b.md#nope',
        ].join('\n'),
      );
      const problems = brokenLinks(file, dir);
      assert.equal(problems.length, 4, problems.join('\n'));
      assert.match(problems[0], /missing\.md does not exist/);
      assert.match(problems[1], /has no heading #three/);
      assert.match(problems[2], /leads outside the repository/);
      assert.match(problems[3], /:7: .*has no heading #nope/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('anchors are the ones GitHub makes', () => {
    assert.equal(slug('When PatchOps cannot tell'), 'when-patchops-cannot-tell');
    assert.equal(slug('No deadline is a state: unknown'), 'no-deadline-is-a-state-unknown');
    assert.equal(slug('The `patchops` command'), 'the-patchops-command');
    assert.equal(slug('Remediation and time to patch'), 'remediation-and-time-to-patch');
    assert.deepEqual([...anchors('# A\n```\n# not a heading\n```\n## A\n')], ['a', 'a-1']);
    assert.equal(splitCode('x\n```yaml\nid: 1\n```\n').blocks[0].text, 'id: 1\n');
  });
});

describe('docs: no specification users cannot see', () => {
  // Spelled in pieces, so that this file does not find itself.
  const MENTIONS = [`SPEC ${'\u00a7'}`, `SPEC${'.md'}`];
  it('no file in the repository cites it', () => {
    const found: string[] = [];
    for (const file of repositoryFiles()) {
      const bytes = fs.readFileSync(file);
      if (bytes.includes(0)) continue; // binary
      bytes
        .toString('utf8')
        .split('\n')
        .forEach((line, i) => {
          if (MENTIONS.some((m) => line.includes(m))) found.push(`${rel(file)}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, [], 'cite the section of docs/ instead (e.g. docs/rules.md#deadlines)');
  });
});
