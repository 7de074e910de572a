// New workspace, plan and exception files from templates, filled from quick picks. Files are
// created only where none exists, so nothing a user wrote is ever overwritten, and a new
// workspace never declares an id the folder already has.
import * as vscode from 'vscode';
import { EMAIL_PATTERN, ID_PATTERN } from '../../core/contract';
import { localDate } from '../../core/fixes/requestException';
import { PRESET_NAMES, type PresetName } from '../../core/templates/presetPolicies';
import { placeholderRanges } from '../../core/model/placeholders';
import {
  newExceptionText,
  newFilePath,
  newPlanText,
  newWorkspaceFiles,
  nextFreeId,
  TEMPLATE_GROUP_IDS,
  TEMPLATE_POLICY_ID,
} from '../../core/templates/templates';
import { fileKindOf } from '../../core/workspace/fileKinds';
import { loadFile } from '../../core/workspace/load';
import { findWorkspaceFiles, readWorkspaceFile } from '../../node/workspaceFiles';
import { uriExists } from '../applyFileChanges';
import { toRange } from '../convert';
import type { WorkspaceRegistry } from '../workspaceRegistry';
import { pickWorkspace } from './pickWorkspace';
import type { LoadedFile } from '../../core/model/workspace';

/** Arguments for callers without the prompts (other extensions, tests). */
export interface NewWorkspaceRequest {
  folder?: vscode.Uri;
  name?: string;
  /** The risk model of its policy (docs/rules.md#risk-models); asked for when the name is too, else the matrix. */
  preset?: PresetName | 'matrix';
}

/**
 * A new workspace in a folder. A folder that already has a patchops.yaml is refused (nothing is
 * written: New Plan adds to it). Otherwise only what is missing is added: patchops.yaml, and the
 * example policy and groups whose ids the folder's files do not declare yet — never a second
 * `standard` policy or `workstations` group. Resolves to the files created (workspace-relative).
 */
export async function newWorkspace(registry: WorkspaceRegistry, request: NewWorkspaceRequest = {}): Promise<string[] | undefined> {
  const root =
    request.folder ??
    (vscode.workspace.workspaceFolders?.length === 1
      ? vscode.workspace.workspaceFolders[0]
      : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for the new PatchOps workspace' })
    )?.uri;
  if (!root) return undefined;
  const label = root.path.slice(root.path.lastIndexOf('/') + 1) || root.path;
  const existing = await workspaceFileIn(root);
  if (existing) return refuse(existing, label);
  const name =
    request.name?.trim() ||
    (request.name === undefined
      ? await vscode.window.showInputBox({ title: 'Workspace name', value: `${label} patching`, validateInput: required })
      : undefined);
  if (!name) return undefined;

  const preset = request.preset ?? (request.name === undefined ? await pickPreset() : 'matrix');
  if (!preset) return undefined;

  const taken = await declaredIds(root);
  const files = newWorkspaceFiles(name, Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC', taken, preset === 'matrix' ? undefined : preset);
  const created: string[] = [];
  const kept: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const uri = vscode.Uri.joinPath(root, ...rel.split('/'));
    if (await createIfAbsent(uri, text)) created.push(rel);
    // patchops.yaml appeared while the name was asked for: that workspace is left alone.
    else if (rel === 'patchops.yaml') return refuse(uri, label);
    else kept.push(rel);
  }
  await registry.discover();
  const leftOut = [
    ...(taken.policies.has(TEMPLATE_POLICY_ID) ? [`the policy \`${TEMPLATE_POLICY_ID}\``] : []),
    ...TEMPLATE_GROUP_IDS.filter((id) => taken.groups.has(id)).map((id) => `the group \`${id}\``),
  ];
  const said = [
    `created ${list(created)} in ${label}.`,
    leftOut.length ? `Left out ${list(leftOut)}: the folder's files already declare ${leftOut.length === 1 ? 'it' : 'them'}.` : '',
    kept.length ? `${list(kept)} already existed and ${kept.length === 1 ? 'was' : 'were'} left as ${kept.length === 1 ? 'it was' : 'they were'}.` : '',
  ];
  void vscode.window.showInformationMessage(`PatchOps: ${said.filter(Boolean).join(' ')}`);
  await vscode.window.showTextDocument(vscode.Uri.joinPath(root, 'patchops.yaml'));
  return created;
}

