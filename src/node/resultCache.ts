// Node-only: the file behind `--cache`. It holds the complete results of earlier CLI runs (what
// was printed, the exit code, the --out file's content), each under a SHA-256 key over everything
// that result depends on; the key is computed by the caller (src/cli/cache.ts). One file per
// workspace, the latest entry per command and options ("slot"), at most MAX_ENTRIES of them.
//
// Format (version 1): a first line `patchops-result-cache 1`, a line of JSON that lists the
// entries, then the entries' texts back to back as UTF-8. Each entry carries a SHA-256 over its
// own description and texts: a file that is truncated, corrupt, from another version or not ours
// at all reads as empty (every lookup misses), never as a wrong answer.
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { writeFileAtomic } from './atomicWrite';
import type { RawWorkspace } from './workspaceBytes';

/** What a run printed and returned, and what it wrote to --out. */
export interface CachedResult {
  code: number;
  stdout: string;
  stderr: string;
  /** The --out file's content (the file is written again on a hit). */
  file?: string;
}

export interface CacheEntry {
  /** Which command and options this is the latest result of (the as-of and the files are not part of it). */
  slot: string;
  /** SHA-256 over everything the result depends on but the git state. */
  key: string;
  /** The git state the result depends on (`gitStateFingerprint`), when the run asked git. */
  git?: string;
  result: CachedResult;
}

const MAGIC = 'patchops-result-cache 1\n';
const MAX_ENTRIES = 8;
/** Older entries are dropped past this many bytes of text (the newest is always kept). */
const MAX_BYTES = 256 * 1024 * 1024;

interface StoredEntry {
  slot: string;
  key: string;
  git: string | null;
  code: number;
  /** Byte lengths of stdout, stderr and file (-1: no file). */
  lengths: [number, number, number];
  /** SHA-256 over the slot, key, git, code and lengths, then each text after a NUL. */
  check: string;
}

/** The entry of `slot`, if the file holds a sound one. Never throws: anything wrong is a miss. */
export function readCacheEntry(file: string, slot: string): CacheEntry | undefined {
  try {
    const bytes = fs.readFileSync(file);
    const entries = parseCache(bytes);
    const found = entries?.find((e) => e.stored.slot === slot);
    return found ? materialize(bytes, found) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Stores `entry` as the latest of its slot, keeping the file's other sound entries (at most
 * MAX_ENTRIES in all). Atomic: a reader sees the old file or the new one. Throws when it cannot write.
 */
export function writeCacheEntry(file: string, entry: CacheEntry): void {
  let kept: CacheEntry[] = [];
  try {
    const bytes = fs.readFileSync(file);
    kept = (parseCache(bytes) ?? [])
      .filter((e) => e.stored.slot !== entry.slot)
      .map((e) => materialize(bytes, e))
      .filter((e): e is CacheEntry => e !== undefined);
  } catch {
    kept = []; // no file yet, or not a sound one: it is replaced
  }
  const entries = [entry];
  let total = textBytes(entry);
  for (const e of kept) {
    if (entries.length >= MAX_ENTRIES || total + textBytes(e) > MAX_BYTES) break;
    entries.push(e);
    total += textBytes(e);
  }
  const stored: StoredEntry[] = entries.map((e) => {
    const texts = textsOf(e.result);
    const lengths = texts.map((t) => (t === undefined ? -1 : Buffer.byteLength(t, 'utf8'))) as StoredEntry['lengths'];
    const meta = { slot: e.slot, key: e.key, git: e.git ?? null, code: e.result.code, lengths };
    return {
      ...meta,
      check: checksum(
        meta,
        texts.map((t) => Buffer.from(t ?? '', 'utf8')),
      ),
    };
  });
  const body = entries.flatMap((e) => textsOf(e.result).map((t) => t ?? '')).join('');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  writeFileAtomic(file, `${MAGIC}${JSON.stringify({ entries: stored })}\n${body}`);
}

/** The three texts of a result in their stored order (undefined: no --out file). */
function textsOf(r: CachedResult): [string, string, string | undefined] {
  return [r.stdout, r.stderr, r.file];
}

function textBytes(e: CacheEntry): number {
  return textsOf(e.result).reduce((n, t) => n + (t === undefined ? 0 : Buffer.byteLength(t, 'utf8')), 0);
}

interface Located {
  stored: StoredEntry;
  /** Byte offsets of the three texts in the file. */
  offsets: [number, number, number];
}

/** The entries a file lists, with where their texts are; undefined if it is not a sound cache file. */
function parseCache(bytes: Buffer): Located[] | undefined {
  if (bytes.length < MAGIC.length || bytes.toString('latin1', 0, MAGIC.length) !== MAGIC) return undefined;
  const headerEnd = bytes.indexOf(0x0a, MAGIC.length);
  if (headerEnd < 0) return undefined;
  const header = JSON.parse(bytes.toString('utf8', MAGIC.length, headerEnd)) as { entries?: unknown };
  if (!header || !Array.isArray(header.entries)) return undefined;
  const out: Located[] = [];
  let at = headerEnd + 1;
  for (const e of header.entries as unknown[]) {
    if (!isStoredEntry(e)) return undefined;
    const offsets: [number, number, number] = [0, 0, 0];
    e.lengths.forEach((n, i) => {
      offsets[i] = at;
      at += Math.max(n, 0);
    });
    out.push({ stored: e, offsets });
  }
  return at === bytes.length ? out : undefined; // truncated, or something after the last entry
}

function materialize(bytes: Buffer, { stored, offsets }: Located): CacheEntry | undefined {
  const slices = stored.lengths.map((n, i) => bytes.subarray(offsets[i], offsets[i] + Math.max(n, 0)));
  const { check, ...meta } = stored;
  if (checksum(meta, slices) !== check) return undefined;
  const [stdout, stderr, file] = slices.map((s) => s.toString('utf8'));
  const result: CachedResult = { code: stored.code, stdout, stderr, ...(stored.lengths[2] >= 0 ? { file } : {}) };
  return { slot: stored.slot, key: stored.key, ...(stored.git !== null ? { git: stored.git } : {}), result };
}

function checksum(meta: Omit<StoredEntry, 'check'>, texts: readonly Uint8Array[]): string {
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify([meta.slot, meta.key, meta.git, meta.code, meta.lengths]));
  for (const t of texts) h.update('\0').update(t);
  return h.digest('hex');
}

