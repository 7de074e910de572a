// The texts results keep (why a wave may not start, what it started before, where a deadline comes
// from): a few hundred distinct ones recur across thousands of plans, each made of pieces (in V8 a
// tree of strings, 32 bytes a join). One flat string per distinct text instead: at 10,000 plans,
// 27,000 texts and their 87,000 pieces were ~4 MB of the extension host's heap.
import { StringTable } from '../parse/compactValue';

/** Distinct texts seen, bounded so that a long session cannot grow it without end. */
const texts = new StringTable(10_000);

/** `text`, as the one string already kept for it, else kept now (flat: hashing it joins its pieces). */
export function sharedText(text: string): string {
  return texts.shared(text);
}
