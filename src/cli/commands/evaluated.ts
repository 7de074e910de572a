// validate, status, report and export: read the workspace's bytes, replay a cached result when
// --cache has one for exactly these inputs, else load compute.ts (the parser, the rules, git review,
// the renderers) and compute it. Light on purpose: a cache hit loads none of the core.
import type { EvaluatedArgs } from '../args';
import { openCache } from '../cache';
import type { Io } from '../io';
import { jobsFromEnv } from '../jobs';
import { withSmallYoungGeneration } from '../../node/youngGeneration';
import { emit } from './output';
import { listWorkspaceFilesIn, readWorkspaceFiles } from './workspaceFolder';

/**
 * validate and status keep nearly all they make (the workspace, its evaluation; what they print is
 * small beside it): the whole run keeps V8's young generation small (youngGeneration.ts), which
 * lowers the peak memory and the time. report and export keep it small while they compute.
 */
export function runEvaluated(args: EvaluatedArgs, io: Io): number {
  return args.command === 'validate' || args.command === 'status' ? withSmallYoungGeneration(() => runEvaluatedNow(args, io)) : runEvaluatedNow(args, io);
}

function runEvaluatedNow(args: EvaluatedArgs, io: Io): number {
  const jobs = jobsFromEnv(io);
  const out = args.command === 'report' || args.command === 'export' ? args.out : undefined;
  // With --cache every file's bytes are read first (they are the key) and parsed as read; without,
  // each is read by the thread that parses it.
  const read = args.cache ? readWorkspaceFiles(args.dir, io) : undefined;
  const cache = read && openCache(args, io, read);
  const hit = cache?.lookup();
  if (hit) return emit(out, io, hit);
  // Loaded only now: what a hit never needs (its module initialisation alone is a good part of a warm run).
  const { computeResult } = require('./compute') as typeof import('./compute');
  const { result, store } = computeResult(args, io, read ?? listWorkspaceFilesIn(args.dir, io), cache, jobs);
  const code = emit(out, io, result);
  store?.();
  return code;
}
