// Node-only: loading a workspace's files (decode, parse, schema check: core/workspace/load.ts) on
// every core. Synchronous, like the rest of the CLI: the calling thread works too, and never
// waits on a worker.
//
// How: files are cut into batches; every thread (the caller and `jobs - 1` workers,
// parseWorker.ts) claims the next batch from a shared counter, so the work balances itself, and
// reads the batch's files itself (`loadListedFiles`); files read already (`--cache` hashes them
// first: `loadRawFiles`) a worker finds in shared memory where the reader put them, without a
// copy. A worker posts what it loaded as plain data (core/workspace/transfer.ts), which the
// caller takes with `receiveMessageOnPort` between two batches of its own. When no batch is left
// to claim, the caller loads every file still missing itself, in order, taking a worker's answer
// instead whenever one arrives first. So a worker that is slow, never starts, crashes or throws
// costs time, never a file: the result is the one a single thread computes, in the order of
// `files`, whatever the number of workers and whichever finishes first
// (test/unit/workspace/parsePool.test.ts).
//
// What it costs: a worker's result is copied into the caller's heap, and taking it (structured
// clone, sharing repeated strings again: compactValue.ts, and collecting the copy) costs the
// caller about two thirds of what reading and parsing the file itself would; a worker takes
// ~50 ms to start. So the CLI uses workers only where other cores can do nearly all the loading
// (`defaultJobs`); the editor's scan always does, to keep the extension host free. The bench
// measures one thread and two (README, Performance).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'worker_threads';
import { decodeText } from '../core/parse/decode';
import { loadFile, refusedFile } from '../core/workspace/load';
import { loadedFromTransfer, type TransferredFile } from '../core/workspace/transfer';
import type { LoadedFile } from '../core/model/workspace';
import { DiskText } from './diskText';
import { readListed, Slab, type ListedFile, type ListedWorkspace, type RawFile } from './workspaceBytes';
import { capYoungGeneration, reapplyYoungGenerationCap } from './youngGeneration';

/** What a worker gets (parseWorker.ts). */
export interface PoolData {
  /** Each file's workspace-relative path. */
  rels: string[];
  /** The next batch to claim (shared by every thread). */
  next: Int32Array;
  batchSize: number;
  /** Where the worker posts `{ batch, files }`. */
  port: MessagePort;
  /** The bytes read already (`--cache` hashed them), in shared memory: no worker gets a copy. */
  shared?: {
    buffers: SharedArrayBuffer[];
    /** File i's bytes: buffers[places[3i]] from places[3i + 1], places[3i + 2] bytes; places[3i] = -1: not the worker's (a refused file). */
    places: Int32Array;
  };
  /**
   * Or not read yet: the worker reads each file below `root` itself and posts its text too (the
   * receiver needs it, and has nothing else), or with `unkeptTexts` only the text's length and
   * hash (the receiver reads it again when needed: diskText.ts). `realFolders[i]`: file i's folder
   * as the listing checked it, for the cheaper read (workspaceBytes.ts); absent, the careful read.
   */
  disk?: { root: string; realRoot: string | undefined; realFolders?: (string | undefined)[]; unkeptTexts?: boolean };
}

/** What a worker posts instead of a text the receiver does not keep. */
export interface TextMark {
  length: number;
  hash: number;
}

/** What a worker posts: the files of one batch it loaded (null: left to the caller), and with `disk` their texts. */
interface Answer {
  batch: number;
  files: (TransferredFile | null)[];
  texts?: (string | TextMark | null)[];
}

/**
 * Below this many files one thread is about as fast or faster: starting a worker (~50 ms) and
 * taking its results cost about what it saves (estimated from the CPU time of the 1,000- and
 * 10,000-plan bench workspaces on one and two threads; see README, Performance).
 */
