// Property-based tests (fast-check) over random bytes, mutated sample files and hostile text in
// every text field. A bounded number of runs with a fixed seed (fuzzSeed.ts): CI is reproducible,
// and PATCHOPS_FUZZ_SEED=<seed> replays a failure (fast-check prints the seed and path).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { evaluate } from '../../../src/core/evaluate';
import type { Diagnostic } from '../../../src/core/model/diagnostic';
import { renderCsv } from '../../../src/core/report/csv';
import { renderHtml } from '../../../src/core/report/html';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { buildReport } from '../../../src/core/report/reportJson';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { readWorkspace } from '../../../src/node/workspaceFiles';
import { VALUE_ERRORS } from '../../support/codes';
import { BASE, SETTINGS } from '../../support/workspace';
import { AS_OF_MS, elapsedMs, CATALOG_CODES, timings } from './corpus';
import { fuzzParameters } from './fuzzSeed';
import { type LineMutation, mutateLines } from '../../support/lineMutations';

const KINDS = ['patchops.yaml', 'a.sla.yaml', 'a.assets.yaml', 'a.plan.yaml', 'a.exception.yaml'];

/** Line starts as the editor counts them (\r\n, \n, a lone \r). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\n|\r/).map((l) => l.length);
}

/** Every range starts and ends inside the file's text, end not before start. */
function assertRangesInside(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): void {
  for (const d of diagnostics) {
    const lengths = lineLengths(texts.get(d.file) ?? '');
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(Number.isInteger(p.line) && Number.isInteger(p.character), `${d.file}: not integers ${JSON.stringify(d.range)}`);
      assert.ok(p.line >= 0 && p.line < lengths.length, `${d.file}: line ${p.line} outside 0..${lengths.length - 1} (${d.code} ${d.message.slice(0, 80)})`);
      assert.ok(
        p.character >= 0 && p.character <= lengths[p.line],
        `${d.file}: character ${p.character} outside line ${p.line} of ${lengths[p.line]} (${d.code} ${d.message.slice(0, 80)})`,
      );
    }
    const { start, end } = d.range;
    assert.ok(end.line > start.line || (end.line === start.line && end.character >= start.character), `${d.file}: end before start`);
  }
}

describe('fuzz: random bytes into loadFile', function () {
  this.timeout(60_000);
  const { seed, runs } = fuzzParameters('random bytes', 400);

  it(`never throws; always a LoadedFile whose diagnostics have documented codes and ranges inside the text (seed ${seed}, ${runs} runs)`, () => {
    // Bytes, and bytes that are nearly YAML: a BOM, YAML punctuation, high bytes, NULs.
    const yamlish = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            ...': - [ ] { } & * ! | > \' " # \n \r\n \t ? , % @ ` id title waves \xef\xbb\xbf \xff\xfe'.split(' ').map((s) => (s === '' ? ' ' : s)),
          ),
          fc.string({ maxLength: 8 }),
        ),
        { maxLength: 80 },
      )
      .map((parts) => Buffer.from(parts.join(''), 'latin1'));
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 2_000 }),
      yamlish,
      fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.concat([Buffer.from([0xff, 0xfe]), b])),
    );
    fc.assert(
      fc.property(fc.constantFrom(...KINDS), bytes, (file, content) => {
        const loaded = loadFile(file, content);
        assert.equal(loaded.file, file);
        assert.ok(Array.isArray(loaded.diagnostics) && Array.isArray(loaded.entities));
        for (const d of loaded.diagnostics) assert.ok(CATALOG_CODES.has(d.code), d.code);
        assertRangesInside(loaded.diagnostics, new Map([[file, loaded.source.text]]));
      }),
      { seed, numRuns: runs },
    );
  });
});

// ---- mutated samples through the whole pipeline -----------------------------------------------

const PUNCTUATION = [':', '-', '[', ']', '{', '}', '&', '*', '!', '|', '>', "'", '"', '#', ': ', '- ', '&a ', '*a', '!!', '<<: *a', '? '];

