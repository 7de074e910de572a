// scripts/unused-exports.js, the check `npm test` runs: it must find each kind of unneeded export
// and must not take a use for none (a namespace read, a lazy require, a script's require of out/).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/sharedData';

interface Problem {
  message: string;
  file?: string;
  fix?: { start: number; end: number };
}
interface Checker {
  tokenize(text: string): { type: string; value: string }[];
  findUnusedExports(
    sources: Map<string, string>,
    allowed: { file: string; names: string[] | '*'; why: string }[],
    pending?: string[],
  ): { problems: Problem[]; checked: number };
}
// A plain Node script (the TypeScript 7 compiler has no API it could use): loaded as it runs.
const checker = require(path.join(REPO_ROOT, 'scripts', 'unused-exports.js')) as Checker;

function check(files: Record<string, string>, allowed: Parameters<Checker['findUnusedExports']>[1] = [], pending: string[] = []): string[] {
  return checker.findUnusedExports(new Map(Object.entries(files)), allowed, pending).problems.map((p) => p.message);
}

describe('architecture: unused exports (scripts/unused-exports.js)', () => {
  it('lexes comments, strings, regex literals and templates: only code names count', () => {
    const ids = checker
      .tokenize("const a = /\"\\/\\//.test(x); // export function fake() {}\nconst t = `export const no = ${yes + 1}`; /* hidden */ const s = '//' + q;")
      .filter((t) => t.type === 'id')
      .map((t) => t.value);
    assert.deepEqual(ids, ['const', 'a', 'test', 'x', 'const', 't', 'yes', 'const', 's', 'q']);
  });

  it("names an export used only in its file (drop `export`) and one used nowhere (remove it); a type in its file's signatures stays", () => {
    const problems = check({
      'src/a.ts': [
        'export function used(): number { return onlyLocal(); }',
        'export function onlyLocal(): number { return 1; }',
        'export function dead(): void {}',
        'export interface Shape { x: number }',
        'export function make(): Shape { return { x: used() }; }',
        'export type Unused = { y: number };',
      ].join('\n'),
      'src/b.ts': "import { used, make } from './a';\nused();\nmake();\n",
    });
    assert.deepEqual(problems, [
      'src/a.ts:2: onlyLocal is exported but imported nowhere: used only in its file, so drop `export`',
      'src/a.ts:3: dead is exported but imported nowhere: used nowhere, so remove it',
      'src/a.ts:6: Unused is exported but imported nowhere: used nowhere, so remove it',
    ]);
  });

  it('--fix deletes exactly the `export ` of the declaration', () => {
    const text = 'export const used = 1;\n  export function onlyHere(): number { return used; }\nonlyHere();\n';
    const sources = new Map([
      ['src/a.ts', text],
      ['src/b.ts', "import { used } from './a';\nvoid used;\n"],
    ]);
    const [problem] = checker.findUnusedExports(sources, []).problems;
    assert.ok(problem?.fix, 'a fix is offered');
    assert.equal(text.slice(problem.fix.start, problem.fix.end), 'export ');
  });

  it('counts reads through a namespace, a lazy require, `import x = require` and a script requiring out/', () => {
    const problems = check({
      'src/c.ts': 'export function viaNs(): void {}\nexport function notViaNs(): void {}\n',
      'src/d.ts': "import * as c from './c';\nc.viaNs();\n",
      'src/e.ts': 'export function lazy(): void {}\nexport function eager(): void {}\n',
      'src/f.ts': "const { lazy } = require('./e') as typeof import('./e');\nlazy();\n",
      'src/g.ts': 'export function patched(): void {}\n',
      'src/h.ts': "import g = require('./g');\ng.patched();\n",
      'test/ui.ts': 'export function open(): void {}\nexport function close(): void {}\n',
      'scripts/run.js': "const w = require(path.join(ROOT, 'out', 'test', 'ui.js'));\nw.open();\n",
    });
    assert.deepEqual(problems, [
      'src/c.ts:2: notViaNs is exported but imported nowhere: used nowhere, so remove it',
      'src/e.ts:2: eager is exported but imported nowhere: used nowhere, so remove it',
      'test/ui.ts:2: close is exported but imported nowhere: used nowhere, so remove it',
    ]);
  });

  it('names a re-export nothing imports, and follows a used one to its source', () => {
    const problems = check({
      'src/a.ts': 'export function one(): void {}\nexport function two(): void {}\n',
      'src/facade.ts': "export { one, two } from './a';\n",
      'src/user.ts': "import { one } from './facade';\none();\n",
    });
    assert.deepEqual(problems, ["src/facade.ts:1: two is re-exported from './a' but nothing imports it from here: drop it from that export"]);
  });

  it('keeps ALLOWED entry points, and names an ALLOWED entry that is imported now or gone', () => {
    const files = {
      'src/main.ts': 'export function activate(): void {}\nexport function helper(): void {}\n',
      'src/user.ts': "import { helper } from './main';\nhelper();\n",
    };
    assert.deepEqual(check(files, [{ file: 'src/main.ts', names: ['activate'], why: 'the editor calls it' }]), []);
    assert.deepEqual(check(files, [{ file: 'src/main.ts', names: ['activate', 'helper', 'gone'], why: 'test' }]), [
      'src/main.ts:2: helper is imported now (by src/user.ts): remove it from ALLOWED',
      'src/main.ts: gone is in ALLOWED but not exported there: remove it from ALLOWED',
    ]);
  });

  it('skips generated files and PENDING files', () => {
    const files = { 'src/model/generated/plan.ts': 'export interface Unused {}\n', 'src/later.ts': 'export const unused = 1;\n' };
    assert.deepEqual(check(files, [], ['src/later.ts']), []);
    assert.equal(check(files).length, 1);
  });
});
