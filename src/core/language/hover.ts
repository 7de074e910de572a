// Hover: the schema's description of the field under the cursor (its type, allowed values and
// default), and for an id, what it names, where it is declared and how often it is named.
import type { Range } from '../model/diagnostic';
import { LineIndex } from '../parse/lineIndex';
import type { LanguageRequest } from './completion';
import { offsetAt, scalarAt } from './cursor';
import { IdIndex, idRoleAt } from './idIndex';
import { idHover } from './idWords';
import { schemaInfo } from './schemaNavigator';

export interface LanguageHover {
  /** Markdown. */
  readonly markdown: string;
  readonly range: Range;
}

export function hover(request: LanguageRequest): LanguageHover | undefined {
  const { text, kind } = request;
  const at = scalarAt(text, offsetAt(text, request.position));
  if (!at) return undefined;
  const parts: string[] = [];
  if (request.schemaHelp) {
    const info = schemaInfo(kind, at.path);
    const name = at.path[at.path.length - 1];
    const heading =
      typeof name === 'string' ? `**${name}**${info.typeTitle ? ` · ${info.typeTitle}` : ''}` : info.typeTitle ? `**${info.typeTitle}**` : undefined;
    if (info.nodes.length && heading) parts.push(heading);
    if (info.description) parts.push(info.description);
    if (info.enumValues.length) parts.push(`Allowed: ${info.enumValues.map((v) => `\`${v}\``).join(', ')}`);
    if (info.defaultValue !== undefined) parts.push(`Default: \`${String(info.defaultValue)}\``);
  }
  const id = idRoleAt(kind, at.path, at.role);
  // On a key whose value names an id (`owner:`), what it names too.
  const named = !id && at.role === 'key' ? idRoleAt(kind, at.path, 'value') : undefined;
  if (id || named) {
    const index = IdIndex.of(request.model, request.file, text);
    const value = id ? at.value : index.all(named!.kind).find((o) => o.file === request.file && samePath(o.path, at.path))?.id;
    const idKind = (id ?? named)!.kind;
    if (value !== undefined) parts.push(idHover(idKind, value, index.all(idKind, value, 'declaration'), index.all(idKind, value, 'reference').length));
  }
  if (!parts.length) return undefined;
  return { markdown: parts.join('\n\n'), range: new LineIndex(text).range(at.start, at.end) };
}

const samePath = (a: readonly (string | number)[], b: readonly (string | number)[]) => a.length === b.length && a.every((s, i) => s === b[i]);
