// A document that does not keep its text (fastSource.ts, UnkeptTextDocument: the editor's first
// scan) must give every range a kept one gives, read its text only when asked, and refuse to hand
// out a text that is no longer the one parsed: edits are made on it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fastSourceOf, parseFast, textHash, type TextSource } from '../../../src/core/parse/fastSource';
import { ZERO_RANGE } from '../../../src/core/model/diagnostic';
import { parsedFrom } from '../../../src/core/model/source';
import { allPaths } from './oneTruth';

const ROOT = path.resolve(__dirname, '../../../..');
const SAMPLES = path.join(ROOT, 'samples');

function sampleFiles(dir = SAMPLES): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sampleFiles(path.join(dir, e.name)) : /\.ya?ml$/.test(e.name) ? [path.join(dir, e.name)] : []));
}

/** A text source over a text that can change, counting its reads. */
class FakeDisk implements TextSource {
  reads = 0;
  readonly length: number;
  readonly hash: number;

  constructor(public now: string | undefined) {
    this.length = now!.length;
    this.hash = textHash(now!);
  }

  read(): string | undefined {
    this.reads++;
    return this.now;
  }
}

/** The fast path's data of `text`, as a worker hands it over (a fresh copy: the receiver compacts it). */
function dataOf(file: string, text: string): Record<string, unknown> {
  const parsed = parseFast(file, text);
  assert.ok(parsed, `${file}: read by the fast path`);
  return structuredClone(parsed.value) as Record<string, unknown>;
}

describe('parse: a document that does not keep its text', () => {
  const files = sampleFiles().map((f) => ({ file: path.relative(ROOT, f), text: fs.readFileSync(f, 'utf8') }));

  it(`gives every range a kept document gives, on every sample file (${files.length}), reading the text only for ranges`, () => {
    let checked = 0;
    for (const { file, text } of files) {
      if (!parseFast(file, text)) continue;
      const kept = fastSourceOf(file, text, dataOf(file, text));
      const disk = new FakeDisk(text);
      const unkept = fastSourceOf(file, disk, dataOf(file, text));
      assert.equal(disk.reads, 0, `${file}: nothing read before a range is asked for`);
      assert.deepEqual(unkept.value, kept.value);
      for (const p of [...allPaths(kept.value), ['no-such-key'], ['waves', 99, 'name']]) {
        for (const part of ['key', 'value'] as const) {
          assert.deepEqual(unkept.rangeOf(p, part), kept.rangeOf(p, part), `${file}: ${part} of ${JSON.stringify(p)}`);
          checked++;
        }
      }
      // One file's ranges come together: its text is read once for all of them.
      assert.equal(disk.reads, 1, `${file}: read once for its ranges`);
      assert.equal(unkept.text, text);
    }
    assert.ok(checked > 1000, `checked ${checked} ranges`);
  });

  it('reads the text again for another document in between (only the last one read is kept)', () => {
    const [a, b] = files.filter((f) => parseFast(f.file, f.text));
    const diskA = new FakeDisk(a.text);
    const diskB = new FakeDisk(b.text);
    const docA = fastSourceOf(a.file, diskA, dataOf(a.file, a.text));
    const docB = fastSourceOf(b.file, diskB, dataOf(b.file, b.text));
    docA.rangeOf(['id']);
    docB.rangeOf(['id']);
    docA.rangeOf(['id']);
    assert.deepEqual([diskA.reads, diskB.reads], [2, 1]);
  });

  it('refuses its text once the file has changed, and still answers ranges, in the file as it now is', () => {
    const { file, text } = files.find((f) => /\.plan\.ya?ml$/.test(f.file) && parseFast(f.file, f.text))!;
    const disk = new FakeDisk(text);
    const doc = fastSourceOf(file, disk, dataOf(file, text));
    assert.ok(parsedFrom(doc, text));
    // Same length, one character changed: the hash tells them apart.
    disk.now = text.replace(/title: ./, (m) => m.slice(0, -1) + (m.endsWith('X') ? 'Y' : 'X'));
    assert.notEqual(disk.now, text);
    assert.ok(!parsedFrom(doc, text), 'parsedFrom says no where the text cannot be had');
    assert.throws(() => doc.text, new RegExp(`${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} has changed on disk since PatchOps read it`));
    disk.now = `# a comment line first\n${text}`;
    assert.throws(() => doc.text, /has changed on disk/);
    const was = fastSourceOf(file, text, dataOf(file, text)).rangeOf(['id'], 'key');
    assert.equal(doc.rangeOf(['id'], 'key').start.line, was.start.line + 1, 'the key as it now stands, one line down');
  });

  it('a file gone: ranges at its start, and no text', () => {
    const { file, text } = files.find((f) => parseFast(f.file, f.text))!;
    const disk = new FakeDisk(text);
    const doc = fastSourceOf(file, disk, dataOf(file, text));
    disk.now = undefined;
    assert.deepEqual(doc.rangeOf(['id']), ZERO_RANGE);
    assert.throws(() => doc.text, /has changed on disk/);
  });
});
