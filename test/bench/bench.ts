// `npm run bench`: how fast PatchOps is against the parse floor and a peer
// (yaml-language-server, schema validation only), as median and spread of several
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
const PEER_PROBE = path.join(__dirname, 'peerProbe.js');
const VSCODE_BENCH = path.join(REPO, 'scripts', 'vscode', 'bench.js');
const VSCODE = 'VS Code: activation / first diagnostics';
const VSCODE_TASK = 'VS Code: longest task on the extension host (until the first diagnostics)';
const VSCODE_PLANS_VIEW = 'VS Code: longest task on the extension host while the Plans view opens (once idle)';
const VSCODE_COLLECTION = "VS Code: the extension host's full collection after the load (V8's memory reducer), its pause";
/**
 * The peer is the yaml-language-server the bench installs (package.json), named with its version.
 * It is also the latest that runs on the project's Node (20): 2.0.0 requires Node >= 22.13.
 */
const PEER_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')) as { version: string })
  .version;
const PEER = `peer: yaml-language-server ${PEER_VERSION} schema validation`;
const CLI_COLD = 'CLI validate (cold)';
/**
 * The same on two threads (the calling one and a worker: src/node/parsePool.ts), what the default
 * chooses from three cores on; on two it chooses one (docs/cli.md, Threads).
 */
const CLI_COLD_TWO_THREADS = 'CLI validate (cold), two threads (PATCHOPS_JOBS=2)';
/** The rows given a peer / ours ratio: the peer's median over that row's. */
const COMPARED_WITH_PEER = [CLI_COLD, CLI_COLD_TWO_THREADS, 'core in-process: validate + KPIs'];
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
  /** oursOverFloor: median / the floor's (read + js-yaml); peerOverOurs: the peer's median / this row's. */
  ratios?: { oursOverFloor?: number; peerOverOurs?: number };
}

function main(): void {
  const quick = process.argv.includes('--quick');
  const runs = quick ? 1 : 5;
  const edits = quick ? 10 : 200;
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
      // The rows compared with the floor take turns, run by run: a machine that speeds up or slows
      // down during the bench (a shared virtual machine does) moves them all alike, not the ratio.
      const cold = ['validate', ws.root, '--as-of', AS_OF, '--format', 'json'];
      rows.push(
        ...measureInTurns(name, runs, [
          ['floor: read + js-yaml', () => probe('js-yaml', ws.root)],
          ['core in-process: validate + KPIs', () => probe('core', ws.root)],
          [CLI_COLD, () => cliRun(cold, { PATCHOPS_JOBS: undefined })],
          [CLI_COLD_TWO_THREADS, () => cliRun(cold, { PATCHOPS_JOBS: '2' })],
        ]),
      );
      // Nothing changed since the last run: one run fills the cache (beside the workspace, not in it), then hits are measured.
      const warm = ['validate', ws.root, '--as-of', AS_OF, '--format', 'json', '--cache', '--cache-location', path.join(base, `cache-${ws.files}`)];
      cliRun(warm);
      rows.push(measure(name, 'CLI validate --cache (warm)', runs, () => cliRun(warm)));
      rows.push(measure(name, PEER, Math.min(runs, 3), () => peerRun(ws.root))); // ~20 s a run at 10,000 plans
      rows.push(measure(name, 'report html + json', runs, () => probe('report', ws.root)));
      rows.push(measure(name, `incremental: one plan edited (${edits} edits)`, 1, () => probe('incremental', ws.root, String(edits))));
      rows.push(
        measure(name, `incremental: an asset group's impact edited (${edits / 10} edits)`, 1, () => probe('incremental', ws.root, `${edits / 10}:group`)),
      );
      rows.push(...vscodeRows(name, ws, runs));
    }
    rows.push(...historyRows(base, quick ? 200 : 1000, quick ? 20 : 200));
    // Hostile input (test/unit/hostile): what its tests record but never assert.
    const hostile = 'hostile input (test/unit/hostile)';
    console.log(`\n${hostile}`);
    rows.push(measure(hostile, 'slowest single-file case, whole pipeline', runs, () => probe('hostile', base)));
    rows.push(measure(hostile, '100,000 vulnerabilities in one file, whole pipeline', runs, () => probe('hostile-many', base)));
  } finally {
    fs.rmSync(base, { recursive: true, force: true });
  }
  for (const row of rows) row.ratios = ratiosOf(row, rows);
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
  console.log(
    `  ${what}: ${row.medianMs.toFixed(0)} ms (min ${row.minMs.toFixed(0)}, max ${row.maxMs.toFixed(0)}), ${row.peakRssMb.toFixed(0)} MB${row.extra ? ` ${JSON.stringify(row.extra)}` : ''}`,
  );
  return row;
}

