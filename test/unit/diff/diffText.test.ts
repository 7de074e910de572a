// `patchops diff` as text (src/cli/diffText.ts): the core's words in columns, and nothing from the
// files a terminal would obey.
import assert from 'node:assert/strict';
import { diffWorkspaces } from '../../../src/core/diff/workspaceDiff';
import { diffText } from '../../../src/cli/diffText';
import { styleFor } from '../../../src/cli/terminal';
import { evaluateFiles, plan, POLICY, withBase } from '../../support/workspace';

const AS_OF = '2026-11-21T12:00:00Z';
const plain = styleFor({ isTTY: false }, {});

describe('diff: the text for a terminal', () => {
  const tighter = POLICY.replace('critical: { within: 72h }', 'critical: { within: 24h }');

  it('escape sequences, line breaks and bidi overrides from titles, ids and branch names are shown escaped, never sent', () => {
    const base = withBase({ 'p.plan.yaml': plan() });
    const hostile = plan().replace('title: Test plan', 'title: "Evil \\e[31mred\\e[0m\\nFAKE: 0 new breaches \\u202Egnp.exe"');
    const head = { ...base, 'p.plan.yaml': hostile, 'standard.sla.yaml': tighter };
    const d = diffWorkspaces(
      { label: 'main\u001b]0;title\u0007', commit: null, evaluation: evaluateFiles(base, AS_OF) },
      { label: 'feature', commit: null, evaluation: evaluateFiles(head, AS_OF) },
    );
    const text = diffText(d, plain);
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
    assert.ok(text.includes('Evil \\u001b[31mred\\u001b[0m\\u000aFAKE: 0 new breaches \\u202egnp.exe'), text);
    assert.ok(text.startsWith('main\\u001b]0;title\\u0007 → feature — both as of 2026-11-21 06:00 (-06:00)\n\n1 new breach\n'), text);
    assert.ok(!text.split('\n').some((line) => line.startsWith('FAKE')), 'no line of the output is a title’s');
  });

  it('only the key figures that change, under a header with both labels', () => {
    const base = withBase({ 'p.plan.yaml': plan() });
    const d = diffWorkspaces(
      { label: 'main', commit: null, evaluation: evaluateFiles(base, AS_OF) },
      { label: 'feature', commit: null, evaluation: evaluateFiles({ ...base, 'standard.sla.yaml': tighter }, AS_OF) },
    );
    const lines = diffText(d, plain).split('\n');
    const header = lines.findIndex((l) => l.startsWith('MEASURE'));
    assert.match(lines[header], /^MEASURE +MAIN +FEATURE +CHANGE$/);
    assert.deepEqual(
      lines.slice(header + 1, lines.indexOf('', header)).map((l) => l.split(/ {2,}/)),
      [
        ['SLA compliance', '—', '0%', '—'],
        ['Open breaches', '0', '1', '+1'],
      ],
    );
  });
});
