// `patchops init [DIR] [--preset NAME] [--name TEXT]`: a new, working workspace from the templates
// (core/templates): teams, a policy (a risk model of record with `--preset`) and asset groups.
// What only the team can say (its members) is a placeholder, flagged until filled in. Never
// overwrites and never writes part of it: a folder with a patchops.yaml, or with any file init
// would write, is refused before anything is written.
import * as fs from 'fs';
import * as path from 'path';
import { newWorkspaceFiles } from '../../core/templates/templates';
import { fileKindOf } from '../../core/workspace/fileKinds';
import { findWorkspaceFiles, readWorkspaceFile } from '../../node/workspaceFiles';
import { UsageError, type InitArgs } from '../args';
import type { Io } from '../io';

export function runInit(args: InitArgs, io: Io): number {
  const root = path.resolve(io.cwd, args.dir);
  for (const name of ['patchops.yaml', 'patchops.yml']) {
    if (fs.existsSync(path.join(root, name))) throw new UsageError(`${args.dir} already has a PatchOps workspace (${name}): nothing was written`);
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const name = args.name ?? `${path.basename(root)} patching`;
  const files = newWorkspaceFiles(name, zone, declaredIds(root), args.preset);
  const there = Object.keys(files).filter((rel) => fs.existsSync(path.join(root, ...rel.split('/'))));
  if (there.length) {
    throw new UsageError(
      `${args.dir} has ${there.join(', ')} already: init never overwrites, so nothing was written (move ${there.length === 1 ? 'it' : 'them'} away, or init another folder)`,
    );
  }
  const created: string[] = [];
  try {
    for (const [rel, text] of Object.entries(files)) {
      const full = path.join(root, ...rel.split('/'));
      fs.mkdirSync(path.dirname(full), { recursive: true });
      // `wx`: created only if absent, so a file that appeared meanwhile is not overwritten either.
      fs.writeFileSync(full, text, { flag: 'wx' });
      created.push(full);
    }
  } catch (err) {
    // All or nothing: what this run created is removed again.
    for (const full of created) fs.rmSync(full, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`cannot write the workspace in ${args.dir}: ${code ?? (err as Error).message}; nothing was written`);
  }
  const lines = [
    `created ${Object.keys(files).join(', ')} in ${args.dir}${args.preset ? ` (risk model ${args.preset})` : ''}`,
    'next: fill in the teams in patchops.yaml (patchops validate lists what is left), then patchops new plan',
  ];
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** The policy and asset group ids the folder's files declare already: the template leaves those out. */
function declaredIds(root: string): { policies: Set<string>; groups: Set<string> } {
  const taken = { policies: new Set<string>(), groups: new Set<string>() };
  if (!fs.existsSync(root)) return taken;
  for (const rel of findWorkspaceFiles(root)) {
    const kind = fileKindOf(rel);
    if (kind !== 'sla' && kind !== 'assets') continue;
    for (const id of readWorkspaceFile(root, rel).declaredIds) (kind === 'sla' ? taken.policies : taken.groups).add(id);
  }
  return taken;
}
