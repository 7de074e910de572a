// An RFC 5545 iCalendar feed: the deadline of every open plan, the projected window of each of its
// waves not complete yet (docs/rules.md#forecast), and the revisit date of every effective
// exception, for a calendar app to subscribe to. Stable UIDs (kind, id and workspace),
// times in UTC, CRLF line ends, lines folded at 75 octets, TEXT values escaped.
import type { Evaluation } from '../model/evaluation';
import { cmp, effectiveExceptions, oneLine } from './shared';

interface CalendarEvent {
  uid: string;
  start: number;
  /** A span's end (a wave's projected finish); a deadline or revisit is an instant. */
  end?: number;
  summary: string;
  description: string;
  categories: string;
}

export function renderIcs(evaluation: Evaluation, options: { productVersion?: string } = {}): string {
  const domain = `${slug(evaluation.workspaceName) || 'workspace'}.patchops.invalid`;
  const events: CalendarEvent[] = [];
  for (const plan of evaluation.plans) {
    if (plan.status === 'cancelled' || plan.state === 'exempt' || plan.remediatedAt !== null || plan.deadline === null) continue;
    const what = plan.deadlineIsTesting ? 'Testing deadline' : 'Patch deadline';
    events.push({
      uid: `plan-${plan.id}@${domain}`,
      start: plan.deadline,
      summary: `${what}: ${plan.id} ${oneLine(plan.title)}${plan.tier ? ` (${plan.tier})` : ''}`,
      description: [
        `${what} of plan ${plan.id} (${plan.entity.source.file}).`,
        `Tier: ${plan.tier ?? 'none'}; state as of ${new Date(evaluation.asOf).toISOString()}: ${plan.state.replace('_', ' ')}.`,
        `Vulnerabilities: ${plan.entity.data.vulnerabilities.map((v) => v.id).join(', ')}.`,
        `Affects: ${plan.entity.data.affects.join(', ')}.`,
      ].join('\n'),
      categories: 'PatchOps,Deadline',
    });
    if (!plan.forecast) continue;
    for (const w of plan.waves) {
      const f = w.forecast;
      if (w.status === 'complete' || !f || f.start === null || f.finish === null) continue;
      events.push({
        uid: `wave-${plan.id}-${w.index}@${domain}`,
        start: f.start,
        end: Math.max(f.finish, f.start + 1000),
        summary: `Wave ${oneLine(w.name)}: ${plan.id} ${oneLine(plan.title)} (projected)`,
        description: [
          `Projected window of wave ${w.index + 1} (${oneLine(w.name)}) of plan ${plan.id} (${plan.entity.source.file}), ` +
            `as of ${new Date(evaluation.asOf).toISOString()}: from its schedule, maintenance windows and freezes.`,
          `Targets: ${w.targets ?? 'unknown'}; patched so far: ${w.patched}.`,
        ].join('\n'),
        categories: 'PatchOps,Wave',
      });
    }
  }
  for (const e of effectiveExceptions(evaluation)) {
    const x = e.entity.data;
    events.push({
      uid: `exception-${x.id}@${domain}`,
      start: e.revisitOn!,
      summary: `Revisit exception ${x.id}: ${x.vulnerabilities.join(', ')}`,
      description: [
        `Exception ${x.id} (${e.entity.source.file}) stops applying now: renew it with a new approval, or patch.`,
        `Vulnerabilities: ${x.vulnerabilities.join(', ')}. Groups: ${x.groups.join(', ')}.`,
        `Reason: ${oneLine(x.reason)}`,
        ...(x.compensating_controls?.length ? [`Compensating controls: ${x.compensating_controls.join('; ')}`] : []),
      ].join('\n'),
      categories: 'PatchOps,Exception',
    });
  }
  events.sort((a, b) => a.start - b.start || cmp(a.uid, b.uid));

  const stamp = icsTime(evaluation.asOf);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:-//PatchOps//PatchOps ${options.productVersion ?? ''}//EN`.replace(' //', '//'),
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(`${evaluation.workspaceName || 'PatchOps'}: deadlines and revisits`)}`,
    'X-WR-TIMEZONE:UTC',
  ];
  for (const ev of events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${ev.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${icsTime(ev.start)}`,
      ...(ev.end !== undefined ? [`DTEND:${icsTime(ev.end)}`] : []),
      `SUMMARY:${escapeText(ev.summary)}`,
      `DESCRIPTION:${escapeText(ev.description)}`,
      `CATEGORIES:${ev.categories}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

/** `20261123T120000Z` (RFC 5545 §3.3.5, form 2: UTC). */
function icsTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/[-:]/g, '');
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped; other controls dropped. */
export function escapeText(text: string): string {
  return (
    text
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, '')
  );
}

/** RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF + space), never inside a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const cp = ch.codePointAt(0)!;
    const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += ch;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40);
}
