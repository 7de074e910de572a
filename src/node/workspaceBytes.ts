// Node-only: find a workspace's files (and its other YAML files, to warn about misnamed ones) and
// read their bytes, parsing nothing (src/node/workspaceFiles.ts parses them). What a `--cache` key
// is computed from; light to load: it needs none of the parser.
import * as fs from 'fs';
import * as path from 'path';
import { promisify } from 'util';
import { DEFAULT_LIMITS, tooLargeMessage } from '../core/parse/sourceDocument';
import { fileKindOf, isCandidateName, isSkippedFolder } from '../core/workspace/fileKinds';
import { capYoungGeneration } from './youngGeneration';

/**
 * One file as read, before parsing: its bytes, or why it was not read (the message its
 * diagnostic will carry). What a cache key hashes; `loadRawFile` parses it.
 */
export type RawFile = { rel: string; bytes: Buffer; refused?: undefined } | { rel: string; refused: string; bytes?: undefined };

/** A workspace read from disk but not parsed: `readWorkspace` is `loadWorkspace(readWorkspaceBytes(root))`. */
export interface RawWorkspace {
  root: string;
  /** The root's real path (undefined when it cannot be resolved). */
  realRoot: string | undefined;
  hasSettings: boolean;
  /** In the order of `findWorkspaceFiles`. */
  files: RawFile[];
  /**
   * The other `.yaml`/`.yml` files (fileKinds.ts `isCandidateName`), read the same careful way:
   * PatchOps reads them only to warn when one looks like a PatchOps file (misnamed.ts).
   */
  candidates: RawFile[];
}

/**
 * Workspace-relative paths (with `/`) of every PatchOps file below `root`; `withCandidates`: and
 * of every other `.yaml`/`.yml` file, in the same walk order.
 */
export function findWorkspaceFiles(root: string, withCandidates = false): string[] {
  return findListedFiles(root, withCandidates).map((f) => f.rel);
}

/** The same, each with the folder the listing checked (for the cheaper read: `readListed`). */
export function findListedFiles(root: string, withCandidates = false): ListedFile[] {
  return listedFiles(listWorkspace(root, realPath(root)), withCandidates);
}

/** A file found by the listing, not read yet. */
export interface ListedFile {
  rel: string;
  /**
   * Where a plain file (not a link) was listed: its folder's real path, already checked to be
   * inside the workspace. Undefined for a link, or where the platform cannot open without
   * following links: then it is resolved when read.
   */
  realFolder?: string;
}

interface Listed extends ListedFile {
  /** Not a PatchOps file name, but YAML: see `RawWorkspace.candidates`. */
  candidate: boolean;
}

/**
 * A workspace listed but its PatchOps files not read: whoever loads a file reads it
 * (parsePool.ts: on every thread). The candidates are few, and read.
 */
export interface ListedWorkspace extends Omit<RawWorkspace, 'files'> {
  unread: true;
  files: ListedFile[];
}

const NO_FOLLOW = fs.constants.O_NOFOLLOW;

/**
 * What the listing asks of the file system, one question at a time: answered at once for the CLI
 * (`listWorkspace`), without blocking for the editor (`findListedFilesAsync`). One walk, two ways
 * of running it.
 */
type Ask = { realPath: string } | { entries: string } | { isDirectory: string };

function* listSteps(realRoot: string | undefined, root: string): Generator<Ask, Listed[], unknown> {
  const found: Listed[] = [];
  const visited = new Set<string>();
  function* walk(dir: string, rel: string): Generator<Ask, void, unknown> {
    const real = (yield { realPath: dir }) as string | undefined;
    if (real === undefined || visited.has(real)) return; // a symlink loop, or the same folder reached twice
    // A linked folder outside the workspace is not part of what is reviewed: not searched.
    if (realRoot !== undefined && !isInside(real, realRoot)) return;
    visited.add(real);
    // Undefined: an unreadable folder; nothing in it can be checked, and nothing else is affected.
    const entries = (yield { entries: dir }) as fs.Dirent[] | undefined;
    if (entries === undefined) return;
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      capYoungGeneration(); // the list is kept: see youngGeneration.ts
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      const isDir = entry.isDirectory() || (entry.isSymbolicLink() && ((yield { isDirectory: path.join(dir, entry.name) }) as boolean));
      if (isDir) {
        if (!isSkippedFolder(entry.name)) yield* walk(path.join(dir, entry.name), childRel);
      } else {
        const candidate = isCandidateName(childRel);
        if (!candidate && !fileKindOf(childRel)) continue;
        const plain = entry.isFile() && realRoot !== undefined && NO_FOLLOW !== undefined;
        found.push(plain ? { rel: childRel, candidate, realFolder: real } : { rel: childRel, candidate });
      }
    }
  }
  yield* walk(root, '');
  return found;
}

