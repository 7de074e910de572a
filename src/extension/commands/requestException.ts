// "Request an exception" for a plan (the breach quick fix, the editor's context menu, the palette):
// opens the exception already requested for the plan, or writes a new one from the core's
// template with the next free id and opens it on its first value to fill in.
import * as vscode from 'vscode';
import { EMAIL_PATTERN } from '../../core/contract';
import { exceptionRequestFor, pendingExceptionFor } from '../../core/fixes/requestException';
import type { PlanResult } from '../../core/model/evaluation';
import { placeholderRanges } from '../../core/model/placeholders';
import { uriExists } from '../applyFileChanges';
import { toRange } from '../convert';
import type { PatchOpsWorkspace } from '../patchopsWorkspace';
import { resolvePlanTarget } from '../planTarget';
import type { WorkspaceRegistry } from '../workspaceRegistry';

/** Arguments for callers without the prompt (tests, other extensions). */
export interface RequestExceptionOptions {
  /** Who asks (an email); asked for when absent. */
  requestedBy?: string;
}

/** Resolves to the exception file opened (the pending one or the new one); undefined when nothing was opened. */
export async function requestException(registry: WorkspaceRegistry, planId?: unknown, options: RequestExceptionOptions = {}): Promise<vscode.Uri | undefined> {
  await registry.whenIdle();
  // A plan id (the breach quick fix), a tree item (the views' context menu), a plan file's uri, or the active editor's plan.
  const found = typeof planId === 'string' ? planById(registry, planId) : resolvePlanTarget(registry, planId);
  if (!found) {
    void vscode.window.showWarningMessage(
      typeof planId === 'string'
        ? `PatchOps: no plan \`${planId}\` in this window's PatchOps workspaces.`
        : 'PatchOps: open a plan file (*.plan.yaml) to request an exception for it.',
    );
    return undefined;
  }
  const { workspace, plan } = found;
  const evaluation = workspace.evaluation!;
  const pending = pendingExceptionFor(evaluation, plan);
  if (pending) {
    const uri = workspace.uriOf(pending.entity.source.file);
    await vscode.window.showTextDocument(uri, { selection: toRange(pending.entity.source.rangeOf([...pending.entity.path, 'id'])) });
    void vscode.window.showInformationMessage(`PatchOps: ${pending.id} already requests an exception for ${plan.id}; it awaits approval.`);
    return uri;
  }

  const requestedBy =
    options.requestedBy ??
    (await vscode.window.showInputBox({
      title: `Request an exception for ${plan.id}: requested by (email)`,
      value: firstMemberOf(evaluation.model.settings?.data.teams, plan.entity.data.owner),
      validateInput: (v) => (EMAIL_PATTERN.test(v) ? undefined : 'an email address'),
    }));
  if (!requestedBy || !EMAIL_PATTERN.test(requestedBy)) return undefined;

  const request = exceptionRequestFor(evaluation, plan, requestedBy);
  const uri = workspace.uriOf(request.file);
  if (await uriExists(uri)) {
    // An exception file under that name that the workspace does not read as one: never overwritten.
    void vscode.window.showWarningMessage(`PatchOps: ${request.file} already exists; it was left as it is.`);
    await vscode.window.showTextDocument(uri);
    return uri;
  }
  await vscode.workspace.fs.writeFile(uri, Buffer.from(request.text, 'utf8'));
  // The first value left to fill in is selected: typing replaces it.
  const [first] = placeholderRanges(request.text);
  await vscode.window.showTextDocument(uri, { selection: first && toRange(first), preview: false });
  return uri;
}

function planById(registry: WorkspaceRegistry, planId: string): { workspace: PatchOpsWorkspace; plan: PlanResult } | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const first = active && registry.workspaceOf(active)?.workspace;
  // The active editor's workspace first: the same id may be used in two workspaces of a window.
  for (const workspace of [...(first ? [first] : []), ...registry.all.filter((w) => w !== first)]) {
    const plan = workspace.evaluation?.plans.find((p) => p.id === planId);
    if (plan) return { workspace, plan };
  }
  return undefined;
}

/** The owner team's first member: the executor usually asks. */
function firstMemberOf(teams: Record<string, { members?: string[] } | undefined> | undefined, team: string): string {
  return teams?.[team]?.members?.[0] ?? '';
}
