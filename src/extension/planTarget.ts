// The plan a command is about, whatever hands it over: a tree item (its element), a code lens
// ({ uri, id }), a quick fix or another extension (a plan id), or nothing (the active editor's
// plan file). Always looked up again in the current evaluation: a tree element may be older.
import * as vscode from 'vscode';
import type { PlanResult } from '../core/model/evaluation';
import type { YamlPath } from '../core/model/source';
import type { Entity } from '../core/model/workspace';
import { toRange } from './convert';
import type { PatchOpsWorkspace } from './patchopsWorkspace';
import type { WorkspaceRegistry } from './workspaceRegistry';

export interface PlanTarget {
  workspace: PatchOpsWorkspace;
  plan: PlanResult;
}

/** A plan in a file: what a lens and the quick pick hand over. */
export interface PlanRef {
  uri: vscode.Uri;
  id: string;
}

export function resolvePlanTarget(registry: WorkspaceRegistry, arg: unknown): PlanTarget | undefined {
  if (arg instanceof vscode.Uri) return planInFile(registry, arg);
  if (typeof arg === 'string') return planWithId(registry, arg);
  if (typeof arg === 'object' && arg !== null) {
    const o = arg as { workspace?: unknown; plan?: unknown; uri?: unknown; id?: unknown };
    // A tree element: { workspace, plan } (a plan or one of its waves).
    if (o.plan && typeof o.plan === 'object' && registry.all.includes(o.workspace as PatchOpsWorkspace)) {
      const old = o.plan as PlanResult;
      return currentPlan(o.workspace as PatchOpsWorkspace, old.entity.source.file, old.id);
    }
    if (o.uri instanceof vscode.Uri && typeof o.id === 'string') return planInFile(registry, o.uri, o.id);
  }
  const active = vscode.window.activeTextEditor?.document.uri;
  return active ? planInFile(registry, active) : undefined;
}

/** The plan in `file` (with `id`, if given) as the workspace's evaluation has it now. */
export function currentPlan(workspace: PatchOpsWorkspace, file: string, id?: string): PlanTarget | undefined {
  const plan = workspace.evaluation?.plans.find((p) => p.entity.source.file === file && (id === undefined || p.id === id));
  return plan && { workspace, plan };
}

function planInFile(registry: WorkspaceRegistry, uri: vscode.Uri, id?: string): PlanTarget | undefined {
  const owner = registry.workspaceOf(uri);
  return owner && currentPlan(owner.workspace, owner.rel, id);
}

/** A plan id: in the active editor's workspace first, else the one plan with that id in any. */
function planWithId(registry: WorkspaceRegistry, id: string): PlanTarget | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const owner = active && registry.workspaceOf(active);
  const here = owner?.workspace.evaluation?.plans.find((p) => p.id === id);
  if (owner && here) return { workspace: owner.workspace, plan: here };
  const all = registry.all.flatMap((workspace) => (workspace.evaluation?.plans ?? []).filter((p) => p.id === id).map((plan) => ({ workspace, plan })));
  // Two plans with one id (a duplicate): which one is meant cannot be told.
  return all.length === 1 ? all[0] : undefined;
}

/** Opens a plan's file with its `id:` selected. */
export async function openPlan(target: PlanTarget, preserveFocus = false): Promise<void> {
  await openEntity(target.workspace, target.plan.entity, ['id'], { preserveFocus });
}

/** Opens an entity's file with the node at `path` (below the entity) selected, its range found now. */
export async function openEntity(
  workspace: PatchOpsWorkspace,
  entity: Entity<unknown>,
  path: YamlPath,
  options: vscode.TextDocumentShowOptions,
): Promise<void> {
  const selection = toRange(entity.source.rangeOf([...entity.path, ...path]));
  await vscode.window.showTextDocument(workspace.uriOf(entity.source.file), { ...options, selection });
}
