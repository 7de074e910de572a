// The check behind the differential fuzz and its regression cases: the fast path and the full
// parser must give one answer for a document.
import assert from 'node:assert/strict';
import { parseFast } from '../../../src/core/parse/fastSource';
import { parseLines } from '../../../src/core/parse/lineParser';
import type { YamlPath } from '../../../src/core/model/source';
import { parseYamlSource } from '../../../src/core/parse/yamlSource';

/** Every path to a node of the data: mapping keys and list items, depth first. */
export function allPaths(value: unknown, prefix: YamlPath = []): YamlPath[] {
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...allPaths(v, [...prefix, k])]);
}

/** Read by the fast path's line parser, by its js-yaml, handed to the full parser which read it, or handed on and refused. */
export type Outcome = 'lines' | 'fast' | 'declined' | 'refused';

/**
 * The fast path's answer against the full parser's: the same problems (so both refuse, or both
 * accept), the same data, and the same range for every node (key and value) and for paths that
 * do not exist. Says whether the fast path answered itself or handed the file on.
 */
export function assertOneTruth(text: string, file = 'x.plan.yaml'): Outcome {
  const full = parseYamlSource(file, text);
  // The line parser on its own, without the checks parseFast makes before it: what it accepts,
  // the full parser accepts, as the same data.
  const lines = parseLines(text);
  if (lines !== undefined) {
    assert.deepEqual(full.problems, [], `the line parser accepted what the full parser says is wrong: ${JSON.stringify(text)}`);
    assert.deepEqual(lines, full.value, `the line parser read other data: ${JSON.stringify(text)}`);
  }
  const fast = parseFast(file, text);
  // Declined: parseSource gives the full parser's answer.
  if (!fast) return full.problems.some((p) => p.severity === 'error') ? 'refused' : 'declined';
  const shown = JSON.stringify(text);
  assert.deepEqual(fast.problems, full.problems, `the fast path accepted what the full parser says is wrong: ${shown}`);
  assert.deepEqual(fast.value, full.value, `the fast path read other data: ${shown}`);
  assert.equal(fast.text, text);
  for (const p of [...allPaths(full.value), ['no-such-key'], ['waves', 99, 'name'], ['id', 'nested']]) {
    for (const part of ['key', 'value'] as const) {
      assert.deepEqual(fast.rangeOf(p, part), full.rangeOf(p, part), `${part} range of ${JSON.stringify(p)} in ${shown}`);
    }
  }
  return lines !== undefined ? 'lines' : 'fast';
}
