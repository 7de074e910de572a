// The hostile corpus: files that arrive half-written, huge, malformed or malicious, each with the
// protection that must hold and the diagnostic that proves it. corpus.test.ts runs one test per
// case; fuzz.test.ts mutates the samples at random. docs/hostile-input.md sums it up.
//
// Every case names the protection it guards (`guards`): removing that protection makes the case's
// test fail — by a missing diagnostic, a thrown error, or a hang that runs into the test's timeout.
// No test asserts how long a case takes (a busy machine stretches any run): the times are recorded
// for the summary line, and `npm run bench` measures the slowest cases (its hostile rows).
import fsModule = require('node:fs');
import { evaluate } from '../../../src/core/evaluate';
import { renderExport, EXPORT_FORMATS } from '../../../src/core/export';
import type { Diagnostic, DiagnosticCode } from '../../../src/core/model/diagnostic';
import { DIAGNOSTIC_CODE_LIST } from '../../../src/core/model/diagnosticCodes';
import type { Evaluation } from '../../../src/core/model/evaluation';
import { renderCsv } from '../../../src/core/report/csv';
import { renderHtml } from '../../../src/core/report/html';
import { renderMarkdown } from '../../../src/core/report/markdown';
import { buildReport } from '../../../src/core/report/reportJson';
import { renderSarif } from '../../../src/core/report/sarif';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { styleFor } from '../../../src/cli/terminal';
import { diagnosticsText, statusText } from '../../../src/cli/textOutput';
import { BASE, instant, plan, POLICY, SETTINGS, VECTORS } from '../../support/workspace';
import type { LoadedFile } from '../../../src/core/model/workspace';

export const AS_OF_MS = instant('2026-11-23T12:00:00Z', 'UTC');

/** Every code of the catalog (docs/diagnostics.md explains each): anything else reaching a person is a bug. */
export const CATALOG_CODES: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(DIAGNOSTIC_CODE_LIST);

/** What a case must produce: a diagnostic with this code and message, optionally at a 1-based position. */
export interface Expectation {
  code: DiagnosticCode;
  message: RegExp;
  /** 1-based `line:column` of the start, as the CLI prints it. */
  at?: string;
  severity?: Diagnostic['severity'];
  /** Another file than the case's own (a policy problem reported on the plan it leaves without a deadline). */
  file?: string;
}

export interface FileCase {
  name: string;
  /** The protection this case guards, and where it lives. */
  guards: string;
  /** Workspace-relative name (the kind comes from it). */
  file: string;
  content: () => string | Uint8Array;
  /** Files that replace the base workspace's own (a policy or settings case). */
  base?: Record<string, string>;
  expect: Expectation[];
  /** The file must yield no entity (it was refused, not half-read). */
  refused?: boolean;
}

// ---- builders ---------------------------------------------------------------------------------

/** Billion laughs: 9 levels of 9 aliases each, 9^9 ≈ 387 million values once expanded. */
function billionLaughs(kind: 'seq' | 'map' = 'seq'): string {
  const lines = [
    'id: BOMB',
    'title: bomb',
    kind === 'seq'
      ? 'l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]'
      : 'l0: &l0 {a: lol, b: lol, c: lol, d: lol, e: lol, f: lol, g: lol, h: lol, i: lol}',
  ];
  for (let i = 1; i <= 9; i++) {
    const refs = Array.from({ length: 9 }, (_, k) => (kind === 'seq' ? `*l${i - 1}` : `k${k}: *l${i - 1}`));
    lines.push(kind === 'seq' ? `l${i}: &l${i} [${refs.join(', ')}]` : `l${i}: &l${i} {${refs.join(', ')}}`);
  }
  return lines.join('\n') + '\n';
}

const DEPTH = 20_000;
const deepFlowSeq = (): string => `id: DEEP\ntitle: ${'['.repeat(DEPTH)}${']'.repeat(DEPTH)}\n`;
const deepFlowMap = (): string => `id: DEEP\ntitle: ${'{a: '.repeat(DEPTH)}x${'}'.repeat(DEPTH)}\n`;
/** Block sequences nest on one line (`- - - x`), so 20,000 levels fit in 40 kB. */
const deepBlockSeq = (): string => `id: DEEP\ntitle:\n${'- '.repeat(DEPTH)}x\n`;
/** Block mappings nest by indentation: 3,000 levels already take 4.5 MB (20,000 would be 200 MB, over the size cap). */
const deepBlockMap = (depth = 3_000): string =>
  ['id: DEEP', 'title:', ...Array.from({ length: depth }, (_, i) => `${' '.repeat(i + 1)}a${i === depth - 1 ? ': x' : ':'}`)].join('\n') + '\n';