function answerNow(ask: Ask): unknown {
  if ('realPath' in ask) return realPath(ask.realPath);
  if ('isDirectory' in ask) return isDirectory(ask.isDirectory);
  try {
    return fs.readdirSync(ask.entries, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

const realPathLater = promisify(fs.realpath.native);

async function answerLater(ask: Ask): Promise<unknown> {
  try {
    if ('realPath' in ask) return await realPathLater(ask.realPath);
    if ('isDirectory' in ask) return (await fs.promises.stat(ask.isDirectory)).isDirectory();
    return await fs.promises.readdir(ask.entries, { withFileTypes: true });
  } catch {
    return 'isDirectory' in ask ? false : undefined;
  }
}

function listWorkspace(root: string, realRoot: string | undefined): Listed[] {
  const steps = listSteps(realRoot, root);
  let step = steps.next();
  while (!step.done) step = steps.next(answerNow(step.value));
  return step.value;
}

/**
 * `findListedFiles` for the editor: the file system is asked without blocking, and `timed` runs
 * each stretch of work between two answers (at most one folder's entries: ~10,000 in one took
 * 40-50 ms as a single synchronous listing).
 */
export async function findListedFilesAsync(root: string, withCandidates: boolean, timed: <T>(work: () => T) => T = (work) => work()): Promise<ListedFile[]> {
  const realRoot = (await answerLater({ realPath: root })) as string | undefined;
  const steps = listSteps(realRoot, root);
  let step = timed(() => steps.next());
  while (!step.done) {
    const answer = await answerLater(step.value);
    step = timed(() => steps.next(answer));
  }
  return listedFiles(step.value, withCandidates);
}

function listedFiles(listed: readonly Listed[], withCandidates: boolean): ListedFile[] {
  return listed.flatMap((f) => (withCandidates || !f.candidate ? [listedFile(f)] : []));
}

function listedFile(f: Listed): ListedFile {
  return f.realFolder === undefined ? { rel: f.rel } : { rel: f.rel, realFolder: f.realFolder };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** Read one file's bytes, not parsing them; a file that cannot be read is `refused`, with why. */
export function readWorkspaceFileBytes(root: string, rel: string, maxBytes = DEFAULT_LIMITS.maxChars, realRoot = realPath(root)): RawFile {
  const full = path.join(root, ...rel.split('/'));
  try {
    const real = fs.realpathSync.native(full);
    // A link to a file outside the workspace (../.npmrc, ~/.git-credentials) is not read: its
    // content would end up in messages, CI logs and SARIF.
    if (realRoot !== undefined && !isInside(real, realRoot)) return { rel, refused: 'not read: it links outside the workspace' };
    // Checked before opening (a FIFO blocks, a huge file is not worth opening), and again on what was opened.
    const stat = fs.statSync(real);
    if (!stat.isFile()) throw new NotAFile();
    if (stat.size > maxBytes) throw new TooLarge(stat.size);
    return { rel, bytes: readCapped(real, maxBytes) };
  } catch (err) {
    return { rel, refused: refusalOf(err, maxBytes) };
  }
}

function refusalOf(err: unknown, maxBytes: number): string {
  if (err instanceof TooLarge) return tooLargeMessage(err.size, maxBytes);
  if (err instanceof NotAFile) return 'cannot read the file: it is not a regular file';
  return `cannot read the file: ${describeError(err as NodeJS.ErrnoException)}`;
}

class TooLarge extends Error {
  constructor(readonly size: number) {
    super('too large');
  }
}
class NotAFile extends Error {}

/**
 * Opens without blocking (a FIFO swapped in would otherwise block forever), checks what was
 * opened, and never reads more than the cap even if the file grows meanwhile.
 */
function readCapped(file: string, maxBytes: number): Buffer {
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new NotAFile();
    if (stat.size > maxBytes) throw new TooLarge(stat.size);
    // Sized for the file as it is now, plus room to notice that it grew while being read.
    const chunks: Buffer[] = [];
    let length = 0;
    for (let size = stat.size + 1; ; size = 64 * 1024) {
      const chunk = Buffer.allocUnsafe(Math.min(size, maxBytes + 1 - length));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      length += n;
      if (length > maxBytes) throw new TooLarge(length);
    }
    return chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** Error codes in words, never with the machine's paths. */
function describeError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOENT':
      return 'it does not exist (a broken link?)';
    case 'ELOOP':
      return 'it is a link that loops back on itself';
    case 'EISDIR':
      return 'it is a folder';
    default:
      return err.code ? `error ${err.code}` : 'unknown error';
  }
}

/** The real path (links resolved), or undefined when it cannot be resolved. */
export function realPath(p: string): string | undefined {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return undefined;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Every PatchOps file's bytes (or why it was not read), and every candidate's, nothing parsed yet. */
export function readWorkspaceBytes(root: string): RawWorkspace {
  const listed = listWorkspaceFiles(root);
  const slab = new Slab(true);
  const { unread: _, ...rest } = listed;
  return { ...rest, files: listed.files.map((f) => readListed(root, listed.realRoot, f, slab)) };
}

/** The workspace's PatchOps files found, not read; its candidates read. */
export function listWorkspaceFiles(root: string): ListedWorkspace {
  const realRoot = realPath(root);
  const listed = listWorkspace(root, realRoot);
  const slab = new Slab(true);
  return {
    unread: true,
    root,
    realRoot,
    hasSettings: listed.some((f) => fileKindOf(f.rel) === 'workspace'),
    files: listed.filter((f) => !f.candidate).map(listedFile),
    candidates: listed.filter((f) => f.candidate).map((f) => readListed(root, realRoot, f, slab)),
  };
}

/**
 * One listed file read: the cheaper way where the listing checked its folder, else (or when
 * anything unexpected happens) the careful way. With a reusing `slab`, the bytes are valid
 * until the next read into it.
 */
export function readListed(root: string, realRoot: string | undefined, f: ListedFile, slab: Slab): RawFile {
  return (f.realFolder !== undefined && readListedFile(f.rel, f.realFolder, slab)) || readWorkspaceFileBytes(root, f.rel, DEFAULT_LIMITS.maxChars, realRoot);
}

/**
 * The common case, cheaper: a plain file in a folder whose real path the listing checked is opened
 * right there without following links, so it needs no resolving of its own, and is read into
 * the slab. Anything unexpected (it became a link, vanished, is no longer a file, its
 * size changed while read) returns undefined, and the file is read the careful way, which says
 * what is wrong with it.
 */
function readListedFile(rel: string, realFolder: string, slab: Slab): RawFile | undefined {
  const maxBytes = DEFAULT_LIMITS.maxChars;
  const file = realFolder + path.sep + rel.slice(rel.lastIndexOf('/') + 1);
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0) | NO_FOLLOW);
  } catch {
    return undefined;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return undefined;
    if (stat.size > maxBytes) return { rel, refused: tooLargeMessage(stat.size, maxBytes) };
    // One byte more than the file has: reading fewer than asked means its end was reached.
    const buffer = slab.take(stat.size + 1);
    const n = fs.readSync(fd, buffer, 0, buffer.length, null);
    if (n !== stat.size) return undefined; // it grew or shrank meanwhile
    slab.used(n);
    return { rel, bytes: buffer.subarray(0, n) };
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Where files are read into: thousands of small buffers cost more in allocation and garbage
 * collection than the reading itself. Shared: consecutive pieces of larger shared buffers, each
 * valid for as long as it is referenced, so the worker threads that parse the files
 * (parsePool.ts) read them where they are, without a copy. Not shared: one buffer, reused, for a
 * reader that decodes each file before reading the next (nothing to collect afterwards).
 */
export class Slab {
  private static readonly SIZE = 1024 * 1024;
  /** A reused buffer's first size: most files are a few KB, and it is kept as long as its reader (the editor's: for the session). */
  private static readonly FIRST_REUSED = 64 * 1024;
  private buffer: Buffer<ArrayBufferLike> = Buffer.allocUnsafeSlow(0);
  private offset = 0;
  private pending = 0;

  constructor(private readonly shared: boolean) {}

  /** Room for `length` bytes; `used(n)` then keeps the first n of them. */
  take(length: number): Buffer<ArrayBufferLike> {
    this.pending = 0;
    if (!this.shared) {
      if (this.buffer.length < length) this.buffer = Buffer.allocUnsafeSlow(Math.max(length, 2 * this.buffer.length, Slab.FIRST_REUSED));
      return this.buffer.subarray(0, length);
    }
    if (length > Slab.SIZE / 4) return Buffer.allocUnsafeSlow(length);
    if (this.buffer.length - this.offset < length) {
      this.buffer = Buffer.from(new SharedArrayBuffer(Slab.SIZE));
      this.offset = 0;
    }
    this.pending = length;
    return this.buffer.subarray(this.offset, this.offset + length);
  }

  used(n: number): void {
    if (this.pending > 0) this.offset += n;
    this.pending = 0;
  }
}