const PARALLEL_FROM = 2000;
/** Beyond this the caller, which takes every worker's results, is the bottleneck. */
const MAX_JOBS = 4;
const BATCH_SIZE = 32;
/** How long no answer from the workers means they are stuck or gone: the caller then loads what is missing. */
const QUIET_MS = 20_000;
const WORKER_SCRIPT = path.join(__dirname, 'parseWorker.js');
/**
 * A worker's heap holds one batch at a time; a file too large for it fails the worker alone (the
 * caller then loads that file). Its stack is half of the calling thread's (V8's default, ~1 MB):
 * a file that nests too deep for it is left to the caller (parseWorker.ts), so what a worker
 * answers never depends on having had more stack than a single-threaded run has.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 256, stackSizeMb: 0.5 };

/**
 * How many threads the CLI loads `fileCount` files on by default (the calling thread included).
 * Taking a worker's answer costs the calling thread about two thirds of what reading and parsing
 * the file itself does (the copy, sharing its strings again, collecting it): with one other core
 * a worker saves nothing (measured at 10,000 plans on 2 cores, the two taking turns: 1.02 s on one
 * thread, 1.03 s on two, with 28 MB more memory). From two other cores on, the workers load nearly
 * everything and the calling thread mostly takes; one thread per core then, at most MAX_JOBS.
 */
export function defaultJobs(fileCount: number, cores = os.availableParallelism()): number {
  return fileCount < PARALLEL_FROM || cores < 3 ? 1 : Math.min(cores, MAX_JOBS);
}

/**
 * How many workers the editor's first scan starts for `fileCount` files (`loadFromDiskInWorkers`;
 * 0: none, the extension host reads them in slices). One core is left to the extension host, which
 * takes their answers, and whose garbage collector needs a core of its own for its helpers: with
 * every core parsing, its pauses grew to 70-90 ms in one task (10,000 plans on 2 cores).
 */
export function scanWorkers(fileCount: number, cores = os.availableParallelism()): number {
  return fileCount < PARALLEL_FROM ? 0 : Math.max(1, Math.min(cores - 1, MAX_JOBS));
}

/** Load one file as read by `readWorkspaceBytes`; a refused one becomes its diagnostic. */
export function loadRawFile(raw: RawFile): LoadedFile {
  return raw.refused !== undefined ? refusedFile(raw.rel, raw.refused) : loadFile(raw.rel, raw.bytes);
}

/** Tests only: another worker script (one that crashes), and what the workers did. */
export interface PoolOptions {
  workerScript?: string;
  /** false: this thread claims no batch and waits for the workers' answers (loading what they leave out). */
  callerLoads?: boolean;
  /** With `callerLoads: false`: how long no answer means the workers are gone (default 20 s). */
  quietMs?: number;
  /** Filled in: how many files a worker's answer gave. */
  counts?: { fromWorkers: number };
}

/**
 * Every file loaded, in the order given, on `jobs` threads (this one included), from bytes read
 * already (the workers read them in shared memory). Without the worker's script (a bundle
 * without it) it loads on this thread alone.
 */
export function loadRawFiles(files: readonly RawFile[], jobs: number, options: PoolOptions = {}): LoadedFile[] {
  return loadOnThreads(
    files.map((f) => f.rel),
    jobs,
    options,
    {
      loadHere: (i) => loadRawFile(files[i]),
      workerSource: () => ({ shared: sharedBytes(files) }),
      textOf: (i) => {
        const decoded = decodeText(files[i].bytes!);
        return decoded.ok ? decoded.text : undefined;
      },
    },
  );
}

/**
 * The same for a workspace listed but not read: each thread reads the files it loads, so the
 * reading is shared too and no file's bytes outlive its parsing (a worker sends its text along).
 */
export function loadListedFiles(workspace: ListedWorkspace, jobs: number, options: PoolOptions = {}): LoadedFile[] {
  const { root, realRoot, files } = workspace;
  const slab = new Slab(false);
  return loadOnThreads(
    files.map((f) => f.rel),
    jobs,
    options,
    {
      loadHere: (i) => loadRawFile(readListed(root, realRoot, files[i], slab)),
      workerSource: () => ({ disk: diskOf(root, realRoot, files) }),
      textOf: (_, answered) => (typeof answered === 'string' ? answered : undefined),
    },
  );
}

