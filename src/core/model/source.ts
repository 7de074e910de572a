// What a parsed file is to every rule: its plain data, and where each node stands in the text. The
// parsers (parse/) implement it; nothing above them knows which parser read a file.
import type { Diagnostic, Range } from './diagnostic';

/** A path into a YAML document: mapping keys and sequence indexes. */
export type YamlPath = readonly (string | number)[];

/** Which part of a mapping entry a range should cover. */
export type NodePart = 'key' | 'value';

/**
 * One parsed file: its plain data and where each node came from. This is the only interface
 * the rules see, so how ranges are obtained (which parser, eager or lazy) can change freely.
 */
export interface SourceDocument {
  readonly file: string;
  /**
   * The text it was parsed from. A document that does not keep its text (the editor's first
   * scan: parse/fastSource.ts) reads it again, and throws when the file no longer holds it.
   */
  readonly text: string;
  /** The document as plain data; undefined when it could not be parsed at all. */
  readonly value: unknown;
  /** `yaml.syntax` problems (parse errors, refused content). */
  readonly problems: readonly Diagnostic[];
  /**
   * Range of the node at `path`. For a path that does not exist, the nearest node that does:
   * the key of the mapping that lacks it, so a "missing field" sits on the mapping at fault.
   */
  rangeOf(path: YamlPath, part?: NodePart): Range;
}

/** Whether `source` was parsed from `text`: false too when its text can no longer be read (changed on disk). */
export function parsedFrom(source: SourceDocument, text: string): boolean {
  try {
    return source.text === text;
  } catch {
    return false;
  }
}
