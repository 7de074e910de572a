// Every id of the workspace, where it is declared and where it is named: what completion offers,
// what go-to-definition and find-references find, and what a rename changes. The places that name
// an id are those the rules resolve (rules/planReferences.ts, planPolicy.ts, policies.ts,
// exceptions.ts, presetPolicy.ts) plus an asset group's `owner`; test/unit/language checks the table against the
// schemas and the rules.
import type { Range } from '../model/diagnostic';
import type { FileKind } from '../model/files';
import type { LoadedFile, WorkspaceModel } from '../model/workspace';
import { parsedFrom, type YamlPath } from '../model/source';
import { loadFile } from '../workspace/load';

/**
 * What an id names. Vulnerability ids are the CVE's (or advisory's) own: plans list them, exceptions
 * name them. A cycle's name is its policy's own: it is looked up in that file only (LOCAL_KINDS).
 */
export type IdKind = 'team' | 'group' | 'policy' | 'plan' | 'exception' | 'vulnerability' | 'cycle';

const LOCAL_KINDS: ReadonlySet<IdKind> = new Set(['cycle']);

/** A path pattern: `'*'` stands for any key or index. */
type Pattern = readonly string[];

/** Where each kind of file declares ids; `key`: the id is a mapping key (teams in patchops.yaml). */
const DECLARATIONS: Record<FileKind, readonly { pattern: Pattern; kind: IdKind; key?: true }[]> = {
  workspace: [{ pattern: ['teams', '*'], kind: 'team', key: true }],
  sla: [
    { pattern: ['id'], kind: 'policy' },
    { pattern: ['cycles', '*'], kind: 'cycle', key: true },
  ],
  assets: [{ pattern: ['groups', '*', 'id'], kind: 'group' }],
  plan: [
    { pattern: ['id'], kind: 'plan' },
    { pattern: ['vulnerabilities', '*', 'id'], kind: 'vulnerability' },
  ],
  exception: [{ pattern: ['id'], kind: 'exception' }],
};

/** Where each kind of file names an id declared elsewhere. */
export const REFERENCES: Record<FileKind, readonly { pattern: Pattern; kind: IdKind }[]> = {
  workspace: [{ pattern: ['default_sla'], kind: 'policy' }],
  sla: [
    { pattern: ['exceptions', 'approvers', '*'], kind: 'team' },
    { pattern: ['tiers', '*', 'cycle'], kind: 'cycle' },
    { pattern: ['risk', 'upgrade_cycle'], kind: 'cycle' },
    { pattern: ['risk', 'outcomes', '*', 'cycle'], kind: 'cycle' },
    { pattern: ['risk', 'others', 'cycle'], kind: 'cycle' },
  ],
  assets: [{ pattern: ['groups', '*', 'owner'], kind: 'team' }],
  plan: [
    { pattern: ['sla'], kind: 'policy' },
    { pattern: ['owner'], kind: 'team' },
    { pattern: ['validator'], kind: 'team' },
    { pattern: ['affects', '*'], kind: 'group' },
    { pattern: ['waves', '*', 'groups', '*'], kind: 'group' },
    { pattern: ['rollback', 'decided_by'], kind: 'team' },
    { pattern: ['rollback', 'executed_by'], kind: 'team' },
  ],
  exception: [
    { pattern: ['vulnerabilities', '*'], kind: 'vulnerability' },
    { pattern: ['groups', '*'], kind: 'group' },
    { pattern: ['plan'], kind: 'plan' },
  ],
};

/** One place an id stands. */
export interface IdOccurrence {
  readonly kind: IdKind;
  readonly id: string;
  readonly file: string;
  readonly path: YamlPath;
  readonly role: 'declaration' | 'reference';
  /** The scalar's range, quotes included (a team's: its key); found on demand, most are never asked for. */
  range(): Range;
  /** The text of its file, as indexed (read again for a file whose text is not kept: fastSource.ts). */
  fileText(): string;
  /** A declaration's entity as written (the team, group, policy, plan, exception or vulnerability), for the words shown about it. */
  readonly entity?: unknown;
}