/** How the threads of one load find a file's bytes. */
interface FileSource {
  /** This thread loads file i (reading it first if need be). */
  loadHere(i: number): LoadedFile;
  /** Where the workers find the bytes. */
  workerSource(): Pick<PoolData, 'shared' | 'disk'>;
  /** File i's text, for a worker's answer (with the text it sent, if any); undefined: this thread loads it. */
  textOf(i: number, answered: string | TextMark | null | undefined): string | undefined;
}

function loadOnThreads(rels: readonly string[], jobs: number, options: PoolOptions, source: FileSource): LoadedFile[] {
  const workerScript = options.workerScript ?? WORKER_SCRIPT;
  const count = rels.length;
  const batches = Math.ceil(count / BATCH_SIZE);
  const workerCount = Math.min(jobs - 1, batches - (options.callerLoads === false ? 0 : 1));
  const loaded = new Array<LoadedFile | undefined>(count);
  if (workerCount < 1 || !fs.existsSync(workerScript)) {
    // A file that nests too deep says where the stack ran out, so every file this thread loads is
    // loaded from this very frame, with or without workers: the same answer for any thread count.
    for (let i = 0; i < count; i++) {
      loaded[i] = source.loadHere(i);
      capYoungGeneration();
    }
    return loaded as LoadedFile[];
  }

  // [0]: the next batch to claim; [1]: answers posted (a worker counts up and notifies).
  const next = new Int32Array(new SharedArrayBuffer(8));
  const where = source.workerSource();
  const ports: MessagePort[] = [];
  const workers: Worker[] = [];
  for (let w = 0; w < workerCount; w++) {
    const { port1, port2 } = new MessageChannel();
    const data: PoolData = { ...where, rels: [...rels], next, batchSize: BATCH_SIZE, port: port2 };
    try {
      const worker = startWorker(workerScript, data);
      worker.unref();
      workers.push(worker);
      ports.push(port1);
    } catch {
      port1.close();
    }
  }

  const take = (message: Answer) => {
    message.files.forEach((t, k) => {
      const i = message.batch * BATCH_SIZE + k;
      if (t === null || k >= BATCH_SIZE || !(i < count) || loaded[i] !== undefined) return; // null: loaded by this thread below
      const text = source.textOf(i, message.texts?.[k]);
      if (text === undefined) return;
      loaded[i] = loadedFromTransfer(t, text);
      if (options.counts) options.counts.fromWorkers++;
    });
  };
  const receive = () => {
    for (const port of ports) for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) take(m.message as Answer);
  };
  try {
    if (options.callerLoads === false) awaitAnswers(next, batches, options.quietMs ?? QUIET_MS, receive);
    for (let batch = Atomics.add(next, 0, 1); batch < batches; batch = Atomics.add(next, 0, 1)) {
      receive();
      for (let i = batch * BATCH_SIZE; i < Math.min(count, (batch + 1) * BATCH_SIZE); i++) {
        loaded[i] = source.loadHere(i);
        capYoungGeneration();
      }
    }
    // Every batch is claimed: load what the workers have not answered yet, unless they answer first.
    for (let i = 0; i < count; i++) {
      if (loaded[i] !== undefined) continue;
      receive();
      loaded[i] ??= source.loadHere(i);
      capYoungGeneration();
    }
  } finally {
    for (const worker of workers) void worker.terminate();
    for (const port of ports) port.close();
  }
  return loaded as LoadedFile[];
}

