// What every rule needs: the as-of instant, the workspace time zone, and one way to report.
import type { Diagnostic, DiagnosticCode, DiagnosticSeverity, FixHint } from '../model/diagnostic';
import type { NodePart, YamlPath } from '../parse/sourceDocument';
import { parseDuration } from '../time/durations';
import { parseInstant } from '../time/instants';
import type { Entity } from '../workspace/model';

export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];

  constructor(
    /** The "as of" instant, epoch milliseconds. */
    readonly asOf: number,
    /** IANA zone for local dates and times. */
    readonly zone: string,
  ) {}

  report(
    entity: Entity<unknown>,
    path: YamlPath,
    severity: DiagnosticSeverity,
    code: DiagnosticCode,
    message: string,
    options: { part?: NodePart; fix?: FixHint } = {},
  ): void {
    this.diagnostics.push({
      file: entity.source.file,
      range: entity.source.rangeOf([...entity.path, ...path], options.part ?? 'value'),
      severity,
      code,
      message,
      ...(options.fix ? { fix: options.fix } : {}),
    });
  }

  /** A timestamp field as epoch ms; a value that is no real instant is reported and read as absent. */
  instant(entity: Entity<unknown>, path: YamlPath, text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const result = parseInstant(text, this.zone);
    if (result.ok) return result.ms;
    this.report(entity, path, 'error', 'schema', `\`${String(path[path.length - 1])}\`: ${result.message}`);
    return undefined;
  }

  /** A duration field as ms; the schema's pattern already rejected malformed text. */
  duration(entity: Entity<unknown>, path: YamlPath, text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined) {
      this.report(entity, path, 'error', 'schema', `\`${String(path[path.length - 1])}\` is not a usable duration: \`${text}\` is too large`);
    }
    return ms;
  }
}