const PRESET_DESCRIPTIONS: Record<PresetName | 'matrix', string> = {
  matrix: 'Your own risk matrix: business impact × severity, raised for KEV',
  'bod-26-04': 'CISA BOD 26-04: KEV × exposed × automatable × technical impact',
  ssvc: 'CISA SSVC: Track, Track*, Attend, Act, with your deadlines',
  'fedramp-vdr': 'FedRAMP VDR-TFR-PVR: class × PAIN × exploitable × reachable',
  'fedramp-rev5': 'FedRAMP Rev5: 30 / 90 / 180 days by severity',
  'pci-dss': 'PCI DSS 6.3.3: critical within one month of release',
};

async function pickPreset(): Promise<PresetName | 'matrix' | undefined> {
  const picks = (['matrix', ...PRESET_NAMES] as const).map((p) => ({ label: p, description: PRESET_DESCRIPTIONS[p], preset: p }));
  return (await vscode.window.showQuickPick(picks, { title: 'Risk model of the SLA policy' }))?.preset;
}

async function refuse(existing: vscode.Uri, label: string): Promise<string[]> {
  const rel = existing.path.slice(existing.path.lastIndexOf('/') + 1);
  void vscode.window.showWarningMessage(
    `PatchOps: ${label} already has a PatchOps workspace (${rel}); nothing was created or changed. Add to it with "PatchOps: New Plan" and "PatchOps: New Exception".`,
  );
  await vscode.window.showTextDocument(existing);
  return [];
}

/** The folder's own patchops.yaml (or .yml), if it has one. */
async function workspaceFileIn(root: vscode.Uri): Promise<vscode.Uri | undefined> {
  for (const name of ['patchops.yaml', 'patchops.yml']) {
    const uri = vscode.Uri.joinPath(root, name);
    if (await uriExists(uri)) return uri;
  }
  return undefined;
}

/** The policy and asset group ids the folder's files declare (also in files with errors). */
async function declaredIds(root: vscode.Uri): Promise<{ policies: Set<string>; groups: Set<string> }> {
  const taken = { policies: new Set<string>(), groups: new Set<string>() };
  const add = (file: LoadedFile) => file.declaredIds.forEach((id) => (file.kind === 'sla' ? taken.policies : taken.groups).add(id));
  const wanted = (rel: string) => ['sla', 'assets'].includes(fileKindOf(rel) ?? '');
  if (root.scheme === 'file') {
    for (const rel of findWorkspaceFiles(root.fsPath).filter(wanted)) add(readWorkspaceFile(root.fsPath, rel));
    return taken;
  }
  const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(root, '**/*.{sla,assets}.{yaml,yml}'), '{**/node_modules/**,**/.*/**}');
  for (const uri of uris) {
    const rel = uri.path.slice(root.path.replace(/\/$/, '').length + 1);
    if (wanted(rel)) add(loadFile(rel, await vscode.workspace.fs.readFile(uri)));
  }
  return taken;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export async function newPlan(registry: WorkspaceRegistry): Promise<void> {
  const workspace = await pickWorkspace(registry);
  const evaluation = workspace?.evaluation;
  if (!workspace || !evaluation) return;
  const teams = Object.entries(evaluation.model.settings?.data.teams ?? {});
  const today = localDate(evaluation.asOf, evaluation.timezone);
  const id = await vscode.window.showInputBox({
    title: 'Plan id',
    value: nextFreeId(
      'PLAN',
      Number(today.slice(0, 4)),
      evaluation.plans.map((p) => p.id),
    ),
    validateInput: (v) => (ID_PATTERN.test(v) && !evaluation.plans.some((p) => p.id === v) ? undefined : 'a new id: letters, digits, ".", "_" and "-"'),
  });
  if (!id) return;
  const title = await vscode.window.showInputBox({ title: 'Title', placeHolder: 'Chrome zero-day', validateInput: required });
  if (!title) return;
  const owner = await pickOne(
    'Owner (executor team: IT executes)',
    teams.filter(([, t]) => t?.role === 'executor').map(([n]) => n),
  );
  const validator = await pickOne(
    'Validator (validator team: InfoSec validates)',
    teams.filter(([, t]) => t?.role === 'validator').map(([n]) => n),
  );
  const groups = await vscode.window.showQuickPick(
    [...evaluation.model.groups.keys()].map((g) => ({ label: g, description: `${evaluation.model.groups.get(g)!.data.impact} impact` })),
    { title: 'Affected asset groups', canPickMany: true },
  );
  if (!owner || !validator || !groups?.length) return;
  const uri = vscode.Uri.joinPath(workspace.root, ...newFilePath('plan', id).split('/'));
  await createAndOpen(uri, newPlanText({ id, title, owner, validator, affects: groups.map((g) => g.label), today }));
}