/**
 * The editor's scan of a local folder: `jobs` workers read and load the PatchOps files `files` (as
 * listed: `findListedFiles`, each opened in the folder the listing checked), off the calling
 * thread, which only rebuilds each answer (a few ms a batch) and hands it to `onLoaded` as it
 * arrives, in whatever order. Resolves to the indexes of the files no worker answered (refused,
 * read by the full parser, or a worker failed or went quiet for `quietMs`): the caller loads
 * those itself, as it would without workers. Never rejects, never hangs.
 *
 * The answers are taken off the ports inside `timed`, never by a 'message' listener: taking one
 * is where it is copied into this thread's heap, so that work is part of the caller's timed
 * tasks (how long they run, and the young generation they may grow: youngGeneration.ts).
 */
export function loadFromDiskInWorkers(
  root: string,
  realRoot: string | undefined,
  files: readonly ListedFile[],
  jobs: number,
  onLoaded: (index: number, loaded: LoadedFile) => void,
  {
    workerScript = WORKER_SCRIPT,
    timed = (work: () => void) => work(),
    quietMs = QUIET_MS,
  }: { workerScript?: string; timed?: (work: () => void) => void; quietMs?: number } = {},
): Promise<number[]> {
  const rels = files.map((f) => f.rel);
  const batches = Math.ceil(rels.length / BATCH_SIZE);
  const answered = new Array<boolean>(rels.length).fill(false);
  // A plain loop: it runs in the extension host's last task of the scan, over every file.
  const missing = () => {
    const left: number[] = [];
    for (let i = 0; i < rels.length; i++) if (!answered[i]) left.push(i);
    return left;
  };
  const workerCount = Math.min(jobs, batches);
  if (workerCount < 1 || !fs.existsSync(workerScript)) return Promise.resolve(missing());
  // [0]: the next batch to claim; [1]: answers posted (a worker counts up and notifies).
  const next = new Int32Array(new SharedArrayBuffer(8));
  return new Promise((resolve) => {
    let answers = 0;
    let done = false;
    const workers: Worker[] = [];
    const ports = new Set<MessagePort>();
    const finish = () => {
      if (done) return;
      done = true;
      for (const worker of workers) void worker.terminate();
      for (const port of ports) port.close();
      resolve(missing());
    };
    let heard = performance.now();
    const takeNow = (message: Answer) => {
      answers++;
      heard = performance.now();
      message.files.forEach((t, k) => {
        const i = message.batch * BATCH_SIZE + k;
        const mark = message.texts?.[k];
        if (t === null || !isTextMark(mark) || k >= BATCH_SIZE || !(i < rels.length) || answered[i]) return;
        answered[i] = true;
        onLoaded(i, loadedFromTransfer(t, new DiskText(root, realRoot, files[i], mark.length, mark.hash)));
      });
    };
    /** Takes what waits on `port` until `deadline`; whether anything may be left. */
    const drain = (port: MessagePort, deadline: number): boolean => {
      for (let m = receiveMessageOnPort(port); m; m = receiveMessageOnPort(port)) {
        takeNow(m.message as Answer);
        if (performance.now() >= deadline) return true;
      }
      return false;
    };
    // One task takes answers for a few ms, then hands the thread back until the next answer.
    const pump = async () => {
      while (!done) {
        const seen = Atomics.load(next, 1);
        let more = false;
        timed(() => {
          const deadline = performance.now() + TAKE_SLICE_MS;
          for (const port of ports) more = drain(port, deadline) || more;
        });
        // Every batch answered; or none for quietMs (a worker stuck on a file): what is missing is the caller's.
        if (answers >= batches || performance.now() - heard > quietMs) return finish();
        if (more) await new Promise((resolve) => setImmediate(resolve));
        else await answerAfter(next, seen);
      }
    };
    // The texts stay on disk: read again for the few ranges and edits that need one (fastSource.ts).
    const disk = { ...diskOf(root, realRoot, files), unkeptTexts: true };
    for (let w = 0; w < workerCount; w++) {
      const { port1, port2 } = new MessageChannel();
      const data: PoolData = { rels, next, batchSize: BATCH_SIZE, port: port2, disk };
      try {
        const worker = startWorker(workerScript, data);
        workers.push(worker);
        ports.add(port1);
        // A worker gone before every batch was answered (it failed): what is missing is the caller's.
        worker.on('exit', () => {
          if (done) return;
          timed(() => void drain(port1, Infinity)); // its last answers may still wait there
          ports.delete(port1);
          port1.close();
          if (ports.size === 0 || answers >= batches) finish();
        });
      } catch {
        port1.close();
      }
    }
    if (ports.size === 0) finish();
    else void pump();
  });
}

