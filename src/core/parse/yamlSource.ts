// The `yaml` package parser behind the SourceDocument interface: exact ranges for every node,
// the same parser the editor uses to make edits that keep comments and formatting.
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair } from 'yaml';
import type { Diagnostic, Range } from '../model/diagnostic';
import { ZERO_RANGE } from '../model/diagnostic';
import { LineIndex } from './lineIndex';
import { DEFAULT_LIMITS, tooLargeMessage, type ParseLimits } from './sourceDocument';
import type { NodePart, SourceDocument, YamlPath } from '../model/source';

export function parseYamlSource(file: string, text: string, limits: ParseLimits = DEFAULT_LIMITS): SourceDocument {
  const lines = new LineIndex(text);
  const problem = (message: string, start = 0, end = 0, severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
    file,
    range: lines.range(start, end),
    severity,
    code: 'yaml.syntax',
    message,
  });

  if (text.length > limits.maxChars) {
    return refused(file, text, [problem(tooLargeMessage(text.length, limits.maxChars))]);
  }

  let doc: Document.Parsed;
  try {
    // logLevel 'error': the package would print a process warning (to the CLI's stderr) for a
    // collection used as a mapping key; such a key is reported as an unknown field instead.
    doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false, version: '1.2', strict: true, logLevel: 'error' });
  } catch (err) {
    return refused(file, text, [problem(`the file could not be parsed: ${describe(err)}`)]);
  }

  const problems: Diagnostic[] = [];
  // A `%YAML 1.1` directive would switch the parser to YAML 1.1 (`yes` = true): refuse it.
  const directive = /^%YAML[ \t]+\S+/m.exec(text);
  if (directive) {
    problems.push(problem(`\`${directive[0]}\`: PatchOps files are YAML 1.2; remove the directive`, directive.index, directive.index + directive[0].length));
  }
  for (const err of doc.errors) {
    problems.push(problem(syntaxMessage(err.code, err.message), err.pos[0], err.pos[1]));
  }
  for (const warning of doc.warnings) {
    problems.push(problem(syntaxMessage(warning.code, warning.message), warning.pos[0], warning.pos[1], 'warning'));
  }

  let value: unknown;
  if (doc.errors.length === 0 && !directive) {
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (err) {
      const message = /alias/i.test(describe(err))
        ? `too many alias expansions (more than ${limits.maxAliasCount}): this looks like an alias bomb; write the values out`
        : `the file could not be read as data: ${describe(err)}`;
      problems.push(problem(message));
    }
  }
  return new YamlSourceDocument(file, text, value, problems, doc, lines);
}

function refused(file: string, text: string, problems: Diagnostic[]): SourceDocument {
  return { file, text, value: undefined, problems, rangeOf: () => ZERO_RANGE };
}

function describe(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/call stack/i.test(message)) return 'nesting is too deep';
  return firstLine(message);
}

function firstLine(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** The yaml package's messages, in the words a person editing the file needs. */
function syntaxMessage(code: string, message: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'duplicate key: a mapping may name each key once; remove or rename the second one';
    case 'TAG_RESOLVE_FAILED':
      return `${firstLine(message)}: tags are not supported; it is read as plain data and never executed`;
    case 'MULTIPLE_DOCS':
      return 'more than one YAML document: a PatchOps file holds exactly one';
    case 'TAB_AS_INDENT':
      return 'a tab used for indentation: YAML indents with spaces';
    default: {
      const text = firstLine(message);
      return /call stack/i.test(text) ? 'nesting is too deep to read' : text;
    }
  }
}

class YamlSourceDocument implements SourceDocument {
  constructor(
    readonly file: string,
    readonly text: string,
    readonly value: unknown,
    readonly problems: readonly Diagnostic[],
    private readonly doc: Document.Parsed,
    private readonly lines: LineIndex,
  ) {}

  rangeOf(path: YamlPath, part: NodePart = 'value'): Range {
    let node: unknown = this.doc.contents;
    let pair: Pair | undefined;
    for (const segment of path) {
      let next: unknown;
      let nextPair: Pair | undefined;
      if (isMap(node) && typeof segment === 'string') {
        nextPair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        next = nextPair?.value;
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (next === undefined && nextPair === undefined) return this.missing(node, pair);
      pair = nextPair;
      node = next ?? nextPair;
      if (nextPair && (next === null || next === undefined)) return this.nodeRange(nextPair.key);
    }
    if (part === 'key' && pair) return this.nodeRange(pair.key);
    return this.nodeRange(node) ?? ZERO_RANGE;
  }

  /** A path that stops at `node`: point at the key that holds it, else at its first key. */
  private missing(node: unknown, holder: Pair | undefined): Range {
    if (holder) return this.nodeRange(holder.key);
    if (isMap(node) && node.items.length > 0) return this.nodeRange(node.items[0].key);
    return this.nodeRange(node);
  }

  private nodeRange(node: unknown): Range {
    const range = isPair(node) ? (node.key as Node | null)?.range : (node as Node | null)?.range;
    if (!range) return ZERO_RANGE;
    return this.lines.range(range[0], range[1]);
  }
}
