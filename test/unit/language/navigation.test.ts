// Hover, go to definition, find references and rename of ids across files.
import assert from 'node:assert/strict';
import planSchema from '../../../schemas/plan.schema.json';
import { hover } from '../../../src/core/language/hover';
import { definition, references } from '../../../src/core/language/navigation';
import { prepareRename, rename, type RenameResult } from '../../../src/core/language/rename';
import { applyEdits, EXCEPTION, FILES, modelOf, PLAN, request } from './fixture';
import type { Files } from '../../support/workspace';

const P = 'plans/one.plan.yaml';
const E = 'exceptions/one.exception.yaml';
const G = 'groups.assets.yaml';
const where = (list: readonly { file: string; range: { start: { line: number; character: number } } }[]) =>
  list.map((l) => `${l.file}:${l.range.start.line + 1}:${l.range.start.character + 1}`);

function edits(result: RenameResult) {
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result.edits;
}

function refused(result: RenameResult): string {
  assert.ok(!result.ok, 'the rename must be refused');
  return result.message;
}

describe('language: hover', () => {
  it("shows a key's description from the schema, with its type, and what the id it names is", () => {
    const h = hover(request(P, PLAN.replace('owner: it-ops', 'ow|ner: it-ops')))!;
    assert.ok(h.markdown.startsWith('**owner** · Identifier\n\n'), h.markdown);
    assert.ok(h.markdown.includes(planSchema.properties.owner.description));
    assert.deepEqual(h.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } });
    assert.match(h.markdown, /\n\nTeam `it-ops`: executor · 2 members\n\n/, 'on the key too: what its value names');
    const value = hover(request(P, PLAN.replace('owner: it-ops', 'owner: it-o|ps')))!;
    assert.match(value.markdown, /Team `it-ops`: executor · 2 members\n\nDeclared in `patchops\.yaml:5`\.\n\nNamed 2 times in the workspace\./);
  });

  it('lists the allowed values and the default', () => {
    const h = hover(request(P, PLAN.replace('severity: critical', 'severity: crit|ical')))!;
    assert.match(h.markdown, /Allowed: `critical`, `high`, `medium`, `low`, `none`/);
    assert.match(hover(request(P, `${PLAN}status: act|ive`))!.markdown, /Default: `active`/);
  });

  it('says when an id is unknown or declared twice (fail closed)', () => {
    assert.match(hover(request(P, PLAN.replace('owner: it-ops', 'owner: no|pe')))!.markdown, /No team `nope` is declared in this workspace\./);
    const twice = { ...FILES, 'more.assets.yaml': 'groups:\n  - { id: payroll, impact: low, endpoints: 1 }\n' };
    const h = hover(request(P, PLAN.replace('affects: [payroll, kiosks]', 'affects: [pay|roll, kiosks]'), { files: twice }))!;
    assert.match(
      h.markdown,
      /Asset group `payroll` is declared 2 times \(`groups\.assets\.yaml:2`, `more\.assets\.yaml:2`\): which one applies cannot be told/,
    );
  });

  it('without schema help, shows only what the ids are', () => {
    assert.equal(hover(request(P, PLAN.replace('title: Chrome', 'ti|tle: Chrome'), { schemaHelp: false })), undefined);
    const h = hover(request(P, PLAN.replace('owner: it-ops', 'owner: it-o|ps'), { schemaHelp: false }))!;
    assert.ok(h.markdown.startsWith('Team `it-ops`'), h.markdown);
  });
});

describe('language: definition and references', () => {
  it('goes from a reference to the declaration in another file, team keys included', () => {
    assert.deepEqual(where(definition(request(P, PLAN.replace('owner: it-ops', 'owner: it-|ops')))), ['patchops.yaml:5:3']);
    assert.deepEqual(where(definition(request(P, PLAN.replace('[payroll, kiosks]', '[payroll, kio|sks]')))), ['groups.assets.yaml:3:11']);
    assert.deepEqual(where(definition(request(E, EXCEPTION.replace('plan: PLAN-1', 'plan: PL|AN-1')))), ['plans/one.plan.yaml:2:5']);
    assert.deepEqual(where(definition(request(P, PLAN.replace('title: Chrome', 'title: Chr|ome')))), [], 'a title names nothing');
  });

  it('finds every value that names a group, across files, with or without its declaration', () => {
    const marked = FILES[G].replace('{ id: payroll', '{ id: pay|roll');
    assert.deepEqual(where(references(request(G, marked), false)), [
      'exceptions/one.exception.yaml:3:10',
      'plans/one.plan.yaml:9:11',
      'plans/one.plan.yaml:14:27',
    ]);
    assert.deepEqual(where(references(request(G, marked), true)), [
      'exceptions/one.exception.yaml:3:10',
      'groups.assets.yaml:2:11',
      'plans/one.plan.yaml:9:11',
      'plans/one.plan.yaml:14:27',
    ]);
  });

  it("reads the document's own text when it is ahead of the model (typed, not evaluated yet)", () => {
    const model = modelOf(FILES); // kiosks, as saved
    const typed = { ...request(G, FILES[G].replace('{ id: kiosks', '{ id: lobby-kio|sks'), { files: FILES }), model };
    assert.deepEqual(where(references(typed, true)), ['groups.assets.yaml:3:11'], 'the typed id is declared, named nowhere yet');
    assert.match(hover(typed)!.markdown, /Asset group `lobby-kiosks`: .*\n\nDeclared in `groups\.assets\.yaml:3`\.\n\nNamed 0 times/);
  });

  it('finds the plans a vulnerability of an exception comes from', () => {
    assert.deepEqual(where(definition(request(E, EXCEPTION.replace('[CVE-2026-0001]', '[CVE-|2026-0001]')))), ['plans/one.plan.yaml:7:9']);
  });
});

