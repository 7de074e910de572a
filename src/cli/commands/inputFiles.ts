// Input files named on the command line — a scanner report, the KEV catalog, EPSS scores — read
// with limits and decoded as the editor decodes them (src/node/inputDecoding.ts): one line when
// they cannot be.
import * as fs from 'fs';
import * as path from 'path';
import { gunzipIfGzip, InputError, utf8Text } from '../../node/inputDecoding';
import { UsageError } from '../args';
import type { Io } from '../io';

/** An input file's bytes; refuses folders, devices and huge files. */
function readInput(what: string, file: string, io: Io, maxBytes = 512 * 1024 * 1024): Buffer {
  const full = path.resolve(io.cwd, file);
  try {
    const stat = fs.statSync(full);
    if (!stat.isFile()) throw new UsageError(`cannot read ${what} '${file}': it is not a regular file`);
    if (stat.size > maxBytes) throw new UsageError(`cannot read ${what} '${file}': it is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`);
    return fs.readFileSync(full);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'it does not exist' : code === 'EACCES' ? 'permission denied' : (code ?? (err as Error).message);
    throw new UsageError(`cannot read ${what} '${file}': ${why}`);
  }
}

/**
 * An input file's UTF-8 text (a byte-order mark is dropped; binary input is refused), unpacked
 * first when `gzipped` allows it and the content is gzip.
 */
export function readInputText(what: string, file: string, io: Io, options: { gzipped?: boolean } = {}): string {
  const bytes = readInput(what, file, io);
  try {
    return utf8Text(options.gzipped ? gunzipIfGzip(bytes) : bytes);
  } catch (err) {
    if (err instanceof InputError) throw new UsageError(`cannot read ${what} '${file}': ${err.message}`);
    throw err;
  }
}
