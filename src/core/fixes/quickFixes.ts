// Mechanical fixes as minimal text edits: only the bytes of the node at fault change, so
// comments and formatting elsewhere in the file stay exactly as they were.
import type { Diagnostic, Range } from '../model/diagnostic';
import { placeholder } from '../model/placeholders';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface QuickFix {
  title: string;
  edits: TextEdit[];
}

/** Context a fix may need from the file: its text and, for plans, who owns and validates it. */
export interface FixContext {
  text: string;
  owner?: string;
  validator?: string;
}

export function quickFixFor(diagnostic: Diagnostic, context: FixContext): QuickFix | undefined {
  const fix = diagnostic.fix;
  if (!fix) return undefined;
  switch (fix.kind) {
    case 'rename-key':
      return { title: `Rename to \`${fix.replacement}\``, edits: [{ range: diagnostic.range, newText: fix.replacement }] };
    case 'replace-value':
      return { title: `Change to \`${fix.replacement}\``, edits: [{ range: diagnostic.range, newText: fix.replacement }] };
    case 'add-rollback':
      return addRollback(context);
  }
}

/** Appends a rollback skeleton, or nothing when the file already has a `rollback:` key. */
function addRollback(context: FixContext): QuickFix | undefined {
  if (/^rollback\s*:/m.test(context.text)) return undefined;
  const lines = context.text.split(/\r?\n|\r/);
  const eol = context.text.includes('\r\n') ? '\r\n' : '\n';
  const endsWithNewline = /(\r?\n|\r)$/.test(context.text);
  const lastLine = lines.length - 1;
  const lastCharacter = lines[lastLine].length; // 0 when the text ends with a newline
  const block = [
    'rollback:',
    `  decided_by: ${context.validator ?? 'infosec'}  # who decides to roll back`,
    `  executed_by: ${context.owner ?? 'it-ops'}  # who executes it`,
    `  communication: ${placeholder('where and how users and teams are told')}`,
    '  steps:',
    `    - ${placeholder('how to revert the update')}`,
  ].join(eol);
  const at = { line: lastLine, character: lastCharacter };
  return {
    title: 'Add a rollback procedure',
    edits: [{ range: { start: at, end: at }, newText: `${endsWithNewline ? '' : eol}${block}${eol}` }],
  };
}
