// `patchops COMMAND --help` and `patchops help COMMAND`: each command's usage, every option it
// takes with one line, and examples that parse; "did you mean" for a mistyped command or option
// (docs/cli.md#help). All made from the command table the parser reads.
import assert from 'node:assert/strict';
import { parseCommandLine } from '../../../src/cli/args';
import { COMMAND_NAMES, COMMAND_TABLE, OPTIONS } from '../../../src/cli/commandTable';
import { runCli } from '../../support/cli';

/** An example's words as a shell would pass them (quotes joined; a redirection or a pipe ends it). */
function words(example: string): string[] {
  const out: string[] = [];
  for (const m of example.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (m[2] !== undefined && /^(>|<|\||2>)/.test(m[2])) break;
    out.push(m[1] ?? m[2]);
  }
  return out;
}

describe('cli: help per command', () => {
  for (const command of COMMAND_NAMES) {
    it(`${command}: usage, each of its options, examples that parse; \`help ${command}\` prints the same`, () => {
      const r = runCli([command, '--help']);
      assert.equal(r.code, 0);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, new RegExp(`^patchops ${command} — [^]+?\\n\\nUsage:\\n  patchops ${command} `));
      for (const option of Object.keys(COMMAND_TABLE[command].options)) {
        assert.match(r.stdout, new RegExp(`^  (-\\w, )?--${option}\\b[^\\n]*( {2}\\S|\\n {18}\\S)`, 'm'), `--${option} has its line`);
      }
      assert.match(r.stdout, /^ {2}-h, --help +show this command's help$/m);
      const examples = /\nExamples:\n((?: {2}.+\n)+)$/.exec(r.stdout);
      assert.ok(examples, 'an Examples section ends the help');
      const lines = examples[1].trimEnd().split('\n');
      assert.ok(lines.length >= 1 && lines.length <= 3);
      for (const line of lines) {
        const argv = words(
          line
            .trim()
            .replace(/^source <\(/, '')
            .replace(/\)$/, ''),
        ).slice(1);
        const parsed = parseCommandLine(argv);
        assert.equal(parsed.kind, 'run', line);
        assert.equal(parsed.kind === 'run' && parsed.args.command, command, line);
      }
      assert.equal(runCli(['help', command]).stdout, r.stdout);
      for (const line of r.stdout.split('\n')) assert.ok(line.length <= 82, `no line longer than 82 columns: ${line}`);
    });
  }

  it('the general help names every command, and says where the per-command help is', () => {
    const r = runCli(['--help']);
    for (const command of COMMAND_NAMES) assert.match(r.stdout, new RegExp(`^  patchops ${command} `, 'm'));
    assert.match(r.stdout, /patchops help {5}COMMAND {5}\(or COMMAND --help\)/);
  });

  it('every option the parser knows is in some command’s table entry (or is --help/--version)', () => {
    const listed = new Set(COMMAND_NAMES.flatMap((c) => Object.keys(COMMAND_TABLE[c].options)));
    for (const option of Object.keys(OPTIONS)) assert.ok(listed.has(option) || option === 'help' || option === 'version', `--${option}`);
  });

  it('a flag the command does not take: exit 2, naming what it takes', () => {
    const r = runCli(['new', 'plan', '--as-of', '2026-11-23']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'patchops: --as-of is not an option of new: new takes --title, --plan\n');
    assert.equal(runCli(['completion', 'bash', '--dry-run']).stderr, 'patchops: --dry-run is not an option of completion: completion takes none\n');
  });
});

describe('cli: did you mean', () => {
  const cases: [string[], string][] = [
    [
      ['stauts'],
      "patchops: unknown command 'stauts': did you mean status? (use validate, status, report, import, enrich, export, init, history, diff, new or completion; see patchops --help)\n",
    ],
    [
      ['valdate', '.'],
      "patchops: unknown command 'valdate': did you mean validate? (use validate, status, report, import, enrich, export, init, history, diff, new or completion; see patchops --help)\n",
    ],
    [['status', '--as-off', '2026-11-23'], "patchops: unknown option '--as-off': did you mean --as-of? (see patchops status --help)\n"],
    [['status', '--sate', 'breached'], "patchops: unknown option '--sate': did you mean --state? (see patchops status --help)\n"],
    [['validate', '--fail_on', 'file'], "patchops: unknown option '--fail_on': did you mean --fail-on? (see patchops validate --help)\n"],
    [['report', '--zzzzzzzz'], "patchops: unknown option '--zzzzzzzz' (see patchops report --help)\n"],
    [
      ['help', 'statsu'],
      "patchops: unknown command 'statsu': did you mean status? (use validate, status, report, import, enrich, export, init, history, diff, new or completion; see patchops --help)\n",
    ],
    [
      ['new', 'plna'],
      "patchops: new needs what to create: patchops new plan [DIR] [--title TEXT], or patchops new exception [DIR] --plan ID ('plna': did you mean plan?)\n",
    ],
  ];
  for (const [argv, stderr] of cases) {
    it(`patchops ${argv.join(' ')}`, () => {
      const r = runCli(argv);
      assert.equal(r.code, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, stderr);
    });
  }
});