/** Several measurements, `runs` each, taking turns (the order turns around every run); one row each. */
function measureInTurns(workspace: string, runs: number, measures: [string, () => Sample][]): Row[] {
  const samples = measures.map((): Sample[] => []);
  for (let run = 0; run < runs; run++) {
    const order = measures.map((_, i) => i);
    if (run % 2 === 1) order.reverse();
    for (const i of order) samples[i].push(measures[i][1]());
  }
  return measures.map(([what], i) => measure(workspace, what, runs, () => samples[i].shift()!));
}

/** One measurement in a fresh process: prints `{ ms, rssMb, extra }` as its last line. */
function probe(kind: string, root: string, arg = ''): Sample {
  const r = spawnSync(process.execPath, ['--expose-gc', PROBE, kind, root, AS_OF, arg], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`probe ${kind} failed: ${r.stderr}`);
  const lines = r.stdout.trim().split('\n');
  for (const line of lines.slice(0, -1)) console.log(`    ${line}`); // what the probe says besides its result
  return JSON.parse(lines.pop()!);
}

/** The peer (peerProbe.ts), in a fresh process, printing the same `{ ms, rssMb, extra }`. */
function peerRun(root: string): Sample {
  const r = spawnSync(process.execPath, [PEER_PROBE, root], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`peer probe failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

/**
 * PatchOps in a real VS Code (scripts/vscode/bench.js: code-server, a fresh one per run, so a cold
 * extension host): the median time from the start of activate() to the first full scan's
 * diagnostics, the extension host's peak RSS, and in `extra` the median activation time, how
 * many files got diagnostics, the peak RSS of VS Code alone on the workspace and PatchOps' share
 * (peak RSS and live heap minus VS Code alone's); then the longest synchronous task PatchOps ran on the extension
 * host until then (the tests never assert it: a busy machine stretches any task). Its whole
 * output (with the extension's log) goes to test-results/bench-vscode-<plans>.log.
 */
function vscodeRows(workspace: string, ws: GeneratedWorkspace, runs: number): Row[] {
  const r = spawnSync(process.execPath, [VSCODE_BENCH, ws.root, '--runs', String(runs), '--no-build'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const logFile = path.join(REPO, 'test-results', `bench-vscode-${ws.plans}.log`);
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  fs.writeFileSync(logFile, `${r.stdout ?? ''}${r.stderr ?? ''}`);
  if (r.status !== 0) {
    const tail = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
    throw new Error(`scripts/vscode/bench.js failed (${r.status ?? r.signal}; all of it in ${path.relative(REPO, logFile)}):\n${tail}`);
  }
  type Run = {
    activationMs: number;
    firstDiagnosticsMs: number;
    extensionHostRssMb: number;
    diagnosticsFiles: number;
    longestTaskMs: number;
    longestTaskName: string;
    /**
     * After the first diagnostics, VS Code's own start and V8's collection after the load: the
     * longest the extension host's event loop waited while the Plans view opened, and in as long
     * with nothing opened.
     */
    plansViewLongestTaskMs: number;
    idleLongestTaskMs: number;
    /** Whether a full collection had run after the load, and none for 3 s, before the view opened (else the bench waited a minute and measured anyway). */
    quietBeforePlans: boolean;
    /** The longest full collection's pause after the first diagnostics (0: none), and the longest while the view opened. */
    fullCollectionAfterLoadMs: number;
    fullCollectionsInPlansViewMs: number;
    /** Minus VS Code alone on the same workspace (bench.js' baseline run): peak RSS, and live heap after a full garbage collection. */
    patchopsShare: { rssMb: number; heapMb: number };
  };
  const output = JSON.parse(r.stdout.trim().split('\n').pop()!) as { runs: Run[]; baseline: { extensionHostRssMb: number } };
  const measured = output.runs;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const extra = {
    activationMs: median(measured.map((m) => m.activationMs)),
    diagnosticsFiles: Math.min(...measured.map((m) => m.diagnosticsFiles)),
    vscodeAloneRssMb: Math.round(output.baseline.extensionHostRssMb),
    patchopsRssMb: Math.round(median(measured.map((m) => m.patchopsShare.rssMb))),
    patchopsHeapMb: Math.round(median(measured.map((m) => m.patchopsShare.heapMb))),
  };
  // Every generated workspace has problems: none in VS Code means the work was not done.
  if (extra.diagnosticsFiles === 0) throw new Error(`VS Code holds no PatchOps diagnostics for ${ws.root} (see ${path.relative(REPO, logFile)})`);
  const samples: Sample[] = measured.map((m) => ({ ms: m.firstDiagnosticsMs, rssMb: m.extensionHostRssMb, extra }));
  const tasks: Sample[] = measured.map((m) => ({ ms: m.longestTaskMs, rssMb: m.extensionHostRssMb }));
  const idle = { idleMs: Math.round(median(measured.map((m) => m.idleLongestTaskMs))) };
  const quiet = { runsNotQuiet: measured.filter((m) => !m.quietBeforePlans).length };
  const plansView: Sample[] = measured.map((m) => ({ ms: m.plansViewLongestTaskMs, rssMb: m.extensionHostRssMb, extra: { ...idle, ...quiet } }));
  const collections: Sample[] = measured.map((m) => ({ ms: m.fullCollectionAfterLoadMs, rssMb: m.extensionHostRssMb }));
  for (const m of measured)
    console.log(
      `    longest task: ${m.longestTaskMs.toFixed(1)} ms — ${m.longestTaskName}; opening Plans: ${m.plansViewLongestTaskMs.toFixed(1)} ms (idle: ${m.idleLongestTaskMs.toFixed(1)} ms; a full collection then: ${m.fullCollectionsInPlansViewMs.toFixed(1)} ms${m.quietBeforePlans ? '' : '; the host did not settle within a minute'}); the full collection after the load: ${m.fullCollectionAfterLoadMs.toFixed(1)} ms`,
    );
  return [
    measure(workspace, VSCODE, samples.length, () => samples.shift()!),
    measure(workspace, VSCODE_TASK, tasks.length, () => tasks.shift()!),
    measure(workspace, VSCODE_PLANS_VIEW, plansView.length, () => plansView.shift()!),
    measure(workspace, VSCODE_COLLECTION, collections.length, () => collections.shift()!),
  ];
}

/**
 * `patchops history --every commit` on a repository of `commits` commits of a `plans`-plan
 * workspace (each commit after the first edits three plans' wave progress, 4 hours apart), carried
 * over as the command runs, and every commit evaluated from nothing (one run: it is the slow
 * baseline); the carried row's `fromNothingOverCarried` is the ratio of the two.
 */
function historyRows(base: string, plans: number, commits: number): Row[] {
  const dir = path.join(base, `history-${plans}`);
  const ws = generateWorkspace(path.join(dir, 'ws'), plans);
  const env = {
    ...process.env,
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Bench',
    GIT_AUTHOR_EMAIL: 'bench@example.com',
    GIT_COMMITTER_NAME: 'Bench',
    GIT_COMMITTER_EMAIL: 'bench@example.com',
  };
  const git = (args: string[], dates?: string) => {
    const r = spawnSync('git', args, { cwd: dir, env: dates ? { ...env, GIT_AUTHOR_DATE: dates, GIT_COMMITTER_DATE: dates } : env, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`git ${args[0]} failed: ${r.stderr}`);
  };
  const planFiles = fs.readdirSync(path.join(ws.root, 'plans')).sort();
  const start = Date.parse('2026-10-01T00:00:00Z');
  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '--no-verify', '-m', 'Workspace'], new Date(start).toISOString());
  for (let c = 1; c < commits; c++) {
    for (let k = 0; k < 3; k++) {
      const file = path.join(ws.root, 'plans', planFiles[(c * 7 + k * 131) % planFiles.length]);
      let edited = false;
      const text = fs.readFileSync(file, 'utf8').replace(/patched: (\d+)/, (_, n: string) => ((edited = true), `patched: ${(Number(n) + 1) % 11}`));
      fs.writeFileSync(file, edited ? text : `${text}# touched ${c}\n`);
    }
    git(['commit', '-q', '--no-verify', '-a', '-m', `Progress ${c}`], new Date(start + c * 4 * 3_600_000).toISOString());
  }
  const name = `history: ${commits} commits of ${plans} plans (${ws.files} files, ${ws.vulnerabilities} vulns)`;
  console.log(`\n${name}`);
  const carried = measure(name, 'history --every commit (carried over)', 1, () => probe('history', ws.root, 'carry'));
  const fresh = measure(name, 'history, every commit evaluated from nothing (baseline)', 1, () => probe('history', ws.root, 'fresh'));
  carried.extra = { ...carried.extra, fromNothingOverCarried: Math.round((fresh.medianMs / carried.medianMs) * 10) / 10 };
  return [carried, fresh];
}

