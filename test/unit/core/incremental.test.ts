// The incremental evaluation must give, after any sequence of edits and clock moves, exactly what
// an evaluation from nothing gives — and after a one-file edit compute only what depends on it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { evaluate, Evaluator } from '../../../src/core/evaluate';
import { recordReads, readsUnchanged, TrackedMap, TrackedSet } from '../../../src/core/incremental/tracked';
import type { Evaluation } from '../../../src/core/model/evaluation';
import { durationTextHolds, formatDuration, DAY_MS, HOUR_MS, MINUTE_MS } from '../../../src/core/time/durations';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { findWorkspaceFiles } from '../../../src/node/workspaceFiles';
import { generateWorkspace } from '../../bench/generateWorkspace';
import { REPO_ROOT } from '../../support/sharedData';
import { tempDirs } from '../../support/tempDir';
import { instant } from '../../support/workspace';
import { fuzzParameters } from '../hostile/fuzzSeed';
import type { LoadedFile } from '../../../src/core/model/workspace';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const AS_OF = instant('2026-11-23T12:00:00Z', 'UTC');
const tempDir = tempDirs('patchops-incremental-');

function readTexts(root: string): Map<string, string> {
  return new Map(findWorkspaceFiles(root).map((rel) => [rel, fs.readFileSync(path.join(root, rel), 'utf8')]));
}

/** Everything an evaluation answers, as plain data (entities are the model's own objects). */
function answers(e: Evaluation): string {
  return JSON.stringify(
    {
      asOf: e.asOf,
      zone: e.timezone,
      plans: e.plans,
      exceptions: e.exceptions,
      kpis: e.kpis,
      diagnostics: e.diagnostics,
      byFile: [...e.diagnosticsByFile].sort(([a], [b]) => (a < b ? -1 : 1)),
    },
    (key, value) => (key === 'entity' ? undefined : value),
  );
}

/** Equal answers; on a difference, show where it starts rather than two huge strings. */
function assertSame(actual: string, expected: string, what: string): void {
  if (actual === expected) return;
  let i = 0;
  while (actual[i] === expected[i]) i++;
  assert.fail(
    `${what}: the incremental answer differs at ${i}:\n  incremental: …${actual.slice(Math.max(0, i - 300), i + 200)}\n  from nothing: …${expected.slice(Math.max(0, i - 300), i + 200)}`,
  );
}

/** A workspace as the editor holds it: one loaded file per path, re-loaded only when edited. */
class Workspace {
  readonly files = new Map<string, LoadedFile>();

  constructor(readonly texts: Map<string, string>) {
    for (const [rel, text] of texts) this.files.set(rel, loadFile(rel, text));
  }

  set(rel: string, text: string | undefined): void {
    if (text === undefined) {
      this.texts.delete(rel);
      this.files.delete(rel);
    } else {
      this.texts.set(rel, text);
      this.files.set(rel, loadFile(rel, text));
    }
  }

  model() {
    return assembleModel([...this.files.values()]);
  }
}

/** `key: value` lines, by key: edits swap a value for another value the workspace uses for that key. */
function valuesByKey(texts: Map<string, string>): Map<string, string[]> {
  const values = new Map<string, Set<string>>();
  for (const text of texts.values()) {
    for (const m of text.matchAll(/^\s*(?:- )?([a-z_]+): (\S.*)$/gm)) {
      if (!values.has(m[1])) values.set(m[1], new Set());
      values.get(m[1])!.add(m[2]);
    }
  }
  return new Map([...values].map(([k, v]) => [k, [...v].sort()]));
}

type Edit =
  | { kind: 'value'; file: number; line: number; pick: number }
  | { kind: 'drop-line'; file: number; line: number }
  | { kind: 'delete-file'; file: number }
  | { kind: 'copy-file'; file: number }
  | { kind: 'restore'; file: number }
  | { kind: 'clock'; minutes: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('value' as const), file: fc.nat(), line: fc.nat(), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop-line' as const), file: fc.nat(), line: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete-file' as const), file: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('copy-file' as const), file: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), file: fc.nat() }) },
  // Mostly forward (minutes to weeks), sometimes back: cells hold only for the span they know.
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('clock' as const), minutes: fc.integer({ min: -3 * 24 * 60, max: 21 * 24 * 60 }) }) },
);

