// The layers of ARCHITECTURE.md, from the bottom: no import runs up. A file may import its own
// layer and the layers below; the CLI and the extension are side by side and never import each
// other; nothing in the core imports Node, the editor or the clock's owners above it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../../support/sharedData';

/** Each layer by the folders (or files) under src/ it holds, bottom first. */
const LAYERS: readonly { name: string; parts: readonly string[] }[] = [
  { name: 'domain model', parts: ['core/model'] },
  { name: 'loading', parts: ['core/parse', 'core/schema', 'core/workspace'] },
  { name: 'calculations', parts: ['core/time', 'core/risk', 'core/approvals'] },
  { name: 'rules', parts: ['core/rules'] },
  { name: 'engine', parts: ['core/incremental', 'core/evaluate.ts', 'core/kpis.ts'] },
  { name: 'history', parts: ['core/history'] },
  {
    name: 'outputs and features',
    parts: [
      'core/report',
      'core/export',
      'core/present',
      'core/scanners',
      'core/enrich',
      'core/templates',
      'core/fixes',
      'core/warmUp.ts',
      'core/contract.ts',
      'core/diff',
    ],
  },
  { name: 'language', parts: ['core/language'] },
  { name: 'node', parts: ['node'] },
  { name: 'cli', parts: ['cli'] },
  { name: 'extension', parts: ['extension'] },
];

/** Layers of the same rank that must not import each other. */
const SIDE_BY_SIDE = new Set(['cli', 'extension']);

const SRC = path.join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith('.ts') ? [full] : [];
  });
}

/** The layer index of a file under src/, or -1. */
function layerOf(file: string): number {
  const rel = path.relative(SRC, file).split(path.sep).join('/');
  return LAYERS.findIndex((l) => l.parts.some((p) => rel === p || rel.startsWith(`${p}/`)));
}

/** Relative imports (static, `import type`, re-exports and `require`) of one file, resolved. */
export function importsOf(file: string): { target: string; line: number }[] {
  const text = fs.readFileSync(file, 'utf8');
  const found: { target: string; line: number }[] = [];
  const pattern = /(?:\bfrom\s+|\brequire\(\s*|\bimport\(\s*)'(\.{1,2}\/[^']+)'/g;
  for (const m of text.matchAll(pattern)) {
    const base = path.resolve(path.dirname(file), m[1]);
    const target = [`${base}.ts`, path.join(base, 'index.ts'), base].find((p) => fs.existsSync(p) && fs.statSync(p).isFile()) ?? base;
    found.push({ target, line: text.slice(0, m.index).split('\n').length });
  }
  return found;
}

function violations(): string[] {
  const out: string[] = [];
  for (const file of sourceFiles(SRC)) {
    const from = layerOf(file);
    for (const { target, line } of importsOf(file)) {
      if (!target.startsWith(SRC)) continue; // package.json, schemas: data, not layers
      const to = layerOf(target);
      const where = `${path.relative(REPO_ROOT, file)}:${line} → ${path.relative(REPO_ROOT, target)}`;
      if (from < 0 || to < 0) out.push(`${where}: a file in no layer (add its folder to LAYERS)`);
      else if (to > from) out.push(`${where}: ${LAYERS[from].name} imports ${LAYERS[to].name}, a layer above it`);
      else if (to !== from && SIDE_BY_SIDE.has(LAYERS[from].name) && SIDE_BY_SIDE.has(LAYERS[to].name))
        out.push(`${where}: ${LAYERS[from].name} imports ${LAYERS[to].name}`);
    }
  }
  return out;
}

describe('architecture: layers', () => {
  it('every source file is in a layer, and no import runs up', () => {
    assert.deepEqual(violations(), []);
  });

  /** Every match of `pattern` in the core's source, as `file: group` (group 1, else the match). */
  const inCore = (pattern: RegExp): string[] =>
    sourceFiles(path.join(SRC, 'core')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(pattern)].map((m) => `${path.relative(REPO_ROOT, file)}: ${m[1] ?? m[0]}`),
    );

  it('the core imports neither Node nor the editor (packages it may use are pure)', () => {
    assert.deepEqual(inCore(/(?:\bfrom\s+|\brequire\(\s*)'(vscode|node:[^']+|fs|path|os|child_process|worker_threads|crypto|net|http|https)'/g), []);
  });

  it('the core never reads the clock or the process: every computation takes its as-of', () => {
    assert.deepEqual(inCore(/\bDate\.now\(|\bnew Date\(\s*\)|\bperformance\.now\(|\bprocess\.(?:env|hrtime|cwd|argv)\b/g), []);
  });

  it('the check sees an import that runs up (it can fail)', () => {
    const probe = path.join(SRC, 'core', 'model', '__probe.ts');
    fs.writeFileSync(probe, "import { evaluate } from '../evaluate';\nexport const x = evaluate;\n");
    try {
      assert.match(violations().join('\n'), /src\/core\/model\/__probe\.ts:1 → src\/core\/evaluate\.ts: domain model imports engine/);
    } finally {
      fs.rmSync(probe);
    }
  });
});
