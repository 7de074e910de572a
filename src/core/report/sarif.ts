// Diagnostics as SARIF 2.1.0, for code-scanning UIs.
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic';

const DESCRIPTIONS: Record<DiagnosticCode, string> = {
  'yaml.syntax': 'The file does not parse as YAML.',
  schema: 'The file does not match its JSON schema.',
  'ref.unknown': 'A reference to a team, group, SLA policy, plan, vulnerability or person that does not exist.',
  'ref.duplicate-id': 'An id declared twice in the workspace.',
  'ref.role': 'A team or person in the wrong role (IT executes, InfoSec validates).',
  'workspace.missing': 'No patchops.yaml at the workspace root.',
  'workspace.misnamed': 'A YAML file that looks like a PatchOps file but is not named like one, so PatchOps does not read it.',
  'sla.breached': 'A plan is past its SLA deadline and not remediated.',
  'sla.due-soon': 'A plan is within its warning window before the SLA deadline.',
  'sla.missed': 'A plan was remediated after its SLA deadline.',
  'sla.unknown': 'A plan has no computable deadline (an unusable policy, an unreadable value): PatchOps cannot tell whether it is late.',
  'sla.at-risk': 'A plan whose waves are projected to finish after its SLA deadline (its schedule, windows and freezes).',
  'testing.required': 'A wave after the pilot started before testing passed.',
  'wave.gate': "A wave started before the previous wave's gate was met.",
  'wave.progress': 'Wave progress numbers are inconsistent.',
  'wave.window': 'A planned wave start outside every maintenance window or inside a freeze, or a window or freeze that cannot be used.',
  'rollback.missing': 'No rollback procedure, or one without who decides, who executes and how it is communicated.',
  'exception.expired': 'An exception is past its revisit date.',
  'exception.expiring': 'An exception is close to its revisit date.',
  'exception.too-long': 'An exception runs longer than its tier allows.',
  'exception.self-approved': 'An exception approved by its requester.',
  'exception.unauthorized': 'An exception approved by someone outside the approver teams.',
  'exception.pending': 'An exception without approval.',
  'exception.unverified': 'An approval git does not show the approver committed.',
};

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/**
 * `repositoryPath`: the workspace folder's path in the git repository that holds it, `/`-separated
 * ('' at its root); `%SRCROOT%` is then the repository root, where code scanning reads paths
 * from. Undefined outside a repository: `%SRCROOT%` is the workspace folder.
 */
export function renderSarif(diagnostics: readonly Diagnostic[], version: string, repositoryPath?: string): string {
  const base = repositoryPath?.replace(/\/+$/, '') ?? '';
  const prefix = base === '' ? '' : `${base}/`;
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'PatchOps',
            version,
            rules: codes.map((code) => ({ id: code, shortDescription: { text: DESCRIPTIONS[code] } })),
          },
        },
        // No absolute uri: the output names no path of the machine it ran on (same files, same bytes).
        originalUriBaseIds: {
          '%SRCROOT%': {
            description: { text: repositoryPath === undefined ? 'The workspace folder (the one with patchops.yaml).' : 'The root of the git repository that holds the workspace.' },
          },
        },
        results: diagnostics.map((d) => ({
          ruleId: d.code,
          ruleIndex: codes.indexOf(d.code),
          level: LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: relativeUri(prefix + d.file), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: d.range.start.line + 1,
                  startColumn: d.range.start.character + 1,
                  endLine: d.range.end.line + 1,
                  endColumn: d.range.end.character + 1,
                },
              },
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}

/** A relative URI reference: each segment percent-encoded, so `#`, `?` and a `:` stay part of the path. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
