// A small workspace for the language service's tests, and a cursor written into a text as `|`.
import type { Position } from '../../../src/core/model/diagnostic';
import type { FileKind } from '../../../src/core/model/files';
import type { WorkspaceModel } from '../../../src/core/model/workspace';
import type { LanguageRequest } from '../../../src/core/language/completion';
import type { TextEdit } from '../../../src/core/language/rename';
import { offsetAt } from '../../../src/core/language/cursor';
import { fileKindOf } from '../../../src/core/workspace/fileKinds';
import { assembleModel, loadFile } from '../../../src/core/workspace/load';
import { BASE, type Files } from '../../support/workspace';

export const PLAN = `# Chrome, all desktops
id: PLAN-1
title: Chrome zero-day
owner: it-ops   # IT executes
validator: infosec
vulnerabilities:
  - id: CVE-2026-0001
    severity: critical
affects: [payroll, kiosks]
waves:
  - name: Pilot
    groups:
      - pilot
  - { name: All, groups: [payroll] }
rollback:
  decided_by: infosec
  executed_by: it-ops
`;

export const EXCEPTION = `id: EXC-1
vulnerabilities: [CVE-2026-0001]
groups: ["payroll"]   # quoted on purpose
plan: PLAN-1
requested_by: alice@example.com
requested_on: 2026-11-01
reason: Vendor has no fix yet
revisit_on: 2026-12-01
`;

export const FILES: Files = { ...BASE, 'plans/one.plan.yaml': PLAN, 'exceptions/one.exception.yaml': EXCEPTION };

export function modelOf(files: Files): WorkspaceModel {
  return assembleModel(Object.entries(files).map(([file, text]) => loadFile(file, text)));
}

/** `text` with one `|` marking the cursor: the text without it, and the position. */
function cursor(marked: string): { text: string; position: Position } {
  const offset = marked.indexOf('|');
  if (offset < 0 || marked.indexOf('|', offset + 1) >= 0) throw new Error('mark the cursor with exactly one |');
  const before = marked.slice(0, offset).split('\n');
  return { text: marked.slice(0, offset) + marked.slice(offset + 1), position: { line: before.length - 1, character: before[before.length - 1].length } };
}

/** A request on `file` whose text (with its cursor) is `marked`; the other files are `files` (the file itself as marked). */
export function request(file: string, marked: string, options: { files?: Files; schemaHelp?: boolean } = {}): LanguageRequest {
  const { text, position } = cursor(marked);
  const kind: FileKind | undefined = fileKindOf(file);
  if (!kind) throw new Error(`not a PatchOps file name: ${file}`);
  const files = { ...(options.files ?? FILES), [file]: text };
  return { file, kind, text, position, model: modelOf(files), schemaHelp: options.schemaHelp ?? true };
}

/** The files after applying edits (several per file, back to front). */
export function applyEdits(files: Files, edits: readonly TextEdit[]): Files {
  const out = { ...files };
  const byFile = new Map<string, TextEdit[]>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  for (const [file, list] of byFile) {
    let text = out[file];
    const sorted = list.map((e) => ({ e, start: offsetAt(text, e.range.start), end: offsetAt(text, e.range.end) })).sort((a, b) => b.start - a.start);
    for (const { e, start, end } of sorted) text = text.slice(0, start) + e.newText + text.slice(end);
    out[file] = text;
  }
  return out;
}