export const MB = 1024 * 1024;
export const hugePlan = (mb = 30): string => `id: HUGE\ntitle: "${'x'.repeat(mb * MB)}"\n`;

export function utf16(text: string, order: 'le' | 'be', bom = true): Uint8Array {
  const body = Buffer.from(text, 'utf16le');
  if (order === 'be') body.swap16();
  const mark = order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return bom ? Buffer.concat([Buffer.from(mark), body]) : body;
}

const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

const vuln = (extra: string, cvss = VECTORS.critical) => `  - { id: CVE-2026-0001, cvss: "${cvss}", discovered: 2026-11-18T09:00${extra} }`;
const withVuln = (extra: string, cvss?: string) => plan({ id: 'HOSTILE', vulns: vuln(extra, cvss) });

/** 100,000 small vulnerabilities in one plan: about 4.4 MB, under the 5 MB cap. */
export function manyVulnerabilities(count = 100_000): string {
  const lines = ['id: MANY', 'title: A scanner dump', 'owner: it-ops', 'validator: infosec', 'affects: [payroll]', 'vulnerabilities:'];
  for (let i = 0; i < count; i++) lines.push(`  - { id: CVE-2026-${String(i).padStart(6, '0')}, severity: ${i === count - 1 ? 'critical' : 'low'} }`);
  lines.push(
    'testing: { status: passed, completed: 2026-11-19T15:00 }',
    'waves:',
    '  - { name: Pilot, groups: [pilot], status: planned }',
    'rollback: { decided_by: infosec, executed_by: it-ops, communication: Status page }',
  );
  return lines.join('\n') + '\n';
}

const MEDIUM_ON_PILOT = plan({ id: 'CYCLED', vulns: `  - { id: CVE-2026-0001, cvss: "${VECTORS.medium}", discovered: 2026-11-18T09:00 }`, affects: '[pilot]' });

// ---- the cases that are one file each ---------------------------------------------------------