function applyEdit(ws: Workspace, original: Map<string, string>, pool: Map<string, string[]>, edit: Edit): number {
  const rels = [...ws.texts.keys()].sort();
  if (edit.kind === 'clock') return edit.minutes * MINUTE_MS;
  if (edit.kind === 'restore') {
    const all = [...original.keys()].sort();
    const rel = all[edit.file % all.length];
    ws.set(rel, original.get(rel));
    return 0;
  }
  if (rels.length === 0) return 0;
  const rel = rels[edit.file % rels.length];
  const text = ws.texts.get(rel)!;
  if (edit.kind === 'delete-file') {
    if (rel !== 'patchops.yaml') ws.set(rel, undefined);
    return 0;
  }
  if (edit.kind === 'copy-file') {
    const copy = rel.replace(/(\.[a-z]+\.yaml)$/, `-copy$1`);
    if (copy !== rel) ws.set(copy, text);
    return 0;
  }
  const lines = text.split('\n');
  const i = edit.line % lines.length;
  if (edit.kind === 'drop-line') lines.splice(i, 1);
  else {
    const m = /^(\s*(?:- )?)([a-z_]+): (\S.*)$/.exec(lines[i]);
    const values = m ? pool.get(m[2])! : undefined;
    if (!m || !values) return 0;
    lines[i] = `${m[1]}${m[2]}: ${values[edit.pick % values.length]}`;
  }
  ws.set(rel, lines.join('\n'));
  return 0;
}

function checkSequences(name: string, texts: Map<string, string>, runs: number): void {
  const pool = valuesByKey(texts);
  const { seed, runs: numRuns } = fuzzParameters(name, runs);
  fc.assert(
    fc.property(fc.array(editArb, { minLength: 1, maxLength: 12 }), (edits) => {
      const ws = new Workspace(new Map(texts));
      const evaluator = new Evaluator();
      let asOf = AS_OF;
      evaluator.evaluate(ws.model(), { asOf });
      for (const edit of edits) {
        asOf += applyEdit(ws, texts, pool, edit);
        const model = ws.model();
        const incremental = evaluator.evaluate(model, { asOf });
        const fresh = evaluate(model, { asOf });
        assertSame(answers(incremental), answers(fresh), `after ${JSON.stringify(edit)}`);
      }
    }),
    { seed, numRuns },
  );
}

