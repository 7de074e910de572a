// Node-only: the worker thread of parsePool.ts. It claims batches of files from the shared counter,
// loads each with the core (decode, parse, schema check) and posts back what the main thread
// cannot rebuild cheaply (core/workspace/transfer.ts). Anything it cannot hand over (a refused
// file, one read by the full parser, an exception) it sends as null: the main thread loads that
// file itself, exactly as a single-threaded run would. With `disk` (the editor's scan) it reads
// each file itself, the careful way, and sends its bytes along (the receiver needs the text).
import { workerData } from 'worker_threads';
import { loadFile } from '../core/workspace/load';
import { transferOf, type TransferredFile } from '../core/workspace/transfer';
import type { PoolData } from './parsePool';
import { readWorkspaceFileBytes } from './workspaceBytes';

const { buffers, places, rels, next, batchSize, port, disk } = workerData as PoolData;
const batches = Math.ceil(rels.length / batchSize);

for (let batch = Atomics.add(next, 0, 1); batch < batches; batch = Atomics.add(next, 0, 1)) {
  const files: (TransferredFile | null)[] = [];
  const bytes: (Uint8Array | null)[] = [];
  for (let i = batch * batchSize; i < Math.min(rels.length, (batch + 1) * batchSize); i++) {
    if (disk) {
      const raw = readWorkspaceFileBytes(disk.root, rels[i], undefined, disk.realRoot);
      const loaded = raw.bytes ? loadBytes(rels[i], raw.bytes) : null;
      files.push(loaded);
      bytes.push(loaded && raw.bytes!);
    } else files.push(places[i * 3] < 0 ? null : loadBytes(rels[i], new Uint8Array(buffers[places[i * 3]], places[i * 3 + 1], places[i * 3 + 2])));
  }
  port.postMessage(disk ? { batch, files, bytes } : { batch, files });
  Atomics.add(next, 1, 1);
  Atomics.notify(next, 1);
}
port.close();

function loadBytes(rel: string, bytes: Uint8Array): TransferredFile | null {
  try {
    return transferOf(loadFile(rel, bytes)) ?? null;
  } catch {
    return null;
  }
}