const HEX64 = /^[0-9a-f]{64}$/;

function isStoredEntry(e: unknown): e is StoredEntry {
  if (!e || typeof e !== 'object') return false;
  const s = e as Record<string, unknown>;
  const lengths = s.lengths;
  return (
    typeof s.slot === 'string' &&
    typeof s.key === 'string' &&
    (s.git === null || typeof s.git === 'string') &&
    typeof s.code === 'number' &&
    Number.isInteger(s.code) &&
    typeof s.check === 'string' &&
    HEX64.test(s.check) &&
    Array.isArray(lengths) &&
    lengths.length === 3 &&
    lengths.every((n, i) => Number.isSafeInteger(n) && (n >= 0 || (i === 2 && n === -1)))
  );
}

/**
 * The cache file for a workspace: `location` (from --cache-location, absolute) is a file, or a
 * folder when it exists as one or ends with a separator; without it, the user's cache folder
 * (`$XDG_CACHE_HOME/patchops/`, else `~/.cache/patchops/`; on Windows `%LOCALAPPDATA%\patchops\`).
 * In a folder the file is named by a hash of the workspace's real path. Returns why not, when
 * there is nowhere to put it, or when it would be inside the workspace (a repository the user
 * commits).
 */
export function cacheFileFor(location: string | undefined, realRoot: string, env: NodeJS.ProcessEnv): { file: string } | { problem: string } {
  let folder: string | undefined;
  let file: string | undefined;
  if (location !== undefined) {
    if (/[\\/]$/.test(location) || isDirectory(location)) folder = location;
    else file = location;
  } else {
    const base = userCacheFolder(env);
    if (base === undefined) return { problem: 'there is no cache folder (set XDG_CACHE_HOME or HOME, or give --cache-location)' };
    folder = path.join(base, 'patchops');
  }
  file ??= path.join(folder!, `workspace-${sha256Hex(realRoot).slice(0, 32)}.cache`);
  const resolved = path.resolve(file);
  if (isInside(realOfNearest(resolved), realRoot))
    return { problem: `the cache location ${resolved} is inside the workspace; give --cache-location outside it` };
  return { file: resolved };
}