describe('incremental evaluation', () => {
  it('equals an evaluation from nothing after any sequence of edits and clock moves (samples)', function () {
    this.timeout(60_000);
    checkSequences('incremental samples', readTexts(SAMPLES), 60);
  });

  it('equals an evaluation from nothing on a generated workspace (policies, zones, exceptions)', function () {
    this.timeout(60_000);
    const root = tempDir();
    generateWorkspace(root, 40);
    checkSequences('incremental generated', readTexts(root), 25);
  });

  it('equals an evaluation from nothing with schedule inputs: windows, freezes, planned starts, rates (forecast)', function () {
    this.timeout(60_000);
    const texts = new Map(readTexts(SAMPLES));
    const settings = texts.get('patchops.yaml')!;
    texts.set(
      'patchops.yaml',
      `${settings.trimEnd()}
maintenance_windows:
  - rrule: "DTSTART:20260101T220000\\nRRULE:FREQ=DAILY"
    duration: 6h
freezes:
  - from: 2026-11-26
    to: 2026-11-28
    reason: Thanksgiving
  - from: 2026-12-15
    to: 2027-01-02
`,
    );
    const plans = [...texts.keys()].filter((f) => f.endsWith('.plan.yaml')).sort();
    // Schedule inputs on some plans' waves: a planned start, a duration or a rate, as the issue writes them.
    plans.slice(0, 6).forEach((rel, i) => {
      let n = 0;
      texts.set(
        rel,
        texts.get(rel)!.replace(/^(\s*- )name: (.*)$/gm, (_line, lead: string, name: string) => {
          const pad = ' '.repeat(lead.length);
          const extra = [
            `${pad}duration: ${['2d', '12h', '30h'][(i + n) % 3]}`,
            `${pad}rate: ${[5, 20][(i + n) % 2]}`,
            `${pad}planned_start: 2026-11-${24 + ((i + n) % 5)}T09:00`,
          ][(i + n++) % 3];
          return `${lead}name: ${name}\n${extra}`;
        }),
      );
    });
    checkSequences('incremental schedule', texts, 30);
  });

  it('computes only the cells that depend on an edit', () => {
    const root = tempDir();
    generateWorkspace(root, 200);
    const ws = new Workspace(readTexts(root));
    const evaluator = new Evaluator();
    const first = evaluator.evaluate(ws.model(), { asOf: AS_OF });
    const everything = evaluator.lastComputed;
    assert.ok(everything > 600, `a first evaluation computes every cell (${everything})`);

    // Nothing changed: nothing is computed, and every file keeps its diagnostics array.
    const again = evaluator.evaluate(ws.model(), { asOf: AS_OF });
    assert.equal(evaluator.lastComputed, 0);
    for (const [file, list] of again.diagnosticsByFile) assert.equal(list, first.diagnosticsByFile.get(file), file);

    // One plan's progress: that plan's three cells, nothing else.
    const rel = [...ws.texts.keys()].find((f) => f.endsWith('.plan.yaml') && /patched: \d+/.test(ws.texts.get(f)!))!;
    ws.set(
      rel,
      ws.texts.get(rel)!.replace(/patched: (\d+)/, (_, n) => `patched: ${Number(n) + 1}`),
    );
    const edited = evaluator.evaluate(ws.model(), { asOf: AS_OF });
    assert.equal(evaluator.lastComputed, 3);
    const changedFiles = [...edited.diagnosticsByFile].filter(([file, list]) => again.diagnosticsByFile.get(file) !== list).map(([file]) => file);
    assert.ok(
      changedFiles.every((f) => f === rel),
      `only ${rel} has new diagnostics, not ${changedFiles.join(', ')}`,
    );

    // A group's impact: the plans and exceptions that name the group, not the others.
    const assets = [...ws.texts.keys()].find((f) => f.endsWith('.assets.yaml'))!;
    ws.set(
      assets,
      ws.texts.get(assets)!.replace(/impact: (high|medium|low)/, (_, i) => `impact: ${i === 'low' ? 'high' : 'low'}`),
    );
    evaluator.evaluate(ws.model(), { asOf: AS_OF });
    assert.ok(evaluator.lastComputed > 0 && evaluator.lastComputed < everything / 2, `a group edit recomputed ${evaluator.lastComputed} of ${everything}`);

    // A comment in a policy: the policy's own cell (its diagnostics' lines), not the plans under it.
    const policy = [...ws.texts.keys()].find((f) => f.endsWith('.sla.yaml'))!;
    ws.set(policy, `# reviewed with InfoSec\n${ws.texts.get(policy)!}`);
    evaluator.evaluate(ws.model(), { asOf: AS_OF });
    assert.equal(evaluator.lastComputed, 1);
  });

  it('pauses along the way when run in steps, and ends with the same answers', () => {
    const root = tempDir();
    generateWorkspace(root, 200);
    const model = new Workspace(readTexts(root)).model();
    const steps = new Evaluator().steps(model, { asOf: AS_OF });
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    assert.ok(pauses >= 2, `a 200-plan evaluation (600 cells) paused ${pauses} times`);
    assertSame(answers(next.value), answers(evaluate(model, { asOf: AS_OF })), 'in steps');
  });

  it('reuses answers while the clock moves but none of them changes', () => {
    const ws = new Workspace(readTexts(SAMPLES));
    const evaluator = new Evaluator();
    evaluator.evaluate(ws.model(), { asOf: AS_OF });
    const model = ws.model();
    evaluator.evaluate(model, { asOf: AS_OF + 1 });
    assert.ok(evaluator.lastComputed < 10, `one ms later, ${evaluator.lastComputed} cells were computed`);
    // A week later deadlines have passed: what depends on them is computed again, and right.
    const later = evaluator.evaluate(model, { asOf: AS_OF + 7 * DAY_MS });
    assert.ok(evaluator.lastComputed > 0);
    assertSame(answers(later), answers(evaluate(model, { asOf: AS_OF + 7 * DAY_MS })), 'a week later');
  });
});