const mutation = (): fc.Arbitrary<LineMutation> =>
  fc.oneof(
    fc.record({ op: fc.constantFrom('delete' as const, 'duplicate' as const), line: fc.nat() }),
    fc.record({ op: fc.constant('indent' as const), line: fc.nat(), by: fc.constantFrom(2, -2) }),
    fc.record({ op: fc.constant('swap' as const), line: fc.nat(), other: fc.nat() }),
    fc.record({ op: fc.constant('flip' as const), line: fc.nat(), at: fc.nat(), char: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) }),
    fc.record({ op: fc.constant('splice' as const), line: fc.nat(), at: fc.nat(), text: fc.constantFrom(...PUNCTUATION) }),
    fc.record({
      op: fc.constant('value' as const),
      line: fc.nat(),
      value: fc.oneof(
        fc.string({ maxLength: 20 }),
        fc.string({ unit: 'binary', maxLength: 20 }),
        fc.integer().map(String),
        fc.double().map(String),
        fc.constantFrom(
          '2026-02-30',
          '2026-13-01',
          '9999-12-31T23:59',
          '0000-01-01',
          '2026-11-18T24:00',
          '99999999d',
          '0m',
          '-1d',
          '1e309',
          'NaN',
          '.inf',
          '~',
          'null',
          'yes',
          '[]',
          '{}',
          '""',
          'CVSS:3.1/AV:X',
          'AV:N/AC:L/Au:N/C:C/I:C/A:C',
          'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
          'Mars/Olympus_Mons',
          '__proto__',
          'constructor',
          'toString',
        ),
        fc
          .tuple(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01'), noInvalidDate: true }), fc.constantFrom(10, 16, 19, 24))
          .map(([d, n]) => d.toISOString().slice(0, n)),
      ),
    }),
  );

describe('fuzz: mutated samples through loadFile → assembleModel → evaluate → buildReport → renderers', function () {
  this.timeout(120_000);
  const { seed, runs } = fuzzParameters('mutated samples', 300);
  const samples = path.resolve(__dirname, '../../../../samples');

  it(`never throws; every diagnostic has a documented code and a range inside its file (seed ${seed}, ${runs} runs)`, () => {
    const workspace = readWorkspace(samples).files;
    assert.ok(workspace.length >= 10, 'the samples are there');
    const texts = new Map(workspace.map((f) => [f.file, fs.readFileSync(path.join(samples, f.file), 'utf8')]));
    const names = [...texts.keys()];
    let worst = 0;
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(mutation(), { minLength: 1, maxLength: 5 }), fc.boolean(), (name, mutations, crlf) => {
        let text = mutateLines(texts.get(name)!, mutations);
        if (crlf) text = text.replace(/\n/g, '\r\n');
        const started = process.hrtime.bigint();
        const mutated = loadFile(name, text);
        const files = workspace.map((f) => (f.file === name ? mutated : f));
        const evaluation = evaluate(assembleModel(files), { asOf: AS_OF_MS });
        const report = buildReport(evaluation);
        renderHtml(report);
        renderMarkdown(report);
        renderCsv(report);
        const ms = elapsedMs(started);
        worst = Math.max(worst, ms); // recorded for the summary, never asserted
        for (const d of evaluation.diagnostics) assert.ok(CATALOG_CODES.has(d.code), `${d.code} is not in the catalog`);
        assertRangesInside(evaluation.diagnostics, new Map([...texts, [name, text]]));
      }),
      { seed, numRuns: runs },
    );
    timings.push({ name: 'a mutated sample, whole pipeline', ms: worst });
  });
});

// ---- hostile text in every text field of a plan: the HTML report escapes it -------------------

// Fragments that break HTML when unescaped. Every `<` the generator makes is followed by `zq`, and
// every attribute it tries to open is `onzq`, so the rendered report may contain neither raw.
const HTML_FRAGMENTS = [
  '<zq',
  '<zq>',
  '</zq>',
  '<zqscript>alert(1)</zqscript>',
  '<zqimg src=x onzq=alert(1)>',
  '" onzq="x',
  "' onzq='x",
  '"><zq',
  '&',
  '&lt;',
  '&#60;',
  '>',
  '`',
  'javascript:alert(1)',
  '<!--',
  '-->',
  ']]>',
  '\u0000',
  '\u2028',
  'a',
  ' ',
  '\\',
  '|',
  '*',
];
const htmlText = (): fc.Arbitrary<string> =>
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...HTML_FRAGMENTS),
        fc.string({ maxLength: 4 }).map((s) => s.replace(/</g, '<zq')),
      ),
      { minLength: 1, maxLength: 6 },
    )
    .map((parts) => `x${parts.join('')}`);

