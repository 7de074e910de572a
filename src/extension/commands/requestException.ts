// "Request Exception": a new exception file pre-filled from a plan (its vulnerabilities and groups).
// One command for every place that offers it — the plan's editor, a tree item's context menu, a
// quick fix on a breach — taking a plan id, a tree item or nothing (the active editor's plan).
import * as vscode from 'vscode';
import { resolvePlanTarget } from '../planTarget';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { newException } from './templates';

/** For callers without the prompts (other extensions, tests): the plan, and who asks. */
export interface RequestExceptionRequest {
  plan: unknown;
  requestedBy?: string;
}

/** Resolves to the new exception file, or undefined when nothing was created. */
export async function requestException(registry: WorkspaceRegistry, target?: unknown): Promise<vscode.Uri | undefined> {
  const request = isRequest(target) ? target : { plan: target };
  const found = resolvePlanTarget(registry, request.plan);
  if (!found) {
    const which = typeof request.plan === 'string' ? `no single plan has the id ${request.plan}: ` : '';
    void vscode.window.showWarningMessage(`PatchOps: ${which}open a plan file (*.plan.yaml) or choose a plan in the views to request an exception for it.`);
    return undefined;
  }
  return newException(registry, { plan: found.plan.entity.data, workspace: found.workspace, requestedBy: request.requestedBy });
}

function isRequest(value: unknown): value is RequestExceptionRequest {
  return typeof value === 'object' && value !== null && 'plan' in value && !('workspace' in value) && !(value instanceof vscode.Uri);
}
