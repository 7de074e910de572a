// Node-only: where a document that does not keep its text reads it again (core/parse/fastSource.ts,
// UnkeptTextDocument): the file as the editor's first scan read it, in the folder the listing
// checked, with the same refusals (workspaceBytes.ts).
import { decodeText } from '../core/parse/decode';
import type { TextSource } from '../core/parse/fastSource';
import { readListed, Slab, type ListedFile } from './workspaceBytes';

/** Each text is decoded before the next is read: one buffer serves them all. */
const slab = new Slab(false);

export class DiskText implements TextSource {
  constructor(
    private readonly root: string,
    private readonly realRoot: string | undefined,
    private readonly listed: ListedFile,
    readonly length: number,
    readonly hash: number,
  ) {}

  read(): string | undefined {
    const raw = readListed(this.root, this.realRoot, this.listed, slab);
    if (!raw.bytes) return undefined;
    const decoded = decodeText(raw.bytes);
    return decoded.ok ? decoded.text : undefined;
  }
}
