// One benchmark measurement in a fresh process (spawned by bench.ts). Prints its result as JSON.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { load, CORE_SCHEMA } from 'js-yaml';
import { evaluate, Evaluator } from '../../src/core/evaluate';
import { buildReport } from '../../src/core/report/reportJson';
import { renderHtml } from '../../src/core/report/html';
import { parseInstant } from '../../src/core/time/instants';
import { assembleModel, loadFile } from '../../src/core/workspace/load';
import { readHistorySync } from '../../src/node/gitHistory';
import { findWorkspaceFiles, readWorkspace } from '../../src/node/workspaceFiles';
import { FILE_CASES, manyVulnerabilities, runPipeline } from '../unit/hostile/corpus';

const [kind, root, asOfText, arg] = process.argv.slice(2);
const asOf = (parseInstant(asOfText, 'UTC') as { ms: number }).ms;
const now = () => Number(process.hrtime.bigint()) / 1e6;
const rssMb = () => process.resourceUsage().maxRSS / 1024;
const done = (ms: number, extra?: Record<string, number>) => console.log(JSON.stringify({ ms, rssMb: rssMb(), extra }));

function readAll(): string[] {
  return findWorkspaceFiles(root).map((rel) => fs.readFileSync(path.join(root, rel), 'utf8'));
}

switch (kind) {
  case 'read': {
    const t = now();
    readAll();
    done(now() - t);
    break;
  }
  case 'js-yaml': {
    const t = now();
    for (const text of readAll()) load(text, { schema: CORE_SCHEMA });
    done(now() - t);
    break;
  }
  case 'core': {
    const t = now();
    const e = evaluate(assembleModel(readWorkspace(root).files), { asOf });
    done(now() - t, { diagnostics: e.diagnostics.length });
    break;
  }
  case 'report': {
    const e = evaluate(assembleModel(readWorkspace(root).files), { asOf });
    const t = now();
    const doc = buildReport(e);
    const html = renderHtml(doc);
    const json = JSON.stringify(doc);
    done(now() - t, { htmlMb: html.length / 2 ** 20, jsonMb: json.length / 2 ** 20 });
    break;
  }
  case 'incremental': {
    // The editor's path: the changed file is re-parsed, the model re-assembled, the evaluation
    // brought up to date, and the diagnostics of every file are ready (by file, as published).
    // `arg`: how many edits, and what is edited: a plan's progress (`200`) or, with `200:group`,
    // an asset group's impact (every plan naming that group depends on it).
    const [count, what] = arg.split(':');
    const files = readWorkspace(root).files;
    const evaluator = new Evaluator();
    evaluator.evaluate(assembleModel(files), { asOf });
    const index = files.findIndex((f) => f.kind === (what === 'group' ? 'assets' : 'plan'));
    const original = files[index].source.text;
    const edit = (i: number) =>
      what === 'group'
        ? original.replace(/impact: (high|medium|low)/, `impact: ${['low', 'medium', 'high'][i % 3]}`)
        : original.replace(/patched: (\d+)/, `patched: ${i % 7}`);
    const times: number[] = [];
    let computed = 0;
    for (let i = 0; i < Number(count); i++) {
      const text = edit(i);
      const t = now();
      files[index] = loadFile(files[index].file, text);
      const evaluation = evaluator.evaluate(assembleModel(files), { asOf });
      evaluation.diagnosticsByFile.get(files[index].file);
      times.push(now() - t);
      computed += evaluator.lastComputed;
    }
    times.sort((a, b) => a - b);
    const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
    done(p(0.5), { p50: p(0.5), p95: p(0.95), cellsPerEdit: computed / Number(count) });
    break;
  }
  case 'hostile': {
    // The hostile corpus' single-file cases through the whole pipeline (test/unit/hostile): the
    // slowest one. The tests record these times but never assert them.
    let worst = { ms: 0, name: '' };
    for (const c of FILE_CASES) {
      const { loadMs, restMs } = runPipeline([{ file: c.file, content: c.content() }], c.base);
      if (loadMs + restMs > worst.ms) worst = { ms: loadMs + restMs, name: c.name };
    }
    console.log(`slowest hostile case: ${worst.name}`);
    done(worst.ms, { cases: FILE_CASES.length });
    break;
  }
  case 'hostile-many': {
    // 100,000 vulnerabilities in one 4.4 MB plan: loaded, evaluated, rendered in every format.
    const { loadMs, restMs } = runPipeline([{ file: 'many.plan.yaml', content: manyVulnerabilities() }]);
    done(loadMs + restMs, { loadMs, restMs });
    break;
  }
  case 'history': {
    // `patchops history --every commit` over a repository (bench.ts builds it): `arg` is `carry`
    // (parsed files and the evaluator carried over, as the command runs) or `fresh` (every commit
    // read, parsed and evaluated from nothing: the baseline).
    const t = now();
    const cpu = process.cpuUsage();
    const r = readHistorySync(root, { trusted: true, every: 'commit', fresh: arg === 'fresh', range: () => ({ until: Date.parse('2100-01-01T00:00:00Z') }) });
    if (!r.ok) throw new Error(r.reason);
    const evaluated = r.history.points.filter((p) => p.kpis !== null).length;
    if (evaluated !== r.history.points.length) throw new Error(`only ${evaluated} of ${r.history.points.length} points evaluated`);
    // CPU time too (this process and the git it waited for are not all of it: git's own is not
    // counted): on a shared machine the wall clock says more about the neighbours.
    const used = process.cpuUsage(cpu);
    done(now() - t, { points: evaluated, cpuMs: Math.round((used.user + used.system) / 1000) });
    break;
  }
  default:
    throw new Error(`unknown probe ${kind}`);
}
