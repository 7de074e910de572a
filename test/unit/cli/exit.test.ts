// The CLI ends its process itself once its output is handed over (main.ts `exitOnceWritten`): a
// reader that takes its time still gets every byte, and the exit code is the command's.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run } from '../../../src/cli/main';
import { generateWorkspace } from '../../bench/generateWorkspace';

const MAIN = path.resolve(__dirname, '../../../src/cli/main.js');

describe('the CLI process ends once its output is written', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-exit-'));
    generateWorkspace(dir, 2000);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hands a slow reader all of a large output, with the exit code of the same run in-process', async () => {
    const argv = ['validate', dir, '--as-of', '2026-11-23T12:00:00Z', '--format', 'json'];
    let expected = '';
    const code = run(argv, { stdout: { write: (s: string) => (expected += s) }, stderr: { write: () => true }, env: {}, cwd: dir, now: () => 0 });
    // More than the connection to the reader holds (a pipe 64 KB, a socket a few hundred KB), so the
    // process waits on the reader before it may end; and errors among the diagnostics, so that the
    // exit code is not the default 0.
    assert.ok(expected.length > 1024 * 1024, `only ${expected.length} bytes of output`);
    assert.equal(code, 1);

    const child = spawn(process.execPath, [MAIN, ...argv], { stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, PATCHOPS_JOBS: '1' } });
    const chunks: Buffer[] = [];
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    // A reader that does not read for a while: the process cannot have written everything yet.
    child.stdout.pause();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(child.exitCode, null, 'the process ended before its output could have been read');
    child.stdout.resume();
    const status = await closed;
    assert.equal(status, code);
    assert.equal(Buffer.concat(chunks).toString('utf8'), expected);
  });
});