export const FILE_CASES: readonly FileCase[] = [
  {
    name: 'alias bomb (billion laughs, sequences)',
    guards: '`maxAliasCount` passed to toJS in src/core/parse/yamlSource.ts (without it: 387 million values, a hang and out-of-memory)',
    file: 'bomb-seq.plan.yaml',
    content: () => billionLaughs('seq'),
    expect: [{ code: 'yaml.syntax', message: /alias bomb/ }],
    refused: true,
  },
  {
    name: 'alias bomb (billion laughs, mappings)',
    guards: '`maxAliasCount` in src/core/parse/yamlSource.ts',
    file: 'bomb-map.plan.yaml',
    content: () => billionLaughs('map'),
    expect: [{ code: 'yaml.syntax', message: /alias bomb/ }],
    refused: true,
  },
  {
    name: 'nesting 20,000 deep (flow sequences)',
    guards: 'the try/catch around parsing in src/core/parse/yamlSource.ts that turns a stack overflow into "nesting is too deep"',
    file: 'deep-flow-seq.plan.yaml',
    content: deepFlowSeq,
    expect: [{ code: 'yaml.syntax', message: /nesting is too deep/ }],
    refused: true,
  },
  {
    name: 'nesting 20,000 deep (flow mappings)',
    guards: 'the stack-overflow catch in src/core/parse/yamlSource.ts',
    file: 'deep-flow-map.plan.yaml',
    content: deepFlowMap,
    expect: [{ code: 'yaml.syntax', message: /nesting is too deep/ }],
    refused: true,
  },
  {
    name: 'nesting 20,000 deep (block sequences, `- - - x`)',
    guards: 'the stack-overflow catch in src/core/parse/yamlSource.ts',
    file: 'deep-block-seq.plan.yaml',
    content: deepBlockSeq,
    expect: [{ code: 'yaml.syntax', message: /nesting is too deep/ }],
    refused: true,
  },
  {
    name: 'nesting 3,000 deep (block mappings by indentation, 4.5 MB)',
    guards: 'the stack-overflow catch in src/core/parse/yamlSource.ts',
    file: 'deep-block-map.plan.yaml',
    content: () => deepBlockMap(),
    expect: [{ code: 'yaml.syntax', message: /nesting is too deep/ }],
    refused: true,
  },
  {
    name: 'a 30 MB file (text)',
    guards: 'the `maxChars` size cap in src/core/parse/yamlSource.ts (the disk path is in corpus.test.ts)',
    file: 'huge.plan.yaml',
    content: () => hugePlan(30),
    expect: [{ code: 'yaml.syntax', message: /file is too large \(30\.0 MB\): PatchOps reads files up to 5\.0 MB/, at: '1:1' }],
    refused: true,
  },
  {
    name: 'binary content (a PNG header)',
    guards: 'the NUL-byte check in src/core/parse/decode.ts',
    file: 'png.plan.yaml',
    content: () => bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]),
    expect: [{ code: 'yaml.syntax', message: /binary content \(a NUL byte at offset 8\)/, at: '1:1' }],
    refused: true,
  },
  {
    name: 'a NUL byte inside otherwise valid YAML',
    guards: 'the NUL-byte check in src/core/parse/decode.ts',
    file: 'nul.plan.yaml',
    content: () => bytes('id: PLAN-NUL', [0x00], '\ntitle: x\n'),
    expect: [{ code: 'yaml.syntax', message: /binary content \(a NUL byte at offset 12\)/ }],
    refused: true,
  },
  {
    name: 'UTF-16 without a byte-order mark',
    guards: 'the NUL-byte check in src/core/parse/decode.ts (no guessing of encodings)',
    file: 'utf16-nobom.plan.yaml',
    content: () => utf16(plan({ id: 'NOBOM' }), 'le', false),
    expect: [{ code: 'yaml.syntax', message: /binary content \(a NUL byte at offset 1\)/ }],
    refused: true,
  },
  {
    name: 'UTF-16 LE with a BOM holding a broken surrogate pair',
    guards: 'the fatal UTF-16 decoder in src/core/parse/decode.ts',
    file: 'utf16-bad.plan.yaml',
    content: () => bytes([0xff, 0xfe], [0x69, 0x00, 0x64, 0x00, 0x00, 0xd8, 0x41, 0x00]),
    expect: [{ code: 'yaml.syntax', message: /invalid UTF-16LE text/ }],
    refused: true,
  },
  {
    name: 'invalid UTF-8 (a lone continuation byte)',
    guards: 'the fatal UTF-8 decoder in src/core/parse/decode.ts',
    file: 'utf8-cont.plan.yaml',
    content: () => bytes('id: X\ntitle: ', [0x80], '\n'),
    expect: [{ code: 'yaml.syntax', message: /invalid UTF-8 at byte 13: save the file as UTF-8/ }],
    refused: true,
  },
  {
    name: 'invalid UTF-8 (an overlong `/`)',
    guards: 'the fatal UTF-8 decoder in src/core/parse/decode.ts (the exact offset is a known bug: corpus.test.ts)',
    file: 'utf8-overlong.plan.yaml',
    content: () => bytes('id: X\ntitle: ', [0xc0, 0xaf], '\n'),
    expect: [{ code: 'yaml.syntax', message: /invalid UTF-8 at byte \d+: save the file as UTF-8/ }],
    refused: true,
  },
  {
    name: 'invalid UTF-8 (a UTF-16 surrogate encoded as UTF-8, CESU-8)',
    guards: 'the fatal UTF-8 decoder in src/core/parse/decode.ts',
    file: 'utf8-cesu.plan.yaml',
    content: () => bytes('id: X\ntitle: ', [0xed, 0xa0, 0x80], '\n'),
    expect: [{ code: 'yaml.syntax', message: /invalid UTF-8 at byte \d+/ }],
    refused: true,
  },
  {
    name: 'invalid UTF-8 (a sequence cut off at the end of the file)',
    guards: 'the fatal UTF-8 decoder in src/core/parse/decode.ts',
    file: 'utf8-cut.plan.yaml',
    content: () => bytes('id: X\ntitle: ', [0xf0, 0x9f, 0x9b]),
    expect: [{ code: 'yaml.syntax', message: /invalid UTF-8 at byte 13/ }],
    refused: true,
  },
  {
    name: 'Latin-1 text (not UTF-8)',
    guards: 'the fatal UTF-8 decoder in src/core/parse/decode.ts',
    file: 'latin1.plan.yaml',
    content: () => bytes('id: X\ntitle: Caf', [0xe9], ' au lait\n'),
    expect: [{ code: 'yaml.syntax', message: /invalid UTF-8 at byte 16/ }],
    refused: true,
  },
  {
    name: 'duplicate keys (top level and inside a flow mapping)',
    guards: '`uniqueKeys: true` in src/core/parse/yamlSource.ts (without it the last value wins silently)',
    file: 'dupes.plan.yaml',
    content: () =>
      plan({ id: 'DUPES' })
        .replace('title: Test plan', 'title: Test plan\ntitle: Another title')
        .replace('{ name: Pilot, groups: [pilot], status: planned }', '{ name: Pilot, status: planned, status: complete }'),
    expect: [
      { code: 'yaml.syntax', message: /duplicate key/, at: '3:1' },
      { code: 'yaml.syntax', message: /duplicate key/, at: '11:37' },
    ],
    refused: true,
  },
  {
    name: 'YAML 1.1 booleans (`kev: yes`, `on`, `No`)',
    guards:
      'YAML 1.2 parsing (js-yaml CORE_SCHEMA in src/core/parse/fastSource.ts, `version: "1.2"` in yamlSource.ts): under 1.1 these would silently be booleans',
    file: 'yaml11.plan.yaml',
    content: () =>
      plan({
        id: 'YAML11',
        vulns: [vuln(', kev: yes'), '  - { id: CVE-2026-0002, severity: low, kev: on }', '  - { id: CVE-2026-0003, severity: low, kev: No }'].join('\n'),
      }),
    expect: [
      { code: 'schema', message: /`kev` must be true or false; found `yes` \(YAML 1\.2 reads `yes` as text/, at: '6:115' },
      { code: 'schema', message: /found `on`/, at: '7:46' },
      { code: 'schema', message: /found `No`/, at: '8:46' },
    ],
  },
  {
    name: 'impossible dates and times (`2026-02-30`, month 13, 24:30)',
    guards: 'the calendar check of parseInstant in src/core/time/instants.ts',
    file: 'dates.plan.yaml',
    content: () =>
      plan({
        id: 'DATES',
        vulns: '  - { id: CVE-2026-0001, cvss: "' + VECTORS.critical + '", published: 2026-13-01, discovered: 2026-02-30 }',
        testing: 'testing: { status: passed, completed: 2026-11-19T24:30 }',
      }),
    expect: [
      { code: 'date.invalid', message: /`published`: `2026-13-01` is not a real date: there is no month 13 \(months go from 01 to 12\)/ },
      { code: 'date.invalid', message: /`discovered`: `2026-02-30` is not a real date: February 2026 has 28 days/ },
      { code: 'date.invalid', message: /`completed`: `2026-11-19T24:30` is not a real time: hours go from 00 to 23/, at: '8:39' },
    ],
  },
  {
    name: 'an unknown time zone',
    guards: 'the IANA zone check of workspace settings (UTC is used meanwhile, so the plans are still computed)',
    file: 'patchops.yaml',
    content: () => SETTINGS.replace('America/Chicago', 'Mars/Olympus_Mons'),
    expect: [{ code: 'timezone.unknown', message: /unknown time zone `Mars\/Olympus_Mons`: use an IANA name .*\(UTC is used meanwhile\)/, at: '2:11' }],
  },
  {
    name: 'an RRULE that never occurs (February 30)',
    guards: 'the bounded search of src/core/time/cycles.ts (CHECK_YEARS, MAX_STARTS): an unbounded one never returns',
    file: 'standard.sla.yaml',
    content: () => POLICY.replace('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30'),
    base: { 'cycled.plan.yaml': MEDIUM_ON_PILOT },
    expect: [{ code: 'cycle.invalid', message: /rrule `FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30` produces no cycle start in the 100 years after/, at: '12:12' }],
  },
  {
    name: 'an RRULE whose UNTIL ended long ago',
    guards: 'the bounded search of src/core/time/cycles.ts, reported on the plan that has no deadline',
    file: 'standard.sla.yaml',
    content: () => POLICY.replace('FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', 'FREQ=DAILY;UNTIL=20000102T000000'),
    base: { 'cycled.plan.yaml': MEDIUM_ON_PILOT },
    expect: [
      {
        code: 'sla.unknown',
        message: /no deadline: cycle `monthly` .* has no cycle start on or after .*COUNT\/UNTIL ends/,
        file: 'cycled.plan.yaml',
        at: '1:5',
      },
    ],
  },
  {
    name: 'an absurd duration of 14 digits (`99999999999999w`)',
    guards: 'the duration pattern (1–9 digits) in schemas/common.schema.json',
    file: 'standard.sla.yaml',
    content: () => POLICY.replace('warn_before: 24h', 'warn_before: 99999999999999w'),
    expect: [{ code: 'schema', message: /`warn_before` must be a duration, like `72h`.*found `99999999999999w`/, at: '3:14' }],
  },
  {
    name: 'absurd durations that fit the pattern (`99999999d`, `999999999w`, a 99999999d cycle window)',
    guards:
      'MAX_DURATION_MS in src/core/time/durations.ts: without it `99999999d` puts a deadline past the year 275,760, the last a JavaScript Date holds, and every report throws RangeError',
    file: 'standard.sla.yaml',
    content: () =>
      POLICY.replace('critical: { within: 72h }', 'critical: { within: 99999999d }')
        .replace('high: { within: 7d }', 'high: { within: 999999999w }')
        .replace('window: 7d', 'window: 99999999d'),
    base: { 'cycled.plan.yaml': MEDIUM_ON_PILOT, 'critical.plan.yaml': plan({ id: 'CRIT' }) },
    expect: [
      {
        code: 'duration.too-long',
        message: /`within` is not a usable duration: `99999999d` is too large: the longest PatchOps computes with is 3650000d$/,
        at: '6:23',
      },
      { code: 'duration.too-long', message: /`within` is not a usable duration: `999999999w` is too large/, at: '7:19' },
      {
        code: 'sla.unknown',
        message: /no deadline: cycle `monthly` .*`window` must be a duration like `7d` or `72h`, not `99999999d`/,
        file: 'cycled.plan.yaml',
      },
    ],
  },
  {
    name: 'a wave gate soaking for 99999999d',
    guards: 'MAX_DURATION_MS in src/core/time/durations.ts',
    file: 'soak.plan.yaml',
    content: () =>
      plan({
        id: 'SOAK',
        waves:
          'waves:\n  - { name: Pilot, groups: [pilot], status: complete, patched: 10, started: 2026-11-19T18:00, completed: 2026-11-20T10:00, gate: { min_success: 95, soak: 99999999d } }\n  - { name: Org, groups: [payroll], status: in_progress, started: 2026-11-21T09:00 }',
      }),
    expect: [{ code: 'duration.too-long', message: /`soak` is not a usable duration: `99999999d` is too large/ }],
  },
  {
    name: 'a CVSS 2 vector (bare, prefixed and in parentheses)',
    guards: 'the vector pattern in schemas/plan.schema.json and its CVSS 2 hint in the schema messages',
    file: 'cvss2.plan.yaml',
    content: () =>
      plan({
        id: 'CVSS2',
        vulns: [
          '  - { id: CVE-2026-0001, cvss: "AV:N/AC:L/Au:N/C:C/I:C/A:C" }',
          '  - { id: CVE-2026-0002, cvss: "CVSS:2.0/AV:N/AC:L/Au:N/C:C/I:C/A:C" }',
          '  - { id: CVE-2026-0003, cvss: "(AV:N/AC:L/Au:N/C:C/I:C/A:C)" }',
        ].join('\n'),
      }),
    expect: [
      { code: 'schema', message: /CVSS 2 vectors are not supported.*found `AV:N\/AC:L/, at: '6:32' },
      { code: 'schema', message: /CVSS 2 vectors are not supported.*found `CVSS:2\.0/, at: '7:32' },
      { code: 'schema', message: /CVSS 2 vectors are not supported.*found `\(AV:N/, at: '8:32' },
    ],
  },
  {
    name: 'a malformed CVSS 3.1 vector (unknown value)',
    guards: 'the vector check in src/core/risk/cvss.ts',
    file: 'cvss-bad.plan.yaml',
    content: () => withVuln('', 'CVSS:3.1/AV:X/AC:L'),
    expect: [{ code: 'cvss.invalid', message: /`cvss`: `AV:X`: unknown value `X` for `AV` \(Attack Vector\); valid: `N`, `A`, `L`, `P`/, at: '6:32' }],
  },
  {
    name: 'a CVSS 4.0 vector of 10,000 repeated metrics',
    guards: 'the vector check in src/core/risk/cvss.ts (duplicate metrics)',
    file: 'cvss-long.plan.yaml',
    content: () => withVuln('', `CVSS:4.0/${'AV:N/'.repeat(10_000)}AC:L`),
    expect: [{ code: 'cvss.invalid', message: /metric `AV` appears more than once/ }],
  },
  {
    name: 'custom and language tags (`!!python/object/apply`, `!!js/function`, `!<tag:yaml.org,2002:js/undefined>`)',
    guards:
      'the YAML core schema and no custom types (a `!` sends a file from fastSource.ts to yamlSource.ts, which resolves no tags); the marker check is in corpus.test.ts',
    file: 'tags.plan.yaml',
    content: () =>
      plan({ id: 'TAGS' }).replace(
        'title: Test plan',
        'title: !!python/object/apply:os.system ["touch pwned"]\ndescription: !!js/function "function () { return 1 }"\nsla: !<tag:yaml.org,2002:js/undefined> standard',
      ),
    expect: [
      { code: 'yaml.syntax', message: /python\/object\/apply:os\.system.*never executed/, at: '2:8', severity: 'warning' },
      { code: 'yaml.syntax', message: /js\/function.*never executed/, at: '3:14', severity: 'warning' },
      { code: 'yaml.syntax', message: /js\/undefined.*never executed/, at: '4:6', severity: 'warning' },
      { code: 'schema', message: /`title` must be text; found a list/ },
    ],
  },
  {
    name: 'prototype-pollution keys (`__proto__`, `constructor.prototype`)',
    guards: 'the yaml package building plain data with own properties (`__proto__` as a key is data) and the schema forbidding unknown fields',
    file: 'proto.plan.yaml',
    content: () =>
      plan({ id: 'PROTO', extra: '__proto__: { polluted: true, isAdmin: true }\nconstructor: { prototype: { polluted: true } }' }).replace(
        '{ name: Pilot, groups: [pilot], status: planned }',
        '{ name: Pilot, groups: [pilot], status: planned, __proto__: { polluted: true } }',
      ),
    expect: [
      { code: 'schema', message: /unknown field `__proto__`/, at: '5:1' },
      { code: 'schema', message: /unknown field `constructor`/, at: '6:1' },
      { code: 'schema', message: /unknown field `__proto__`/, at: '12:54' },
    ],
  },
  {
    name: 'names that are Object.prototype members (`constructor`, `toString`, `hasOwnProperty`) used as references',
    guards:
      'own-property lookups (Object.hasOwn) of teams and cycles in src/core/rules/policies.ts (teamOf), planReferences.ts and exceptions.ts: without them `owner: constructor` is "a undefined team" and `approvers: [constructor]` crashed evaluate()',
    file: 'names.plan.yaml',
    content: () =>
      plan({ id: 'NAMES', affects: '[constructor, hasOwnProperty]' })
        .replace('owner: it-ops', 'owner: constructor')
        .replace('validator: infosec', 'validator: toString'),
    base: {
      'standard.sla.yaml': POLICY.replace('approvers: [infosec]', 'approvers: [infosec, constructor]').replace(
        'medium: { cycle: monthly }',
        'medium: { cycle: valueOf }',
      ),
      'proto.exception.yaml':
        'id: EXC-PROTO\nvulnerabilities: [CVE-2026-0001]\ngroups: [payroll]\nrequested_by: alice@example.com\nrequested_on: 2026-11-20\nreason: x\nrevisit_on: 2026-12-01\napproval: { approved_by: carol@example.com, approved_on: 2026-11-21 }\n',
    },
    expect: [
      { code: 'ref.unknown', message: /^unknown team `constructor`: the teams in patchops.yaml are it-ops, infosec$/, at: '3:8' },
      { code: 'ref.unknown', message: /^unknown team `toString`/, at: '4:12' },
      { code: 'ref.unknown', message: /unknown asset group `constructor`/ },
      { code: 'ref.unknown', message: /unknown asset group `hasOwnProperty`/ },
    ],
  },
  {
    name: 'an extremely long line (a 4 MB title, under the cap)',
    guards: "linear-time parsing and escaping (a quadratic one runs into the test's timeout; npm run bench measures it)",
    file: 'long-line.plan.yaml',
    content: () => plan({ id: 'LONG' }).replace('title: Test plan', `title: ${'T'.repeat(4 * MB)}`),
    expect: [{ code: 'sla.breached', message: /SLA breached/, at: '1:5' }],
  },
  {
    name: 'an extremely long key (1 MB)',
    guards: 'linear-time parsing and one parser truth: YAML allows an implicit key 1024 characters, so the fast path refuses it as the full parser does',
    file: 'long-key.plan.yaml',
    content: () => plan({ id: 'LONGKEY' }).replace('title: Test plan', `title: Test plan\n${'k'.repeat(MB)}: 1`),
    expect: [{ code: 'yaml.syntax', message: /at most 1024 chars after the start of an implicit block mapping key/, at: '3:1' }],
  },
  {
    name: 'an extremely long key in a flow mapping (1 MB, which YAML allows there)',
    guards: '"did you mean" (edit distance against a 1 MB key must not be quadratic: it would run into the test\'s timeout)',
    file: 'long-flow-key.plan.yaml',
    content: () => plan({ id: 'LONGFLOWKEY', testing: `testing: { status: passed, completed: 2026-11-19T15:00, ${'k'.repeat(MB)}: 1 }` }),
    expect: [{ code: 'schema', message: /^unknown field `kkkk/, at: '8:57' }],
  },
  {
    name: 'an extremely long value in an error message (1 MB)',
    guards: 'the shortened "found" value of schema messages in src/core/schema/schemaDiagnostics.ts',
    file: 'long-value.plan.yaml',
    content: () => plan({ id: 'LONGVALUE', affects: 'k'.repeat(MB) }),
    expect: [{ code: 'schema', message: /^`affects` must be a list; found `k{10,200}…`$/, at: '7:10' }],
  },
  {
    name: 'a file that is only a scalar',
    guards: 'the root-type check of the schemas (`the file` must be a mapping)',
    file: 'scalar.plan.yaml',
    content: () => 'just a string\n',
    expect: [{ code: 'schema', message: /`the file` must be a mapping of fields; found `just a string`/, at: '1:1' }],
  },
  {
    name: 'a file that is only a list',
    guards: 'the root-type check of the schemas',
    file: 'list.plan.yaml',
    content: () => '- id: PLAN-1\n- id: PLAN-2\n',
    expect: [{ code: 'schema', message: /must be a mapping of fields; found a list/, at: '1:1' }],
  },
  {
    name: 'an empty file',
    guards: 'the root-type check of the schemas (an empty document is null, not a crash)',
    file: 'empty.plan.yaml',
    content: () => '',
    expect: [{ code: 'schema', message: /must be a mapping of fields; found nothing/, at: '1:1' }],
  },
  {
    name: 'a file of only comments',
    guards: 'the root-type check of the schemas',
    file: 'comments.plan.yaml',
    content: () => '# TODO: write the plan\n# (nothing yet)\n',
    expect: [{ code: 'schema', message: /must be a mapping of fields; found nothing/, at: '1:1' }],
  },
  {
    name: 'a file of only `---` and `~`',
    guards: 'the root-type check of the schemas',
    file: 'tilde.plan.yaml',
    content: () => '---\n~\n',
    expect: [{ code: 'schema', message: /must be a mapping of fields; found nothing/ }],
  },
  {
    name: 'two YAML documents in one file',
    guards: 'the one-document rule (MULTIPLE_DOCS) in src/core/parse/yamlSource.ts',
    file: 'two-docs.plan.yaml',
    content: () => plan({ id: 'TWO' }) + '---\nid: SECOND\n',
    expect: [{ code: 'yaml.syntax', message: /more than one YAML document/, at: '17:1' }],
    refused: true,
  },
  {
    name: 'a syntax error half-way (a file saved mid-edit)',
    guards: 'parse errors as diagnostics at their position in src/core/parse/yamlSource.ts',
    file: 'half.plan.yaml',
    content: () =>
      plan({ id: 'HALF' })
        .slice(0, plan({ id: 'HALF' }).indexOf('affects') + 12)
        .replace('affects: [pa', 'affects: [pa\n'),
    expect: [{ code: 'yaml.syntax', message: /./ }],
    refused: true,
  },
];

