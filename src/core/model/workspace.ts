// The workspace as loaded: each file parsed and checked, and its entities indexed by id.
import type { Diagnostic } from './diagnostic';
import type { AssetGroup, ExceptionFile, FileKind, PlanFile, SlaFile, WorkspaceFile } from './files';
import type { SourceDocument, YamlPath } from './source';

/** A value read from a file, with where it stands so rules can point at it. */
export interface Entity<T> {
  readonly data: T;
  readonly source: SourceDocument;
  /** Path of the entity inside its file: `[]` for a whole-file entity, `['groups', 3]` for a group. */
  readonly path: YamlPath;
  /**
   * JSON pointers of values that could not be read (a schema error there): the entity was
   * salvaged from the rest, and rules that need one of these say so instead of guessing. `''`:
   * nothing could be read but that the file exists.
   */
  readonly damaged?: readonly string[];
  /** JSON pointers of values still a template placeholder (model/placeholders.ts): never read as facts. */
  readonly placeholders?: readonly string[];
}

/** One file, parsed and checked against its schema: the unit the incremental model caches. */
export interface LoadedFile {
  readonly file: string;
  readonly kind: FileKind;
  readonly source: SourceDocument;
  /** Syntax and schema problems of this file alone. */
  readonly diagnostics: readonly Diagnostic[];
  /** Entities fit for the rules: schema-valid but for unknown fields, or salvaged (see `Entity.damaged`). */
  readonly entities: readonly Entity<unknown>[];
  /** Ids the file declares even where its content is invalid, so references to it still resolve. */
  readonly declaredIds: readonly string[];
}

export interface WorkspaceModel {
  readonly files: readonly LoadedFile[];
  readonly settings?: Entity<WorkspaceFile>;
  readonly policies: ReadonlyMap<string, Entity<SlaFile>>;
  readonly groups: ReadonlyMap<string, Entity<AssetGroup>>;
  readonly plans: readonly Entity<PlanFile>[];
  readonly exceptions: readonly Entity<ExceptionFile>[];
  /**
   * Ids that exist but cannot be used, by kind, each with why: declared by a file whose content is
   * invalid, or by more than one file (which one would apply cannot be told).
   */
  readonly brokenIds: ReadonlyMap<FileKind, ReadonlyMap<string, string>>;
  /** Duplicate-id problems (each file's syntax and schema problems are in its LoadedFile). */
  readonly duplicates: readonly Diagnostic[];
  /** Warnings on YAML files that look like PatchOps files but are not named like one (misnamed.ts). */
  readonly misnamed?: readonly Diagnostic[];
}
