// The command line becomes one tagged union member per command, holding exactly that command's
// options: a command cannot read a flag it does not take, and needs no `!` for one it requires.
import assert from 'node:assert/strict';
import { parseCommandLine, UsageError, type CliArgs } from '../../../src/cli/args';

const run = (argv: string[]): CliArgs => {
  const parsed = parseCommandLine(argv);
  assert.equal(parsed.kind, 'run');
  return (parsed as { args: CliArgs }).args;
};

describe('cli: arguments, a tagged union per command', () => {
  const cases: [string[], CliArgs][] = [
    [['validate'], { command: 'validate', dir: '.', asOf: undefined, format: 'text', failOn: 'error' }],
    [
      ['validate', 'ws', '--format', 'sarif', '--fail-on', 'file', '--as-of', '2026-11-23', '--cache'],
      { command: 'validate', dir: 'ws', asOf: '2026-11-23', format: 'sarif', failOn: 'file', cache: {} },
    ],
    [
      ['status', 'ws', '--cache', '--cache-location', 'c'],
      { command: 'status', dir: 'ws', asOf: undefined, format: 'text', explain: false, cache: { location: 'c' } },
    ],
    [['status', 'ws', '--explain'], { command: 'status', dir: 'ws', asOf: undefined, format: 'text', explain: true }],
    [['report', 'ws'], { command: 'report', dir: 'ws', asOf: undefined, format: 'md' }],
    [['report', 'ws', '--out', 'r.HTM'], { command: 'report', dir: 'ws', asOf: undefined, format: 'html', out: 'r.HTM' }],
    [['report', 'ws', '--out', 'r.txt'], { command: 'report', dir: 'ws', asOf: undefined, format: 'md', out: 'r.txt' }],
    [
      ['import', 'trivy.json', 'ws', '--affects', 'a, b', '--dry-run'],
      { command: 'import', file: 'trivy.json', dir: 'ws', asOf: undefined, format: 'auto', affects: ['a', 'b'], dryRun: true, includeUnfixed: false },
    ],
    [
      ['import', 'r.sarif', '--format', 'sarif', '--include-unfixed'],
      { command: 'import', file: 'r.sarif', dir: '.', asOf: undefined, format: 'sarif', affects: [], dryRun: false, includeUnfixed: true },
    ],
    [['enrich', '--kev', 'kev.json'], { command: 'enrich', dir: '.', kev: 'kev.json', dryRun: false }],
    [['enrich', 'ws', '--kev', 'k', '--epss', 'e.csv.gz'], { command: 'enrich', dir: 'ws', kev: 'k', epss: 'e.csv.gz', dryRun: false }],
    [['export', 'ics', 'ws'], { command: 'export', dir: 'ws', asOf: undefined, format: 'ics' }],
    [['export', 'ws', '--out', 'x.toml', '--cache'], { command: 'export', dir: 'ws', asOf: undefined, format: 'osv-scanner', out: 'x.toml', cache: {} }],
  ];
  for (const [argv, expected] of cases) {
    it(`patchops ${argv.join(' ')}`, () => {
      assert.deepEqual(run(argv), expected);
    });
  }

  it('a flag of another command is refused, not carried along', () => {
    assert.throws(() => run(['status', '--kev', 'k']), new UsageError('--kev is for enrich; see patchops --help'));
    assert.throws(
      () => run(['enrich', '--kev', 'k', '--out', 'x']),
      new UsageError('--out is not an option of enrich: enrich takes --kev, --epss, --vulnrichment, --dry-run'),
    );
    assert.throws(() => run(['report', '--fail-on', 'sla']), new UsageError('--fail-on is for validate; report exits 0 when it ran'));
  });
});
