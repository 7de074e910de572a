// Input files read the same way by the CLI and the editor (the Node half of src/core/contract.ts):
// scanner reports, the KEV catalog, EPSS scores. Gzip is told by its content, not its name (a
// renamed `epss_scores.csv.gz` still unzips, a plain CSV named `.gz` is read as it is), and what it
// unpacks to is capped; text must be UTF-8, never guessed.
import { gunzipSync } from 'zlib';

/** An input that cannot be read; the message is one line for a person, to follow "cannot read X: ". */
export class InputError extends Error {}

/** What a gzip stream may unpack to: far more than any real EPSS file; a zip bomb stops here. */
const MAX_UNPACKED_BYTES = 1024 * 1024 * 1024;

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** The bytes, unpacked when they are gzip. */
export function gunzipIfGzip(bytes: Uint8Array): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_UNPACKED_BYTES });
  } catch (err) {
    throw new InputError(`the gzip data is damaged (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** UTF-8 text (a byte-order mark is dropped); anything else is refused, not decoded with replacement characters. */
export function utf8Text(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new InputError('it is not UTF-8 text');
  }
}