// ---- the pipeline every case goes through -----------------------------------------------------

export interface PipelineResult {
  evaluation: Evaluation;
  /** Milliseconds: load of the hostile file, then everything after it. */
  loadMs: number;
  restMs: number;
}

export function elapsedMs(started: bigint): number {
  return Number(process.hrtime.bigint() - started) / 1e6;
}

/**
 * Loads `hostile` next to the base workspace (plus `base` overrides) and runs everything a user can
 * ask for: evaluation, the report in every format, the exports, the terminal text. Throws what
 * any of them throws.
 */
export function runPipeline(hostile: { file: string; content: string | Uint8Array }[], base: Record<string, string> = {}): PipelineResult {
  const names = new Set(hostile.map((h) => h.file));
  const others = Object.entries({ ...BASE, ...base })
    .filter(([name]) => !names.has(name))
    .map(([name, text]) => loadFile(name, text));
  const started = process.hrtime.bigint();
  const loaded: LoadedFile[] = hostile.map((h) => loadFile(h.file, h.content));
  const loadMs = elapsedMs(started);
  const rest = process.hrtime.bigint();
  const evaluation = evaluate(assembleModel([...others, ...loaded]), { asOf: AS_OF_MS });
  renderAll(evaluation);
  return { evaluation, loadMs, restMs: elapsedMs(rest) };
}

