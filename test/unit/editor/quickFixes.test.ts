import assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/core/model/diagnostic';
import { quickFixFor, type TextEdit } from '../../../src/core/fixes/quickFixes';
import { smallestReplacement } from '../../../src/core/fixes/textDiff';
import { newExceptionText, newPlanText, newWorkspaceFiles } from '../../../src/core/templates/templates';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { VALUE_ERRORS } from '../../support/codes';
import { evaluateFiles, plan, withBase } from '../../support/workspace';

/** Applies edits (non-overlapping) to text, as the editor would. */
function apply(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((acc, e) => acc.slice(0, offset(e.range.start)) + e.newText + acc.slice(offset(e.range.end)), text);
}

const fixed = (file: string, text: string, code: string, extra: Record<string, string> = {}) => {
  const e = evaluateFiles(withBase({ [file]: text, ...extra }), '2026-11-23T12:00:00Z');
  const d = e.diagnostics.find((x) => x.file === file && x.code === code && x.fix) as Diagnostic;
  assert.ok(d, `a fixable ${code} diagnostic`);
  const fix = quickFixFor(d, { text, owner: 'it-ops', validator: 'infosec' })!;
  return { fix, after: apply(text, fix.edits), d };
};

describe('quick fixes keep every other byte', () => {
  it('renames a misspelled key, comments and layout untouched', () => {
    const text = plan().replace('owner: it-ops', 'ownr:   it-ops   # IT executes');
    const { fix, after } = fixed('p.plan.yaml', text, 'schema');
    assert.equal(fix.title, 'Rename to `owner`');
    assert.equal(after, text.replace('ownr:', 'owner:'));
  });

  it('replaces an unknown enum value with the nearest valid one', () => {
    const text = plan({ testing: 'testing: { status: pased, completed: 2026-11-19T15:00 }  # lab run' });
    const { after } = fixed('p.plan.yaml', text, 'schema');
    assert.equal(after, text.replace('status: pased', 'status: passed'));
  });

  it('appends a rollback skeleton that makes the diagnostic go away', () => {
    const text = `# keep me\n${plan({ rollback: null })}`;
    const { after } = fixed('p.plan.yaml', text, 'rollback.missing');
    assert.ok(after.startsWith(text), 'the original bytes are a prefix');
    const again = evaluateFiles(withBase({ 'p.plan.yaml': after }), '2026-11-23T12:00:00Z');
    assert.deepEqual(
      again.diagnostics.filter((d) => d.code === 'rollback.missing' || VALUE_ERRORS.has(d.code)),
      [],
    );
  });

  it('adds a newline first when the file does not end with one, keeping CRLF', () => {
    const text = plan({ rollback: null }).trimEnd().replace(/\n/g, '\r\n');
    const d = evaluateFiles(withBase({ 'p.plan.yaml': text }), '2026-11-23T12:00:00Z').diagnostics.find((x) => x.code === 'rollback.missing')!;
    const edits = quickFixFor(d, { text })!.edits;
    assert.match(edits[0].newText, /^\r\nrollback:\r\n/);
  });
});

describe('templates are valid files', () => {
  it('a new workspace validates with no errors; what the team must fill in (its members) is flagged', () => {
    const files = newWorkspaceFiles('Acme "patching"', 'Europe/Berlin');
    const model = assembleModel(Object.entries(files).map(([f, t]) => loadFile(f, t)));
    assert.deepEqual(model.duplicates, []);
    assert.deepEqual(
      model.files.flatMap((f) => f.diagnostics).map((d) => `${d.file} ${d.severity} ${d.code} ${d.message.split(' is ')[0]}`),
      ['patchops.yaml warning template.placeholder `teams.it-ops.members[0]`', 'patchops.yaml warning template.placeholder `teams.infosec.members[0]`'],
    );
    assert.equal(model.settings?.data.name, 'Acme "patching"');
  });

  it('a new plan and a new exception have no schema or reference errors, and what is left to fill in is flagged', () => {
    const planText = newPlanText({
      id: 'PLAN-9',
      title: 'Title: with "quotes"',
      owner: 'it-ops',
      validator: 'infosec',
      affects: ['payroll', 'kiosks'],
      today: '2026-11-20',
    });
    const exceptionText = newExceptionText({
      id: 'EXC-9',
      vulnerabilities: ['CVE-2026-0001'],
      groups: ['kiosks'],
      plan: 'PLAN-9',
      requestedBy: 'bob@example.com',
      requestedOn: '2026-11-20',
    });
    assert.doesNotMatch(planText + exceptionText, /CVE-0000|CVSS:|TODO/);
    // The plan's CVE named (the one the exception asks for); its severity still a placeholder.
    const named = planText.replace('<fill in the CVE id>', 'CVE-2026-0001');
    const e = evaluateFiles(withBase({ 'p.plan.yaml': named, 'e.exception.yaml': exceptionText }), '2026-11-23T12:00:00Z');
    const problems = e.diagnostics.filter((d) => VALUE_ERRORS.has(d.code) || d.code.startsWith('ref.'));
    assert.deepEqual(problems, []);
    assert.equal(e.plans[0].title, 'Title: with "quotes"');
    // A placeholder severity gives no deadline, never one from a made-up score.
    assert.equal(e.plans[0].state, 'unknown');
    assert.equal(e.exceptions[0].state, 'pending');
    assert.match(exceptionText, /^revisit_on: 2026-12-20 /m);
    const placeholders = e.diagnostics.filter((d) => d.code === 'template.placeholder').map((d) => `${d.file} ${d.severity} ${d.message.split(' is ')[0]}`);
    assert.deepEqual(placeholders, [
      'e.exception.yaml warning `reason`',
      'e.exception.yaml warning `compensating_controls[0]`',
      'p.plan.yaml warning `vulnerabilities[0].severity`',
      'p.plan.yaml warning `rollback.communication`',
      'p.plan.yaml warning `rollback.steps[0]`',
    ]);
  });
});

describe('smallest replacement between two texts', () => {
  const roundTrip = (before: string, after: string) => {
    const r = smallestReplacement(before, after);
    return before.slice(0, r.start) + r.text + before.slice(r.end);
  };
  it('replaces only the differing middle', () => {
    assert.deepEqual(smallestReplacement('a: 1\nb: 2\nc: 3\n', 'a: 1\nb: 22\nc: 3\n'), { start: 9, end: 9, text: '2' });
    assert.equal(roundTrip('# c\nkev: false\n', '# c\nkev: true\n'), '# c\nkev: true\n');
  });
  it('handles appends, deletions and identical texts', () => {
    assert.deepEqual(smallestReplacement('abc', 'abc'), { start: 3, end: 3, text: '' });
    assert.equal(roundTrip('x\n', 'x\ny\n'), 'x\ny\n');
    assert.equal(roundTrip('x\ny\n', 'x\n'), 'x\n');
    assert.equal(roundTrip('aaa', 'aa'), 'aa');
  });
});
