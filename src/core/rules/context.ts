// What every rule needs: the as-of instant, the workspace time zone, and one way to report.
// Rules read the clock only through `reached`, `since` and `until`, so a context knows until
// when its answers hold: an incremental evaluation reuses them up to that instant.
import type { Diagnostic, DiagnosticCode, DiagnosticSeverity, FixHint } from '../model/diagnostic';
import { DAY_MS, durationTextHolds, formatDuration, MAX_DURATION_MS, parseDuration } from '../time/durations';
import { instantMs, parseInstant } from '../time/instants';
import type { NodePart, YamlPath } from '../model/source';
import type { Entity } from '../model/workspace';

export class RuleContext {
  readonly diagnostics: Diagnostic[] = [];
  /** The first instant after `asOf` at which an answer given so far could differ (Infinity: none). */
  validUntil = Infinity;

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
    // A message is built of pieces (a tree of strings in V8) and kept for as long as the
    // evaluation: looking at a character makes V8 keep it as one string, the pieces let go.
    message.charCodeAt(0);
    this.diagnostics.push({
      file: entity.source.file,
      range: entity.source.rangeOf([...entity.path, ...path], options.part ?? 'value'),
      severity,
      code,
      message,
      ...(options.fix ? { fix: options.fix } : {}),
    });
  }

  /** asOf ≥ t. */
  reached(t: number): boolean {
    if (this.asOf >= t) return true;
    this.validUntil = Math.min(this.validUntil, t);
    return false;
  }

  /** The time from t to asOf in words ("3d 4h"). */
  since(t: number): string {
    return this.words(this.asOf - t, 1);
  }

  /** The time from asOf to t in words. */
  until(t: number): string {
    return this.words(t - this.asOf, -1);
  }

  private words(ms: number, direction: 1 | -1): string {
    this.validUntil = Math.min(this.validUntil, this.asOf + durationTextHolds(ms, direction));
    return formatDuration(ms);
  }

  /** A timestamp field as epoch ms; a value that is no real instant is reported and read as absent. */
  instant(entity: Entity<unknown>, path: YamlPath, text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const ms = instantMs(text, this.zone); // the cached number itself: no result object made per date
    if (ms !== undefined) return ms;
    const result = parseInstant(text, this.zone);
    if (result.ok) return result.ms;
    this.report(entity, path, 'error', 'date.invalid', `\`${String(path[path.length - 1])}\`: ${result.message}`);
    return undefined;
  }

  /** A duration field as ms; the schema's pattern already rejected malformed text. */
  duration(entity: Entity<unknown>, path: YamlPath, text: string | undefined): number | undefined {
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined) {
      this.report(
        entity,
        path,
        'error',
        'duration.too-long',
        `\`${String(path[path.length - 1])}\` is not a usable duration: \`${text}\` is too large: the longest PatchOps computes with is ${MAX_DURATION_MS / DAY_MS}d`,
      );
    }
    return ms;
  }
}