function userCacheFolder(env: NodeJS.ProcessEnv): string | undefined {
  const absolute = (p: string | undefined) => (p && path.isAbsolute(p) ? p : undefined);
  const xdg = absolute(env.XDG_CACHE_HOME);
  if (xdg) return xdg;
  if (process.platform === 'win32') {
    const local = absolute(env.LOCALAPPDATA);
    if (local) return local;
  }
  const home = absolute(env.HOME) ?? (process.platform === 'win32' ? absolute(env.USERPROFILE) : undefined);
  return home ? path.join(home, '.cache') : undefined;
}

/** The real path of `p`, or of its nearest existing ancestor with the rest appended. */
function realOfNearest(p: string): string {
  const rest: string[] = [];
  for (let dir = p; ; dir = path.dirname(dir)) {
    try {
      return path.join(fs.realpathSync.native(dir), ...rest.reverse());
    } catch {
      if (path.dirname(dir) === dir) return p;
      rest.push(path.basename(dir));
    }
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function sha256Hex(text: string | Uint8Array): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * SHA-256 over the workspace as read: the number of files, then for each (in listing order) its
 * path and either the SHA-256 of its bytes or why it was not read (the message its diagnostic
 * carries); then the same for the other YAML files, whose content decides whether they are
 * reported as misnamed. Nothing is parsed.
 */
export function workspaceDigest(raw: RawWorkspace): string {
  const all = crypto.createHash('sha256');
  for (const [what, files] of [
    ['files', raw.files],
    ['candidates', raw.candidates],
  ] as const) {
    all.update(`${what} ${files.length}\n`);
    // A path holds no NUL; a refusal message no newline.
    for (const f of files) all.update(f.refused !== undefined ? `${f.rel}\0refused ${f.refused}\n` : `${f.rel}\0${fileSha256(f.bytes)}\n`);
  }
  return all.digest('hex');
}

/** `crypto.hash` (one call, no Hash object: faster for many small files) where Node has it. */
const oneShot = (crypto as { hash?: (algorithm: string, data: Uint8Array, encoding: 'hex') => string }).hash;

function fileSha256(bytes: Uint8Array): string {
  return oneShot ? oneShot('sha256', bytes, 'hex') : crypto.createHash('sha256').update(bytes).digest('hex');
}

let programDigestMemo: string | undefined;

/**
 * SHA-256 over the running program and the Node.js, V8, ICU and time-zone data versions: a new
 * build, or another Node.js, never reuses an older one's results. Run as `patchops`, the program
 * is the bundle (dist/cliMain.js: everything in one file), the executable that runs it and whatever was preloaded into it; run
 * from the compiled sources (tests, development), where parts load only on a miss, it is every
 * compiled module of the project and its package files (the dependency versions). Computed once
 * per process.
 */
export function programDigest(): string {
  if (programDigestMemo !== undefined) return programDigestMemo;
  const h = crypto.createHash('sha256');
  const { node, v8, icu, tz, unicode, cldr } = process.versions as Record<string, string | undefined>;
  h.update(JSON.stringify({ node, v8, icu, tz, unicode, cldr, platform: process.platform, arch: process.arch }));
  const files = new Set(Object.keys(require.cache).filter((f) => path.isAbsolute(f)));
  // The bundle itself: the executable runs it from a code cache, not through require (src/cli/launch.ts).
  files.add(__filename);
  if (path.basename(__filename) === 'resultCache.js') {
    const sources = path.resolve(__dirname, '..');
    for (const f of filesBelow(sources, '.js')) files.add(f);
    for (const name of ['package.json', 'package-lock.json']) files.add(path.resolve(sources, '..', '..', name));
  }
  for (const f of [...files].sort()) {
    h.update(`\0${f}\0`);
    try {
      h.update(fs.readFileSync(f));
    } catch {
      h.update('unreadable');
    }
  }
  programDigestMemo = h.digest('hex');
  return programDigestMemo;
}

function filesBelow(dir: string, suffix: string): string[] {
  const out: string[] = [];
  let entries: fs.Dirent[] = [];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesBelow(full, suffix));
    else if (e.name.endsWith(suffix)) out.push(full);
  }
  return out;
}