describe('language: rename', () => {
  it('renames a group in every file, touching only the id (comments, flow style and quotes stay)', () => {
    const req = request(P, PLAN.replace('[payroll, kiosks]', '[pay|roll, kiosks]'));
    const prepared = prepareRename(req);
    assert.ok(prepared.ok);
    assert.equal(prepared.placeholder, 'payroll');
    const list = edits(rename(req, 'payroll-servers'));
    assert.deepEqual(
      list.find((e) => e.file === E),
      { file: E, range: { start: { line: 2, character: 10 }, end: { line: 2, character: 17 } }, newText: 'payroll-servers' },
      'inside the quotes: the quotes themselves are not rewritten',
    );
    const after = applyEdits(FILES, list);
    assert.equal(after[P], PLAN.replace('[payroll, kiosks]', '[payroll-servers, kiosks]').replace('groups: [payroll] }', 'groups: [payroll-servers] }'));
    assert.equal(after[E], EXCEPTION.replace('["payroll"]', '["payroll-servers"]'));
    assert.equal(after[G], FILES[G].replace('id: payroll,', 'id: payroll-servers,'));
    assert.deepEqual(
      Object.keys(after).filter((f) => after[f] !== FILES[f]),
      [G, P, E],
    );
    // The renamed workspace has no new problem: every reference still resolves.
    const unknown = (files: typeof FILES) => modelOf(files).files.flatMap((f) => f.diagnostics.map((d) => d.code));
    assert.deepEqual(unknown(after), unknown(FILES));
  });

  it('renames a team: its key in patchops.yaml and every team reference', () => {
    const req = request('patchops.yaml', FILES['patchops.yaml'].replace('  infosec:', '  info|sec:'));
    const after = applyEdits(FILES, edits(rename(req, 'security')));
    assert.match(after['patchops.yaml'], /^ {2}security: \{ role: validator/m);
    assert.equal(after[P], PLAN.replace('validator: infosec', 'validator: security').replace('decided_by: infosec', 'decided_by: security'));
    assert.match(after['standard.sla.yaml'], /approvers: \[security\]/);
  });

  it("renames a cycle within its policy only: another policy's cycle of the same name is another cycle", () => {
    const S = 'standard.sla.yaml';
    const other = `id: other\ntiers:\n  critical: { cycle: monthly }\n  high: { within: 7d }\n  medium: { within: 30d }\n  low: { within: 90d }\ncycles:\n  monthly: { rrule: "FREQ=MONTHLY" }\n`;
    const files: Files = { ...FILES, 'other.sla.yaml': other };
    const req = request(S, files[S].replace('medium: { cycle: monthly }', 'medium: { cycle: mon|thly }'), { files });
    assert.deepEqual(where(definition(req)), ['standard.sla.yaml:11:3']);
    const after = applyEdits(files, edits(rename(req, 'patch-tuesday')));
    assert.equal(after[S], files[S].replace(/monthly/g, 'patch-tuesday'));
    assert.equal(after['other.sla.yaml'], other);
  });

  it('refuses an id that exists, an invalid id, an id declared twice and a vulnerability id, saying why', () => {
    const req = request(P, PLAN.replace('[payroll, kiosks]', '[pay|roll, kiosks]'));
    assert.equal(
      refused(rename(req, 'kiosks')),
      'an asset group `kiosks` already exists (groups.assets.yaml): asset group ids must be unique; choose another id',
    );
    assert.match(refused(rename(req, 'pay roll')), /^`pay roll` is not a valid id: ids are letters, digits/);
    assert.match(refused(rename(req, '-payroll')), /is not a valid id/);
    const twice = { ...FILES, 'more.assets.yaml': 'groups:\n  - { id: payroll, impact: low, endpoints: 1 }\n' };
    const dup = request(P, PLAN.replace('[payroll, kiosks]', '[pay|roll, kiosks]'), { files: twice });
    assert.equal(
      refused(rename(dup, 'payroll-2')),
      'asset group `payroll` is declared 2 times (groups.assets.yaml, more.assets.yaml): which one each reference means cannot be told, so it is not renamed; give each declaration its own id first',
    );
    const prepared = prepareRename(dup);
    assert.ok(!prepared.ok && /declared 2 times/.test(prepared.message));
    assert.match(refused(rename(request(E, EXCEPTION.replace('[CVE-2026-0001]', '[CVE-|2026-0001]')), 'CVE-2')), /vulnerability's own id/);
    assert.match(refused(rename(request(P, PLAN.replace('owner: it-ops', 'owner: no|pe')), 'x')), /^no team `nope` is declared in this workspace/);
    assert.ok(!prepareRename(request(P, PLAN.replace('title: Chrome', 'title: Chr|ome'))).ok);
  });
});