/** The real CLI, cold; its peak RSS is read by a preloaded hook that reports at exit. */
function cliRun(args: string[], env: NodeJS.ProcessEnv = {}): Sample {
  const rssFile = path.join(os.tmpdir(), `patchops-bench-rss-${process.pid}.json`);
  const started = process.hrtime.bigint();
  const r = spawnSync(process.execPath, ['--require', path.join(REPO, 'test', 'bench', 'rssAtExit.js'), CLI, ...args], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: Object.fromEntries(Object.entries({ ...process.env, ...env, PATCHOPS_BENCH_RSS: rssFile }).filter(([, v]) => v !== undefined)),
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`CLI failed (${r.status}): ${r.stderr}`);
  const rssMb = JSON.parse(fs.readFileSync(rssFile, 'utf8')).rssMb;
  fs.rmSync(rssFile, { force: true });
  return { ms, rssMb };
}

/** Ratios to the floor (read + js-yaml) and, for the rows the peer is compared with, of the peer to us. */
function ratiosOf(row: Row, rows: Row[]): Row['ratios'] {
  const sameWorkspace = (measure: string) => rows.find((r) => r.workspace === row.workspace && r.measure === measure);
  const floor = sameWorkspace('floor: read + js-yaml');
  const peer = sameWorkspace(PEER);
  const ratios: NonNullable<Row['ratios']> = {};
  if (
    floor &&
    !/^(incremental|floor|report)/.test(row.measure) &&
    row.measure !== PEER &&
    row.measure !== VSCODE_TASK &&
    row.measure !== VSCODE_PLANS_VIEW &&
    row.measure !== VSCODE_COLLECTION
  )
    ratios.oursOverFloor = row.medianMs / floor.medianMs;
  if (peer && COMPARED_WITH_PEER.includes(row.measure)) ratios.peerOverOurs = peer.medianMs / row.medianMs;
  return Object.keys(ratios).length ? ratios : undefined;
}

