// A plan's references: its policy, teams and their roles, groups, and the people it names.
import type { AssetGroup, PlanFile, WorkspaceFile } from '../model/files';
import { sameEmail } from '../model/people';
import { placeholderWhat } from '../model/placeholders';
import type { RuleContext } from './context';
import { unknownGroup } from './exceptions';
import { teamOf, unknownTeam } from './policies';
import type { YamlPath } from '../model/source';
import type { Entity } from '../model/workspace';

export interface ReferenceInputs {
  teams: WorkspaceFile['teams'];
  groups: ReadonlyMap<string, Entity<AssetGroup>>;
  brokenGroups: ReadonlyMap<string, string>;
}

const OWNER: YamlPath = ['owner'];
const VALIDATOR: YamlPath = ['validator'];
const DECIDED_BY: YamlPath = ['rollback', 'decided_by'];
const EXECUTED_BY: YamlPath = ['rollback', 'executed_by'];

export function checkPlanReferences(ctx: RuleContext, plan: Entity<PlanFile>, inputs: ReferenceInputs): void {
  const p = plan.data;
  const team = (path: YamlPath, id: string | undefined, role?: 'executor' | 'validator', what?: string) => {
    if (id === undefined || id === '') return; // '' stands in for a missing team: the schema error says so
    if (placeholderWhat(id) !== undefined) return; // template.placeholder says so
    const found = teamOf(inputs.teams, id);
    if (!found) ctx.report(plan, path, 'error', 'ref.unknown', unknownTeam(id, inputs.teams));
    else if (role && found.role !== role) {
      const want = role === 'executor' ? 'an executor team (IT executes)' : 'a validator team (InfoSec validates)';
      const others = Object.entries(inputs.teams)
        .filter(([, t]) => t?.role === role)
        .map(([name]) => name);
      ctx.report(
        plan,
        path,
        'error',
        'ref.role',
        `${what} \`${id}\` is ${found.role === 'executor' ? 'an' : 'a'} ${found.role} team; it must be ${want}${others.length ? `: ${others.join(', ')}` : ''}`,
      );
    }
  };
  team(OWNER, p.owner, 'executor', 'owner');
  team(VALIDATOR, p.validator, 'validator', 'validator');
  team(DECIDED_BY, p.rollback?.decided_by);
  team(EXECUTED_BY, p.rollback?.executed_by);

  // A group's path is made only to report it: most plans name only known groups. A placeholder is
  // not reported here: template.placeholder says so.
  const fine = (id: string) => placeholderWhat(id) !== undefined || inputs.groups.has(id) || inputs.brokenGroups.has(id);
  p.affects.forEach((id, i) => {
    if (!fine(id)) ctx.report(plan, ['affects', i], 'error', 'ref.unknown', unknownGroup(id, inputs.groups));
  });
  (p.waves ?? []).forEach((wave, w) =>
    (wave.groups ?? []).forEach((id, i) => {
      if (!fine(id)) ctx.report(plan, ['waves', w, 'groups', i], 'error', 'ref.unknown', unknownGroup(id, inputs.groups));
    }),
  );

  const validatedBy = p.testing?.validated_by;
  if (validatedBy !== undefined) {
    const validators = teamOf(inputs.teams, p.validator)?.members ?? [];
    if (!validators.some((m) => sameEmail(m, validatedBy))) {
      const member = Object.entries(inputs.teams).find(([, t]) => t?.members.some((m) => sameEmail(m, validatedBy)));
      ctx.report(
        plan,
        ['testing', 'validated_by'],
        'error',
        member ? 'ref.role' : 'ref.unknown',
        member
          ? `\`${validatedBy}\` is in team \`${member[0]}\`, not in the plan's validator team \`${p.validator}\`: InfoSec validates the test`
          : `unknown person \`${validatedBy}\`: not a member of any team in patchops.yaml`,
      );
    }
  }
}
