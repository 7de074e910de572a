// The file formats as TypeScript types, generated from the schemas (npm run gen:types).
export type { WorkspaceFile, Team } from './generated/workspace';
export type { SlaFile, Cycle, MatrixRow } from './generated/sla';
export type { AssetsFile, AssetGroup } from './generated/assets';
export type { PlanFile, Vulnerability, DeploymentWave, Testing, RollbackProcedure } from './generated/plan';
export type { ExceptionFile } from './generated/exception';

/** The kinds of PatchOps file, told apart by name (workspace/fileKinds.ts). */
export type FileKind = 'workspace' | 'sla' | 'assets' | 'plan' | 'exception';
