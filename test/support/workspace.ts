// Builds in-memory workspaces for rule tests: a realistic base that each test edits.
import { evaluate } from '../../src/core/evaluate';
import type { Diagnostic } from '../../src/core/model/diagnostic';
import type { Evaluation } from '../../src/core/model/evaluation';
import { parseInstant } from '../../src/core/time/instants';
import { assembleModel, loadFile } from '../../src/core/workspace/load';

export type Files = Record<string, string>;

export const SETTINGS = `name: Test org
timezone: America/Chicago
default_sla: standard
teams:
  it-ops: { role: executor, members: [alice@example.com, bob@example.com] }
  infosec: { role: validator, members: [carol@example.com, dan@example.com] }
`;

export const POLICY = `id: standard
clock_start: tested
warn_before: 24h
testing_within: 48h
tiers:
  critical: { within: 72h }
  high: { within: 7d }
  medium: { cycle: monthly }
  low: { cycle: monthly }
cycles:
  monthly:
    rrule: "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2"
    at: "18:00"
    window: 7d
    cutoff: 3d
risk:
  matrix:
    high:   { critical: critical, high: critical, medium: high,   low: medium }
    medium: { critical: critical, high: high,     medium: medium, low: low }
    low:    { critical: high,     high: medium,   medium: low,    low: low }
  kev_raise: 1
exceptions:
  approvers: [infosec]
  max_duration: { critical: 30d, high: 90d, medium: 180d, low: 365d }
  warn_before: 14d
`;

export const GROUPS = `groups:
  - { id: payroll, impact: high, endpoints: 12 }
  - { id: kiosks, impact: low, endpoints: 40 }
  - { id: pilot, impact: medium, endpoints: 10 }
`;

export const BASE: Files = {
  'patchops.yaml': SETTINGS,
  'standard.sla.yaml': POLICY,
  'groups.assets.yaml': GROUPS,
};

/** CVSS 3.1 vectors of known severity. */
export const VECTORS = {
  critical: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', // 9.8
  high: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H', // 8.8
  medium: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', // 6.1
  low: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', // 3.1
};

export interface PlanOptions {
  id?: string;
  vulns?: string;
  affects?: string;
  testing?: string;
  waves?: string;
  rollback?: string | null;
  extra?: string;
}

/** A plan file; every part can be replaced by raw YAML. */
export function plan(o: PlanOptions = {}): string {
  const rollback =
    o.rollback === null ? '' : (o.rollback ?? `rollback:\n  decided_by: infosec\n  executed_by: it-ops\n  communication: Status page\n  steps: [Uninstall]\n`);
  return (
    [
      `id: ${o.id ?? 'PLAN-1'}`,
      'title: Test plan',
      'owner: it-ops',
      'validator: infosec',
      o.extra ?? '',
      'vulnerabilities:',
      o.vulns ?? `  - { id: CVE-2026-0001, cvss: "${VECTORS.critical}", discovered: 2026-11-18T09:00 }`,
      `affects: ${o.affects ?? '[payroll]'}`,
      o.testing ?? 'testing: { status: passed, completed: 2026-11-19T15:00 }',
      o.waves ?? 'waves:\n  - { name: Pilot, groups: [pilot], status: planned }',
      rollback,
    ]
      .filter((line) => line !== '')
      .join('\n') + '\n'
  );
}

export function instant(text: string, zone = 'America/Chicago'): number {
  const r = parseInstant(text, zone);
  if (!r.ok) throw new Error(r.message);
  return r.ms;
}

export function evaluateFiles(files: Files, asOf: string): Evaluation {
  const model = assembleModel(Object.entries(files).map(([file, text]) => loadFile(file, text)));
  return evaluate(model, { asOf: instant(asOf, 'UTC') });
}

export function withBase(extra: Files): Files {
  return { ...BASE, ...extra };
}

export function codesOf(diagnostics: readonly Diagnostic[], file?: string): string[] {
  return diagnostics.filter((d) => file === undefined || d.file === file).map((d) => d.code);
}

export function only(diagnostics: readonly Diagnostic[], code: string): Diagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** 1-based "line:column" of a diagnostic's start, as the CLI prints it. */
export function at(d: Diagnostic): string {
  return `${d.range.start.line + 1}:${d.range.start.character + 1}`;
}