const matches = (pattern: Pattern, path: YamlPath) => pattern.length === path.length && pattern.every((p, i) => p === '*' || p === path[i]);

/** The kind of id a value at `path` of a `kind` file names or declares, if any. */
export function idRoleAt(kind: FileKind, path: YamlPath, role: 'key' | 'value'): { kind: IdKind; role: 'declaration' | 'reference' } | undefined {
  for (const d of DECLARATIONS[kind]) if (!!d.key === (role === 'key') && matches(d.pattern, path)) return { kind: d.kind, role: 'declaration' };
  if (role === 'value') for (const r of REFERENCES[kind]) if (matches(r.pattern, path)) return { kind: r.kind, role: 'reference' };
  return undefined;
}

/**
 * Each file's occurrences, kept with the loaded file: a LoadedFile never changes (an edit loads a
 * new one), so a request re-reads only the files edited since the last one.
 */
const perFile = new WeakMap<LoadedFile, readonly IdOccurrence[]>();

/** Every occurrence of every id, file by file (each file's parsed data, valid or not). */
export class IdIndex {
  private readonly occurrences: readonly IdOccurrence[];

  /** `scope`: the file a request is about; a cycle is looked up there only. */
  constructor(
    files: readonly LoadedFile[],
    private readonly scope?: string,
  ) {
    this.occurrences = files.flatMap((file) => {
      let found = perFile.get(file);
      if (!found) perFile.set(file, (found = occurrencesIn(file)));
      return found;
    });
  }

  /**
   * The workspace's files with `file` as `text` (the editor's buffer, which may be ahead of the
   * model): that one file is loaded again when its text differs.
   */
  static of(model: WorkspaceModel, file: string, text: string): IdIndex {
    const own = model.files.find((f) => f.file === file);
    const current = own && parsedFrom(own.source, text) ? own : loadFile(file, text);
    return new IdIndex(own ? model.files.map((f) => (f === own ? current : f)) : [...model.files, current], file);
  }

  all(kind: IdKind, id?: string, role?: IdOccurrence['role']): IdOccurrence[] {
    const local = this.scope !== undefined && LOCAL_KINDS.has(kind);
    return this.occurrences.filter(
      (o) => o.kind === kind && (id === undefined || o.id === id) && (role === undefined || o.role === role) && (!local || o.file === this.scope),
    );
  }

  /** The ids declared of a kind, each with its declarations (in file order). */
  declared(kind: IdKind): Map<string, IdOccurrence[]> {
    const out = new Map<string, IdOccurrence[]>();
    for (const o of this.all(kind, undefined, 'declaration')) {
      const list = out.get(o.id);
      if (list) list.push(o);
      else out.set(o.id, [o]);
    }
    return out;
  }
}

function occurrencesIn(file: LoadedFile): IdOccurrence[] {
  const { source, kind } = file;
  const out: IdOccurrence[] = [];
  const visit = (value: unknown, path: (string | number)[], parent: unknown) => {
    if (typeof value === 'string') {
      const found = idRoleAt(kind, path, 'value');
      if (found) {
        const at = [...path];
        const entity = found.role === 'declaration' ? parent : undefined;
        out.push({ ...found, id: value, file: file.file, path: at, range: () => source.rangeOf(at), fileText: () => source.text, entity });
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i], value));
    else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) {
        const next = [...path, key];
        const declared = idRoleAt(kind, next, 'key');
        if (declared)
          out.push({ ...declared, id: key, file: file.file, path: next, range: () => source.rangeOf(next, 'key'), fileText: () => source.text, entity: item });
        if (mayHoldIds(kind, next)) visit(item, next, value);
      }
    }
  };
  visit(source.value, [], undefined);
  return out;
}

/** Only the branches a pattern can reach are walked: a 10,000-line free text never is. */
function mayHoldIds(kind: FileKind, path: YamlPath): boolean {
  const prefix = (p: Pattern) => p.length >= path.length && path.every((s, i) => p[i] === '*' || p[i] === s);
  return DECLARATIONS[kind].some((d) => prefix(d.pattern)) || REFERENCES[kind].some((r) => prefix(r.pattern));
}
