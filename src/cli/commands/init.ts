// `patchops init [DIR] [--preset NAME] [--name TEXT]`: a new workspace from the templates
// (core/templates), with the policy of a risk model of record when `--preset` names one. Never
// overwrites: a folder with a patchops.yaml is refused, and a file that exists is kept.
import * as fs from 'fs';
import * as path from 'path';
import { newWorkspaceFiles } from '../../core/templates/templates';
import { UsageError, type InitArgs } from '../args';
import type { Io } from '../io';

export function runInit(args: InitArgs, io: Io): number {
  const root = path.resolve(io.cwd, args.dir);
  for (const name of ['patchops.yaml', 'patchops.yml']) {
    if (fs.existsSync(path.join(root, name))) throw new UsageError(`${args.dir} already has a PatchOps workspace (${name}): nothing was written`);
  }
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  const name = args.name ?? `${path.basename(root)} patching`;
  const files = newWorkspaceFiles(name, zone, {}, args.preset);
  const created: string[] = [];
  const kept: string[] = [];
  for (const [rel, text] of Object.entries(files)) {
    const full = path.join(root, ...rel.split('/'));
    try {
      fs.mkdirSync(path.dirname(full), { recursive: true });
      // `wx`: created only if absent, so nothing that exists is ever overwritten.
      fs.writeFileSync(full, text, { flag: 'wx' });
      created.push(rel);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') kept.push(rel);
      else throw new UsageError(`cannot write ${rel}: ${code ?? (err as Error).message}`);
    }
  }
  const lines = [`created ${created.join(', ')} in ${args.dir}${args.preset ? ` (risk model ${args.preset})` : ''}`];
  if (kept.length) lines.push(`kept ${kept.join(', ')}: ${kept.length === 1 ? 'it exists' : 'they exist'}, and init never overwrites`);
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}
