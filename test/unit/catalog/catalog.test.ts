// The catalog of diagnostic codes is the one list: the docs have a section per code, the README
// lists exactly its codes, every code the source emits is in it, and SARIF's rules come from it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDeadlineCode } from '../../../src/cli/failOn';
import type { DiagnosticCode } from '../../../src/core/model/diagnostic';
import {
  DIAGNOSTIC_CODE_LIST,
  DIAGNOSTIC_CODES,
  DIAGNOSTICS_DOC,
  defaultSeverity,
  headingAnchor,
  sectionLines,
  type DiagnosticCodeInfo,
} from '../../../src/core/model/diagnosticCodes';
import { renderSarif } from '../../../src/core/report/sarif';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';
import { plan } from '../../support/workspace';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(ROOT, rel), 'utf8');
const info = (code: DiagnosticCode): DiagnosticCodeInfo => DIAGNOSTIC_CODES[code];
const tempDir = tempDirs('catalog');

/** The sections of docs/diagnostics.md: `## heading` → its text up to the next `## `. */
function docSections(markdown: string): Map<string, string> {
  const sections = new Map<string, string>();
  let fence = false;
  let current: { heading: string; lines: string[] } | undefined;
  const close = () => {
    if (current) {
      assert.ok(!sections.has(current.heading), `two sections named ${current.heading}`);
      sections.set(current.heading, current.lines.join('\n'));
    }
  };
  for (const line of markdown.split('\n')) {
    if (/^(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : /^## (.+)$/.exec(line);
    if (heading) {
      close();
      current = { heading: heading[1].trim(), lines: [] };
    } else current?.lines.push(line);
  }
  close();
  return sections;
}

/** What the README's list must be: one row per code, in catalog order, linking to its section. */
function readmeCodeTable(): string {
  const rows = DIAGNOSTIC_CODE_LIST.map((code) => {
    const severity = [info(code).severity].flat().join(' or ');
    return `| [\`${code}\`](${info(code).docs}) | ${severity} | ${info(code).summary.replace(/\|/g, '\\|')} |`;
  });
  return ['| code | severity | what |', '|---|---|---|', ...rows].join('\n');
}

const README_START = '<!-- diagnostic codes: the catalog in src/core/model/diagnosticCodes.ts (test/unit/catalog checks this table) -->';
const README_END = '<!-- end of diagnostic codes -->';

describe('the catalog of diagnostic codes', () => {
  it('each code has a summary, a severity and its docs section, whose anchor is the heading the code makes', () => {
    assert.ok(DIAGNOSTIC_CODE_LIST.length >= 28);
    for (const code of DIAGNOSTIC_CODE_LIST) {
      assert.match(code, /^[a-z]+(\.[a-z]+(-[a-z]+)*)?$/, code);
      assert.match(info(code).summary, /^[A-Z].*\.$/, `${code}: a sentence`);
      assert.equal(info(code).docs, `${DIAGNOSTICS_DOC}#${headingAnchor(code)}`, code);
      const severities = [info(code).severity].flat();
      assert.ok(
        severities.every((s) => ['error', 'warning', 'info'].includes(s)),
        code,
      );
      assert.equal(severities.length > 1, info(code).severityNote !== undefined, `${code}: a second severity says when (severityNote), and only then`);
    }
    assert.equal(headingAnchor('sla.due-soon'), 'sladue-soon');
    assert.equal(headingAnchor('Links to this page'), 'links-to-this-page');
  });

  it('rollback.missing is an error for critical and high tiers, else a warning; yaml.syntax a warning only for a language tag', () => {
    assert.deepEqual(DIAGNOSTIC_CODES['rollback.missing'].severity, ['error', 'warning']);
    assert.match(DIAGNOSTIC_CODES['rollback.missing'].severityNote, /critical- or high-tier/);
    assert.equal(defaultSeverity(DIAGNOSTIC_CODES['yaml.syntax']), 'error');
    assert.equal(defaultSeverity(DIAGNOSTIC_CODES['sla.missed']), 'info');
  });

  it('docs/diagnostics.md has exactly one section per code, in catalog order, each with its severity, a YAML example and the fix', () => {
    const sections = docSections(read(DIAGNOSTICS_DOC));
    const codeSections = [...sections.keys()].filter((h) => /^[a-z][a-z.-]*$/.test(h));
    assert.deepEqual(codeSections, DIAGNOSTIC_CODE_LIST, 'one section per code, headed by the code alone, nothing else headed like a code');
    for (const code of DIAGNOSTIC_CODE_LIST) {
      const text = sections.get(code)!;
      const severity = /^\*\*Severity:\*\* ([^·\n]+)/m.exec(text);
      assert.ok(severity, `${code}: a **Severity:** line`);
      for (const s of [info(code).severity].flat()) assert.match(severity[1], new RegExp(`\\b${s}\\b`), `${code}: the severity says ${s}`);
      assert.match(/```yaml\n([\s\S]*?)\n```/.exec(text)?.[1] ?? '', /\S/, `${code}: a YAML example`);
      assert.match(text, /^\*\*Fix:\*\* \S/m, `${code}: the fix`);
      assert.ok(
        text
          .replace(/```[\s\S]*?```/g, '')
          .trim()
          .split(/\s+/).length > 40,
        `${code}: says what it means and when it applies`,
      );
    }
  });

  it('every link to a section of docs/diagnostics.md, there and in the README, names a section that exists', () => {
    const markdown = read(DIAGNOSTICS_DOC);
    const anchors = new Set([...docSections(markdown).keys()].map(headingAnchor));
    const local = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    const fromReadme = [...read('README.md').matchAll(/\]\(docs\/diagnostics\.md#([^)]+)\)/g)].map((m) => m[1]);
    assert.ok(local.length >= DIAGNOSTIC_CODE_LIST.length && fromReadme.length >= DIAGNOSTIC_CODE_LIST.length);
    for (const anchor of [...local, ...fromReadme]) assert.ok(anchors.has(anchor), `#${anchor} is no heading of ${DIAGNOSTICS_DOC}`);
  });

  it("the editor finds each code's heading line in docs/diagnostics.md (where its link opens the file)", () => {
    const markdown = read(DIAGNOSTICS_DOC);
    const lines = markdown.split('\n');
    const found = sectionLines(markdown);
    assert.deepEqual([...found.keys()], DIAGNOSTIC_CODE_LIST);
    for (const [code, line] of found) assert.equal(lines[line], `## ${code}`);
    // A heading inside a code block is no section.
    assert.deepEqual([...sectionLines('```\n## schema\n```\n\n## sla.breached\n').entries()], [['sla.breached', 4]]);
  });

  it("the README lists exactly the catalog's codes, each linked to its section (the table between the markers is the catalog's)", () => {
    const readme = read('README.md');
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    assert.ok(start >= 0 && end > start, `README.md has the markers ${README_START} … ${README_END}`);
    assert.equal(readme.slice(start + README_START.length, end).trim(), readmeCodeTable(), 'paste the expected table into README.md');
  });

  it('every code the source emits is in the catalog, and every catalog code is emitted somewhere', () => {
    const sources = tsFiles(path.join(ROOT, 'src')).filter((f) => !f.endsWith(path.join('model', 'diagnosticCodes.ts')));
    const emitted = new Map<string, string>();
    // `code: 'x'` in a diagnostic literal, `report(…, 'error', 'x', …)` or `report(…, severity, 'x', …)`,
    // `member ? 'ref.role' : 'ref.unknown'` choices.
    const quoted = `'([a-z]+\\.[a-z-]+|schema)'`;
    const patterns = [
      new RegExp(`\\bcode: ${quoted}`, 'g'),
      new RegExp(`(?:'(?:error|warning|info)'|\\bseverity),\\s*${quoted}`, 'g'),
      new RegExp(`\\?\\s*${quoted}\\s*:\\s*${quoted}`, 'g'),
      // The CLI's one stderr line for a folder without patchops.yaml ends with its code.
      /\[(workspace\.missing)\]`/g,
    ];
    for (const file of sources) {
      const text = fs.readFileSync(file, 'utf8');
      for (const pattern of patterns) {
        for (const m of text.matchAll(pattern)) for (const code of m.slice(1)) emitted.set(code, path.relative(ROOT, file));
      }
    }
    for (const [code, file] of emitted) assert.ok(Object.hasOwn(DIAGNOSTIC_CODES, code), `${file} emits \`${code}\`, which is not in the catalog`);
    const never = DIAGNOSTIC_CODE_LIST.filter((code) => !emitted.has(code));
    assert.deepEqual(never, [], 'codes in the catalog that nothing emits');
    assert.ok(emitted.size >= 25, `the patterns still find the emitting code (${emitted.size} codes)`);
  });

  it('the codes new to the catalog are file errors for --fail-on: only the passing of time brings the deadline codes', () => {
    const deadline = DIAGNOSTIC_CODE_LIST.filter((code) => isDeadlineCode(code));
    assert.deepEqual(deadline, ['sla.breached', 'sla.due-soon', 'sla.missed', 'sla.at-risk', 'exception.expired', 'exception.expiring']);
  });
});

describe('SARIF rules come from the catalog', () => {
  const at = { start: { line: 2, character: 4 }, end: { line: 2, character: 9 } };
  const sarif = JSON.parse(
    renderSarif(
      [
        { file: 'p.plan.yaml', range: at, severity: 'error', code: 'cvss.invalid', message: 'bad vector' },
        { file: 'p.plan.yaml', range: at, severity: 'warning', code: 'rollback.missing', message: 'no rollback' },
      ],
      '1.2.3',
    ),
  );
  const rules = sarif.runs[0].tool.driver.rules as {
    id: DiagnosticCode;
    shortDescription: { text: string };
    defaultConfiguration: { level: string };
    help: { text: string; markdown: string };
    helpUri?: string;
  }[];

  it('each rule: the summary, the default level, and help naming the docs section; no relative helpUri', () => {
    assert.deepEqual(
      rules.map((r) => r.id),
      ['cvss.invalid', 'rollback.missing'],
    );
    for (const rule of rules) {
      assert.equal(rule.shortDescription.text, info(rule.id).summary);
      assert.ok(rule.help.text.includes(info(rule.id).docs), rule.help.text);
      assert.ok(rule.help.markdown.includes(`\`${rule.id}\``) && rule.help.markdown.includes(`\`${DIAGNOSTICS_DOC}\``), rule.help.markdown);
      // SARIF 2.1.0: helpUri is an absolute URI; the project has none to give.
      assert.equal(rule.helpUri, undefined);
    }
    assert.deepEqual(
      rules.map((r) => r.defaultConfiguration.level),
      ['error', 'error'],
    );
    assert.match(rules[1].help.text, /Severity: error or warning: an error for a critical- or high-tier plan/);
    assert.deepEqual(
      sarif.runs[0].results.map((r: { ruleIndex: number; level: string }) => [r.ruleIndex, r.level]),
      [
        [0, 'error'],
        [1, 'warning'],
      ],
    );
  });

  it('a note-level code is a note by default', () => {
    const pending = JSON.parse(renderSarif([{ file: 'e.exception.yaml', range: at, severity: 'info', code: 'exception.pending', message: 'pending' }], '1'));
    assert.equal(pending.runs[0].tool.driver.rules[0].defaultConfiguration.level, 'note');
  });
});

describe('workspace.missing', () => {
  it('the CLI refuses a folder without patchops.yaml with exit 2 and one stderr line that names the code', () => {
    const r = runCli(['validate', tempDir({ 'plans/x.plan.yaml': plan() }), '--as-of', '2026-11-23T12:00:00Z', '--format', 'sarif']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(
      r.stderr,
      /^patchops: no patchops\.yaml in '[^\n]*': a workspace has one at its root \(run patchops in that folder, or name it\) \[workspace\.missing\]\n$/,
    );
  });
});

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return tsFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}
