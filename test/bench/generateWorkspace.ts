// Realistic synthetic workspaces for the benchmark, in the file formats (docs/file-formats.md): plans with 1–40
// vulnerabilities (CVSS 3.1 and 4.0 vectors, some KEV), 1–5 waves, exceptions, several SLA
// policies and time zones. Deterministic: the same size gives the same files.
import * as fs from 'node:fs';
import * as path from 'node:path';

const VECTORS = [
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H',
  'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
  'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
  'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
  'CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N',
];
const GROUPS = ['payroll', 'finance-laptops', 'kiosks', 'web', 'pilot', 'engineering', 'warehouse', 'lab'];
const IMPACT = ['high', 'medium', 'low', 'medium', 'medium', 'medium', 'low', 'high'];
const STATUS = ['planned', 'in_progress', 'complete', 'complete', 'paused'];

/** A small deterministic generator (mulberry32), so runs are comparable. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GeneratedWorkspace {
  root: string;
  files: number;
  plans: number;
  vulnerabilities: number;
}

/**
 * `plans` plan files (and one exception per 20 plans). With `totalVulnerabilities`, the counts
 * per plan are scaled so the workspace holds exactly that many (e.g. 2024's 40,003 CVEs).
 */
export function generateWorkspace(root: string, plans: number, totalVulnerabilities?: number): GeneratedWorkspace {
  fs.rmSync(root, { recursive: true, force: true });
  for (const dir of ['plans', 'exceptions', 'policies', 'assets']) fs.mkdirSync(path.join(root, dir), { recursive: true });
  const rnd = random(plans * 7919 + (totalVulnerabilities ?? 0));
  write(
    root,
    'patchops.yaml',
    `name: Benchmark org\ntimezone: America/Chicago\ndefault_sla: standard\nteams:\n  it-ops: { role: executor, members: [alice@example.com, bob@example.com] }\n  infosec: { role: validator, members: [carol@example.com, dan@example.com] }\n`,
  );
  write(root, 'policies/standard.sla.yaml', policy('standard', 'tested', '48h'));
  write(root, 'policies/workstations.sla.yaml', policy('workstations', 'discovered', undefined));
  write(
    root,
    'assets/groups.assets.yaml',
    `groups:\n${GROUPS.map((g, i) => `  - { id: ${g}, impact: ${IMPACT[i]}, endpoints: ${10 + i * 37} }`).join('\n')}\n`,
  );

  const counts = Array.from({ length: plans }, () => 1 + Math.floor(rnd() * 40));
  if (totalVulnerabilities !== undefined) scaleTo(counts, totalVulnerabilities);
  let cve = 10000;
  let vulnerabilities = 0;
  for (let i = 0; i < plans; i++) {
    const ids: string[] = [];
    const vulns = Array.from({ length: counts[i] }, (_, k) => {
      const id = `CVE-2024-${cve++}`;
      ids.push(id);
      const day = 1 + ((i + k) % 20);
      return `  - id: ${id}\n    cvss: "${VECTORS[(i + k) % VECTORS.length]}"${k % 17 === 0 ? '\n    kev: true' : ''}\n    published: 2026-11-${pad(day)}\n    discovered: 2026-11-${pad(Math.min(28, day + 1))}T09:00`;
    });
    vulnerabilities += vulns.length;
    const affects = [GROUPS[i % GROUPS.length], GROUPS[(i + 3) % GROUPS.length]];
    const waveCount = 1 + (i % 5);
    const waves = Array.from({ length: waveCount }, (_, w) => {
      const status = w === 0 ? STATUS[(i + 2) % STATUS.length] : w < waveCount - 1 ? STATUS[(i + w) % STATUS.length] : 'planned';
      const done = status === 'complete' ? `\n    completed: 2026-11-${pad(12 + w)}T10:00` : '';
      const started = status !== 'planned' ? `\n    started: 2026-11-${pad(10 + w)}T18:00` : '';
      return `  - name: Wave ${w + 1}\n    groups: [${affects[w % 2]}]\n    patched: ${status === 'complete' ? 10 : w * 3}\n    status: ${status}${started}${done}\n    gate: { min_success: 95, soak: 24h }`;
    });
    const testing = i % 7 === 0 ? '  status: in_progress' : '  status: passed\n  completed: 2026-11-09T15:00';
    const text = `# Generated plan ${i}\nid: PLAN-${i}\ntitle: Synthetic plan ${i}\n${i % 3 === 0 ? 'sla: workstations\n' : ''}owner: it-ops\nvalidator: infosec\nvulnerabilities:\n${vulns.join('\n')}\naffects: [${affects.join(', ')}]\ntesting:\n${testing}\nwaves:\n${waves.join('\n')}\nrollback:\n  decided_by: infosec\n  executed_by: it-ops\n  communication: Status page and #it-announce\n  steps: [Uninstall the update]\n`;
    write(root, `plans/p${String(i).padStart(5, '0')}.plan.yaml`, text);
    if (i % 20 === 0) {
      write(
        root,
        `exceptions/e${String(i).padStart(5, '0')}.exception.yaml`,
        `id: EXC-${i}\nvulnerabilities: [${ids[0]}]\ngroups: [${affects[1]}]\nplan: PLAN-${i}\nrequested_by: bob@example.com\nrequested_on: 2026-11-10\nreason: Vendor certification pending\ncompensating_controls: [Network isolation]\nrevisit_on: 2026-12-${pad(1 + (i % 28))}\n${i % 40 === 0 ? 'approval:\n  approved_by: carol@example.com\n  approved_on: 2026-11-11\n' : ''}`,
      );
    }
  }
  return { root, files: plans + Math.ceil(plans / 20) + 4, plans, vulnerabilities };
}

function policy(id: string, clockStart: string, testingWithin?: string): string {
  return `id: ${id}\nclock_start: ${clockStart}\nwarn_before: 24h\n${testingWithin ? `testing_within: ${testingWithin}\n` : ''}tiers:\n  critical: { within: 72h }\n  high: { within: 7d }\n  medium: { cycle: monthly }\n  low: { cycle: monthly }\ncycles:\n  monthly: { rrule: "FREQ=MONTHLY;BYDAY=TU;BYSETPOS=2", at: "18:00", window: 7d, cutoff: 3d }\nrisk:\n  matrix:\n    high: { critical: critical, high: critical, medium: high, low: medium }\n    medium: { critical: critical, high: high, medium: medium, low: low }\n    low: { critical: high, high: medium, medium: low, low: low }\n  kev_raise: 1\nexceptions:\n  approvers: [infosec]\n  max_duration: { critical: 30d, high: 90d, medium: 180d, low: 365d }\n  warn_before: 14d\n`;
}

function scaleTo(counts: number[], total: number): void {
  const sum = counts.reduce((a, b) => a + b, 0);
  let assigned = 0;
  for (let i = 0; i < counts.length; i++) {
    counts[i] = Math.max(1, Math.round((counts[i] * total) / sum));
    assigned += counts[i];
  }
  for (let i = 0; assigned !== total; i = (i + 1) % counts.length) {
    if (assigned < total) {
      counts[i]++;
      assigned++;
    } else if (counts[i] > 1) {
      counts[i]--;
      assigned--;
    }
  }
}

function write(root: string, rel: string, text: string): void {
  fs.writeFileSync(path.join(root, rel), text);
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
