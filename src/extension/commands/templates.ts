// New workspace, plan and exception files from templates, filled from quick picks. Files are
// created only where none exists, so nothing a user wrote is ever overwritten.
import * as vscode from 'vscode';
import type { PlanFile } from '../../core/model/files';
import { newExceptionText, newPlanText, newWorkspaceFiles } from '../../core/templates/templates';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { pickWorkspace } from './pickWorkspace';

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

export async function newWorkspace(registry: WorkspaceRegistry): Promise<void> {
  const folder = vscode.workspace.workspaceFolders?.length === 1
    ? vscode.workspace.workspaceFolders[0]
    : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new PatchOps workspace' });
  if (!folder) return;
  const name = await vscode.window.showInputBox({ title: 'Workspace name', value: `${folder.name} patching`, validateInput: required });
  if (name === undefined) return;
  const created: vscode.Uri[] = [];
  for (const [rel, text] of Object.entries(newWorkspaceFiles(name, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC'))) {
    const uri = vscode.Uri.joinPath(folder.uri, ...rel.split('/'));
    if (await createIfAbsent(uri, text)) created.push(uri);
  }
  await registry.discover();
  if (created.length) await vscode.window.showTextDocument(created[0]);
  else void vscode.window.showInformationMessage('PatchOps: this folder already has a workspace; nothing was overwritten.');
}

export async function newPlan(registry: WorkspaceRegistry): Promise<void> {
  const workspace = await pickWorkspace(registry);
  const evaluation = workspace?.evaluation;
  if (!workspace || !evaluation) return;
  const teams = Object.entries(evaluation.model.settings?.data.teams ?? {});
  const id = await vscode.window.showInputBox({ title: 'Plan id', value: `PLAN-${new Date().getFullYear()}-`, validateInput: (v) => (ID.test(v) && !evaluation.plans.some((p) => p.id === v) ? undefined : 'a new id: letters, digits, ".", "_" and "-"') });
  if (!id) return;
  const title = await vscode.window.showInputBox({ title: 'Title', placeHolder: 'Chrome zero-day', validateInput: required });
  if (!title) return;
  const owner = await pickOne('Owner (executor team: IT executes)', teams.filter(([, t]) => t?.role === 'executor').map(([n]) => n));
  const validator = await pickOne('Validator (validator team: InfoSec validates)', teams.filter(([, t]) => t?.role === 'validator').map(([n]) => n));
  const groups = await vscode.window.showQuickPick([...evaluation.model.groups.keys()].map((g) => ({ label: g, description: `${evaluation.model.groups.get(g)!.data.impact} impact` })), { title: 'Affected asset groups', canPickMany: true });
  if (!owner || !validator || !groups?.length) return;
  const uri = vscode.Uri.joinPath(workspace.root, 'plans', `${id}.plan.yaml`);
  await createAndOpen(uri, newPlanText({ id, title, owner, validator, affects: groups.map((g) => g.label), today: new Date().toISOString().slice(0, 10) }));
}

export async function newException(registry: WorkspaceRegistry, fromPlan?: PlanFile): Promise<void> {
  const workspace = await pickWorkspace(registry);
  const evaluation = workspace?.evaluation;
  if (!workspace || !evaluation) return;
  const known = [...new Set(evaluation.plans.flatMap((p) => p.vulnerabilities.map((v) => v.id)))].sort();
  const vulnerabilities = fromPlan
    ? fromPlan.vulnerabilities.map((v) => v.id)
    : (await vscode.window.showQuickPick(known, { title: 'Vulnerabilities to exempt', canPickMany: true })) ?? [];
  if (!vulnerabilities.length) return;
  const groups = fromPlan
    ? [...fromPlan.affects]
    : (await vscode.window.showQuickPick([...evaluation.model.groups.keys()], { title: 'Asset groups (scope)', canPickMany: true })) ?? [];
  if (!groups.length) return;
  const requestedBy = await vscode.window.showInputBox({ title: 'Requested by (email)', validateInput: (v) => (EMAIL.test(v) ? undefined : 'an email address') });
  if (!requestedBy) return;
  const taken = new Set(evaluation.exceptions.map((e) => e.id));
  let n = evaluation.exceptions.length + 1;
  const year = new Date().getFullYear();
  while (taken.has(`EXC-${year}-${String(n).padStart(3, '0')}`)) n++;
  const id = `EXC-${year}-${String(n).padStart(3, '0')}`;
  const today = new Date().toISOString().slice(0, 10);
  const uri = vscode.Uri.joinPath(workspace.root, 'exceptions', `${id}.exception.yaml`);
  await createAndOpen(uri, newExceptionText({ id, vulnerabilities, groups, plan: fromPlan?.id, requestedBy, requestedOn: today }));
}

/** "Request exception" for the plan in the active editor: pre-filled from that plan. */
export async function requestException(registry: WorkspaceRegistry): Promise<void> {
  const uri = vscode.window.activeTextEditor?.document.uri;
  const owner = uri && registry.workspaceOf(uri);
  const plan = owner?.workspace.evaluation?.plans.find((p) => p.entity.source.file === owner.rel);
  if (!plan) {
    void vscode.window.showWarningMessage('PatchOps: open a plan file (*.plan.yaml) to request an exception for it.');
    return;
  }
  await newException(registry, plan.entity.data);
}

async function pickOne(title: string, items: string[]): Promise<string | undefined> {
  if (items.length === 1) return items[0];
  return vscode.window.showQuickPick(items, { title });
}

function required(value: string): string | undefined {
  return value.trim() ? undefined : 'required';
}

async function createIfAbsent(uri: vscode.Uri, text: string): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return false;
  } catch {
    await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
    return true;
  }
}

async function createAndOpen(uri: vscode.Uri, text: string): Promise<void> {
  if (!(await createIfAbsent(uri, text))) {
    void vscode.window.showWarningMessage(`PatchOps: ${vscode.workspace.asRelativePath(uri)} already exists; it was left as it is.`);
  }
  await vscode.window.showTextDocument(uri);
}
