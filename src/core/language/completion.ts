// Completion: the keys the schema allows at the cursor (minus those present, required first), the
// enum and boolean values, and the ids of the workspace where a value names one.
import type { Position, Range } from '../model/diagnostic';
import type { FileKind } from '../model/files';
import type { YamlPath } from '../model/source';
import type { WorkspaceModel } from '../model/workspace';
import { LineIndex } from '../parse/lineIndex';
import { completionContext, offsetAt, type CompletionContext } from './cursor';
import { IdIndex, idRoleAt, type IdKind } from './idIndex';
import { idDetail, KIND_NAMES } from './idWords';
import { propertiesAt, schemaInfo, type SchemaProperty } from './schemaNavigator';

/** What the editor asks of the language service: a document of the workspace, and where. */
export interface LanguageRequest {
  /** Workspace-relative path with `/`. */
  readonly file: string;
  readonly kind: FileKind;
  /** The document's text as the editor has it (it may be ahead of the model). */
  readonly text: string;
  readonly position: Position;
  readonly model: WorkspaceModel;
  /**
   * Whether keys, enum values and the schema's descriptions are offered. False when another YAML
   * extension offers them from the same schemas (see README, "Schema help"): ids are offered either way.
   */
  readonly schemaHelp: boolean;
}

export interface LanguageCompletion {
  readonly label: string;
  readonly kind: 'property' | 'enum' | 'value' | 'id';
  /** One line beside the label. */
  readonly detail?: string;
  /** Markdown. */
  readonly documentation?: string;
  readonly insertText: string;
  /** The text replaced: the word around the cursor. */
  readonly range: Range;
  readonly sortText: string;
  /** Whether completion should open again after inserting (a key whose value has choices). */
  readonly retrigger: boolean;
}

export function completions(request: LanguageRequest): LanguageCompletion[] {
  const { text, kind } = request;
  const context = completionContext(text, offsetAt(text, request.position));
  if (!context) return [];
  const lines = new LineIndex(text);
  const range = lines.range(context.replaceStart, context.replaceEnd);
  if (context.role === 'key') {
    const properties = propertiesAt(kind, context.path);
    const isObject = properties.length > 0 || schemaInfo(kind, context.path).nodes.some((n) => typeof n.schema.additionalProperties === 'object');
    if (!context.keyOrValue || isObject) return request.schemaHelp ? keyCompletions(kind, context, properties, range) : [];
  }
  return valueCompletions(request, context.path, context, range);
}

function keyCompletions(kind: FileKind, context: CompletionContext, properties: readonly SchemaProperty[], range: Range): LanguageCompletion[] {
  const present = new Set(context.presentKeys);
  return properties
    .filter((p) => !present.has(p.name))
    .map((p, i) => ({
      label: p.name,
      kind: 'property' as const,
      detail: `${p.required ? 'required' : 'optional'}${p.typeTitle ? ` · ${p.typeTitle}` : ` · ${p.shape === 'scalar' ? 'value' : p.shape === 'array' ? 'list' : 'mapping'}`}`,
      documentation: p.description,
      insertText: keyInsertText(p, context),
      range,
      // Required first, then the schema's order.
      sortText: `${p.required ? 0 : 1}${String(i).padStart(3, '0')}`,
      retrigger: !context.colonFollows && hasChoices(kind, [...context.path, p.name], p.shape),
    }));
}

function keyInsertText(p: SchemaProperty, context: CompletionContext): string {
  if (context.colonFollows) return p.name;
  if (context.flow || p.shape === 'scalar') return `${p.name}: `;
  return p.shape === 'array' ? `${p.name}:\n  - ` : `${p.name}:\n  `;
}

/** Whether the value (or a list's items) at `path` has values to choose from. */
function hasChoices(kind: FileKind, path: YamlPath, shape: SchemaProperty['shape']): boolean {
  if (shape === 'object') return false;
  const at = shape === 'array' ? [...path, 0] : path;
  if (idRoleAt(kind, at, 'value')?.role === 'reference') return true;
  const info = schemaInfo(kind, at);
  return info.enumValues.length > 0 || info.isBoolean;
}

function valueCompletions(request: LanguageRequest, path: YamlPath, context: CompletionContext, range: Range): LanguageCompletion[] {
  const { kind } = request;
  const lead = context.needsSpace ? ' ' : '';
  const out: LanguageCompletion[] = [];
  const reference = idRoleAt(kind, path, 'value');
  if (reference?.role === 'reference') {
    const index = IdIndex.of(request.model, request.file, request.text);
    for (const [id, declarations] of [...index.declared(reference.kind)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      out.push({
        label: id,
        kind: 'id',
        detail: idDetail(reference.kind, declarations),
        documentation: declaredIn(
          reference.kind,
          declarations.map((d) => d.file),
        ),
        insertText: lead + id,
        range,
        sortText: `0${id}`,
        retrigger: false,
      });
    }
  }
  if (!request.schemaHelp) return out;
  const info = schemaInfo(kind, path);
  const values = info.enumValues.length ? info.enumValues : info.isBoolean ? ['true', 'false'] : [];
  values.forEach((value, i) =>
    out.push({
      label: value,
      kind: info.enumValues.length ? 'enum' : 'value',
      detail: value === String(info.defaultValue) ? 'default' : undefined,
      documentation: info.description,
      insertText: lead + value,
      range,
      sortText: `1${String(i).padStart(3, '0')}`,
      retrigger: false,
    }),
  );
  return out;
}

function declaredIn(kind: IdKind, files: readonly string[]): string {
  const unique = [...new Set(files)];
  const what = kind === 'vulnerability' ? 'Listed by' : 'Declared in';
  return `${what} ${unique.map((f) => `\`${f}\``).join(', ')}${unique.length > 1 && kind !== 'vulnerability' ? ` — declared ${files.length} times: ${KIND_NAMES[kind]} ids must be unique` : ''}`;
}
