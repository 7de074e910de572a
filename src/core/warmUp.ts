// First use of the parsers, validators, time zones, recurrence rules and CVSS scoring costs far
// more than later uses (compilation, Intl data, JIT). An editor runs these steps one per tick
// before its first evaluation, so no single task blocks it for long.
import { scoreCvss } from './risk/cvss';
import { validateValue } from './schema/validators';
import { cycleDeadline } from './time/cycles';
import { formatInstantLocal, isValidZone, parseInstant } from './time/instants';
import { parseSource } from './parse/fastSource';
import { parseYamlSource } from './parse/yamlSource';
import { evaluate } from './evaluate';
import { placeholder } from './model/placeholders';
import { newPlanText, newWorkspaceFiles } from './templates/templates';
import { assembleModel, loadFile } from './workspace/load';
import type { LoadedFile } from './model/workspace';
import type { FileKind } from './model/files';

const KINDS: FileKind[] = ['workspace', 'sla', 'assets', 'plan', 'exception'];

export function warmUpSteps(zone = 'UTC'): { name: string; run: () => void }[] {
  // A small workspace from the templates, loaded in one step and evaluated in the next, so the
  // rules' code is warm before the first real evaluation.
  const files: LoadedFile[] = [];
  const templates = {
    ...newWorkspaceFiles('Warm-up', zone),
    'plans/warm.plan.yaml': newPlanText({
      id: 'WARM-1',
      title: 'Warm-up',
      owner: 'it-ops',
      validator: 'infosec',
      affects: ['pilot-ring'],
      today: '2026-01-01',
    })
      // Filled in, so the deadline rules run too (a placeholder CVE has no deadline).
      .replace(placeholder('the CVE id'), 'CVE-2026-0001')
      .replace(placeholder('critical, high, medium or low'), 'critical'),
  };
  return [
    ...KINDS.map((kind) => ({ name: `the ${kind} validator`, run: () => void validateValue(kind, {}) })),
    { name: 'time zones', run: () => void (isValidZone(zone) && formatInstantLocal(0, zone) && parseInstant('2026-01-01T00:00', zone)) },
    { name: 'recurrence rules', run: () => void cycleDeadline({ rrule: 'FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2', at: '18:00' }, 0, 'UTC') },
    { name: 'CVSS 3.1', run: () => void scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H') },
    { name: 'CVSS 4.0', run: () => void scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N') },
    // One file or parser a step: an editor runs them while its first scan's workers read, where a
    // busy core stretches any step.
    { name: 'the fast YAML parser', run: () => void parseSource('warm.plan.yaml', 'id: x\n').rangeOf(['id']) },
    { name: 'the full YAML parser', run: () => void parseYamlSource('warm.plan.yaml', 'id: [x]\n').rangeOf(['id', 0]) },
    ...Object.entries(templates).map(([file, text]) => ({ name: `load ${file}`, run: () => void files.push(loadFile(file, text)) })),
    // The rules' first run compiles them: the workspace without its plan first (the evaluator,
    // policies, groups, calendars, KPIs), then with it (the plan's rules), in two tasks not one.
    {
      name: 'evaluate the template workspace without its plan',
      run: () => void evaluate(assembleModel(files.filter((f) => f.kind !== 'plan')), { asOf: Date.UTC(2026, 0, 10) }),
    },
    { name: 'evaluate a template workspace', run: () => void evaluate(assembleModel(files), { asOf: Date.UTC(2026, 0, 10) }) },
  ];
}
