// Real git repositories (test/support/gitRepo.ts) for the history tests: commits at the author and
// committer dates each test gives; merges, renames and deletions are plain git commands run by
// the test.
import * as fs from 'fs';
import * as path from 'path';
import { GitRepo } from '../../support/gitRepo';

export interface CommitDates {
  /** When the change was written (GIT_AUTHOR_DATE), ISO with an offset. */
  authored?: string;
  /** When it entered the history (GIT_COMMITTER_DATE); default: the author date. */
  committed: string;
}

export class HistoryRepo extends GitRepo {
  /** A new repository, or the one at `dir` (made by another HistoryRepo). */
  constructor(dir?: string) {
    super({ dir, prefix: 'patchops-history-' });
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

  cleanup(): void {
    this.deleteAll();
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
