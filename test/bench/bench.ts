// `npm run bench`: how fast PatchOps is against the parse floor, as median and spread of several
// runs, each in a fresh process. `--quick` (CI) only checks that every measurement still works.
// Prints a table and writes test-results/bench.json.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateWorkspace, type GeneratedWorkspace } from './generateWorkspace';

const REPO = path.resolve(__dirname, '..', '..', '..');
const CLI = path.join(REPO, 'dist', 'cli.js');
const PROBE = path.join(__dirname, 'probe.js');
const AS_OF = '2026-11-23T12:00:00Z';

interface Sample {
  ms: number;
  rssMb: number;
  extra?: Record<string, number>;
}

interface Row {
  workspace: string;
  measure: string;
  medianMs: number;
  minMs: number;
  maxMs: number;
  peakRssMb: number;
  extra?: Record<string, number>;
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const runs = quick ? 1 : 3;
  const edits = quick ? 5 : 200;
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-bench-'));
  const workspaces: [string, GeneratedWorkspace][] = quick
    ? [['200 plans', generateWorkspace(path.join(base, 'w200'), 200)]]
    : [
        ['1,000 plans, 40,003 CVEs', generateWorkspace(path.join(base, 'w1k'), 1000, 40_003)],
        ['10,000 plans', generateWorkspace(path.join(base, 'w10k'), 10_000)],
      ];
  const rows: Row[] = [];
  try {
    for (const [label, ws] of workspaces) {
      const name = `${label} (${ws.files} files, ${ws.vulnerabilities} vulns)`;
      console.log(`\n${name}`);
      rows.push(measure(name, 'floor: read files', runs, () => probe('read', ws.root)));
      rows.push(measure(name, 'floor: read + js-yaml', runs, () => probe('js-yaml', ws.root)));
      rows.push(measure(name, 'core in-process: validate + KPIs', runs, () => probe('core', ws.root)));
      rows.push(measure(name, 'CLI validate (cold)', runs, () => cliRun(['validate', ws.root, '--as-of', AS_OF, '--format', 'json'])));
      rows.push(measure(name, 'report html + json', runs, () => probe('report', ws.root)));
      rows.push(measure(name, `incremental: one file edited (${edits} edits)`, 1, () => probe('incremental', ws.root, String(edits))));
    }
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  printTable(rows);
  const out = path.join(REPO, 'test-results', 'bench.json');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, JSON.stringify({ machine: machine(), quick, rows }, null, 2) + '\n');
  console.log(`\nwrote ${path.relative(REPO, out)}`);
}

function measure(workspace: string, what: string, runs: number, once: () => Sample): Row {
  const samples = Array.from({ length: runs }, once);
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const row: Row = {
    workspace,
    measure: what,
    medianMs: ms[Math.floor(ms.length / 2)],
    minMs: ms[0],
    maxMs: ms[ms.length - 1],
    peakRssMb: Math.max(...samples.map((s) => s.rssMb)),
    extra: samples[samples.length - 1].extra,
  };
  console.log(`  ${what}: ${row.medianMs.toFixed(0)} ms (min ${row.minMs.toFixed(0)}, max ${row.maxMs.toFixed(0)}), ${row.peakRssMb.toFixed(0)} MB${row.extra ? ` ${JSON.stringify(row.extra)}` : ''}`);
  return row;
}

/** One measurement in a fresh process: prints `{ ms, rssMb, extra }` as its last line. */
function probe(kind: string, root: string, arg = ''): Sample {
  const r = spawnSync(process.execPath, ['--expose-gc', PROBE, kind, root, AS_OF, arg], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`probe ${kind} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/** The real CLI, cold; its peak RSS is read by a preloaded hook that reports at exit. */
function cliRun(args: string[]): Sample {
  const rssFile = path.join(os.tmpdir(), `patchops-bench-rss-${process.pid}.json`);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', path.join(REPO, 'test', 'bench', 'rssAtExit.js'), CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, PATCHOPS_BENCH_RSS: rssFile },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
  const rssMb = JSON.parse(fs.readFileSync(rssFile, 'utf8')).rssMb;
  fs.rmSync(rssFile, { force: true });
  return { ms, rssMb };
}

function printTable(rows: Row[]): void {
  console.log('\n| workspace | measure | median | min–max | peak RSS | ratio to floor |');
  console.log('|---|---|---|---|---|---|');
  for (const row of rows) {
    const floor = rows.find((r) => r.workspace === row.workspace && r.measure === 'floor: read + js-yaml');
    const ratio = floor && row.measure !== floor.measure && !row.measure.startsWith('incremental') && !row.measure.startsWith('floor') ? `${(row.medianMs / floor.medianMs).toFixed(2)}×` : '';
    const extra = row.extra ? ` (${Object.entries(row.extra).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})` : '';
    console.log(`| ${row.workspace} | ${row.measure}${extra} | ${row.medianMs.toFixed(0)} ms | ${row.minMs.toFixed(0)}–${row.maxMs.toFixed(0)} ms | ${row.peakRssMb.toFixed(0)} MB | ${ratio} |`);
  }
}

function machine(): Record<string, string | number> {
  return { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', memoryGb: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.release()}` };
}

main();
