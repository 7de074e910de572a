// The values a template leaves to fill in (src/core/model/placeholders.ts), in the new plan and
// exception files the editor opens with the first one selected.
import assert from 'node:assert/strict';
import { mayHoldPlaceholders, placeholderRanges } from '../../../src/core/model/placeholders';
import { loadFile } from '../../../src/core/workspace/load';
import { newExceptionText, newPlanText } from '../../../src/core/templates/templates';

/** The text each range covers, with its 1-based line. */
function covered(text: string): string[] {
  const lines = text.split('\n');
  return placeholderRanges(text).map((r) => `${r.start.line + 1}: ${lines[r.start.line].slice(r.start.character, r.end.character)}`);
}

describe('template placeholders', () => {
  it('a new plan: the CVE id and its severity, then the rollback values', () => {
    const text = newPlanText({ id: 'PLAN-2026-001', title: 'T', owner: 'it-ops', validator: 'infosec', affects: ['pilot'], today: '2026-11-23' });
    assert.deepEqual(covered(text), [
      '6: <fill in the CVE id>',
      '7: <fill in critical, high, medium or low>',
      '24: <fill in where and how users and teams are told>',
      '26: <fill in how to revert the update>',
    ]);
  });

  it('a new exception: the reason, then the compensating control', () => {
    const text = newExceptionText({ id: 'EXC-2026-001', vulnerabilities: ['CVE-1'], groups: ['g'], requestedBy: 'a@b.c', requestedOn: '2026-11-23' });
    assert.deepEqual(covered(text), ['6: <fill in why this cannot be patched on time>', '8: <fill in what limits the risk meanwhile>']);
  });

  it('a value filled in is no placeholder any more; one in a comment is advice; CRLF lines count the same', () => {
    assert.deepEqual(placeholderRanges('reason: The vendor fix breaks exports\n'), []);
    assert.deepEqual(covered('a: 1\nreason: <fill in why>   # or <fill in this>\n'), ['2: <fill in why>']);
    assert.deepEqual(placeholderRanges('# <fill in nothing>\na: 1\r\nreason: <fill in x>\r\n'), [
      { start: { line: 2, character: 8 }, end: { line: 2, character: 19 } },
    ]);
  });
});

describe('placeholders found in the data however the YAML writes them', () => {
  // The loader walks a file's data for placeholders only when its text can hold one
  // (mayHoldPlaceholders): each way of writing one must still be found.
  const written: [string, string][] = [
    ['plain', 'reason: <fill in why>\n'],
    ['single-quoted', "reason: '<fill in why>'\n"],
    ['folded over two lines', 'reason: <fill\n  in why>\n'],
    ['a block scalar', 'reason: |\n  <fill in why>\n'],
    ['a double-quoted escape', 'reason: "\\x3Cfill in why>"\n'],
    ['a double-quoted line continued by a backslash', 'reason: "<fi\\\n  ll in why>"\n'],
  ];
  for (const [how, reason] of written) {
    it(`${how}: template.placeholder on the exception's reason`, () => {
      const text = `id: EXC-1\nvulnerabilities: [CVE-2026-1]\ngroups: [pilot]\nrequested_by: a@example.com\nrequested_on: 2026-11-23\n${reason}`;
      const loaded = loadFile('exceptions/e.exception.yaml', text);
      const found = loaded.diagnostics.filter((d) => d.code === 'template.placeholder');
      assert.equal(found.length, 1, `${how}: ${JSON.stringify(loaded.diagnostics.map((d) => d.message))}`);
      assert.match(found[0].message, /why/);
    });
  }

  it('a text without `<fill` or a backslash holds none', () => {
    assert.equal(mayHoldPlaceholders('reason: fill in why\nnote: <fil l>\n'), false);
    assert.equal(mayHoldPlaceholders('reason: "\\x3C"\n'), true);
  });
});
