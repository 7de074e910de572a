// Inputs of the rules that remember who read which key. A rule sees an ordinary ReadonlyMap or
// ReadonlySet; while a cell computes, every read is recorded, and the next evaluation reuses the
// cell unless one of the keys it read has changed. Reading the whole collection (its size, its
// keys — as "the known groups are …" messages do) depends on every key.

/**
 * Recorded reads, by input: `[input, key, input, [key, key, …], …]`. Checking them skips an
 * unchanged input's keys at once (most edits change nothing those keys name). A key may stand for
 * a whole list of them (`EachOf`, from `TrackedMap.forKeysOf`).
 */
export type Reads = readonly unknown[];

/** A list of keys that is kept anyway (a plan's vulnerability ids, in its scored list). */
export interface KeyList<K> {
  readonly length: number;
  id(i: number): K;
}

/**
 * Every key of a list, read: one reference in the reads where a key each took 8 bytes and their
 * array its own (a plan reads the exemptions of each vulnerability it lists: 205,000 keys at
 * 10,000 plans, ~2 MB).
 */
class EachOf {
  constructor(private readonly keys: KeyList<unknown>) {}

  /** Whether any of the keys is in `changed`. */
  anyIn(changed: ReadonlySet<unknown>): boolean {
    for (let i = 0; i < this.keys.length; i++) if (changed.has(this.keys.id(i))) return true;
    return false;
  }
}

const WHOLE = Symbol('whole collection');
let recording: Map<TrackedInput, unknown[]> | undefined;

/** What a cell that read nothing read (or whose reads are not recorded): one shared list, a third of the cells at 10,000 plans. */
export const NO_READS: Reads = Object.freeze([]);

/** Run `compute`, returning what it returned and every tracked read it made. */
export function recordReads<T>(compute: () => T): { value: T; reads: Reads } {
  const outer = recording;
  const byInput = new Map<TrackedInput, unknown[]>();
  recording = byInput;
  try {
    const value = compute();
    if (byInput.size === 0) return { value, reads: NO_READS };
    // Kept for as long as the cell: exactly as long as needed (an array grown by push keeps room
    // for more), each key once (a plan reads its groups once per vulnerability).
    const reads = new Array<unknown>(2 * byInput.size);
    let at = 0;
    for (const [input, keys] of byInput) {
      reads[at++] = input;
      reads[at++] = distinct(keys);
    }
    return { value, reads };
  } finally {
    recording = outer;
  }
}

/** The one key, or each key once in an array of its own size. */
function distinct(keys: readonly unknown[]): unknown {
  if (keys.length === 1) return keys[0];
  const unique = new Set(keys);
  if (unique.size === 1) return keys[0];
  if (unique.size === keys.length) return keys.slice();
  const list = new Array<unknown>(unique.size);
  let at = 0;
  for (const key of unique) list[at++] = key;
  return list;
}

/** True when none of the keys `reads` names changed in its input's latest update. */
export function readsUnchanged(reads: Reads): boolean {
  for (let i = 0; i < reads.length; i += 2) {
    const input = reads[i] as TrackedInput;
    if (!input.dirty) continue;
    const keys = reads[i + 1];
    if (Array.isArray(keys) ? keys.some((k) => input.changed(k)) : input.changed(keys)) return false;
  }
  return true;
}

abstract class TrackedInput {
  /** Keys whose value changed in the latest update (added, removed or replaced). */
  protected changedKeys = new Set<unknown>();

  changed(key: unknown): boolean {
    if (this.changedKeys.size === 0) return false;
    if (key instanceof EachOf) return key.anyIn(this.changedKeys);
    return key === WHOLE || this.changedKeys.has(key);
  }

  /** Whether the latest update changed anything. */
  get dirty(): boolean {
    return this.changedKeys.size > 0;
  }

  protected read(key: unknown): void {
    if (!recording) return;
    const keys = recording.get(this);
    if (!keys) recording.set(this, [key]);
    // A rule often reads the same key a few times in a row (once per group): record it once.
    else if (keys[keys.length - 1] !== key) keys.push(key);
  }

  protected readAll(): void {
    this.read(WHOLE);
  }
}

/** A map whose value identity says whether an entry changed. */
export class TrackedMap<K, V> extends TrackedInput implements ReadonlyMap<K, V> {
  private current: ReadonlyMap<K, V> = new Map();

  /**
   * The map for the next evaluation. Without `changed`, entries are compared with `same`
   * (identity unless told otherwise); with it, the caller vouches that no other key changed
   * (cheaper for big, incrementally kept maps).
   */
  update(next: ReadonlyMap<K, V>, changed?: Iterable<K>, same: (a: V, b: V) => boolean = Object.is): void {
    const previous = this.current;
    this.current = next;
    this.changedKeys = new Set(changed);
    if (changed) return;
    for (const [key, value] of next) if (!previous.has(key) || !same(previous.get(key)!, value)) this.changedKeys.add(key);
    for (const key of previous.keys()) if (!next.has(key)) this.changedKeys.add(key);
  }

  get(key: K): V | undefined {
    this.read(key);
    return this.current.get(key);
  }

  /**
   * The map, read at every key of `keys` at once; what is read through it is not recorded, so the
   * caller must read no other key (its `get` and `has` only, at keys of the list).
   */
  forKeysOf(keys: KeyList<K>): ReadonlyMap<K, V> {
    this.read(new EachOf(keys));
    return this.current;
  }

  has(key: K): boolean {
    this.read(key);
    return this.current.has(key);
  }

  get size(): number {
    this.readAll();
    return this.current.size;
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void): void {
    this.readAll();
    this.current.forEach((v, k) => callback(v, k, this));
  }

  entries(): MapIterator<[K, V]> {
    this.readAll();
    return this.current.entries();
  }

  keys(): MapIterator<K> {
    this.readAll();
    return this.current.keys();
  }

  values(): MapIterator<V> {
    this.readAll();
    return this.current.values();
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }
}

/** A set: membership is all there is to change. */
export class TrackedSet<T> extends TrackedInput implements ReadonlySet<T> {
  private current: ReadonlySet<T> = new Set();

  update(next: ReadonlySet<T>): void {
    const previous = this.current;
    this.current = next;
    this.changedKeys = new Set();
    for (const key of next) if (!previous.has(key)) this.changedKeys.add(key);
    for (const key of previous) if (!next.has(key)) this.changedKeys.add(key);
  }

  has(key: T): boolean {
    this.read(key);
    return this.current.has(key);
  }

  get size(): number {
    this.readAll();
    return this.current.size;
  }

  forEach(callback: (value: T, key: T, set: ReadonlySet<T>) => void): void {
    this.readAll();
    this.current.forEach((v) => callback(v, v, this));
  }

  entries(): SetIterator<[T, T]> {
    this.readAll();
    return this.current.entries();
  }

  keys(): SetIterator<T> {
    this.readAll();
    return this.current.keys();
  }

  values(): SetIterator<T> {
    this.readAll();
    return this.current.values();
  }

  [Symbol.iterator](): SetIterator<T> {
    return this.values();
  }
}