/** Every output a person can get from an evaluation; returns them for checks on their text. */
export function renderAll(evaluation: Evaluation): Record<string, string> {
  const report = buildReport(evaluation);
  const plain = styleFor({ isTTY: false }, {});
  const out: Record<string, string> = {
    json: JSON.stringify(report),
    html: renderHtml(report),
    md: renderMarkdown(report),
    csv: renderCsv(report),
    sarif: renderSarif(evaluation.diagnostics, '0.0.0'),
    status: statusText(evaluation, plain),
    validate: diagnosticsText(evaluation.diagnostics, evaluation.plans.length, plain),
  };
  for (const format of EXPORT_FORMATS) out[format] = renderExport(format, evaluation, { version: '0.0.0' });
  return out;
}

/** `line:column`, 1-based. */
export const at = (d: Diagnostic): string => `${d.range.start.line + 1}:${d.range.start.character + 1}`;

/** A short description of diagnostics for assertion messages (messages cut: some quote 1 MB). */
export function describeDiagnostics(diagnostics: readonly Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${at(d)} ${d.severity} ${d.code} ${d.message.slice(0, 160)}`).join('\n');
}

/** Times seen (recorded, never asserted), for the closing summary line and docs/hostile-input.md. */
export const timings: { name: string; ms: number }[] = [];

// ---- watching the file system -----------------------------------------------------------------

/** The file-system calls that touch a path, as [function, path]. */
export type FsCall = [string, string];

const WATCHED = [
  'readFileSync',
  'openSync',
  'statSync',
  'lstatSync',
  'readdirSync',
  'realpathSync',
  'existsSync',
  'opendirSync',
  'accessSync',
  'createReadStream',
  'readlinkSync',
] as const;

/**
 * Runs `fn` with the synchronous fs functions wrapped so every path they are given is recorded.
 * `onCall` may act between the call being made and it running (to change a file mid-read).
 */
export function watchFs<T>(fn: () => T, onCall?: (name: string, target: string) => void): { result: T; calls: FsCall[] } {
  const calls: FsCall[] = [];
  const fsAny = fsModule as unknown as Record<string, (...args: unknown[]) => unknown>;
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const name of WATCHED) {
    const original = fsAny[name];
    originals.set(name, original);
    const wrapped = function (this: unknown, ...args: unknown[]) {
      const target = args[0];
      if (typeof target === 'string' || target instanceof URL || Buffer.isBuffer(target)) {
        const text = String(target instanceof URL ? target.pathname : target);
        calls.push([name, text]);
        onCall?.(name, text);
      }
      return original.apply(this, args);
    };
    // realpathSync.native and friends stay reachable.
    Object.assign(wrapped, original);
    fsAny[name] = wrapped;
  }
  try {
    return { result: fn(), calls };
  } finally {
    for (const [name, original] of originals) fsAny[name] = original;
  }
}