function printTable(rows: Row[]): void {
  const m = machine();
  console.log(`\n${m.cpus} × ${m.cpu}, ${m.memoryGb} GB, Node ${m.node}, ${m.platform}, load average ${m.loadAverage}`);
  console.log('\n| workspace | measure | median | min–max | peak RSS | ours / floor | peer / ours |');
  console.log('|---|---|---|---|---|---|---|');
  const times = (ratio: number | undefined) => (ratio === undefined ? '' : `${ratio.toFixed(2)}×`);
  for (const row of rows) {
    const number = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(1));
    const extra = row.extra
      ? ` (${Object.entries(row.extra)
          .map(([k, v]) => `${k} ${number(v)}`)
          .join(', ')})`
      : '';
    console.log(
      `| ${row.workspace} | ${row.measure}${extra} | ${row.medianMs.toFixed(0)} ms | ${row.minMs.toFixed(0)}–${row.maxMs.toFixed(0)} ms | ${row.peakRssMb.toFixed(0)} MB | ${times(row.ratios?.oursOverFloor)} | ${times(row.ratios?.peerOverOurs)} |`,
    );
  }
}

function machine(): Record<string, string | number> {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? '?',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    // Other work on the machine stretches every row: what it was at the end of the run (1, 5, 15 minutes).
    loadAverage: os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' '),
  };
}

main();
