// The schemas' descriptions are the docs users see in completion and hover: every key has one.
import assert from 'node:assert/strict';
import { propertiesAt, schemaInfo } from '../../../src/core/language/schemaNavigator';
import type { FileKind } from '../../../src/core/model/files';
import type { YamlPath } from '../../../src/core/model/source';

/** Every key the editor offers, in every file kind, with the ones that have no description. */
function walk(kind: FileKind, path: YamlPath, seen: string[], missing: string[]): void {
  for (const p of propertiesAt(kind, path)) {
    const at = [...path, p.name];
    seen.push(`${kind} ${at.join('.')}`);
    if (!p.description) missing.push(`${kind} ${at.join('.')}`);
    if (p.shape === 'object') walk(kind, at, seen, missing);
    if (p.shape === 'array') walk(kind, [...at, 0], seen, missing);
  }
  // A mapping by name (teams, cycles): the keys of its entries.
  if (schemaInfo(kind, path).nodes.some((n) => typeof n.schema.additionalProperties === 'object')) walk(kind, [...path, 'any-name'], seen, missing);
}

describe('language: schema descriptions', () => {
  it('every key of every file kind has a description for hover and completion', () => {
    const seen: string[] = [];
    const missing: string[] = [];
    for (const kind of ['workspace', 'sla', 'assets', 'plan', 'exception'] as const) walk(kind, [], seen, missing);
    assert.ok(
      seen.includes('plan waves.0.gate.soak') && seen.includes('workspace teams.any-name.members') && seen.includes('sla cycles.any-name.rrule'),
      'the walk reaches nested keys',
    );
    assert.ok(seen.length > 150, `${seen.length} keys walked`);
    assert.deepEqual(missing, []);
  });
});
