// Node-only: the worker thread of parsePool.ts. It claims batches of files from the shared counter,
// loads each with the core (decode, parse, schema check) and posts back what the main thread
// cannot rebuild cheaply (core/workspace/transfer.ts). Anything it cannot hand over (a refused
// file, one read by the full parser, an exception) it sends as null: the main thread loads that
// file itself, exactly as a single-threaded run would. With `disk` it reads each file itself and
// sends its text along (the receiver has nothing else), or only the text's length and hash when
// the receiver does not keep texts.
import { workerData } from 'worker_threads';
import { loadFile } from '../core/workspace/load';
import { textHash } from '../core/parse/fastSource';
import { transferOf, type TransferredFile } from '../core/workspace/transfer';
import type { PoolData, TextMark } from './parsePool';
import { readListed, Slab } from './workspaceBytes';

const { rels, next, batchSize, port, shared, disk } = workerData as PoolData;
const batches = Math.ceil(rels.length / batchSize);
// Each file is decoded before the next is read: one buffer serves them all.
const slab = new Slab(false);

for (let batch = Atomics.add(next, 0, 1); batch < batches; batch = Atomics.add(next, 0, 1)) {
  const files: (TransferredFile | null)[] = [];
  const texts: (string | TextMark | null)[] = [];
  for (let i = batch * batchSize; i < Math.min(rels.length, (batch + 1) * batchSize); i++) {
    if (disk) {
      const raw = readListed(disk.root, disk.realRoot, { rel: rels[i], realFolder: disk.realFolders?.[i] }, slab);
      const loaded = raw.bytes ? transferable(rels[i], raw.bytes) : null;
      files.push(loaded && loaded.transfer);
      texts.push(loaded && (disk.unkeptTexts ? { length: loaded.text.length, hash: textHash(loaded.text) } : loaded.text));
    } else if (shared && shared.places[i * 3] >= 0) {
      const { buffers, places } = shared;
      files.push(transferable(rels[i], new Uint8Array(buffers[places[i * 3]], places[i * 3 + 1], places[i * 3 + 2]))?.transfer ?? null);
    } else files.push(null);
  }
  port.postMessage(disk ? { batch, files, texts } : { batch, files });
  Atomics.add(next, 1, 1);
  Atomics.notify(next, 1);
}
port.close();

function transferable(rel: string, bytes: Uint8Array): { transfer: TransferredFile; text: string } | null {
  try {
    const loaded = loadFile(rel, bytes, { compact: false });
    const transfer = transferOf(loaded);
    return transfer ? { transfer, text: loaded.source.text } : null;
  } catch {
    return null;
  }
}
