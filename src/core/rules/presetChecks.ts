// What a model of record asks of the files beyond its inputs (docs/rules.md#risk-models): a
// `pain` on every group under `fedramp-vdr`, and the forensic triage BOD 26-04 requires.
import type { AssetGroup, PlanFile } from '../model/files';
import type { PairDeadline } from '../model/evaluation';
import type { RuleContext } from './context';
import type { ResolvedPreset } from './presetPolicy';
import type { Entity } from '../model/workspace';

export function checkPresetInputs(
  ctx: RuleContext,
  plan: Entity<PlanFile>,
  preset: ResolvedPreset,
  pairs: readonly PairDeadline[],
  groups: ReadonlyMap<string, Entity<AssetGroup>>,
): void {
  if (preset.settings.model === 'fedramp-vdr') {
    plan.data.affects.forEach((g, i) => {
      const group = groups.get(g);
      // An undeclared group has its `ref.unknown`; a declared one must say its PAIN.
      if (!group || (group.data as { pain?: unknown }).pain !== undefined) return;
      ctx.report(
        plan,
        ['affects', i],
        'error',
        'risk.input-missing',
        `group \`${g}\` has no \`pain\`: fedramp-vdr reads its timeframe by PAIN (1..5); add \`pain\` to the group in ${group.source.file} (until then it counts as 5)`,
      );
    });
  }
  const triage = pairs.find((x) => x.forensicTriage);
  if (!triage) return;
  const written = plan.data.forensic_triage;
  const why = `${triage.vulnerability} on ${triage.group ?? 'an unknown group'} is ${triage.inputs} → ${triage.outcome}`;
  if (written === undefined) {
    ctx.report(plan, ['id'], 'error', 'risk.forensic-triage', `${why}: record the triage under \`forensic_triage\` (by, on, finding)`);
    return;
  }
  ctx.instant(plan, ['forensic_triage', 'on'], written.on);
  const missing = (['by', 'on', 'finding'] as const).filter((k) => written[k] === undefined);
  if (missing.length) {
    ctx.report(plan, ['forensic_triage'], 'error', 'risk.forensic-triage', `\`forensic_triage\` lacks ${missing.map((k) => `\`${k}\``).join(', ')} (${why})`, {
      part: 'key',
    });
  }
}
