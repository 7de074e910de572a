// One parser truth: the fast path (js-yaml and a line walk, fastSource.ts) must accept exactly the
// documents the full parser (the `yaml` package, yamlSource.ts) accepts, read them as the same
// data and put every node at the same range. Thousands of generated and mutated documents
// (yamlDocs.ts), with a fixed seed (fuzzSeed.ts; PATCHOPS_FUZZ_SEED=<n> replays a failure).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { parseFast } from '../../../src/core/parse/fastSource';
import { parseYamlSource } from '../../../src/core/parse/yamlSource';
import { BASE } from '../../support/workspace';
import { fuzzParameters } from '../hostile/fuzzSeed';
import { DISAGREEMENTS, STILL_FAST, YAML_1_2, type Disagreement } from './disagreements';
import { assertOneTruth, type Outcome } from './oneTruth';
import { yamlDocument } from './yamlDocs';

const ROOT = path.resolve(__dirname, '../../../..');

function yamlFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? yamlFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** Valid documents with the constructs the parsers are most likely to read differently. */
const ADVERSARIAL_SEEDS = [
  'id: P-1\nwaves:\n  - { name: Pilot, targets: 2, patched: 2, status: complete,\n      gate: { min_success: 100, soak: 24h } }\n  - name: Two\n',
  'id: P-1\ntitle: a long\n  folded title\n  over lines\nowner: x\n',
  'id: P-1\ntitle: "a double-quoted\n  title over \\\n  lines"\nnotes: \'single\n\n  with an empty line\'\n',
  'id: P-1\nreason: |+\n  kept\n\nsteps: >-\n  folded\n  text\n\n  paragraph\nmore: |2\n    indented by two more\n',
  'id: P-1\nmatrix:\n  ? high\n  : { critical: critical }\n  ? [a, b]\n  : c\n',
  'id: P-1\nvalues: [0o17, 0x1F, 1e3, .5, -.inf, .NaN, ~, null, true, False, 1_000, 0b1, -0, +12]\n',
  'id: P-1\nrollback:\n  steps:\n  - one   # comment\n  # between\n  - two\n\n# end\n',
  'id: P-1\nkeys:\n  "quoted": 1\n  \'single\': 2\n  plain key: 3\n  1: 4\n  true: 5\n  null: 6\n',
];

describe('parse: differential fuzz of the fast path against the full parser', function () {
  this.timeout(120_000);
  const seeds = [...yamlFiles(path.join(ROOT, 'samples')).map((f) => fs.readFileSync(f, 'utf8')), ...Object.values(BASE), ...ADVERSARIAL_SEEDS];
  const { seed, runs } = fuzzParameters('fast vs full parser', 3000);

  it(`both refuse or both accept, with the same data and ranges (seed ${seed}, ${runs} runs)`, () => {
    const counts: Record<Outcome, number> = { lines: 0, fast: 0, declined: 0, refused: 0 };
    fc.assert(
      fc.property(yamlDocument(seeds), (text) => void counts[assertOneTruth(text)]++),
      { seed, numRuns: runs },
    );
    console.log(
      `      ${counts.lines + counts.fast} read by the fast path (${counts.lines} by its line parser); ${counts.declined} handed to the full parser and read, ${counts.refused} refused`,
    );
    // The comparison means something only if the fast path, and its line parser, answer for a good share of them.
    assert.ok(counts.lines + counts.fast >= runs / 5, `only ${counts.lines + counts.fast} of ${runs} documents took the fast path`);
    assert.ok(counts.lines >= runs / 10, `only ${counts.lines} of ${runs} documents took the line parser`);
  });
});

describe('parse: the documents the two parsers once read differently', () => {
  const check = ({ text, truth }: Disagreement): void => {
    const full = parseYamlSource('x.plan.yaml', text);
    if (truth === 'error')
      assert.ok(
        full.problems.some((p) => p.severity === 'error'),
        'the full parser refuses it',
      );
    else {
      assert.deepEqual(full.problems, []);
      assert.deepEqual(full.value, truth.value, 'the full parser reads it so');
    }
    assertOneTruth(text);
  };

  for (const d of DISAGREEMENTS) it(`${d.name} (js-yaml alone: ${d.was})`, () => check(d));
  for (const d of YAML_1_2) it(`YAML 1.2: ${d.name}`, () => check(d));

  for (const { name, text } of STILL_FAST) {
    it(`still read by the fast path: ${name}`, () => {
      assert.ok(parseFast('x.plan.yaml', text), 'the fast path reads it');
      assert.ok(['lines', 'fast'].includes(assertOneTruth(text)));
    });
  }

  it('still read by the fast path: every sample file but the workspace settings (a `*` in a comment)', () => {
    const files = yamlFiles(path.join(ROOT, 'samples'));
    const declined = files.filter((f) => !parseFast(f, fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    assert.deepEqual(declined, ['samples/patchops.yaml']);
  });
});
