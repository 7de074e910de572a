// The words the editor shows about an id: in a completion list (one line), in a hover (a few), and
// in the refusals of a rename. Values come from the user's files: Markdown is escaped.
import type { Range } from '../model/diagnostic';
import type { IdKind, IdOccurrence } from './idIndex';

export const KIND_NAMES: Record<IdKind, string> = {
  team: 'team',
  group: 'asset group',
  policy: 'SLA policy',
  plan: 'plan',
  exception: 'exception',
  vulnerability: 'vulnerability',
  cycle: 'cycle',
};

/** Markdown's special characters, escaped: a title may hold `*`, `_` or a link. */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, (c) => `\\${c}`);
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v : undefined);
const record = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

/** One line about a declared id: what a completion item's detail says. */
export function idDetail(kind: IdKind, declarations: readonly IdOccurrence[]): string {
  if (declarations.length > 1) return `${KIND_NAMES[kind]} declared ${declarations.length} times`;
  const entity = record(declarations[0]?.entity);
  switch (kind) {
    case 'team': {
      const members = Array.isArray(entity.members) ? entity.members.length : 0;
      return [str(entity.role) ?? 'team', str(entity.title), `${members} member${members === 1 ? '' : 's'}`].filter(Boolean).join(' · ');
    }
    case 'group': {
      const endpoints = typeof entity.endpoints === 'number' ? `${entity.endpoints} endpoints` : undefined;
      return [str(entity.title), str(entity.impact) && `${String(entity.impact)} impact`, endpoints].filter(Boolean).join(' · ') || 'asset group';
    }
    case 'policy':
    case 'plan':
      return str(entity.title) ?? KIND_NAMES[kind];
    case 'exception':
      return str(entity.reason) ?? 'exception';
    case 'vulnerability':
      return str(entity.title) ?? 'vulnerability';
    case 'cycle':
      return str(entity.description) ?? str(entity.rrule) ?? 'cycle';
  }
}

const where = (o: IdOccurrence, range: Range = o.range()) => `${o.file}:${range.start.line + 1}`;

/** A few lines about an id as a hover shows them: what it is, where it is declared, how often it is named. */
export function idHover(kind: IdKind, id: string, declarations: readonly IdOccurrence[], references: number): string {
  const name = `${KIND_NAMES[kind]} \`${id}\``;
  if (declarations.length === 0) {
    return kind === 'vulnerability' ? `No plan lists ${name}.` : `No ${name} is declared ${declaredWhere(kind)}.`;
  }
  const used = `Named ${references} time${references === 1 ? '' : 's'} in the workspace.`;
  if (kind === 'vulnerability') {
    const plans = [...new Set(declarations.map((d) => d.file))];
    return [
      `${capitalize(name)}: ${escapeMarkdown(idDetail(kind, declarations.slice(0, 1)))}`,
      `Listed by ${plans.map((p) => `\`${p}\``).join(', ')}.`,
      used,
    ].join('\n\n');
  }
  if (declarations.length > 1) {
    return [
      `${capitalize(name)} is declared ${declarations.length} times (${declarations.map((d) => `\`${where(d)}\``).join(', ')}): which one applies cannot be told; give each its own id.`,
      used,
    ].join('\n\n');
  }
  return [`${capitalize(name)}: ${escapeMarkdown(idDetail(kind, declarations))}`, `Declared in \`${where(declarations[0])}\`.`, used].join('\n\n');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Where an id of a kind is looked for: a cycle in its policy, the rest in the whole workspace. */
export function declaredWhere(kind: IdKind): string {
  return kind === 'cycle' ? "under this policy's `cycles`" : 'in this workspace';
}
