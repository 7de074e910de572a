// How much a parser may read, shared by every parser and by the readers of files on disk.
export interface ParseLimits {
  /** Largest file read, in UTF-16 code units of text. */
  maxChars: number;
  /** Alias expansions allowed before the file counts as an alias bomb. */
  maxAliasCount: number;
}

export const DEFAULT_LIMITS: ParseLimits = {
  maxChars: 5 * 1024 * 1024,
  maxAliasCount: 100,
};

export function tooLargeMessage(size: number, limit: number): string {
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `file is too large (${mb(size)} MB): PatchOps reads files up to ${mb(limit)} MB; split it`;
}
