// Regressions found by the hostile corpus and the fuzzer, each fixed: every test states the
// correct behaviour and fails if its fix is undone.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadFile } from '../../../src/core/workspace/load';
import { runCli } from '../../support/cli';
import { BASE, plan } from '../../support/workspace';
import { watchFs } from './corpus';
import { tempDirs } from '../../support/tempDir';

const AS_OF = ['--as-of', '2026-11-23T12:00:00Z'];

const tempDir = tempDirs('known');

describe('hostile input: regressions', () => {
  it('[src/core/workspace/load.ts entitiesOf] an empty, `~` or comments-only *.assets.yaml makes loadFile throw "Cannot read properties of null (reading \'groups\')"', function () {
    // Repro: loadFile('a.assets.yaml', '') — the CLI shows "cannot read the file: Cannot read
    // properties of null", the extension (patchopsWorkspace.ts calls loadFile directly) throws.
    for (const text of ['', '~\n', '# groups come later\n', '---\n']) {
      const loaded = loadFile('a.assets.yaml', text);
      assert.deepEqual(
        loaded.diagnostics.map((d) => [d.code, d.range.start.line]),
        [['schema', 0]],
        JSON.stringify(text),
      );
      assert.match(loaded.diagnostics[0].message, /must be a mapping of fields; found nothing/);
    }
  });

  it('[src/core/parse/yamlSource.ts] a `%YAML 1.1` directive switches the parser to YAML 1.1: `kev: yes` silently becomes true, dates become objects, `1:20` becomes 80', function () {
    // Repro: loadFile('a.plan.yaml', '%YAML 1.1\n---\n' + a plan with `kev: yes`) → kev === true, no diagnostic.
    const text = '%YAML 1.1\n---\n' + plan({ vulns: '  - { id: CVE-2026-0001, severity: low, kev: yes, discovered: 2026-11-18T09:00 }' });
    const loaded = loadFile('a.plan.yaml', text);
    const kev = (loaded.source.value as { vulnerabilities?: { kev?: unknown }[] } | undefined)?.vulnerabilities?.[0]?.kev;
    assert.notEqual(kev, true, 'YAML is read as 1.2 whatever the file says');
    assert.ok(
      loaded.diagnostics.some((d) => d.code === 'yaml.syntax' || (d.code === 'schema' && /yes/.test(d.message))),
      'the directive or the value is reported',
    );
  });

  it('[src/core/parse/yamlSource.ts, lineIndex.ts] parse-error ranges outside the text: one past the end (`a: "x`), and inside a CRLF pair (`a: [{b]\\r\\nc: 1`)', function () {
    const end = loadFile('a.plan.yaml', 'a: "x').diagnostics.find((d) => d.code === 'yaml.syntax')!;
    assert.ok(end.range.end.line === 0 && end.range.end.character <= 5, `ends at ${JSON.stringify(end.range.end)} in a 5-character file`);
    for (const d of loadFile('a.plan.yaml', 'a: [{b]\r\nc: 1\r\n').diagnostics) {
      for (const p of [d.range.start, d.range.end]) assert.ok(p.line !== 0 || p.character <= 7, `${JSON.stringify(p)} is past the 7 characters of line 1`);
    }
  });

  it('[src/core/parse/decode.ts firstInvalidUtf8] an overlong or surrogate UTF-8 sequence is reported at the end of the file, not at its byte', function () {
    // Repro: bytes 'id: X\ntitle: ' C0 AF '\n' → "invalid UTF-8 at byte 16"; the bad byte is 13.
    const loaded = loadFile('a.plan.yaml', Buffer.concat([Buffer.from('id: X\ntitle: '), Buffer.from([0xc0, 0xaf]), Buffer.from('\n')]));
    assert.match(loaded.diagnostics[0].message, /invalid UTF-8 at byte 13/);
    const cesu = loadFile('a.plan.yaml', Buffer.concat([Buffer.from('id: X\ntitle: '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('\n')]));
    assert.match(cesu.diagnostics[0].message, /invalid UTF-8 at byte 13/);
  });

  it('[src/core/schema/schemaDiagnostics.ts] an unknown 1 MB key puts the whole key in the message (1 MB lines in the terminal, SARIF and editor)', function () {
    // In a flow mapping: YAML allows a block mapping key 1024 characters only.
    const loaded = loadFile('a.plan.yaml', plan({ testing: `testing: { status: passed, completed: 2026-11-19T15:00, ${'k'.repeat(1024 * 1024)}: 1 }` }));
    const d = loaded.diagnostics.find((x) => /unknown field/.test(x.message))!;
    assert.ok(d.message.length < 500, `the message is ${d.message.length} characters; a found value is shortened with … elsewhere`);
  });

  it('[src/node/workspaceFiles.ts] a *.plan.yaml symlink pointing outside the workspace is read, and its content is echoed into diagnostics (CI logs, SARIF)', function () {
    // Decision: a file or folder whose real path is outside the workspace root is not read; it gets
    // one diagnostic instead. A repository is what is reviewed; a link in it must not make CI read
    // (and print, in "found `…`" messages) a runner's secrets such as ../.npmrc or ~/.git-credentials.
    const outside = tempDir({ 'secret.txt': 'TOKEN=hunter2\n' });
    const ws = tempDir({ ...BASE });
    fs.symlinkSync(path.join(outside, 'secret.txt'), path.join(ws, 'leak.plan.yaml'));
    fs.symlinkSync(outside, path.join(ws, 'shared'));
    fs.writeFileSync(path.join(outside, 'other.plan.yaml'), 'id: OTHER\ntitle: TOKEN=hunter3\n');
    const { result, calls } = watchFs(() => runCli(['validate', ws, ...AS_OF, '--format', 'json']));
    assert.doesNotMatch(result.stdout, /hunter[23]/);
    const real = fs.realpathSync(outside);
    assert.deepEqual(
      calls.filter(([name, p]) => name === 'readFileSync' && (fs.realpathSync(p).startsWith(real) || p.startsWith(outside))),
      [],
    );
    const leak = JSON.parse(result.stdout).diagnostics.filter((d: { file: string }) => d.file === 'leak.plan.yaml');
    assert.equal(leak.length, 1);
    assert.match(leak[0].message, /outside the workspace/);
  });

  it('[src/node/workspaceFiles.ts readWorkspaceFile] a symlink to itself gives a message with the absolute path ("ELOOP: … stat \'/tmp/…\'"): output differs per machine and shows its paths', function () {
    const ws = tempDir({ ...BASE });
    fs.symlinkSync('self.plan.yaml', path.join(ws, 'self.plan.yaml'));
    const r = runCli(['validate', ws, ...AS_OF, '--format', 'json']);
    const self = JSON.parse(r.stdout).diagnostics.find((d: { file: string }) => d.file === 'self.plan.yaml');
    assert.doesNotMatch(self.message, new RegExp(ws.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.match(self.message, /^cannot read the file: /);
  });
});