const q = (s: string): string => JSON.stringify(s);

describe('fuzz: hostile text in every text field, through the HTML report', function () {
  this.timeout(60_000);
  const { seed, runs } = fuzzParameters('HTML text fields', 150);

  it(`the report contains no unescaped \`<\` or attribute from file values (seed ${seed}, ${runs} runs)`, () => {
    const fields = fc.record({
      name: htmlText(),
      title: htmlText(),
      description: htmlText(),
      vulnId: htmlText(),
      vulnTitle: htmlText(),
      environment: htmlText(),
      evidence: htmlText(),
      wave: htmlText(),
      notes: htmlText(),
      communication: htmlText(),
      step: htmlText(),
      wentWell: htmlText(),
      reason: htmlText(),
      control: htmlText(),
      group: htmlText(),
    });
    fc.assert(
      fc.property(fields, (v) => {
        const files: Record<string, string> = {
          ...BASE,
          'patchops.yaml': SETTINGS.replace('name: Test org', () => `name: ${q(v.name)}`),
          'groups.assets.yaml': `groups:\n  - { id: payroll, title: ${q(v.group)}, impact: high, endpoints: 12 }\n  - { id: pilot, impact: medium, endpoints: 10 }\n`,
          'a.plan.yaml': [
            'id: PLAN-HTML',
            `title: ${q(v.title)}`,
            `description: ${q(v.description)}`,
            'owner: it-ops',
            'validator: infosec',
            'vulnerabilities:',
            `  - { id: ${q(v.vulnId)}, title: ${q(v.vulnTitle)}, severity: high, discovered: 2026-11-18T09:00 }`,
            'affects: [payroll, pilot]',
            `testing: { environment: ${q(v.environment)}, status: passed, completed: 2026-11-19T15:00, evidence: ${q(v.evidence)} }`,
            'waves:',
            `  - { name: ${q(v.wave)}, groups: [pilot], status: complete, patched: 10, started: 2026-11-19T18:00, completed: 2026-11-20T10:00, notes: ${q(v.notes)} }`,
            `  - { name: ${q(`${v.wave}2`)}, groups: [payroll], status: in_progress, patched: 3, started: 2026-11-21T09:00 }`,
            `rollback: { decided_by: infosec, executed_by: it-ops, communication: ${q(v.communication)}, steps: [${q(v.step)}] }`,
            `retrospective: { held: 2026-11-22, went_well: [${q(v.wentWell)}], to_improve: [${q(v.wentWell)}] }`,
            '',
          ].join('\n'),
          'e.exception.yaml': [
            'id: EXC-HTML',
            `vulnerabilities: [${q(v.vulnId)}]`,
            'groups: [payroll]',
            'requested_by: alice@example.com',
            'requested_on: 2026-11-20',
            `reason: ${q(v.reason)}`,
            `compensating_controls: [${q(v.control)}]`,
            'revisit_on: 2026-12-01',
            'approval: { approved_by: carol@example.com, approved_on: 2026-11-21 }',
            '',
          ].join('\n'),
        };
        const evaluation = evaluate(assembleModel(Object.entries(files).map(([f, t]) => loadFile(f, t))), { asOf: AS_OF_MS });
        const schemaErrors = evaluation.diagnostics.filter((d) => VALUE_ERRORS.has(d.code));
        assert.deepEqual(
          schemaErrors.map((d) => d.message),
          [],
          'the fields are all valid text',
        );
        const html = renderHtml(buildReport(evaluation));
        assert.ok(html.includes('PLAN-HTML'));
        assert.equal(html.includes('<zq'), false, 'an unescaped `<` from a file value');
        // Inside a tag, with quoted attribute values blanked, no trace of a file value.
        for (const tag of html.match(/<[^>]*>/g) ?? []) {
          assert.equal(/zq/.test(tag.replace(/"[^"]*"|'[^']*'/g, '""')), false, `an attribute or tag from a file value: ${tag}`);
        }
        assert.equal(/href\s*=\s*["']?\s*javascript:/i.test(html), false, 'a javascript: link');
        assert.equal(/<script/i.test(html), false, 'a script element');
      }),
      { seed, numRuns: runs },
    );
  });
});
