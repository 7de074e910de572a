// `patchops status --state --tier --owner --group --due-within --sort` on the samples: filters
// combine with AND, an unknown value is an error (not an empty table), and a filtered view says
// that it is one (docs/cli.md#filters-and-sorting).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../support/cli';
import { REPO_ROOT } from '../../support/sharedData';
import { tempDirs } from '../../support/tempDir';

const SAMPLES = path.join(REPO_ROOT, 'samples');
const AS_OF = '2026-11-23T12:00:00Z';
const tempDir = tempDirs('filters');

function status(...flags: string[]): { ids: string[]; stdout: string } {
  const r = runCli(['status', SAMPLES, '--as-of', AS_OF, ...flags]);
  assert.equal(r.code, 0, r.stderr);
  const ids = r.stdout
    .split('\n')
    .filter((l) => /^PLAN-/.test(l))
    .map((l) => l.split(/\s+/)[0]);
  return { ids, stdout: r.stdout };
}

describe('cli: status filters and sorting', () => {
  const cases: [string[], string[]][] = [
    [
      ['--state', 'breached,due-soon'],
      ['PLAN-2026-036', 'PLAN-2026-039'],
    ],
    [
      ['--owner', 'it-ops'],
      ['PLAN-2026-036', 'PLAN-2026-039', 'PLAN-2026-037', 'PLAN-2026-032'],
    ],
    [['--owner', 'it-ops', '--state', 'on-track'], ['PLAN-2026-037']],
    [
      ['--tier', 'critical'],
      ['PLAN-2026-036', 'PLAN-2026-039', 'PLAN-2026-031'],
    ],
    [['--tier', 'none'], ['PLAN-2026-033']],
    [
      ['--group', 'kiosks'],
      ['PLAN-2026-038', 'PLAN-2026-031'],
    ],
    [['--group', 'payroll-servers', '--tier', 'high'], ['PLAN-2026-037']],
    // Open plans due within 3 days, the overdue one and the one whose clock has not started (it may be due soon).
    [
      ['--due-within', '3d'],
      ['PLAN-2026-036', 'PLAN-2026-039', 'PLAN-2026-040', 'PLAN-2026-037'],
    ],
    [
      ['--due-within', '3d', '--sort', 'deadline'],
      ['PLAN-2026-040', 'PLAN-2026-036', 'PLAN-2026-039', 'PLAN-2026-037'],
    ],
    [
      ['--due-within', '5d', '--state', 'on-track', '--sort', 'id'],
      ['PLAN-2026-037', 'PLAN-2026-038'],
    ],
    [
      ['--sort', 'tier'],
      [
        'PLAN-2026-033',
        'PLAN-2026-036',
        'PLAN-2026-039',
        'PLAN-2026-031',
        'PLAN-2026-037',
        'PLAN-2026-038',
        'PLAN-2026-032',
        'PLAN-2026-035',
        'PLAN-2026-040',
        'PLAN-2026-034',
      ],
    ],
    [
      ['--sort', 'id', '--state', 'met,missed,exempt,cancelled'],
      ['PLAN-2026-031', 'PLAN-2026-032', 'PLAN-2026-033', 'PLAN-2026-035'],
    ],
  ];
  for (const [flags, ids] of cases) {
    it(`status ${flags.join(' ')}`, () => {
      assert.deepEqual(status(...flags).ids, ids);
    });
  }

  it('a filtered view says so under the KPIs (which stay the whole workspace’s), and leaves the exceptions out', () => {
    const all = status();
    assert.doesNotMatch(all.stdout, /Filtered/);
    assert.match(all.stdout, /^EXCEPTION /m);
    const { stdout, ids } = status('--state', 'met', '--owner', 'it-ops');
    assert.deepEqual(ids, []);
    assert.match(
      stdout,
      /· 1 breached · 1 due soon\nFiltered \(state met, owner it-ops\): 0 of 10 plans shown; the figures above are the whole workspace's; exceptions not listed\n/,
    );
    assert.doesNotMatch(stdout, /^EXCEPTION /m);
    assert.match(status('--due-within', '24h').stdout, /Filtered \(due within 1d \(overdue and no deadline included\)\): 3 of 10 plans shown/);
  });

  it('an unknown value is an error with the values there are, never an empty list', () => {
    const errors: [string[], string][] = [
      [
        ['--state', 'breached,late'],
        "unknown state 'late' for --state: use breached, unknown, due-soon, awaiting-test, on-track, missed, met, exempt, cancelled, no-deadline, at-risk",
      ],
      [['--tier', 'urgent'], "unknown tier 'urgent' for --tier: use critical, high, medium, low, none"],
      [['--due-within', '7 days'], "--due-within '7 days' is not a duration: use a whole number and m, h, d or w, e.g. 72h, 7d, 2w"],
      [['--sort', 'title'], "unknown --sort 'title': use state, deadline, tier, id"],
      [['--owner', 'it-opps'], "unknown team 'it-opps' for --owner: the teams are it-ops, it-endpoint, infosec"],
      [['--group', 'kiosk'], "unknown asset group 'kiosk' for --group: the groups are "],
      [['--state', 'met', '--format', 'json'], 'status filters and --sort are for the text table; --format json prints every plan'],
    ];
    for (const [flags, message] of errors) {
      const r = runCli(['status', SAMPLES, '--as-of', AS_OF, ...flags]);
      assert.equal(r.code, 2, flags.join(' '));
      assert.equal(r.stdout, '');
      assert.ok(r.stderr.startsWith(`patchops: ${message}`), `${flags.join(' ')}: ${r.stderr}`);
    }
  });

  it('--cache keeps filtered and unfiltered views apart', () => {
    const cache = path.join(tempDir(), 'cache');
    const run = (...flags: string[]) => runCli(['status', SAMPLES, '--as-of', AS_OF, '--cache', '--cache-location', cache, ...flags]).stdout;
    const all = run();
    const breached = run('--state', 'breached');
    assert.notEqual(breached, all);
    assert.equal(run('--state', 'breached'), breached);
    assert.equal(run('--state', 'due-soon').includes('PLAN-2026-039'), true);
    assert.equal(run(), all);
  });
});
