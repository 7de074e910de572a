// Completion from the schemas and the workspace's ids, on documents as they are while being typed.
import assert from 'node:assert/strict';
import commonSchema from '../../../schemas/common.schema.json';
import planSchema from '../../../schemas/plan.schema.json';
import { completions, type LanguageCompletion } from '../../../src/core/language/completion';
import { FILES, PLAN, request } from './fixture';
import type { Files } from '../../support/workspace';

const P = 'plans/one.plan.yaml';
const labels = (items: readonly LanguageCompletion[]) => items.map((i) => i.label);
const byKind = (items: readonly LanguageCompletion[], kind: LanguageCompletion['kind']) => labels(items.filter((i) => i.kind === kind));
const sorted = (items: readonly LanguageCompletion[]) => [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : a.sortText > b.sortText ? 1 : 0));

describe('language: completion', () => {
  it('offers the keys the schema allows at the top of a plan, minus those present, required first', () => {
    const items = completions(request(P, 'id: PLAN-1\ntitle: x\now|\n'));
    const keys = byKind(items, 'property');
    const all = Object.keys(planSchema.properties);
    assert.deepEqual(keys.slice().sort(), all.filter((k) => k !== 'id' && k !== 'title').sort());
    const order = labels(sorted(items));
    const required = planSchema.required.filter((k) => k !== 'id' && k !== 'title');
    assert.deepEqual(order.slice(0, required.length).sort(), required.slice().sort(), 'the required keys come first');
    const owner = items.find((i) => i.label === 'owner')!;
    assert.equal(owner.documentation, planSchema.properties.owner.description);
    assert.equal(owner.insertText, 'owner: ');
    assert.equal(owner.retrigger, true, 'an owner names a team: completion opens again for the value');
    assert.deepEqual(owner.range, { start: { line: 2, character: 0 }, end: { line: 2, character: 2 } }, 'the typed word is replaced');
  });

  it('completes the keys of a list item being typed, and of a nested mapping', () => {
    const item = completions(request(P, PLAN.replace('    severity: critical\n', '    sev|\n')));
    assert.ok(byKind(item, 'property').includes('severity'));
    assert.ok(!byKind(item, 'property').includes('id'), 'id is present already');
    const nested = completions(request(P, `${PLAN}testing:\n  status: passed\n  |`));
    assert.deepEqual(byKind(nested, 'property'), ['environment', 'started', 'completed', 'validated_by', 'evidence', 'notes']);
    const flow = completions(request(P, PLAN.replace('{ name: All, groups: [payroll] }', '{ name: All, gr| }')));
    assert.equal(flow.find((i) => i.label === 'groups')?.insertText, 'groups: ', 'a flow mapping stays on its line');
  });

  it('a key whose value is a mapping or a list opens it on the next line', () => {
    const items = completions(request(P, 'id: PLAN-1\n|'));
    assert.equal(items.find((i) => i.label === 'testing')?.insertText, 'testing:\n  ');
    assert.equal(items.find((i) => i.label === 'waves')?.insertText, 'waves:\n  - ');
  });

  it('completes enum values after `severity: ` on a half-written line', () => {
    const items = completions(request(P, PLAN.replace('    severity: critical\n', '    severity: |\n')));
    assert.deepEqual(byKind(items, 'enum'), commonSchema.$defs.severity.enum);
    const typed = completions(request(P, PLAN.replace('    severity: critical\n', '    severity: hi|\n')));
    assert.deepEqual(typed[0].range, { start: { line: 7, character: 14 }, end: { line: 7, character: 16 } });
    const glued = completions(request(P, PLAN.replace('    severity: critical\n', '    severity:|\n')));
    assert.equal(glued.find((i) => i.label === 'high')?.insertText, ' high', 'right after the colon the value gets its space');
  });

  it('completes booleans and marks the default', () => {
    assert.deepEqual(byKind(completions(request(P, PLAN.replace('severity: critical', 'severity: critical\n    kev: |'))), 'value'), ['true', 'false']);
    const status = completions(request(P, `${PLAN}status: |`));
    assert.equal(status.find((i) => i.label === 'active')?.detail, 'default');
  });

  it('completes the ids of teams, groups, policies, plans and vulnerabilities where a value names one', () => {
    const owner = completions(request(P, PLAN.replace('owner: it-ops', 'owner: |')));
    assert.deepEqual(byKind(owner, 'id'), ['infosec', 'it-ops']);
    assert.match(owner.find((i) => i.label === 'it-ops')!.detail!, /^executor · 2 members$/);
    assert.equal(owner.find((i) => i.label === 'it-ops')!.documentation, 'Declared in `patchops.yaml`');
    assert.deepEqual(byKind(completions(request(P, PLAN.replace('affects: [payroll, kiosks]', 'affects: [payroll, |]'))), 'id'), [
      'kiosks',
      'payroll',
      'pilot',
    ]);
    assert.deepEqual(byKind(completions(request(P, PLAN.replace('      - pilot', '      - pi|'))), 'id'), ['kiosks', 'payroll', 'pilot']);
    assert.deepEqual(byKind(completions(request(P, PLAN.replace('affects: [payroll, kiosks]', 'affects:\n  - |'))), 'id'), ['kiosks', 'payroll', 'pilot']);
    assert.deepEqual(byKind(completions(request(P, `${PLAN}sla: |`)), 'id'), ['standard']);
    const exc = 'exceptions/one.exception.yaml';
    assert.deepEqual(byKind(completions(request(exc, FILES[exc].replace('plan: PLAN-1', 'plan: |'))), 'id'), ['PLAN-1']);
    assert.deepEqual(byKind(completions(request(exc, FILES[exc].replace('[CVE-2026-0001]', '[|]'))), 'id'), ['CVE-2026-0001']);
    assert.deepEqual(byKind(completions(request('patchops.yaml', FILES['patchops.yaml'].replace('default_sla: standard', 'default_sla: |'))), 'id'), [
      'standard',
    ]);
    assert.deepEqual(byKind(completions(request('standard.sla.yaml', FILES['standard.sla.yaml'].replace('approvers: [infosec]', 'approvers: [|]'))), 'id'), [
      'infosec',
      'it-ops',
    ]);
  });

  it("completes a policy's own cycles where a tier or an outcome names one", () => {
    const S = 'standard.sla.yaml';
    const files: Files = { ...FILES, 'other.sla.yaml': 'id: other\ncycles:\n  weekly: { rrule: "FREQ=WEEKLY;BYDAY=WE" }\n' };
    const items = completions(request(S, files[S].replace('medium: { cycle: monthly }', 'medium: { cycle: | }'), { files }));
    assert.deepEqual(byKind(items, 'id'), ['monthly'], "not the other policy's weekly");
  });

  it('with another YAML extension offering the schema, only ids are offered', () => {
    assert.deepEqual(completions(request(P, 'id: PLAN-1\n|', { schemaHelp: false })), []);
    assert.deepEqual(completions(request(P, PLAN.replace('    severity: critical\n', '    severity: |\n'), { schemaHelp: false })), []);
    assert.deepEqual(byKind(completions(request(P, PLAN.replace('owner: it-ops', 'owner: |'), { schemaHelp: false })), 'id'), ['infosec', 'it-ops']);
  });

  it('offers nothing in a comment, and nothing the schema does not know', () => {
    assert.deepEqual(completions(request(P, PLAN.replace('# Chrome', '# Chr|ome'))), []);
    assert.deepEqual(completions(request(P, PLAN.replace('owner: it-ops   # IT executes', 'owner: it-ops   # IT ex|ecutes'))), []);
    assert.deepEqual(byKind(completions(request(P, `${PLAN}status: x#|`)), 'enum'), ['active', 'cancelled'], 'a # inside a word starts no comment');
    assert.deepEqual(completions(request(P, PLAN.replace('title: Chrome zero-day', 'title: |'))), []);
    assert.deepEqual(completions(request(P, `${PLAN}unknown_key:\n  |`)), []);
  });

  it('keeps working in a document with a syntax error elsewhere', () => {
    const broken = `${PLAN.replace('owner: it-ops', 'owner: |')}notes: [unclosed\n`;
    assert.deepEqual(byKind(completions(request(P, broken)), 'id'), ['infosec', 'it-ops']);
  });
});