function isTextMark(mark: unknown): mark is TextMark {
  const m = mark as TextMark | null | undefined;
  return typeof m === 'object' && m !== null && Number.isInteger(m.length) && Number.isInteger(m.hash);
}

/** How long one task of the editor's scan takes answers before it hands the thread back. */
const TAKE_SLICE_MS = 8;
/** How long to wait for an answer before looking again (a worker that failed is noticed by its exit). */
const ANSWER_POLL_MS = 200;

/** Resolves once the answers posted differ from `seen`, or after ANSWER_POLL_MS. */
function answerAfter(next: Int32Array, seen: number): Promise<string> {
  // Atomics.waitAsync is ES2024 (in every Node PatchOps runs on); the project's lib is ES2022.
  const atomics = Atomics as unknown as { waitAsync(a: Int32Array, i: number, v: number, ms: number): { value: Promise<string> | string } };
  return Promise.resolve(atomics.waitAsync(next, 1, seen, ANSWER_POLL_MS).value);
}

/**
 * A worker loading the files `data` says (parseWorker.ts). It prints nothing into the caller's
 * output; an error in it is noticed by the answers it does not send, whose files the caller loads.
 */
function startWorker(script: string, data: PoolData): Worker {
  const worker = new Worker(script, { workerData: data, transferList: [data.port], execArgv: [], stdout: true, stderr: true, resourceLimits: WORKER_LIMITS });
  worker.on('error', () => undefined);
  worker.once('online', reapplyYoungGenerationCap);
  return worker;
}

/** Where the workers read a listed workspace's files: each in the folder the listing checked (workspaceBytes.ts). */
function diskOf(root: string, realRoot: string | undefined, files: readonly ListedFile[]): NonNullable<PoolData['disk']> {
  return { root, realRoot, realFolders: files.map((f) => f.realFolder) };
}

/**
 * Tests only (`callerLoads: false`): wait until the workers answered every batch, or until none
 * answered for a while (a worker that crashed): then the caller loads what is missing.
 */
function awaitAnswers(next: Int32Array, batches: number, quietMs: number, receive: () => void): void {
  for (let seen = Atomics.load(next, 1); seen < batches; seen = Atomics.load(next, 1)) {
    if (Atomics.wait(next, 1, seen, quietMs) === 'timed-out') break;
    receive();
  }
  receive();
}

/** Where each file's bytes are in shared memory: where the reader put them, else (a file read on its own) in one copy. */
function sharedBytes(files: readonly RawFile[]): NonNullable<PoolData['shared']> {
  const buffers: SharedArrayBuffer[] = [];
  const indexOf = new Map<SharedArrayBuffer, number>();
  const places = new Int32Array(files.length * 3).fill(-1);
  const unshared = files.filter((f) => f.bytes && !(f.bytes.buffer instanceof SharedArrayBuffer));
  const copy = new Uint8Array(new SharedArrayBuffer(unshared.reduce((n, f) => n + f.bytes!.length, 0)));
  let copied = 0;
  files.forEach((f, i) => {
    if (!f.bytes) return;
    let buffer = f.bytes.buffer;
    let offset = f.bytes.byteOffset;
    if (!(buffer instanceof SharedArrayBuffer)) {
      copy.set(f.bytes, copied);
      [buffer, offset] = [copy.buffer, copied];
      copied += f.bytes.length;
    }
    let index = indexOf.get(buffer);
    if (index === undefined) indexOf.set(buffer, (index = buffers.push(buffer) - 1));
    places.set([index, offset, f.bytes.length], i * 3);
  });
  return { buffers, places };
}