describe('until when a duration text holds', () => {
  it('matches formatDuration step by step, growing and shrinking', () => {
    for (const start of [
      0,
      59_999,
      MINUTE_MS,
      59 * MINUTE_MS + 1,
      23 * HOUR_MS + 59 * MINUTE_MS + 30_000,
      DAY_MS,
      DAY_MS + 1,
      3 * DAY_MS + 5 * HOUR_MS + 17,
      -90_000,
    ]) {
      for (const direction of [1, -1] as const) {
        const holds = durationTextHolds(start, direction);
        assert.ok(holds >= 1, `${start} ${direction}: holds ${holds}`);
        const text = formatDuration(start);
        assert.equal(formatDuration(start + direction * (holds - 1)), text, `${start} ${direction}: still ${text} just before`);
        // It says exactly when, except when the duration passes zero (the text ignores the sign).
        const end = start + direction * holds;
        if (Math.sign(end) === Math.sign(start) || end === 0) assert.notEqual(formatDuration(end), text, `${start} ${direction}: changes at ${holds}`);
      }
    }
  });
});

describe('tracked inputs', () => {
  it('record the keys read and say whether they changed', () => {
    const groups = new TrackedMap<string, object>();
    const broken = new TrackedSet<string>();
    const a = {};
    groups.update(
      new Map([
        ['a', a],
        ['b', {}],
      ]),
    );
    broken.update(new Set(['x']));
    const { value, reads } = recordReads(() => [groups.get('a'), broken.has('x')]);
    assert.deepEqual(value, [a, true]);

    groups.update(
      new Map([
        ['a', a],
        ['b', {}],
      ]),
    ); // b replaced: not read
    broken.update(new Set(['x', 'y'])); // y added: not read
    assert.equal(readsUnchanged(reads), true);

    groups.update(new Map([['b', {}]])); // a removed
    assert.equal(readsUnchanged(reads), false);

    const whole = recordReads(() => groups.size).reads;
    groups.update(
      new Map([
        ['b', {}],
        ['c', {}],
      ]),
    );
    assert.equal(readsUnchanged(whole), false, 'reading the size depends on every key');
  });

  it('record each key once, however often and in whatever order it was read', () => {
    const groups = new TrackedMap<string, object>();
    groups.update(
      new Map([
        ['lab', {}],
        ['kiosks', {}],
        ['web', {}],
      ]),
    );
    // As a plan reads its groups: once per vulnerability, so not only one after another.
    const { reads } = recordReads(() => {
      for (let i = 0; i < 3; i++) for (const g of ['lab', 'kiosks']) groups.get(g);
    });
    assert.deepEqual(reads, [groups, ['lab', 'kiosks']]);
    const once = recordReads(() => ['web', 'web', 'web'].map((g) => groups.get(g))).reads;
    assert.deepEqual(once, [groups, 'web'], 'one key: the key itself');

    groups.update(
      new Map([
        ['lab', {}],
        ['kiosks', {}],
        ['web', {}],
      ]),
      ['kiosks'],
    );
    assert.equal(readsUnchanged(reads), false, 'a key read is still seen to change');
    assert.equal(readsUnchanged(once), true);
  });

  it('record a list of keys read as one entry, changed when any key of the list changed', () => {
    const exemptions = new TrackedMap<string, string>();
    exemptions.update(new Map([['CVE-1', 'x']]));
    const ids = ['CVE-1', 'CVE-2', 'CVE-3'];
    const list = { length: ids.length, id: (i: number) => ids[i] };
    const { value, reads } = recordReads(() => {
      const view = exemptions.forKeysOf(list);
      return ids.map((id) => view.get(id));
    });
    assert.deepEqual(value, ['x', undefined, undefined]);
    assert.equal(reads.length, 2, 'one input, one entry for the whole list');
    assert.ok(!Array.isArray(reads[1]));

    exemptions.update(
      new Map([
        ['CVE-1', 'x'],
        ['CVE-9', 'y'],
      ]),
    ); // a key outside the list
    assert.equal(readsUnchanged(reads), true);
    exemptions.update(
      new Map([
        ['CVE-1', 'x'],
        ['CVE-3', 'z'],
        ['CVE-9', 'y'],
      ]),
    ); // the list's last key added
    assert.equal(readsUnchanged(reads), false);
    exemptions.update(
      new Map([
        ['CVE-1', 'x'],
        ['CVE-3', 'z'],
        ['CVE-9', 'y'],
      ]),
      ['CVE-1'],
    ); // its first, as the caller tells
    assert.equal(readsUnchanged(reads), false);
  });
});
