// Real git repositories for the history tests: the workspace in `ws/`, commits at the author and
// committer dates each test gives, isolated from the machine's git config; merges, renames and
// deletions are plain git commands run by the test.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface CommitDates {
  /** When the change was written (GIT_AUTHOR_DATE), ISO with an offset. */
  authored?: string;
  /** When it entered the history (GIT_COMMITTER_DATE); default: the author date. */
  committed: string;
}

export class HistoryRepo {
  readonly dir: string;
  /** An empty global config and no system config: the machine's settings do not leak in. */
  readonly env: NodeJS.ProcessEnv;

  constructor(dir?: string) {
    this.dir = dir ?? fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'patchops-history-')));
    fs.mkdirSync(path.join(this.dir, 'ws'), { recursive: true });
    const globalConfig = path.join(os.tmpdir(), `patchops-history-${process.pid}.gitconfig`);
    fs.writeFileSync(globalConfig, '');
    this.env = { ...process.env, GIT_CONFIG_GLOBAL: globalConfig, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };
    for (const key of Object.keys(this.env)) if (/^GIT_(DIR|WORK_TREE|INDEX_FILE|AUTHOR_|COMMITTER_)/.test(key)) delete this.env[key];
    if (!dir) this.git(['init', '-q', '-b', 'main']);
  }

  /** The workspace folder: `ws/` inside the repository. */
  get root(): string {
    return path.join(this.dir, 'ws');
  }

  git(args: string[], env: NodeJS.ProcessEnv = {}): string {
    return execFileSync('git', args, { cwd: this.dir, env: { ...this.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  }

  write(files: Record<string, string | Buffer>): void {
    for (const [rel, text] of Object.entries(files)) {
      const full = path.join(this.root, rel);
      fs.mkdirSync(path.dirname(full), { recursive: true });
      fs.writeFileSync(full, text);
    }
  }

  remove(...rels: string[]): void {
    for (const rel of rels) fs.rmSync(path.join(this.root, rel), { force: true, recursive: true });
  }

  /** Commits everything at the given dates; returns the commit id. */
  commit(message: string, dates: CommitDates): string {
    this.git(['add', '-A']);
    this.git(['commit', '-q', '--no-verify', '--allow-empty', '-m', message], datesEnv(dates));
    return this.head();
  }

  /** Merges `branch` into the current branch with a merge commit (no fast-forward) at `dates`. */
  merge(branch: string, message: string, dates: CommitDates): string {
    this.git(['merge', '-q', '--no-ff', '--no-verify', '-m', message, branch], datesEnv(dates));
    return this.head();
  }

  head(): string {
    return this.git(['rev-parse', 'HEAD']).trim();
  }

  cleanup(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

function datesEnv(dates: CommitDates): NodeJS.ProcessEnv {
  return {
    GIT_AUTHOR_NAME: 'Alice',
    GIT_AUTHOR_EMAIL: 'alice@example.com',
    GIT_COMMITTER_NAME: 'Bob',
    GIT_COMMITTER_EMAIL: 'bob@example.com',
    GIT_AUTHOR_DATE: dates.authored ?? dates.committed,
    GIT_COMMITTER_DATE: dates.committed,
  };
}

/** An executable shell script (for hooks and fsmonitor programs that must never run). */
export function script(file: string, body: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return file;
}
