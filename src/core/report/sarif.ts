// Diagnostics as SARIF 2.1.0, for code-scanning UIs.
import type { Diagnostic, DiagnosticCode } from '../model/diagnostic';
import { DIAGNOSTIC_CODES, defaultSeverity, type DiagnosticCodeInfo } from '../model/diagnosticCodes';

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
            rules: codes.map(ruleOf),
          },
        },
        // No absolute uri: the output names no path of the machine it ran on (same files, same bytes).
        originalUriBaseIds: {
          '%SRCROOT%': {
            description: {
              text:
                repositoryPath === undefined
                  ? 'The workspace folder (the one with patchops.yaml).'
                  : 'The root of the git repository that holds the workspace.',
            },
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

/**
 * A rule from the catalog. SARIF's `helpUri` must be an absolute URI, and PatchOps has no public
 * URL to give (a relative one fails schema validation, and with it a code-scanning upload), so the
 * docs travel in `help`, which SARIF has for "no online documentation": the summary and where
 * the code's section is in docs/diagnostics.md.
 */
function ruleOf(code: DiagnosticCode) {
  const info: DiagnosticCodeInfo = DIAGNOSTIC_CODES[code];
  const note = info.severityNote ? ` Severity: ${[info.severity].flat().join(' or ')}: ${info.severityNote}.` : '';
  return {
    id: code,
    shortDescription: { text: info.summary },
    defaultConfiguration: { level: LEVEL[defaultSeverity(info)] },
    help: {
      text: `${info.summary}${note} What it means, an example and the fix: ${info.docs} in PatchOps (also in its VS Code extension).`,
      markdown: `${info.summary}${note}\n\nWhat it means, an example and the fix: section \`${code}\` of \`${info.docs.split('#')[0]}\` in PatchOps (also in its VS Code extension).`,
    },
  };
}

/** A relative URI reference: each segment percent-encoded, so `#`, `?` and a `:` stay part of the path. */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}
