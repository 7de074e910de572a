// Rename an id across files: its declaration and every value that names it, nothing else. Each
// edit replaces one scalar's text (inside its quotes when it is quoted), so comments, formatting
// and quoting stay as they were. Refused, with the reason, when the result would be ambiguous.
import { ID_PATTERN } from '../contract';
import type { Range } from '../model/diagnostic';
import { offsetAt } from './cursor';
import type { LanguageRequest } from './completion';
import type { IdOccurrence } from './idIndex';
import { declaredWhere, KIND_NAMES } from './idWords';
import { idAt } from './navigation';

export interface TextEdit {
  readonly file: string;
  readonly range: Range;
  readonly newText: string;
}

const NO_ID = 'no id here: rename works on the id of a plan, exception, SLA policy, asset group, team or cycle, and on values that name one';

export type RenameResult = { readonly ok: true; readonly edits: readonly TextEdit[] } | { readonly ok: false; readonly message: string };

/** Whether the id under the cursor can be renamed: its range and current text, or why not. */
export function prepareRename(request: LanguageRequest): { ok: true; range: Range; placeholder: string } | { ok: false; message: string } {
  const found = idAt(request);
  if (!found) return { ok: false, message: NO_ID };
  const refused = refusal(found.kind, found.id, found.index.all(found.kind, found.id, 'declaration'));
  if (refused) return { ok: false, message: refused };
  const here = found.index.all(found.kind, found.id).find((o) => o.file === request.file && contains(o, offsetAt(request.text, request.position)));
  if (!here) return { ok: false, message: 'no id here' };
  return { ok: true, range: inner(here).range, placeholder: found.id };
}

export function rename(request: LanguageRequest, newId: string): RenameResult {
  const found = idAt(request);
  if (!found) return { ok: false, message: NO_ID };
  const { kind, id, index } = found;
  const what = KIND_NAMES[kind];
  const declarations = index.all(kind, id, 'declaration');
  const refused = refusal(kind, id, declarations);
  if (refused) return { ok: false, message: refused };
  if (!ID_PATTERN.test(newId)) {
    return {
      ok: false,
      message: `\`${newId}\` is not a valid id: ids are letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. ${kind === 'team' ? 'it-ops' : 'PLAN-2026-041'})`,
    };
  }
  if (newId === id) return { ok: false, message: `the ${what} is already called \`${id}\`` };
  const taken = index.all(kind, newId, 'declaration');
  if (taken.length) {
    return {
      ok: false,
      message: `${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what} \`${newId}\` already exists (${files(taken)}): ${what} ids must be unique; choose another id`,
    };
  }
  const edits = index.all(kind, id).map((o) => {
    const { range, quote } = inner(o);
    return { file: o.file, range, newText: `${quote}${newId}${quote}` };
  });
  return { ok: true, edits };
}

function refusal(kind: IdOccurrence['kind'], id: string, declarations: readonly IdOccurrence[]): string | undefined {
  const what = KIND_NAMES[kind];
  if (kind === 'vulnerability') return `\`${id}\` is a vulnerability's own id (CVE, GHSA…), not one this workspace gives: it is not renamed`;
  if (declarations.length === 0) return `no ${what} \`${id}\` is declared ${declaredWhere(kind)}: there is nothing to rename; correct the reference instead`;
  if (declarations.length > 1) {
    return `${what} \`${id}\` is declared ${declarations.length} times (${files(declarations)}): which one each reference means cannot be told, so it is not renamed; give each declaration its own id first`;
  }
  return undefined;
}

const files = (list: readonly IdOccurrence[]) => [...new Set(list.map((o) => o.file))].join(', ');

function contains(o: IdOccurrence, offset: number): boolean {
  const { start, end } = o.range();
  const text = o.fileText();
  const s = offsetAt(text, start);
  return s <= offset && offset <= offsetAt(text, end);
}

/**
 * The id's own characters: inside the quotes of a quoted scalar whose text is exactly the id. A
 * quoted scalar written with escapes is replaced whole, quoted the same way (`quote`).
 */
function inner(o: IdOccurrence): { range: Range; quote: string } {
  const range = o.range();
  const text = o.fileText();
  const start = offsetAt(text, range.start);
  const end = offsetAt(text, range.end);
  const raw = text.slice(start, end);
  const quote = raw[0];
  if ((quote === '"' || quote === "'") && raw.length >= 2 && raw[raw.length - 1] === quote && raw.slice(1, -1) === o.id) {
    const shrunk = {
      start: { line: range.start.line, character: range.start.character + 1 },
      end: { line: range.end.line, character: range.end.character - 1 },
    };
    return { range: shrunk, quote: '' };
  }
  return { range, quote: quote === '"' || quote === "'" ? quote : '' };
}
