// No import cycle anywhere under src/: a file that imports, directly or through others, a file that
// imports it cannot be read, tested or moved on its own. `import type` counts too (the CLI's commands
// once all imported `Io` from main.ts, which imports them), and so does a lazy `require`.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/sharedData';
import { importsOf } from './layers.test';

const SRC = path.join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** Cycles a depth-first walk closes, as the files on them in import order: none when there is none, at least one in every tangle. */
function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles = new Map<string, string[]>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === 'open') {
        const cycle = stack.slice(stack.indexOf(next));
        const first = cycle.indexOf([...cycle].sort()[0]);
        const rotated = [...cycle.slice(first), ...cycle.slice(0, first)];
        cycles.set(rotated.join(' → '), rotated);
      } else if (!state.has(next)) {
        visit(next);
      }
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
  return [...cycles.values()];
}

function sourceGraph(): Map<string, string[]> {
  const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
  return new Map(
    sourceFiles(SRC).map((file) => [
      rel(file),
      importsOf(file)
        .filter(({ target }) => target.startsWith(SRC + path.sep))
        .map(({ target }) => rel(target)),
    ]),
  );
}

describe('architecture: no import cycles', () => {
  it('no file under src/ imports itself through others', () => {
    assert.deepEqual(
      findCycles(sourceGraph()).map((c) => [...c, c[0]].join(' → ')),
      [],
    );
  });

  it('the check finds a cycle, a type-only one too (it can fail)', () => {
    const graph = new Map([
      ['cli/main.ts', ['cli/commands/a.ts', 'cli/args.ts']],
      ['cli/commands/a.ts', ['cli/args.ts', 'cli/main.ts']],
      ['cli/args.ts', []],
      ['x.ts', ['y.ts']],
      ['y.ts', ['x.ts']],
      ['z.ts', ['z.ts']],
    ]);
    assert.deepEqual(findCycles(graph), [['cli/commands/a.ts', 'cli/main.ts'], ['x.ts', 'y.ts'], ['z.ts']]);
  });

  it('the walk over src/ follows type-only imports (it can fail)', () => {
    const a = path.join(SRC, 'cli', '__probeA.ts');
    const b = path.join(SRC, 'cli', '__probeB.ts');
    fs.writeFileSync(a, "import type { B } from './__probeB';\nexport type A = B | 1;\n");
    fs.writeFileSync(b, "import type { A } from './__probeA';\nexport type B = A | 2;\n");
    try {
      assert.deepEqual(findCycles(sourceGraph()), [['cli/__probeA.ts', 'cli/__probeB.ts']]);
    } finally {
      fs.rmSync(a);
      fs.rmSync(b);
    }
  });
});
