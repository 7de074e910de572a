// Makes a freshly parsed value smaller without changing it. A workspace keeps the data of every
// file for as long as it is open, and two things in what js-yaml builds cost more than the data:
//
// - Repeated strings. A date, a status, a CVSS vector or a group id is its own string in every
//   place it is written (a 10,000-plan workspace repeats "2026-11-10" ten thousand times). Each
//   distinct one is kept once and shared; strings are values, so nothing can tell the difference.
// - Spare room in arrays. An array grown item by item keeps room for more (17 slots for a
//   one-item `[web]`); an exact copy is kept instead.
//
// Measured on the 10,000-plan bench workspace: the heap after loading goes from 113 MB to 81 MB
// (36 MB of it the files' text). The walk takes about 0.1 s of the 1.2 s of parsing, and less
// garbage collection pays it back: the whole validate run takes no longer.

/**
 * Strings shorter than this are copies of their own (V8 makes a slice or a concatenation shorter
 * than 13 characters as a fresh string), so sharing one keeps no file's text alive.
 */
const SHORT = 13;
/**
 * Longer strings are views into the file's text (which is kept anyway); one is shared only as a
 * copy of its own, so that the table keeps no text alive. Worth it for values that repeat (CVSS
 * vectors, timestamps), not for ids and titles: the mapping keys whose values turn out mostly new
 * are left alone after a few tries.
 */
const LONG = 128;
const TRIES = 64;
/** Bounds on the tables, so a long editing session cannot grow them without end. */
const MAX_SHARED = 1 << 16;
const MAX_KEYS = 1 << 12;

/**
 * Strings kept once each, by value: the one kept is handed out for every equal one after. Emptied
 * when full, so that a long editing session cannot grow it without end. (Looking a string up
 * hashes it, which also flattens one built of pieces.)
 */
export class StringTable {
  private strings = new Map<string, string>();

  constructor(private readonly max: number) {}

  /** The string kept for `s`, kept now if none is yet. */
  shared(s: string): string {
    return this.get(s) ?? this.keep(s);
  }

  /** The string kept for `s`, if any. */
  get(s: string): string | undefined {
    return this.strings.get(s);
  }

  /** Keeps `s` (the caller found none kept for it) and returns it. */
  keep(s: string): string {
    if (this.strings.size >= this.max) this.strings = new Map();
    this.strings.set(s, s);
    return s;
  }
}

const shared = new StringTable(MAX_SHARED);
const sharedLong = new StringTable(MAX_SHARED);
/** Per mapping key: how often its long values were already known. */
let keyStats = new Map<string, { tries: number; hits: number }>();

function shareLong(key: string, s: string): string {
  let stats = keyStats.get(key);
  if (stats === undefined) {
    if (keyStats.size >= MAX_KEYS) keyStats = new Map();
    stats = { tries: 0, hits: 0 };
    keyStats.set(key, stats);
  }
  if (stats.tries >= TRIES && stats.hits * 2 < stats.tries) return s; // mostly new values: not worth it
  stats.tries++;
  const known = sharedLong.get(s);
  if (known !== undefined) {
    stats.hits++;
    return known;
  }
  // A string of its own: concatenating and slicing back makes V8 copy the characters out of the
  // file's text.
  return sharedLong.keep((s + ' ').slice(0, -1));
}

/**
 * A string as the value of a mapping's `key`, shared where that is worth it. A parser that builds
 * values fresh calls it (and `compactItem`) as it goes instead of walking its tree again after.
 */
export function compactEntry(key: string, s: string): string {
  return s.length < SHORT ? shared.shared(s) : s.length <= LONG ? shareLong(key, s) : s;
}

/** A string as an item of a sequence: shared when short. */
export function compactItem(s: string): string {
  return s.length < SHORT ? shared.shared(s) : s;
}

/**
 * Shares repeated strings and trims the arrays of a plain-data tree (objects, arrays, scalars)
 * in place, replacing each array by an exact copy. The tree must be fresh: nothing else may hold
 * its arrays. Iterative, so deep nesting cannot overflow the stack.
 */
export function compactValue(root: Record<string, unknown>): void {
  const pending: (Record<string, unknown> | unknown[])[] = [root];
  for (let node = pending.pop(); node !== undefined; node = pending.pop()) {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const item = node[i];
        if (typeof item === 'string') node[i] = compactItem(item);
        else if (item !== null && typeof item === 'object') node[i] = visit(item, pending);
      }
    } else {
      const keys = Object.keys(node);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const item = node[key];
        if (typeof item === 'string') {
          node[key] = compactEntry(key, item);
        } else if (item !== null && typeof item === 'object') {
          const next = visit(item, pending);
          if (next !== item) node[key] = next;
        }
      }
    }
  }
}

/** Queues a child for its own pass; an array is replaced by an exact-size copy first. */
function visit(item: object, pending: (Record<string, unknown> | unknown[])[]): object {
  const next = Array.isArray(item) ? item.slice() : item;
  pending.push(next as Record<string, unknown> | unknown[]);
  return next;
}
