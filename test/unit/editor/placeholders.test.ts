// The values a template leaves to fill in (src/core/templates/placeholders.ts), in the new plan and
// exception files the editor opens with the first one selected.
import assert from 'node:assert/strict';
import { placeholderRanges } from '../../../src/core/templates/placeholders';
import { newExceptionText, newPlanText } from '../../../src/core/templates/templates';

/** The text each range covers, with its 1-based line. */
function covered(text: string): string[] {
  const lines = text.split('\n');
  return placeholderRanges(text).map((r) => `${r.start.line + 1}: ${lines[r.start.line].slice(r.start.character, r.end.character)}`);
}

describe('template placeholders', () => {
  it('a new plan: the example CVE id, then the rollback TODO values; comments saying TODO are not values', () => {
    const text = newPlanText({ id: 'PLAN-2026-001', title: 'T', owner: 'it-ops', validator: 'infosec', affects: ['pilot'], today: '2026-11-23' });
    assert.deepEqual(covered(text), ['6: CVE-0000-00000', '24: TODO — where and how users and teams are told', '26: TODO — how to revert the update']);
  });

  it('a new exception: the reason, then the compensating control', () => {
    const text = newExceptionText({ id: 'EXC-2026-001', vulnerabilities: ['CVE-1'], groups: ['g'], requestedBy: 'a@b.c', requestedOn: '2026-11-23' });
    assert.deepEqual(covered(text), ['6: TODO — why this cannot be patched on time', '8: TODO — what limits the risk meanwhile']);
  });

  it('a value filled in is no placeholder any more; a trailing comment is not part of one; CRLF lines count the same', () => {
    assert.deepEqual(placeholderRanges('reason: The vendor fix breaks exports\n'), []);
    assert.deepEqual(covered('a: 1\r\nreason: TODO fill me   # why\r\n'.replace(/\r\n/g, '\n')), ['2: TODO fill me']);
    assert.deepEqual(placeholderRanges('a: 1\r\nreason: TODO\r\n'), [{ start: { line: 1, character: 8 }, end: { line: 1, character: 12 } }]);
  });
});
