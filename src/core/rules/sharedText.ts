// The texts results keep (why a wave may not start, what it started before, where a deadline comes
// from): a few hundred distinct ones recur across thousands of plans, each made of pieces (in V8 a
// tree of strings, 32 bytes a join). One flat string per distinct text instead: at 10,000 plans,
// 27,000 texts and their 87,000 pieces were ~4 MB of the extension host's heap.

/** Distinct texts seen, each its own key; emptied when full, so that a long session cannot grow it without end. */
const seen = new Map<string, string>();
const MAX_TEXTS = 10_000;

/** `text`, as the one string already kept for it, else kept now (flat: hashing it joins its pieces). */
export function sharedText(text: string): string {
  const known = seen.get(text);
  if (known !== undefined) return known;
  if (seen.size >= MAX_TEXTS) seen.clear();
  seen.set(text, text);
  return text;
}
