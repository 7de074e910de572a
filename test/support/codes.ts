// Codes tests group by what they say about a file.
import type { DiagnosticCode } from '../../src/core/model/diagnostic';

/**
 * A value of a file is wrong: the schema's errors, and those the rules find in values the schema
 * lets through (a date that does not exist, a vector that does not score…). A file a tool wrote
 * must have none.
 */
export const VALUE_ERRORS: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'yaml.syntax',
  'schema',
  'date.invalid',
  'duration.too-long',
  'cvss.invalid',
  'cycle.invalid',
  'timezone.unknown',
  'testing.completed-missing',
]);
