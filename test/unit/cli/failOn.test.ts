// `validate --fail-on error|file|sla|never`: which error diagnostics make the exit code 1. A
// pull-request check with `--fail-on file` fails on broken files, not because some plan's
// deadline passed; `sla` is the opposite gate; exit 2 still means "could not run".
import assert from 'node:assert/strict';
import { exceptionText } from '../approvals/gitRepo';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';
import { BASE, plan, POLICY, VECTORS } from '../../support/workspace';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];
const tempDir = tempDirs('fail-on');

const LOW = '  - { id: CVE-2026-0002, cvss: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N", discovered: 2026-11-22T09:00 }';
const FINE = { 'plans/fine.plan.yaml': plan({ id: 'FINE', vulns: LOW }) };
/** As of AS_OF the default plan is past its critical-tier deadline: sla.breached. */
const BREACHED = { 'plans/breached.plan.yaml': plan({ id: 'BREACHED' }) };
const SCHEMA = { 'plans/fine.plan.yaml': plan({ id: 'FINE', vulns: LOW, extra: 'bogus: 1' }) };
/** A critical-tier plan without a rollback: rollback.missing is an error, about the file. */
const NO_ROLLBACK = {
  'plans/norollback.plan.yaml': plan({ id: 'NOROLLBACK', rollback: null, testing: 'testing: { status: passed, completed: 2026-11-22T15:00 }' }),
};
/** Approved properly, but its revisit date (2026-11-22) has passed: exception.expired. */
const EXPIRED = {
  'exceptions/e.exception.yaml': exceptionText({ approver: 'carol@example.com', approvedOn: '2026-11-21', revisit: '2026-11-22' }).replace(
    'CVE-2026-0001',
    'CVE-2026-0002',
  ),
};

/** The clock starts at discovery, and no vulnerability says when it was discovered: sla.unknown. */
const NO_DEADLINE = {
  'standard.sla.yaml': POLICY.replace('clock_start: tested', 'clock_start: discovered'),
  'plans/nodeadline.plan.yaml': plan({ id: 'NODEADLINE', vulns: `  - { id: CVE-2026-0009, cvss: "${VECTORS.critical}" }` }),
};

const WORKSPACES: { what: string; files: Record<string, string>; codes: string[]; exit: Record<string, number> }[] = [
  { what: 'no errors', files: FINE, codes: [], exit: { error: 0, file: 0, sla: 0, never: 0 } },
  { what: 'a breached plan only', files: { ...FINE, ...BREACHED }, codes: ['sla.breached'], exit: { error: 1, file: 0, sla: 1, never: 0 } },
  { what: 'an expired exception only', files: { ...FINE, ...EXPIRED }, codes: ['exception.expired'], exit: { error: 1, file: 0, sla: 1, never: 0 } },
  { what: 'a schema error only', files: SCHEMA, codes: ['schema'], exit: { error: 1, file: 1, sla: 0, never: 0 } },
  { what: 'a missing rollback only', files: NO_ROLLBACK, codes: ['rollback.missing'], exit: { error: 1, file: 1, sla: 0, never: 0 } },
  // A plan whose deadline cannot be computed: the files are at fault, and it may be late (fail closed).
  { what: 'a plan with no computable deadline only', files: NO_DEADLINE, codes: ['sla.unknown'], exit: { error: 1, file: 1, sla: 1, never: 0 } },
  { what: 'a schema error and a breach', files: { ...SCHEMA, ...BREACHED }, codes: ['schema', 'sla.breached'], exit: { error: 1, file: 1, sla: 1, never: 0 } },
];

describe('cli: validate --fail-on', () => {
  for (const w of WORKSPACES) {
    it(`${w.what}: exit ${JSON.stringify(w.exit)}`, () => {
      const ws = tempDir({ ...BASE, ...w.files });
      const json = runCli(['validate', ws, ...AS_OF, '--format', 'json']);
      const errors = (JSON.parse(json.stdout).diagnostics as { severity: string; code: string }[]).filter((d) => d.severity === 'error').map((d) => d.code);
      assert.deepEqual(errors.sort(), w.codes, 'the workspace has the errors the case is about');
      for (const [failOn, exit] of Object.entries(w.exit)) {
        for (const format of ['text', 'json', 'sarif']) {
          const r = runCli(['validate', ws, ...AS_OF, '--format', format, '--fail-on', failOn]);
          assert.equal(r.code, exit, `--fail-on ${failOn} --format ${format}`);
          assert.equal(r.stderr, '');
          assert.equal(r.stdout, runCli(['validate', ws, ...AS_OF, '--format', format]).stdout, 'the output does not depend on --fail-on');
        }
      }
      assert.equal(runCli(['validate', ws, ...AS_OF]).code, w.exit.error, 'the default is error');
    });
  }

  it('exit 2 still means it could not run, whatever --fail-on says', () => {
    const r = runCli(['validate', tempDir({ 'plans/x.plan.yaml': plan() }), ...AS_OF, '--fail-on', 'never']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^patchops: no patchops.yaml in /);
  });

  const usage: [string, string[], RegExp][] = [
    ['an unknown value', ['validate', ...AS_OF, '--fail-on', 'warning'], /^patchops: unknown --fail-on 'warning': use error, file, sla, never\n$/],
    ['no value', ['validate', ...AS_OF, '--fail-on'], /^patchops: option '--fail-on' needs a value\n$/],
    ['status', ['status', ...AS_OF, '--fail-on', 'file'], /^patchops: --fail-on is for validate; status exits 0 when it ran\n$/],
    ['report', ['report', ...AS_OF, '--fail-on', 'file'], /^patchops: --fail-on is for validate; report exits 0 when it ran\n$/],
    ['export', ['export', 'ics', ...AS_OF, '--fail-on', 'file'], /^patchops: --fail-on is not an option of export: /],
    ['import', ['import', 'r.json', '--fail-on', 'file'], /^patchops: --fail-on is not an option of import: /],
  ];
  for (const [what, argv, message] of usage) {
    it(`--fail-on with ${what}: a usage error, exit 2, one line`, () => {
      const r = runCli(argv, { cwd: tempDir({ ...BASE, ...FINE }) });
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(r.stdout, '');
    });
  }

  it("--cache keeps each --fail-on apart: a hit never replays another gate's exit code", () => {
    const ws = tempDir({ ...BASE, ...FINE, ...BREACHED });
    const location = tempDir();
    const argv = (failOn: string) => ['validate', ws, ...AS_OF, '--fail-on', failOn, '--cache', '--cache-location', location];
    for (let round = 0; round < 2; round++) {
      assert.equal(runCli(argv('error')).code, 1, `round ${round}`);
      assert.equal(runCli(argv('file')).code, 0, `round ${round}`);
      assert.equal(runCli(argv('sla')).code, 1, `round ${round}`);
      assert.equal(runCli(argv('never')).code, 0, `round ${round}`);
    }
  });

  it('--help names the option and its values', () => {
    assert.match(runCli(['--help']).stdout, /\[--fail-on error\|file\|sla\|never\]/);
  });
});
