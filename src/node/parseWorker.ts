// Node-only: the worker thread of parsePool.ts. It claims batches of files from the shared counter,
// loads each with the core (decode, parse, schema check) and posts back what the main thread
// cannot rebuild cheaply (core/workspace/transfer.ts). Anything it cannot hand over (a refused
// file, one read by the full parser, an exception) it sends as null: the main thread loads that
// file itself, exactly as a single-threaded run would.
import { workerData } from 'worker_threads';
import { loadFile } from '../core/workspace/load';
import { transferOf, type TransferredFile } from '../core/workspace/transfer';
import type { PoolData } from './parsePool';

const { buffers, places, rels, next, batchSize, port } = workerData as PoolData;
const batches = Math.ceil(rels.length / batchSize);

for (let batch = Atomics.add(next, 0, 1); batch < batches; batch = Atomics.add(next, 0, 1)) {
  const files: (TransferredFile | null)[] = [];
  for (let i = batch * batchSize; i < Math.min(rels.length, (batch + 1) * batchSize); i++) files.push(loadOne(i));
  port.postMessage({ batch, files });
  Atomics.add(next, 1, 1);
  Atomics.notify(next, 1);
}
port.close();

function loadOne(i: number): TransferredFile | null {
  if (places[i * 3] < 0) return null;
  try {
    return transferOf(loadFile(rels[i], new Uint8Array(buffers[places[i * 3]], places[i * 3 + 1], places[i * 3 + 2]))) ?? null;
  } catch {
    return null;
  }
}
