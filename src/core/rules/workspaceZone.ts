// The workspace time zone (patchops.yaml `timezone`): local dates and cycles are read in it. An
// unknown zone is reported, and UTC is used meanwhile so that everything else still evaluates.
import type { Diagnostic } from '../model/diagnostic';
import type { WorkspaceFile } from '../model/files';
import { isValidZone } from '../time/instants';
import type { Entity } from '../model/workspace';

export function workspaceZone(settings: Entity<WorkspaceFile> | undefined): { zone: string; diagnostics: Diagnostic[] } {
  const zone = settings?.data.timezone ?? 'UTC';
  if (isValidZone(zone)) return { zone, diagnostics: [] };
  return {
    zone: 'UTC',
    diagnostics: [
      {
        file: settings!.source.file,
        range: settings!.source.rangeOf(['timezone']),
        severity: 'error',
        code: 'timezone.unknown',
        message: `unknown time zone \`${zone}\`: use an IANA name like America/Chicago or Europe/Berlin (UTC is used meanwhile)`,
      },
    ],
  };
}