export async function newException(registry: WorkspaceRegistry): Promise<void> {
  const workspace = await pickWorkspace(registry);
  const evaluation = workspace?.evaluation;
  if (!workspace || !evaluation) return;
  const known = [...new Set(evaluation.plans.flatMap((p) => p.vulnerabilities.map((v) => v.id)))].sort();
  const vulnerabilities = (await vscode.window.showQuickPick(known, { title: 'Vulnerabilities to exempt', canPickMany: true })) ?? [];
  if (!vulnerabilities.length) return;
  const groups = (await vscode.window.showQuickPick([...evaluation.model.groups.keys()], { title: 'Asset groups (scope)', canPickMany: true })) ?? [];
  if (!groups.length) return;
  const requestedBy = await vscode.window.showInputBox({
    title: 'Requested by (email)',
    validateInput: (v) => (EMAIL_PATTERN.test(v) ? undefined : 'an email address'),
  });
  if (!requestedBy) return;
  // "Today" is the evaluation's as-of in the workspace's zone, as for a request from a breach.
  const today = localDate(evaluation.asOf, evaluation.timezone);
  const id = nextFreeId(
    'EXC',
    Number(today.slice(0, 4)),
    evaluation.exceptions.map((e) => e.id),
  );
  const uri = vscode.Uri.joinPath(workspace.root, 'exceptions', `${id}.exception.yaml`);
  await createAndOpen(uri, newExceptionText({ id, vulnerabilities, groups, requestedBy, requestedOn: today }));
}

async function pickOne(title: string, items: string[]): Promise<string | undefined> {
  if (items.length === 1) return items[0];
  return vscode.window.showQuickPick(items, { title });
}

function required(value: string): string | undefined {
  return value.trim() ? undefined : 'required';
}

async function createIfAbsent(uri: vscode.Uri, text: string): Promise<boolean> {
  if (await uriExists(uri)) return false;
  await vscode.workspace.fs.writeFile(uri, Buffer.from(text, 'utf8'));
  return true;
}

async function createAndOpen(uri: vscode.Uri, text: string): Promise<void> {
  if (!(await createIfAbsent(uri, text))) {
    void vscode.window.showWarningMessage(`PatchOps: ${vscode.workspace.asRelativePath(uri)} already exists; it was left as it is.`);
    await vscode.window.showTextDocument(uri);
    return;
  }
  // The first value the template leaves to fill in is selected: typing replaces it.
  const [first] = placeholderRanges(text);
  await vscode.window.showTextDocument(uri, { selection: first && toRange(first) });
}
