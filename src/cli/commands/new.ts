// `patchops new plan|exception [DIR]`: one new file from the core's template (the editor's New Plan
// and New Exception use the same one), with the next free id of the year. What the command cannot
// know is written as a placeholder (`<fill in …>`, template.placeholder), never as data that looks
// real. It never overwrites: the file is created only if absent.
import * as fs from 'fs';
import * as path from 'path';
import type { PlanFile, WorkspaceFile } from '../../core/model/files';
import { placeholderWhat } from '../../core/model/placeholders';
import { closest } from '../../core/schema/suggest';
import { newExceptionText, newFilePath, newPlanText, nextFreeId } from '../../core/templates/templates';
import { formatInstantLocal, isValidZone } from '../../core/time/instants';
import { assembleModel } from '../../core/workspace/load';
import { UsageError, type NewArgs } from '../args';
import type { Io } from '../io';
import { openWorkspace, workspaceZone } from './workspace';

export function runNew(args: NewArgs, io: Io): number {
  const disk = openWorkspace(args.dir, io);
  const model = assembleModel(disk.files);
  const zone = workspaceZone(disk);
  const today = formatInstantLocal(io.now(), isValidZone(zone) ? zone : 'UTC').slice(0, 10);
  const year = Number(today.slice(0, 4));
  // Every id a file declares, also in files with errors: a free id is free of those too.
  const declared = (kind: 'plan' | 'exception') => disk.files.filter((f) => f.kind === kind).flatMap((f) => f.declaredIds);
  const real = (values: readonly string[] | undefined) => (values ?? []).filter((v) => typeof v === 'string' && placeholderWhat(v) === undefined);

  let id: string;
  let text: string;
  if (args.kind === 'plan') {
    id = nextFreeId('PLAN', year, declared('plan'));
    const teams = model.settings?.data.teams ?? {};
    text = newPlanText({
      id,
      today,
      ...(args.title !== undefined ? { title: args.title } : {}),
      ...onlyTeam(teams, 'executor', 'owner'),
      ...onlyTeam(teams, 'validator', 'validator'),
    });
  } else {
    id = nextFreeId('EXC', year, declared('exception'));
    let plan: PlanFile | undefined;
    if (args.plan !== undefined) {
      plan = model.plans.find((p) => p.data.id === args.plan)?.data;
      if (!plan) {
        const ids = model.plans.map((p) => p.data.id);
        const near = closest(args.plan, ids);
        throw new UsageError(
          `no plan '${args.plan}' in the workspace${near ? `: did you mean ${near}?` : ids.length ? '' : ' (it has no plans)'}; nothing was written`,
        );
      }
    }
    text = newExceptionText({
      id,
      requestedOn: today,
      ...(plan ? { plan: plan.id, vulnerabilities: real(plan.vulnerabilities.map((v) => v.id)), groups: real(plan.affects) } : {}),
    });
  }
  const rel = newFilePath(args.kind, id);
  const full = path.join(disk.root, ...rel.split('/'));
  try {
    fs.mkdirSync(path.dirname(full), { recursive: true });
    // `wx`: created only if absent, so nothing that exists is ever overwritten.
    fs.writeFileSync(full, text, { flag: 'wx' });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(`${rel} exists already (its id is not ${id}): nothing was written; rename it to match its id, or remove it`);
    throw new UsageError(`cannot write ${rel}: ${code ?? (err as Error).message}`);
  }
  const shown = path.relative(io.cwd, full) || rel;
  const left = (text.match(/<fill in [^<>\n]+>/g) ?? []).length;
  io.stdout.write(
    `created ${shown} (${id})${left ? `: fill in the ${left} value${left === 1 ? '' : 's'} marked <fill in …>; patchops validate lists them` : ''}\n`,
  );
  return 0;
}

/** The one team of a role, when there is exactly one: else the template's placeholder asks. */
function onlyTeam(teams: WorkspaceFile['teams'], role: 'executor' | 'validator', field: 'owner' | 'validator'): { owner?: string; validator?: string } {
  const names = Object.entries(teams).filter(([, t]) => t?.role === role);
  return names.length === 1 ? { [field]: names[0][0] } : {};
}
