// Node-only: a full garbage collection, asked for at the one point of a CLI run where it pays.
//
// Why: the files' bytes live outside the JavaScript heap (37 MB at 10,000 plans), and V8 frees
// memory outside the heap only when a full collection finds it unreachable. Once the files are
// loaded the bytes are garbage, but in a run as short as `validate` no full collection may come
// before the process exits, so they stay for the whole evaluation and count in its peak RSS.
// Measured on the 10,000-plan bench workspace: one collection after loading (~0.1 s) takes the
// peak RSS of `validate` from ~305 MB to ~270 MB (README, Performance).
//
// How: `gc()` exists only with `--expose-gc`, a flag the CLI's users do not pass. Setting it now
// installs `gc` into contexts created from then on, so a fresh `vm` context hands it over. The
// extension never calls this: its host is VS Code's, not PatchOps' to stall.
import * as v8 from 'v8';
import * as vm from 'vm';

/** Below this many bytes read a collection costs more than it frees (tests, small workspaces). */
export const COLLECT_FROM_BYTES = 8 * 1024 * 1024;

let gc: (() => void) | null | undefined;

/** A full collection; false when this Node offers none (nothing is done then). */
export function collectGarbage(): boolean {
  if (gc === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      const found: unknown = vm.runInNewContext('gc');
      gc = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      gc = null;
    }
  }
  if (gc === null) return false;
  gc();
  return true;
}
