// `patchops completion bash|zsh|fish`, run in the real shells: each completes the commands, a
// command's options, the values of an option with a fixed list and an argument's fixed words,
// from the command table the parser reads (docs/cli.md#completion). CI installs zsh and fish
// (.ci/run); a shell that is missing fails the test rather than skipping it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { COMMAND_NAMES, COMMAND_TABLE } from '../../../src/cli/commandTable';
import { runCli } from '../../support/cli';
import { tempDirs } from '../../support/tempDir';

const tempDir = tempDirs('completion');

function script(shell: string): string {
  const r = runCli(['completion', shell]);
  assert.equal(r.code, 0, r.stderr);
  const file = path.join(tempDir(), `patchops.${shell}`);
  fs.writeFileSync(file, r.stdout);
  return file;
}

function shellRun(shell: string, args: string[], cwd: string): string {
  const r = spawnSync(shell, args, { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: cwd } });
  assert.equal(r.error, undefined, `${shell} must be installed (apt-get install ${shell})`);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** Completions for a command line ending in `current` (the word being typed), one list per line. */
type Complete = (line: string[]) => string[];

function bash(): Complete {
  const file = script('bash');
  const cwd = tempDir({ 'ws/patchops.yaml': '', 'notes.txt': '' });
  return (line) => {
    const words = line.map((w) => `'${w}'`).join(' ');
    const out = shellRun(
      'bash',
      [
        '--norc',
        '-c',
        `source '${file}'; complete -p patchops; COMP_WORDS=(${words}); COMP_CWORD=${line.length - 1}; _patchops; printf '%s\\n' "\${COMPREPLY[@]}"`,
      ],
      cwd,
    ).split('\n');
    assert.equal(out[0], 'complete -o filenames -F _patchops patchops');
    return out.slice(1).filter(Boolean).sort();
  };
}

function zsh(): Complete {
  const file = script('zsh');
  const cwd = tempDir({ 'ws/patchops.yaml': '' });
  // Outside a completion widget, compadd and _files are stood in for: they print what they would offer.
  const stubs = `compadd() { local a; for a in "$@"; do [[ $a == -- ]] || print -r -- "$a"; done }; _files() { print -r -- "(_files $*)" }; compdef() { print -r -- "(compdef $*)" }`;
  return (line) => {
    const words = line.map((w) => `'${w}'`).join(' ');
    const out = shellRun('zsh', ['-f', '-c', `${stubs}; source '${file}'; words=(${words}); CURRENT=${line.length}; _patchops`], cwd).split('\n');
    assert.equal(out[0], '(compdef _patchops patchops)');
    const offered = out.slice(1).filter(Boolean);
    const current = line[line.length - 1];
    return offered.filter((w) => w.startsWith('(') || w.startsWith(current)).sort();
  };
}

function fish(): Complete {
  const file = script('fish');
  const cwd = tempDir({ 'ws/patchops.yaml': '', 'notes.txt': '' });
  return (line) => {
    const out = shellRun('fish', ['--no-config', '-c', `source '${file}'; complete -C '${line.join(' ')}'`], cwd);
    return out
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split('\t')[0])
      .sort();
  };
}

const shells: [string, () => Complete][] = [
  ['bash', bash],
  ['zsh', zsh],
  ['fish', fish],
];

describe('cli: shell completion', () => {
  for (const [name, make] of shells) {
    it(`${name}: commands, options, option values and argument words, from the table`, () => {
      const complete = make();
      assert.deepEqual(complete(['patchops', 'st']), ['status']);
      assert.deepEqual(
        complete(['patchops', '']).filter((w) => !w.startsWith('-')),
        [...COMMAND_NAMES, 'help'].sort(),
      );
      assert.deepEqual(complete(['patchops', 'status', '--st']), ['--state']);
      assert.deepEqual(complete(['patchops', 'status', '--due']), ['--due-within']);
      assert.deepEqual(complete(['patchops', 'status', '--sort', '']), ['deadline', 'id', 'state', 'tier']);
      assert.deepEqual(complete(['patchops', 'status', '--state', 'due']), ['due-soon']);
      assert.deepEqual(complete(['patchops', 'validate', '--fail-on', '']), ['error', 'file', 'never', 'sla']);
      assert.deepEqual(complete(['patchops', 'init', '--preset', 'fed']), ['fedramp-rev5', 'fedramp-vdr']);
      assert.deepEqual(complete(['patchops', 'completion', '']), ['bash', 'fish', 'zsh']);
      assert.deepEqual(complete(['patchops', 'help', 'val']), ['validate']);
      // Every option of a command, and none of another's.
      const statusOptions = Object.keys(COMMAND_TABLE.status.options).map((o) => `--${o}`);
      const offered = complete(['patchops', 'status', '--']);
      for (const o of statusOptions) assert.ok(offered.includes(o), `${name}: ${o}`);
      assert.ok(!offered.includes('--kev'), `${name}: --kev is enrich's`);
      // Arguments: the first word of new; folders for DIR.
      assert.deepEqual(
        complete(['patchops', 'new', '']).filter((w) => !w.includes('/') && !w.startsWith('(')),
        ['exception', 'plan'],
      );
      const dirs = complete(['patchops', 'validate', 'w']);
      assert.ok(dirs.includes('ws') || dirs.includes('ws/') || dirs.includes('(_files -/)'), `${name}: ${dirs.join(' ')}`);
    });
  }
});
